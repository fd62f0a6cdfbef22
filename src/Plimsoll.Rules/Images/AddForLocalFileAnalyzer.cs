using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Images;

/// <summary>
/// PL1006: ADD whose sources are all local files or directories and none a tar archive: COPY does the same without
/// ADD's extra powers (fetching URLs, unpacking archives), so readers need not wonder which one is meant.
/// </summary>
[PlimsollAnalyzer]
public sealed class AddForLocalFileAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage UseCopy = new("useCopy", "ADD of local {source} does nothing COPY would not: use COPY, so it is clear no archive is unpacked and nothing is downloaded");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1006", name: "AddForLocalFile", title: "ADD used where COPY would do",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Warning,
        description: "ADD also downloads URLs and unpacks local tar archives; used for plain local files it hides which of its behaviours is meant, and a later renamed file can start being unpacked.",
        securitySeverity: "2.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Hygiene, RuleTag.Security],
        messages: [UseCopy],
        peers:
        [
            PeerRule.Hadolint("DL3020"),
            PeerRule.Kics("9513a694-aa0d-41d8-be61-3271e056f36b", "Add Instead of Copy"),
            PeerRule.Trivy("DS-0005"),
        ],
        fix: FixApplicability.Safe);

    // Flags only ADD has: with them the instruction is not a COPY.
    private static readonly string[] AddOnlyFlags = { "checksum", "keep-git-dir", "unpack" };

    // Names ADD unpacks when the file is a tar archive (plain or compressed).
    private static readonly string[] ArchiveSuffixes = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz4" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not CopyInstructionSyntax add || !instruction.Instruction.Heredocs.IsDefaultOrEmpty) return;
            if (AddOnlyFlags.Any(flag => add.GetFlag(flag) != null)) return;
            var paths = add.PathTokens;
            if (paths.Count < 2 || ImageHistoryNotation.IsHistoryRecord(add)) return;
            // The builder removes quotes and expands variables before it looks at a source ("file.tgz" is file.tgz);
            // a source whose value is not known before the build may be anything.
            var resolved = paths.Take(paths.Count - 1).Select(p => instruction.Model.Resolve(add, p.Value)).ToList();
            if (resolved.Any(r => !r.IsKnown)) return;
            var sources = resolved.Select(r => r.Value!).ToList();
            // A URL or git source is PL1003/PL1004's business; an archive name may be unpacked.
            if (sources.Any(s => RuleHelpers.LooksLikeUrl(s) || s.Contains("://") || s.StartsWith("git@", StringComparison.Ordinal) || s.Length == 0 || IsArchiveName(s))) return;
            string keyword = add.Keyword.Text;
            string copy = keyword == keyword.ToLowerInvariant() ? "copy" : "COPY";
            // A wildcard might match an archive that ADD would unpack: then the fix may change the image (unsafe).
            bool wildcard = sources.Any(s => s.IndexOfAny(new[] { '*', '?', '[' }) >= 0);
            var fix = new CodeFix("Use COPY", ImmutableArray.Create(new TextChange(add.Keyword.Span, copy)), wildcard ? FixApplicability.Unsafe : null);
            instruction.Report(UseCopy, add.Keyword.Span, fix, string.Join(", ", sources.Select(s => $"'{s}'")));
        }, DockerfileSyntaxKind.AddInstruction);
    }

    private static bool IsArchiveName(string source)
        => ArchiveSuffixes.Any(suffix => source.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
