namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

/// <summary>
/// A fact that needs the docker CLI: skipped, with the reason, when <c>docker</c> is not on PATH, except under
/// <c>CI=true</c>, where it runs and fails (<see cref="DockerCli.Require"/>) so CI cannot silently lose the oracle.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerCli.Path is null && !DockerCli.InCi)
            Skip = "docker CLI not found on PATH: the docker stack config oracle cannot run on this machine (with CI=true this test fails instead)";
    }
}
