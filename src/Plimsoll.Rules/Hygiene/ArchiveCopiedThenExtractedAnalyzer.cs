using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Hygiene;

/// <summary>
/// PL6034: a tar archive COPYed into a stage and then unpacked by <c>tar -x</c> in a later RUN of that stage. The archive
/// stays in the COPY's layer; ADD unpacks a local tar archive without keeping it, and a bind mount avoids the copy.
/// </summary>
[PlimsollAnalyzer]
public sealed class ArchiveCopiedThenExtractedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Extracted = new("extracted", "'{archive}' is copied here and unpacked by tar on line {line}: the archive stays in this layer; use ADD (it unpacks local tar archives), or read it in the tar step with RUN --mount=type=bind,source={source}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6034", name: "ArchiveCopiedThenExtracted", title: "Archive copied, then unpacked in RUN",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "A COPYed archive remains in its layer even after a later RUN unpacks and deletes it, so the image carries the data twice.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Hygiene],
        messages: [Extracted],
        peers: [PeerRule.Hadolint("DL3010")]);

    // Tar archives ADD unpacks (uncompressed, gzip, bzip2, xz).
    private static readonly string[] TarSuffixes = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            var copied = new List<(DockerfileToken Token, string Name, string Source)>();
            foreach (var instruction in stage.Stage.Instructions)
            {
                if (instruction is CopyInstructionSyntax { Name: "COPY" } copy && copy.GetFlag("from") == null && copy.Heredocs.IsDefaultOrEmpty)
                {
                    var paths = copy.PathTokens;
                    for (int i = 0; i < paths.Count - 1; i++)
                        if (BaseName(paths[i].Value) is { } name && IsTarName(name) && name.IndexOfAny(new[] { '$', '*', '?', '[' }) < 0)
                            copied.Add((paths[i], name, paths[i].Value));
                    // `COPY app /tmp/app.tgz`: the destination names the archive.
                    if (paths.Count == 2 && BaseName(paths[1].Value) is { } target && IsTarName(target) && target.IndexOf('$') < 0 && !copied.Any(c => c.Name == target))
                        copied.Add((paths[1], target, paths[0].Value));
                }
                else if (instruction is RunInstructionSyntax run && copied.Count > 0)
                {
                    foreach (var command in StageRunCommands.Of(stage.Model, run))
                    {
                        if (command.Resolved.Name != "tar" || !ExtractsEverything(command)) continue;
                        var operands = command.Resolved.Arguments.Select(a => BaseName(a.ApproximateValue)).ToList();
                        // Also `-xzf app.tgz` / `--file=app.tgz`: the archive is the value of an option.
                        var values = command.Resolved.Arguments.Select(a => a.ApproximateValue).ToList();
                        foreach (var archive in copied.ToList())
                        {
                            bool named = operands.Contains(archive.Name) || values.Any(v => v.EndsWith("=" + archive.Name, StringComparison.Ordinal) || v.EndsWith("/" + archive.Name, StringComparison.Ordinal));
                            if (!named) continue;
                            int line = stage.Text.Lines.GetLinePosition(command.MapToSource(command.Command).Start).Line + 1;
                            stage.Report(Extracted, archive.Token.Span, archive.Name, line, archive.Source);
                            copied.Remove(archive);
                        }
                    }
                }
            }
        });
    }

    // `tar -x…` / `tar x…` / `--extract`, unpacking the whole archive as ADD would: no member list, no --strip-components.
    private static bool ExtractsEverything(RunCommand command)
    {
        var values = command.Resolved.Arguments.Select(a => a.ApproximateValue).ToList();
        if (values.Count == 0) return false;
        bool extract = values.Contains("--extract") || values.Contains("--get")
            || (values[0].Length > 0 && values[0][0] != '-' && values[0].IndexOf('x') >= 0 && values[0].All(char.IsLetter))
            || values.Any(v => v.Length > 1 && v[0] == '-' && v[1] != '-' && v.IndexOf('x') >= 0);
        if (!extract) return false;
        if (values.Any(v => v.StartsWith("--strip", StringComparison.Ordinal) || v.StartsWith("--wildcards", StringComparison.Ordinal) || v.StartsWith("--exclude", StringComparison.Ordinal))) return false;
        return true;
    }

    private static bool IsTarName(string name) => TarSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private static string? BaseName(string path)
    {
        string p = path.Trim('"', '\'').Replace('\\', '/');
        int slash = p.LastIndexOf('/');
        string name = slash >= 0 ? p.Substring(slash + 1) : p;
        return name.Length == 0 ? null : name;
    }
}
