using Plimsoll.Tests.Cli;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.DotNet;

/// <summary>
/// <c>plimsoll lint Sample.sln</c> on a solution the test writes: each project is evaluated by the SDK's own MSBuild
/// (real evaluation, no build), and what belongs to it is linted at exact locations.
/// </summary>
[Trait("Tier", "Slow")]
public class SolutionLintTests
{
    private static void Write(string root, string relative, string text)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string SampleSolution()
    {
        string dir = TempDirectory.Create();
        Write(dir, "Sample.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            # Visual Studio Version 17
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Console", "Console\Console.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Web", "Web\Web.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Project("{E53339B2-1760-4266-BCC7-CA923CBCF16C}") = "docker-compose", "docker-compose.dcproj", "{33333333-3333-3333-3333-333333333333}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Broken", "Broken\Broken.csproj", "{44444444-4444-4444-4444-444444444444}"
            EndProject
            Global
            EndGlobal

            """);
        Write(dir, "Console/Console.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
        Write(dir, "Console/Dockerfile", "FROM mcr.microsoft.com/dotnet/runtime:10.0\nUSER root\n");
        Write(dir, "Web/Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"hunter2\" />\n    <ContainerEnvironmentVariable Include=\"API_KEY\" Value=\"$(ApiKey)\" />\n    <ContainerPort Include=\"8080\" Type=\"tcp\" />\n  </ItemGroup>\n</Project>\n");
        Write(dir, "Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet:latest</ContainerBaseImage>\n    <ContainerUser>root</ContainerUser>\n  </PropertyGroup>\n</Project>\n");
        Write(dir, "docker-compose.dcproj", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project ToolsVersion=\"15.0\" Sdk=\"Microsoft.Docker.Sdk\">\n  <PropertyGroup Label=\"Globals\">\n    <DockerTargetOS>Linux</DockerTargetOS>\n  </PropertyGroup>\n  <ItemGroup>\n    <None Include=\"docker-compose.override.yml\">\n      <DependentUpon>docker-compose.yml</DependentUpon>\n    </None>\n    <None Include=\"docker-compose.yml\" />\n  </ItemGroup>\n</Project>\n");
        Write(dir, "docker-compose.yml", "services:\n  web:\n    image: sample/web:1.0\n    user: \"1000\"\n    secrets: [db]\n");
        Write(dir, "docker-compose.override.yml", "services:\n  web:\n    privileged: true\nsecrets:\n  db:\n    file: ./db.txt\n");
        Write(dir, "db.txt", "not a real secret");
        // Not well-formed XML: MSBuild cannot evaluate it.
        Write(dir, "Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0\n  </PropertyGroup>\n</Project>\n");
        return dir;
    }

    [Fact]
    public void Solution_lints_each_projects_dockerfile_compose_files_and_container_settings_at_the_defining_element()
    {
        string dir = SampleSolution();

        var result = CliProcess.Run(dir, null, "lint", "Sample.sln", "--format", "text");

        var lines = result.StdOut.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(' ')).ToList();
        // The console project's Dockerfile, found beside the project.
        Assert.Contains("Console/Dockerfile:2:1: warning PL2001 USER root makes the final stage run as root: switch to a non-root user", lines);
        // The compose project's files: the override file is linted and merged (it defines the secret).
        Assert.Contains("docker-compose.override.yml:3:17: error PL2002 Service 'web' runs privileged: it gets every capability and all host devices", lines);
        Assert.Contains("docker-compose.yml:3:12: note PL1002 Image 'sample/web:1.0' is not pinned by a digest: append @sha256:<digest> of the tag you tested", lines);
        Assert.DoesNotContain(lines, l => l.Contains("PL4001"));
        // Container settings from Directory.Build.props: reported once, though two projects import it.
        Assert.Single(lines, l => l.StartsWith("Directory.Build.props:3:5: warning PL1001 Image 'mcr.microsoft.com/dotnet/aspnet:latest' uses the moving tag 'latest'", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Directory.Build.props:3:5: note PL1002 Image 'mcr.microsoft.com/dotnet/aspnet:latest'", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Directory.Build.props:4:5: warning PL2001 ContainerUser 'root' makes the published container run as root", StringComparison.Ordinal));
        // An item in the project file; a value taken from a property is not a literal credential.
        Assert.Contains(lines, l => l.StartsWith("Web/Web.csproj:6:5: error PL4002 ContainerEnvironmentVariable DB_PASSWORD stores a credential", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("API_KEY"));
        // The broken project is a located tool error; its siblings were linted all the same.
        Assert.Contains(lines, l => l.StartsWith("Broken/Broken.csproj: error line 4, column 5: Cannot evaluate the project:", StringComparison.Ordinal));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Slnx_a_folder_holding_one_project_and_DockerfileFile_are_lint_targets()
    {
        string dir = TempDirectory.Create();
        Write(dir, "App.slnx", "<Solution>\n  <Project Path=\"Api/Api.csproj\" />\n</Solution>\n");
        Write(dir, "Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <DockerfileFile>docker/Api.Dockerfile</DockerfileFile>\n    <ContainerUser>app</ContainerUser>\n    <ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        Write(dir, "Api/docker/Api.Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nUSER app\n");
        Write(dir, "Api/Dockerfile", "FROM ubuntu\n");

        var solution = CliProcess.Run(dir, null, "lint", "App.slnx");
        var folder = CliProcess.Run(dir, null, "lint", "Api");

        Assert.Contains("Api/docker/Api.Dockerfile:1:6: note PL1002", solution.StdOut);
        Assert.Contains("Api/Api.csproj:6:5: warning PL1001 Image 'mcr.microsoft.com/dotnet/aspnet' has no tag, so it means 'latest'", solution.StdOut);
        Assert.DoesNotContain("PL2001", solution.StdOut);            // ContainerUser app is not root
        Assert.DoesNotContain("Api/Dockerfile:", solution.StdOut);    // DockerfileFile names the project's Dockerfile
        Assert.Equal(1, solution.ExitCode);
        // A folder is searched as always, and the one project in it adds its container settings.
        Assert.Contains("Api/Api.csproj:6:5: warning PL1001", folder.StdOut);
        Assert.Contains("Api/Dockerfile:1:6: warning PL1001", folder.StdOut);
        Assert.Contains("Api/docker/Api.Dockerfile:1:6: note PL1002", folder.StdOut);
    }

    [Fact]
    public void A_missing_DockerfileFile_is_a_located_error()
    {
        string dir = TempDirectory.Create();
        Write(dir, "Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <DockerfileFile>gone/Dockerfile</DockerfileFile>\n  </PropertyGroup>\n</Project>\n");

        var result = CliProcess.Run(dir, null, "lint", "Api/Api.csproj");

        Assert.Contains("Api/Api.csproj: error line 4, column 5: DockerfileFile names 'gone/Dockerfile', which does not exist", result.StdOut + result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void A_project_whose_SDK_is_not_installed_is_a_located_error_and_its_sibling_is_still_linted()
    {
        string dir = TempDirectory.Create();
        Write(dir, "App.slnx", "<Solution>\n  <Project Path=\"Old/Old.csproj\" />\n  <Project Path=\"Api/Api.csproj\" />\n</Solution>\n");
        // An SDK no machine has (as a project written for an SDK that is not installed here).
        Write(dir, "Old/Old.csproj", "<Project Sdk=\"Contoso.Containers.Sdk/9.9.9\">\n  <PropertyGroup>\n    <ContainerUser>root</ContainerUser>\n  </PropertyGroup>\n</Project>\n");
        Write(dir, "Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <ContainerUser>0</ContainerUser>\n  </PropertyGroup>\n</Project>\n");

        var result = CliProcess.Run(dir, null, "lint", "App.slnx");
        string all = result.StdOut + result.StdErr;

        Assert.Contains("Old/Old.csproj: error line 1, column 10: Cannot evaluate the project: The SDK 'Contoso.Containers.Sdk/9.9.9' specified could not be found.", all);
        Assert.DoesNotContain("Old/Old.csproj:3:", all); // nothing is judged from a project that was not evaluated
        Assert.Contains("Api/Api.csproj:4:5: warning PL2001 ContainerUser '0' makes the published container run as root", all);
        Assert.Equal(2, result.ExitCode);
    }
}
