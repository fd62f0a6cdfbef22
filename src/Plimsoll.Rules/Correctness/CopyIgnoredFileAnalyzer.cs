using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5019: COPY or ADD names a source from the build context that the context's <c>.dockerignore</c> (or the
/// Dockerfile's own <c>&lt;name&gt;.dockerignore</c>) excludes. The build context is taken to be the Dockerfile's folder.
/// </summary>
[PlimsollAnalyzer]
public sealed class CopyIgnoredFileAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Ignored = new("ignored", "{instruction} source '{path}' is excluded from the build context by line {line} of {ignoreFile} ('{pattern}'): it is not there to copy");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5019", name: "CopyIgnoredFile", title: "COPY or ADD of a path excluded by .dockerignore",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A path .dockerignore excludes is not sent to the builder: copying it fails the build, or copies nothing when it is one of several sources or matched by a wildcard.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Ignored],
        peers:
        [
            PeerRule.BuildKit("CopyIgnoredFile"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            // Without a COPY (or with no .dockerignore) nothing is made: this runs for every file.
            List<CopyInstructionSyntax>? copies = null;
            foreach (var instruction in file.Model.Tree.Root.Instructions)
                if (instruction is CopyInstructionSyntax copy) (copies ??= new()).Add(copy);
            if (copies == null) return;
            var (ignore, ignoreFile) = ReadIgnoreFile(file.FileSystem, file.Path);
            if (ignore == null || ignore.Patterns.Count == 0) return;
            foreach (var copy in copies)
            {
                // COPY --from reads another stage or image, not the build context.
                if (copy.GetFlag("from") != null) continue;
                var paths = copy.PathTokens;
                for (int i = 0; i < paths.Count - 1; i++) Check(file, copy, paths[i], ignore, ignoreFile!);
            }
        });
    }

    /// <summary>
    /// The ignore file of the build context, assumed to be the Dockerfile's folder: <c>&lt;Dockerfile name&gt;.dockerignore</c>
    /// beside it wins over <c>.dockerignore</c>. (null, null) when there is none or it cannot be read or parsed.
    /// </summary>
    internal static (DockerIgnore? Ignore, string? Name) ReadIgnoreFile(IFileSystem fileSystem, string dockerfilePath)
    {
        string full, directory;
        try
        {
            full = FilePaths.GetFullPath(dockerfilePath);
            directory = Path.GetDirectoryName(full) ?? ".";
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, null); // a name that is no path (an editor's untitled buffer): no folder to look in
        }
        foreach (var name in new[] { Path.GetFileName(full) + ".dockerignore", ".dockerignore" })
        {
            var read = fileSystem.ReadFile(Path.Combine(directory, name));
            if (read.Status == FileReadStatus.NotFound) continue;
            if (!read.IsOk) return (null, null);
            return (DockerIgnore.Parse(read.Content!.Text.ToString()), name);
        }
        return (null, null);
    }

    private static readonly char[] NotLiteral = { '$', '*', '?', '[', '\\' };

    private static void Check(DockerfileAnalysisContext file, CopyInstructionSyntax copy, DockerfileToken token, DockerIgnore ignore, string ignoreFile)
    {
        string source = token.Value;
        // Only a literal path of the context: no variables, wildcards, URLs, git sources or heredocs.
        if (source.Length == 0 || source.IndexOfAny(NotLiteral) >= 0) return;
        if (source.StartsWith("<<", StringComparison.Ordinal) || source.Contains("://") || source.StartsWith("git@", StringComparison.Ordinal)) return;
        string path = DockerIgnore.CleanPath("/" + source).TrimStart('/');
        // The context root as a whole is never excluded.
        if (path.Length == 0) return;
        var excludedBy = ignore.ExcludedBy(path);
        if (excludedBy == null) return;
        // An exception could bring back files under the path (a directory with a kept file): not certain, not reported.
        if (ignore.Patterns.Any(p => p.IsException && (p.HasWildcards || p.Path.StartsWith(path + "/", StringComparison.Ordinal)))) return;
        file.Report(Ignored, token.Span, copy.Name, source, excludedBy.Line, ignoreFile, excludedBy.Text);
    }
}
