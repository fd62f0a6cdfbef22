using System.Text.Json;
using Plimsoll.Tests.Cli;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.DotNet;

/// <summary>
/// Plimsoll.Analyzers packed from source (as tools/pack-release.sh does) and referenced by a project that a real
/// <c>dotnet build</c> compiles: findings in its Dockerfile and compose file are compiler diagnostics.
/// </summary>
[Trait("Tier", "Slow")]
public class AnalyzerPackageTests
{
    private static readonly Lazy<string> PackageFolder = new(() =>
    {
        string output = TempDirectory.Create();
        ExternalTool.Run(TestPaths.RepoRoot, null, "dotnet", "pack", Path.Combine(TestPaths.RepoRoot, "src", "Plimsoll.Analyzers", "Plimsoll.Analyzers.csproj"),
                "-p:PlimsollPackAnalyzers=true", "-c", "Release", "-o", output, "--nologo", "-v", "quiet")
            .EnsureSuccess("dotnet pack Plimsoll.Analyzers");
        return output;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string SampleProject(string? globalConfig = null, string projectItems = "")
    {
        string dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{PackageFolder.Value}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Plimsoll.Analyzers" Version="0.1.0" />
              </ItemGroup>
            {projectItems}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "C.cs"), "class C { }\n");
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM ubuntu:latest\nUSER root\n");
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n    user: \"1000\"\n    privileged: true\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet:latest</ContainerBaseImage>\n    <ContainerUser>root</ContainerUser>\n    <ContainerUser Condition=\"'$(Configuration)' == 'Never'\">app</ContainerUser>\n    <!-- <ContainerUser>app</ContainerUser> -->\n  </PropertyGroup>\n</Project>\n");
        if (globalConfig != null) File.WriteAllText(Path.Combine(dir, ".globalconfig"), globalConfig);
        return dir;
    }

    private static ExternalTool.Result Build(string dir, params string[] extra)
        => ExternalTool.Run(dir, null, "dotnet", new[] { "build", "--nologo", "--packages", Path.Combine(dir, "packages"), "-v", "minimal" }.Concat(extra).ToArray());

    [Fact]
    public void Build_reports_findings_at_their_lines_and_in_the_sarif_error_log()
    {
        string dir = SampleProject();

        var build = Build(dir, "-p:ErrorLog=build.sarif%2Cversion=2.1");

        string dockerfile = Path.Combine(dir, "Dockerfile");
        Assert.Contains($"{dockerfile}(1,6): warning PL1001: Image 'ubuntu:latest' uses the moving tag 'latest'", build.Output);
        Assert.Contains($"{dockerfile}(2,1): warning PL2001: USER root makes the final stage run as root", build.Output);
        Assert.Contains($"{Path.Combine(dir, "compose.yaml")}(5,17): error PL2002: Service 'web' runs privileged", build.Output);
        // Compiler-visible container settings, at the element that writes them (neither the one under a false condition
        // nor the commented-out one below it).
        string props = Path.Combine(dir, "Directory.Build.props");
        Assert.Contains($"{props}(3,5): warning PL1001: Image 'mcr.microsoft.com/dotnet/aspnet:latest' uses the moving tag 'latest'", build.Output);
        Assert.Contains($"{props}(4,5): warning PL2001: ContainerUser 'root' makes the published container run as root", build.Output);
        Assert.NotEqual(0, build.ExitCode); // PL2002 is an error by default
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "build.sarif")));
        var ids = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Contains("PL1001", ids);
        Assert.Contains("PL2001", ids);
        Assert.Contains("PL2002", ids);
    }

    [Fact]
    public void Container_items_are_judged_at_the_element_that_writes_them_and_a_property_value_is_not_a_literal()
    {
        string dir = SampleProject(projectItems: """
              <ItemGroup>
                <ContainerEnvironmentVariable Include="DB_PASSWORD" Value="hunter2" />
                <ContainerEnvironmentVariable Include="API_KEY" Value="$(ApiKey)" />
                <!-- <ContainerEnvironmentVariable Include="DB_PASSWORD" Value="old" /> -->
                <ContainerPort Include="22" />
              </ItemGroup>
            """);

        var build = Build(dir, "-p:ApiKey=sk_live_0123456789abcdefghij");

        string project = Path.Combine(dir, "App.csproj");
        var lines = File.ReadAllLines(project);
        int line = Array.FindIndex(lines, l => l.Contains("DB_PASSWORD")) + 1;
        int column = lines[line - 1].IndexOf('<') + 1;
        Assert.Contains($"{project}({line},{column}): error PL4002: ContainerEnvironmentVariable DB_PASSWORD stores a credential", build.Output);
        int portLine = Array.FindIndex(lines, l => l.Contains("ContainerPort")) + 1;
        Assert.Contains($"{project}({portLine},{lines[portLine - 1].IndexOf('<') + 1}): warning PL3020: ContainerPort 22 declares the SSH port", build.Output);
        Assert.DoesNotContain("API_KEY", build.Output);   // written as $(ApiKey): given at build time, not stored in the project
        Assert.NotEqual(0, build.ExitCode);                // PL4002 is an error by default
    }

    [Fact]
    public void Globalconfig_severities_and_TreatWarningsAsErrors_are_honoured()
    {
        // Also rule options and an opt-in rule (PL5017, off by default) turned on from .globalconfig.
        string dir = SampleProject("is_global = true\ndotnet_diagnostic.PL2002.severity = none\ndotnet_diagnostic.PL1001.severity = none\ndotnet_diagnostic.PL1002.severity = none\n"
                                   + "dotnet_diagnostic.PL5017.severity = warning\nplimsoll.trusted_registries = mcr.microsoft.com\n");

        var relaxed = Build(dir);
        // A property change does not make the compile out of date: rebuild.
        var strict = Build(dir, "--no-incremental", "-p:TreatWarningsAsErrors=true");

        Assert.DoesNotContain("PL2002", relaxed.Output);
        Assert.DoesNotContain("PL1001", relaxed.Output);
        Assert.Contains("(2,1): warning PL2001:", relaxed.Output);
        Assert.Contains("Dockerfile(1,6): warning PL1020: 'ubuntu:latest' is pulled from Docker Hub", relaxed.Output);
        Assert.Contains(": warning PL5017:", relaxed.Output);
        Assert.DoesNotContain("Directory.Build.props(3,5): warning PL1020", relaxed.Output); // mcr.microsoft.com is trusted
        Assert.Equal(0, relaxed.ExitCode);
        Assert.Contains("(2,1): error PL2001:", strict.Output);
        Assert.NotEqual(0, strict.ExitCode);
    }

    [Fact]
    public void An_unchanged_project_is_not_compiled_again_and_reports_nothing_new()
    {
        string dir = SampleProject("is_global = true\ndotnet_diagnostic.PL2002.severity = none\n");

        var first = Build(dir);
        var second = Build(dir);

        Assert.Contains("warning PL2001:", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("PL", string.Join("\n", second.Output.Split('\n').Where(l => l.Contains(": warning ") || l.Contains(": error "))));
    }
}
