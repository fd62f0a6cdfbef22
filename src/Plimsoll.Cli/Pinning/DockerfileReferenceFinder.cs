using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Registry;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// The image references of a Dockerfile that <c>pin</c> can rewrite: FROM images (not stages, not scratch),
/// <c>COPY --from=IMAGE</c> and <c>RUN --mount=…,from=IMAGE</c> values that name no stage, and — for
/// <c>FROM ${BASE}</c> — the literal default of the global ARG it reads. A reference is rewritten only where the
/// source text is the reference itself (no quotes, escapes or line continuations inside it). A FROM site carries its
/// literal <c>--platform</c>.
/// </summary>
internal static partial class DockerfileReferenceFinder
{
    [GeneratedRegex(@"^\$(?:\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|(?<name>[A-Za-z_][A-Za-z0-9_]*))$")]
    private static partial Regex SingleVariable();

    public static ReferenceSites Find(SourceText text, string path)
    {
        var tree = DockerfileSyntaxTree.Parse(text, path);
        var model = DockerfileSemanticModel.Create(tree);
        var sites = new List<ImageReferenceSite>();
        var skipped = new List<SkippedReference>();

        foreach (var stage in model.Stages)
        {
            if (stage.From.Image is not { } word || stage.ParentStage != null || stage.IsScratch) continue;
            string value = word.Value;
            // The platform a build of this stage asks for, when it is written out (not $BUILDPLATFORM and the like).
            string? platform = stage.From.GetFlag("platform")?.Value is { Length: > 0 } p && !p.Contains('$') ? p : null;
            if (!value.Contains('$') && stage.BaseName.Value is { } literal)
            {
                Add(text, sites, skipped, word.Token.Span, literal, "FROM", requireTag: false, platform);
                continue;
            }
            var match = SingleVariable().Match(value);
            var arg = match.Success ? model.GlobalArgs.LastOrDefault(a => a.Key == match.Groups["name"].Value) : null;
            if (arg is { HasValue: true } && arg.Value is { } argValue && !argValue.Contains('$'))
            {
                int line = SourcePosition.Of(text, word.Token.Span.Start).Line + 1;
                if (argValue.Length >= 2 && argValue[0] is '"' or '\'' && argValue[^1] == argValue[0]) argValue = argValue[1..^1];
                Add(text, sites, skipped, arg.ValueToken.Span, argValue, $"ARG {arg.Key} default (FROM on line {line})", requireTag: false, platform);
                continue;
            }
            skipped.Add(new SkippedReference(value, "the image is built from build arguments; pin the ARG default or write the reference literally",
                SourcePosition.Of(text, word.Token.Span.Start)));
        }

        foreach (var instruction in tree.Root.Instructions)
        {
            if (instruction is CopyInstructionSyntax && instruction.GetFlag("from") is { Value: { } from } flag)
            {
                if (model.FindStage(from) != null) continue;
                if (from.Contains('$'))
                    skipped.Add(new SkippedReference(from, "COPY --from uses a build argument", SourcePosition.Of(text, flag.ValueSpan.Start)));
                else
                    Add(text, sites, skipped, flag.ValueSpan, from, "COPY --from", requireTag: true);
            }
            if (instruction is RunInstructionSyntax)
            {
                foreach (var mount in instruction.Flags.Where(f => f.Name == "mount"))
                {
                    foreach (var option in mount.Options)
                    {
                        if (option.Key != "from" || option.Value is not { Length: > 0 } image || model.FindStage(image) != null) continue;
                        string optionText = text.ToString(option.Span);
                        int equals = optionText.IndexOf('=');
                        var span = new TextSpan(option.Span.Start + equals + 1, optionText.Length - equals - 1);
                        if (image.Contains('$'))
                            skipped.Add(new SkippedReference(image, "RUN --mount from= uses a build argument", SourcePosition.Of(text, span.Start)));
                        else
                            Add(text, sites, skipped, span, image, "RUN --mount from", requireTag: true);
                    }
                }
            }
        }
        return new ReferenceSites(sites.DistinctBy(s => s.Span).OrderBy(s => s.Span.Start).ToList(), skipped);
    }

    /// <summary>
    /// Adds a site when the span's text is exactly the reference. For <c>--from</c> values a bare name may be a named
    /// build context, so only references with a tag, digest or registry are taken as images there.
    /// </summary>
    private static void Add(SourceText text, List<ImageReferenceSite> sites, List<SkippedReference> skipped, TextSpan span, string reference, string where, bool requireTag, string? platform = null)
    {
        var position = SourcePosition.Of(text, span.Start);
        if (RegistryImageName.TryParse(reference) is not { } name)
        {
            if (!requireTag) skipped.Add(new SkippedReference(reference, "not a valid image reference", position));
            return;
        }
        if (requireTag && name.Tag == null && name.Digest == null && !reference.Contains('/')) return;
        string written = text.ToString(span);
        if (written.Length == reference.Length + 2 && written[0] is '"' or '\'' && written[^1] == written[0] && written.AsSpan(1, reference.Length).SequenceEqual(reference))
            span = new TextSpan(span.Start + 1, reference.Length); // "image:tag": the digest goes inside the quotes
        else if (written != reference)
        {
            skipped.Add(new SkippedReference(reference, "the reference is quoted, escaped or split across lines in the source; rewrite it by hand", position));
            return;
        }
        sites.Add(new ImageReferenceSite(span, reference, where, SourcePosition.Of(text, span.Start), platform));
    }
}
