using System.Collections.Immutable;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Semantics.DotNet;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.DotNet;

/// <summary>
/// The rules over the SDK's container settings, driven through the session with in-memory files only (no MSBuild):
/// a finding lands on the element that defined the setting, in the file that holds it.
/// </summary>
public class ContainerSettingsRulesTests
{
    private const string Props = "/repo/Directory.Build.props";
    private const string Project = "/repo/Web/Web.csproj";

    private static IReadOnlyList<string> Lint(string propsText, string projectText, params ContainerSetting[] settings)
        => Lint(propsText, projectText, null, settings);

    private static IReadOnlyList<string> Lint(string propsText, string projectText, string? editorConfig, params ContainerSetting[] settings)
    {
        var files = new InMemoryFileSystem();
        files.SetFile(Props, propsText);
        files.SetFile(Project, projectText);
        if (editorConfig != null) files.SetFile("/repo/.editorconfig", editorConfig);
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files });
        var container = new ContainerSettings(Project,
            settings.Where(s => !ContainerSettings.ItemNames.Contains(s.Name)).ToImmutableArray(),
            settings.Where(s => ContainerSettings.ItemNames.Contains(s.Name)).ToImmutableArray());
        return session.LintContainerSettings(container)
            .SelectMany(r => r.Findings.Select(f =>
            {
                var span = f.LineSpan;
                return $"{r.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1}:{span.EndLinePosition.Character + 1} {f.Id}";
            }))
            .ToList();
    }

    private const string PropsText = "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet:latest</ContainerBaseImage>\n    <ContainerUser>0</ContainerUser>\n  </PropertyGroup>\n</Project>\n";
    private const string ProjectText = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"API_TOKEN\"\n        Value=\"abc123\" />\n    <ContainerEnvironmentVariable Include=\"API_TOKEN_FILE\" Value=\"$(TokenFile)\" />\n  </ItemGroup>\n</Project>\n";

    [Fact]
    public void Findings_land_on_the_defining_elements_in_their_files()
    {
        var findings = Lint(PropsText, ProjectText,
            new ContainerSetting("ContainerBaseImage", "mcr.microsoft.com/dotnet/aspnet:latest", new MSBuildElementLocation(Props, 3, 5)),
            new ContainerSetting("ContainerUser", "0", new MSBuildElementLocation(Props, 4, 5)),
            new ContainerSetting("ContainerEnvironmentVariable", "API_TOKEN", new MSBuildElementLocation(Project, 3, 5),
                ImmutableDictionary<string, string>.Empty.Add("Value", "abc123")));

        Assert.Equal(new[]
        {
            $"{Props}:3:5-3:84 PL1001",
            $"{Props}:3:5-3:84 PL1002",
            $"{Props}:4:5-4:37 PL2001",
            $"{Project}:3:5-4:26 PL4002",
        }, findings.OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void A_pinned_base_image_a_non_root_user_and_a_variable_taken_from_a_property_are_not_findings()
    {
        string digest = "sha256:" + new string('a', 64);
        var findings = Lint(PropsText, ProjectText,
            new ContainerSetting("ContainerBaseImage", "mcr.microsoft.com/dotnet/aspnet:10.0@" + digest, new MSBuildElementLocation(Props, 3, 5)),
            new ContainerSetting("ContainerUser", "app", new MSBuildElementLocation(Props, 4, 5)),
            new ContainerSetting("ContainerEnvironmentVariable", "API_TOKEN", new MSBuildElementLocation(Project, 5, 5),
                ImmutableDictionary<string, string>.Empty.Add("Value", "$(TokenFile)")));

        Assert.Empty(findings);
    }

    [Fact]
    public void An_ssh_container_port_and_a_working_directory_in_proc_are_findings_a_udp_22_and_app_are_not()
    {
        const string props = "<Project>\n  <PropertyGroup>\n    <ContainerWorkingDirectory>/proc/app</ContainerWorkingDirectory>\n  </PropertyGroup>\n</Project>\n";
        const string project = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <ItemGroup>\n    <ContainerPort Include=\"22\" />\n    <ContainerPort Include=\"22\" Type=\"udp\" />\n  </ItemGroup>\n</Project>\n";
        var udp = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase).Add("Type", "udp");
        var findings = Lint(props, project,
            new ContainerSetting("ContainerWorkingDirectory", "/proc/app", new MSBuildElementLocation(Props, 3, 5)),
            new ContainerSetting("ContainerPort", "22", new MSBuildElementLocation(Project, 3, 5)),
            new ContainerSetting("ContainerPort", "22", new MSBuildElementLocation(Project, 4, 5), udp));
        Assert.Equal(new[] { $"{Props}:3:5-3:69 PL2030", $"{Project}:3:5-3:35 PL3020" }, findings.OrderBy(f => f, StringComparer.Ordinal));

        Assert.Empty(Lint(props.Replace("/proc/app", "/app"), project,
            new ContainerSetting("ContainerWorkingDirectory", "/app", new MSBuildElementLocation(Props, 3, 5)),
            new ContainerSetting("ContainerPort", "8080", new MSBuildElementLocation(Project, 3, 5))));
    }

    [Fact]
    public void Tls_verification_turned_off_by_an_environment_item_and_a_base_image_outside_the_trusted_registries_are_findings()
    {
        const string props = "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>quay.io/acme/runtime:1.2</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n";
        const string project = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"NODE_TLS_REJECT_UNAUTHORIZED\" Value=\"0\" />\n    <ContainerEnvironmentVariable Include=\"GIT_SSL_NO_VERIFY\" Value=\"$(NoVerify)\" />\n  </ItemGroup>\n</Project>\n";
        ContainerSetting[] settings =
        {
            new("ContainerBaseImage", "quay.io/acme/runtime:1.2", new MSBuildElementLocation(Props, 3, 5)),
            new("ContainerEnvironmentVariable", "NODE_TLS_REJECT_UNAUTHORIZED", new MSBuildElementLocation(Project, 3, 5), ImmutableDictionary<string, string>.Empty.Add("Value", "0")),
            new("ContainerEnvironmentVariable", "GIT_SSL_NO_VERIFY", new MSBuildElementLocation(Project, 4, 5), ImmutableDictionary<string, string>.Empty.Add("Value", "$(NoVerify)")),
        };
        const string trusted = "root = true\n[*]\nplimsoll.trusted_registries = mcr.microsoft.com, docker.io\n";

        var findings = Lint(props, project, trusted, settings).Where(f => !f.EndsWith("PL1002", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { $"{Props}:3:5-3:70 PL1020", $"{Project}:3:5-3:86 PL1003" }, findings.OrderBy(f => f, StringComparer.Ordinal));
        // Without an allow-list PL1020 says nothing; '*.io' style patterns allow the registry.
        Assert.DoesNotContain(Lint(props, project, settings), f => f.EndsWith("PL1020", StringComparison.Ordinal));
        Assert.DoesNotContain(Lint(props, project, trusted.Replace("docker.io", "*.io"), settings), f => f.EndsWith("PL1020", StringComparison.Ordinal));
    }
}
