namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// A fact that needs Debian's <c>docker-registry</c> and <c>skopeo</c>: skipped without them on a developer machine,
/// but run (and failing with a clear message) when <c>CI=true</c>, so CI cannot silently lose the test.
/// tests/run-all.sh installs both when run as root.
/// </summary>
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        if (LocalRegistry.MissingTools() is { } missing && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = missing + "; with CI=true this test fails instead";
    }
}
