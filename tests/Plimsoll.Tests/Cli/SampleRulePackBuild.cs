using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>tests/SampleRulePack, a third-party rule pack, built from source once per test run.</summary>
internal static class SampleRulePackBuild
{
    private static readonly Lazy<string> Assembly = new(() =>
    {
        string output = TempDirectory.Create();
        ExternalTool.Run(TestPaths.RepoRoot, null, "dotnet", "build", Path.Combine(TestPaths.RepoRoot, "tests", "SampleRulePack", "SampleRulePack.csproj"),
                "-c", "Debug", "-o", output, "--nologo", "-v", "quiet")
            .EnsureSuccess("dotnet build SampleRulePack");
        return Path.Combine(output, "SampleRulePack.dll");
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The path of SampleRulePack.dll (rule ACME001: MAINTAINER is deprecated).</summary>
    public static string AssemblyPath => Assembly.Value;
}
