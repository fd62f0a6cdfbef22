using System.Text.RegularExpressions;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>The tool as users get it: `dotnet pack`, `dotnet tool install` from the package, then `plimsoll` from another folder.</summary>
[Collection(ToolPackagingCollection.Name)]
[Trait("Tier", "Slow")]
public class ToolInstallTests
{
    [Fact]
    public void Packed_tool_installs_and_lints_from_another_folder()
    {
        string packages = TempDirectory.Create(), toolPath = TempDirectory.Create(), elsewhere = TempDirectory.Create();
        ExternalTool.Run(TestPaths.RepoRoot, null, "dotnet", "pack", Path.Combine(TestPaths.RepoRoot, "src", "Plimsoll.Cli"), "-c", "Release", "-o", packages, "--nologo")
            .EnsureSuccess("dotnet pack");
        string nupkg = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "*.nupkg")));
        var match = Regex.Match(nupkg, @"^Plimsoll\.(?<version>\d+\.\d+\.\d+.*)\.nupkg$");
        Assert.True(match.Success, "unexpected package name " + nupkg);
        string version = match.Groups["version"].Value;

        ExternalTool.Run(elsewhere, null, "dotnet", "tool", "install", "--tool-path", toolPath, "--add-source", packages, "Plimsoll", "--version", version)
            .EnsureSuccess("dotnet tool install");
        string plimsoll = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "plimsoll.exe" : "plimsoll");

        var lint = ExternalTool.Run(elsewhere, null, plimsoll, "lint", Path.Combine(TestPaths.RepoRoot, "examples", "insecure"));
        Assert.True(lint.ExitCode == 1, lint.Output);
        Assert.Contains("warning PL1001 Image 'ubuntu' has no tag", lint.Output);
        Assert.Contains("error PL1003 ", lint.Output);

        var versionOutput = ExternalTool.Run(elsewhere, null, plimsoll, "--version").EnsureSuccess("plimsoll --version");
        Assert.StartsWith(version, versionOutput.Output.Trim());
    }
}
