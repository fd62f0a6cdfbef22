using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6001: a language package installed by name with no version: <c>pip install flask</c>, <c>npm install -g typescript</c>,
/// <c>yarn global add x</c>, <c>gem install rails</c>, <c>go install example.com/cmd@latest</c>. Requirement and constraint
/// files, lock files (a bare <c>npm install</c>), local paths, archives and VCS sources pinned to a revision are fine.
/// </summary>
[PlimsollAnalyzer]
public sealed class UnpinnedLanguagePackageAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Unpinned = new("unpinned", "{tool} installs '{package}' without a pinned version: write {example}");
    public static readonly RuleMessage Latest = new("latest", "{tool} installs '{package}' at whatever version is newest when the image is built: pin a version ({example})");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6001", name: "UnpinnedLanguagePackage", title: "Language package installed without a pinned version",
        category: "Reproducibility", defaultSeverity: DiagnosticSeverity.Warning,
        description: "An unpinned pip, npm, yarn, gem or go package is whatever the registry serves on the day of the build: rebuilds differ, and a hijacked release is taken in at once.",
        securitySeverity: "4.0", precision: RulePrecision.High,
        tags: [RuleTag.Reproducibility, RuleTag.Security],
        messages: [Unpinned, Latest],
        peers: [PeerRule.Hadolint("DL3013"), PeerRule.Hadolint("DL3016"), PeerRule.Hadolint("DL3028"), PeerRule.Hadolint("DL3062"),
            PeerRule.Kics("02d9c71f-3ee8-4986-9c27-1a20d0d19bfc", "Unpinned Package Version in Pip Install"),
            PeerRule.Kics("e36d8880-3f78-4546-b9a1-12f0745ca0d5", "NPM Install Command Without Pinned Version"),
            PeerRule.Kics("22cd11f7-9c6c-4f6e-84c0-02058120b341", "Gem Install Without Version")]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package == null || package.IsOsManager || !package.IsInstall || package.Packages.IsEmpty) return;
        switch (package.Manager)
        {
            case PackageManager.Pip:
                // A constraints file pins whatever is named.
                if (package.Has('c', "constraint") || context.Command.SimpleCommand!.Assignments.Any(a => a.Name == "PIP_CONSTRAINT")) return;
                if (!string.IsNullOrEmpty(context.Model.Resolve(context.Instruction, "${PIP_CONSTRAINT}").Value)) return;
                break;
            case PackageManager.Npm:
            case PackageManager.Pnpm:
                if (package.Subcommand != "install" && package.Subcommand != "add") return;
                break;
            case PackageManager.Yarn:
                if (package.Subcommand != "add") return;
                break;
            case PackageManager.Gem:
                if (package.Has('v', "version")) return;
                break;
        }
        foreach (var argument in package.Packages)
        {
            if (argument.IsPinned || argument.Kind == PackageArgumentKind.Unknown || argument.Kind == PackageArgumentKind.Path) continue;
            string name = argument.Text;
            string bare = BareName(package.Manager, name, out bool latest);
            string example = package.Manager switch
            {
                PackageManager.Pip => $"'{bare}==<version>'",
                PackageManager.Gem => $"'{bare}:<version>' or -v <version>",
                _ => $"'{bare}@<version>'",
            };
            if (argument.Kind == PackageArgumentKind.Url)
                example = package.Manager == PackageManager.Pip ? "'…@<commit or tag>'" : "'…#<commit or tag>'";
            context.Report(latest ? Latest : Unpinned, context.MapToSource(argument.Word), package.Tool, name, example);
        }
    }

    /// <summary>The package name without a floating tag (<c>x@latest</c> → <c>x</c>).</summary>
    private static string BareName(PackageManager manager, string text, out bool latest)
    {
        latest = false;
        if (manager is PackageManager.Pip or PackageManager.Gem) return text;
        int at = text.LastIndexOf('@');
        if (at <= 0) return text;
        latest = true;
        return text.Substring(0, at);
    }
}
