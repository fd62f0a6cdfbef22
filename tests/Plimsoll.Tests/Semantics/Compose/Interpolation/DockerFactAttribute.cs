namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

/// <summary>A fact that needs the docker CLI; skipped, with the reason, only when <c>docker</c> is not on PATH.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerCli.Path is null) Skip = "docker CLI not found on PATH: the docker stack config oracle cannot run on this machine";
    }
}
