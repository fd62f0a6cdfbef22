using Microsoft.CodeAnalysis.Text;
using Plimsoll.Registry;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// The <c>image:</c> values of a compose file's services that <c>pin</c> can rewrite: plain or quoted scalars
/// written verbatim (a value reached through an alias is rewritten at its anchor), each with the service's literal
/// <c>platform:</c>. Interpolated values are skipped.
/// </summary>
internal static class ComposeReferenceFinder
{
    public static ReferenceSites Find(SourceText text, string path)
    {
        // The file alone (no override, include or .env is read): only what this file writes can be rewritten here.
        var tree = YamlSyntaxTree.Parse(text, path);
        var project = ComposeProjectLoader.LoadFiles(new[] { path }, tree, isStack: false, new ComposeProjectOptions { FileSystem = new InMemoryFileSystem() });
        var sites = new List<ImageReferenceSite>();
        var skipped = new List<SkippedReference>();
        foreach (var service in project.Services)
        {
            if (service.Image is not { Raw: { } value, Node: YamlScalarNode scalar } || scalar.Tree != tree) continue;
            var position = SourcePosition.Of(text, scalar.ValueSpan.Start);
            if (value.Contains('$'))
            {
                skipped.Add(new SkippedReference(value, "the image is interpolated from variables", position));
                continue;
            }
            if (RegistryImageName.TryParse(value) == null)
            {
                skipped.Add(new SkippedReference(value, "not a valid image reference", position));
                continue;
            }
            int quote = scalar.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted ? 1 : 0;
            var span = new TextSpan(scalar.ValueSpan.Start + quote, value.Length);
            bool verbatim = scalar.Style is YamlScalarStyle.Plain or YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted
                && span.End <= text.Length && text.ToString(span) == value;
            if (!verbatim)
            {
                skipped.Add(new SkippedReference(value, "the value is written in a YAML form that is not the reference verbatim; rewrite it by hand", position));
                continue;
            }
            string? platform = service.Platform?.Raw is { Length: > 0 } p && !p.Contains('$') ? p : null;
            sites.Add(new ImageReferenceSite(span, value, $"service {service.Name} image", SourcePosition.Of(text, span.Start), platform));
        }
        return new ReferenceSites(sites.DistinctBy(s => s.Span).OrderBy(s => s.Span.Start).ToList(), skipped);
    }
}
