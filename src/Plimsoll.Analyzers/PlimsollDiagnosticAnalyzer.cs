using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using AnalyzerRegistry = Plimsoll.Analysis.AnalyzerRegistry;
using PlimsollAnalyzer = Plimsoll.Analysis.PlimsollAnalyzer;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analyzers;

/// <summary>
/// The Roslyn host of the lint session: every AdditionalFile marked <c>PlimsollRole=Lint</c> (a Dockerfile, a compose
/// file) is linted, and every read besides it (override file, <c>.env</c>) goes to the compilation's additional files
/// through an in-memory file system, never the disk. Findings are reported at their place in the file, so they show
/// as <c>path(line,col): warning PL1001: …</c>, in the SARIF error log and in IDE error lists; severities come from
/// <c>.globalconfig</c> (<c>dotnet_diagnostic.PL1001.severity</c>), <c>NoWarn</c> and <c>TreatWarningsAsErrors</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic, LanguageNames.FSharp)]
public sealed class PlimsollDiagnosticAnalyzer : DiagnosticAnalyzer
{
    private const string RoleKey = "build_metadata.AdditionalFiles.PlimsollRole";
    private static readonly IReadOnlyList<PlimsollAnalyzer> Rules = BuiltInRules.CreateAnalyzers();
    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors =
        new AnalyzerRegistry(Rules).Rules.Select(r => r.Descriptor)
            .Concat(new[] { Plimsoll.Diagnostics.SyntaxDiagnostics.DockerfileSyntax, Plimsoll.Diagnostics.SyntaxDiagnostics.ComposeSyntax })
            .ToImmutableArray();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var files = new InMemoryFileSystem();
            var toLint = new HashSet<string>(FilePaths.Comparer);
            var settingsFiles = new List<(string Path, Microsoft.CodeAnalysis.Text.SourceText Text)>();
            Microsoft.CodeAnalysis.Text.SourceText? containerItems = null;
            foreach (var file in start.Options.AdditionalFiles)
            {
                var options = start.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if (!options.TryGetValue(RoleKey, out var role) || role.Length == 0) continue;
                if (file.GetText(start.CancellationToken) is not { } text) continue;
                files.SetFile(file.Path, text);
                if (string.Equals(role, "Lint", StringComparison.OrdinalIgnoreCase)) toLint.Add(file.Path);
                if (string.Equals(role, "Settings", StringComparison.OrdinalIgnoreCase)) settingsFiles.Add((file.Path, text));
                if (string.Equals(role, "ContainerItems", StringComparison.OrdinalIgnoreCase)) containerItems = text;
            }
            if (toLint.Count == 0 && settingsFiles.Count == 0) return;
            // Severity and suppression are Roslyn's here (.globalconfig, NoWarn): the session reads no configuration files.
            var session = LintSession.Create(new LintSessionOptions
            {
                Analyzers = Rules,
                FileSystem = files,
                ReadHadolintConfig = false,
                OptionsProviderFactory = (_, _) => new GlobalRuleOptions(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, start.Compilation, start.CancellationToken),
            });
            if (settingsFiles.Count > 0)
            {
                // Directory.Build.props is imported before the project body: order the files as evaluation reads them.
                settingsFiles.Sort((a, b) => IsProjectFile(a.Path).CompareTo(IsProjectFile(b.Path)));
                var global = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
                var settings = ContainerSettingsReader.Read(settingsFiles[settingsFiles.Count - 1].Path, settingsFiles,
                    name => global.TryGetValue("build_property." + name, out var value) ? value : null, containerItems);
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (var result in session.LintContainerSettings(settings, end.CancellationToken))
                        foreach (var finding in result.Findings)
                            if (!finding.IsSuppressed) end.ReportDiagnostic(finding.Diagnostic);
                });
            }
            start.RegisterAdditionalFileAction(file =>
            {
                if (!toLint.Contains(file.AdditionalFile.Path)) return;
                var result = session.Lint(file.AdditionalFile.Path, file.AdditionalFile.GetText(file.CancellationToken), file.CancellationToken);
                foreach (var finding in result.Findings)
                {
                    // In-source suppressions (# plimsoll disable ...) hold here too; syntax errors (PL9001/PL9002) are reported.
                    if (finding.IsSuppressed) continue;
                    file.ReportDiagnostic(finding.Diagnostic);
                }
            });
        });
    }

    private static bool IsProjectFile(string path) => Plimsoll.Workspace.DotNetProjectFiles.IsProject(path);

    // Rule options (plimsoll.trusted_registries, plimsoll.allowed_capabilities, ...) from .globalconfig, and opt-in rules the
    // build turned on: the compiler keeps dotnet_diagnostic.ID.severity (and NoWarn, WarningsAsErrors) to itself, so an
    // opt-in rule's configured severity is asked of the compilation; the compiler then applies every severity as usual.
    private sealed class GlobalRuleOptions : Plimsoll.Analysis.Configuration.IAnalyzerOptionsProvider
    {
        private readonly Plimsoll.Analysis.Configuration.AnalyzerOptions _options;

        public GlobalRuleOptions(AnalyzerConfigOptions global, Compilation compilation, CancellationToken cancellationToken)
        {
            var settings = new List<KeyValuePair<string, string>>();
            foreach (var key in global.Keys)
                if (key.StartsWith("plimsoll.", StringComparison.OrdinalIgnoreCase) && global.TryGetValue(key, out var value))
                    settings.Add(new KeyValuePair<string, string>(key, value));
            foreach (var rule in Rules.SelectMany(a => a.SupportedRules).Where(r => !r.IsEnabledByDefault))
            {
                if (!TryGetConfiguredSeverity(compilation, rule.Id, cancellationToken, out var severity)) continue;
                string? word = severity switch
                {
                    ReportDiagnostic.Error => "error",
                    ReportDiagnostic.Warn => "warning",
                    ReportDiagnostic.Info => "suggestion",
                    ReportDiagnostic.Hidden => "silent",
                    _ => null,
                };
                if (word != null) settings.Add(new KeyValuePair<string, string>($"dotnet_diagnostic.{rule.Id}.severity", word));
            }
            _options = Plimsoll.Analysis.Configuration.AnalyzerOptions.Create(settings);
        }

        private static bool TryGetConfiguredSeverity(Compilation compilation, string id, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            if (compilation.Options.SyntaxTreeOptionsProvider?.TryGetGlobalDiagnosticValue(id, cancellationToken, out severity) == true) return true;
            return compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out severity);
        }

        public Plimsoll.Analysis.Configuration.AnalyzerOptions GetOptions(string path) => _options;
    }
}
