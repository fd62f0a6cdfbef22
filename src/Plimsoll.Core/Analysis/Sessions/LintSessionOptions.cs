using Plimsoll.Analysis.Configuration;
using Plimsoll.Syntax.Compose;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Sessions;

/// <summary>What a <see cref="LintSession"/> is made of; every host fills it from its own inputs (options, settings, MSBuild items).</summary>
public sealed class LintSessionOptions
{
    /// <summary>The analyzers to run: the built-in rules and the rule packs the host loaded.</summary>
    public IReadOnlyList<PlimsollAnalyzer> Analyzers { get; init; } = Array.Empty<PlimsollAnalyzer>();

    /// <summary>Every read besides a document handed in as text goes through it; the disk by default.</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>An <c>.editorconfig</c>-syntax file applied under the project's own <c>.editorconfig</c> files (<c>--config</c>).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Read <c>.hadolint.yaml</c> files (mapped to Plimsoll rules through their declared hadolint ids).</summary>
    public bool ReadHadolintConfig { get; init; } = true;

    /// <summary>
    /// Makes the options provider instead of the default one (<c>.editorconfig</c> + <see cref="ConfigPath"/> +
    /// <c>.hadolint.yaml</c>). Called again when configuration files change.
    /// </summary>
    public Func<AnalyzerRegistry, IFileSystem, IAnalyzerOptionsProvider>? OptionsProviderFactory { get; init; }

    /// <summary>A SARIF log of an earlier run: findings it already had are suppressed (kind: baseline).</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Where baseline URIs are relative to (the repository root), when known.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>The Compose specification JSON schema file: unknown keys and wrong types become PL9002.</summary>
    public string? ComposeSchemaPath { get; init; }

    /// <summary>A schema already loaded (wins over <see cref="ComposeSchemaPath"/>).</summary>
    public ComposeSchema? ComposeSchema { get; init; }

    /// <summary>Validate compose files against the shipped Compose schema when no other is given (default true).</summary>
    public bool UseShippedComposeSchema { get; init; } = true;

    /// <summary>
    /// The host already knows compose files will be linted (one is named, or <c>--kind compose</c>): the compose schema
    /// starts building on a pool thread as the session is made, while the rules load, instead of when the first compose
    /// file is met (<see cref="LintSession.PrepareForComposeFiles"/>).
    /// </summary>
    public bool ComposeFilesExpected { get; init; }

    public SeverityThreshold Threshold { get; init; } = SeverityThreshold.Warning;

    /// <summary>Read every document as this kind (<c>--kind</c>); null decides from the name.</summary>
    public SourceFileKind? ForcedKind { get; init; }

    /// <summary>
    /// Keep each document's parsed tree and semantic model for the next lint of the same content (editors). A host
    /// that lints each file once (the CLI) turns it off to keep memory flat: a linted compose file's tree is then
    /// dropped with its result, and only files its project loads (includes, overrides, extended files) are cached, as
    /// other documents may load them too. (Keeping every tree of a 189-file compose run made the collector copy them
    /// from generation to generation: half the run's GC pauses.)
    /// </summary>
    public bool CacheDocuments { get; init; } = true;

    /// <summary>
    /// Remember which files each linted document read or looked for, so that <see cref="LintSession.GetAffectedDocuments"/>
    /// can name the documents a change affects (editors lint those again). A host that lints each file once (the CLI)
    /// turns it off: it would keep a list per file to the end of the run, for nothing (default true).
    /// </summary>
    public bool RecordDependencies { get; init; } = true;

    /// <summary>
    /// Runs ShellCheck over RUN scripts and compose shell commands (PL7001); null: the host offers none and the rule is
    /// silent. The command line and the language server give one; the engine never starts a process by itself.
    /// </summary>
    public ShellChecking.IShellScriptChecker? ShellScriptChecker { get; init; }
}
