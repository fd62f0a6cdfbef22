using Microsoft.CodeAnalysis.Text;
using Plimsoll.Registry;
using Plimsoll.Semantics.DotNet;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// The <c>ContainerBaseImage</c> properties of MSBuild files (project files, <c>Directory.Build.props</c>, imports) that
/// <c>pin</c> can rewrite: a literal image written as the element's text. A value built from properties (<c>$(…)</c>) or
/// written with XML escapes or CDATA is skipped with the reason. The file is read as XML text only (<see cref="MSBuildXmlReader"/>): never evaluated.
/// </summary>
internal static class ProjectFileReferenceFinder
{
    private const string Property = "ContainerBaseImage";

    private static readonly string[] Extensions = { ".csproj", ".fsproj", ".vbproj", ".props", ".targets" };

    public static bool IsMSBuildFile(string name) => Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static ReferenceSites Find(SourceText text, string path)
    {
        var sites = new List<ImageReferenceSite>();
        var skipped = new List<SkippedReference>();
        var scan = MSBuildXmlReader.Read(text, new[] { Property });
        foreach (var element in scan.Elements)
        {
            if (element.Content == MSBuildXmlContent.Empty) continue;
            if (element.Content == MSBuildXmlContent.Other)
            {
                skipped.Add(new SkippedReference(Property, "the value is not plain text (CDATA or child elements)", SourcePosition.Of(text, element.Start)));
                continue;
            }
            string value = element.Text;
            var position = SourcePosition.Of(text, element.TextStart);
            if (value.Contains("$(", StringComparison.Ordinal))
                skipped.Add(new SkippedReference(value, "the image is built from MSBuild properties", position));
            else if (element.VerbatimTextSpan is not { } span)
                skipped.Add(new SkippedReference(value, "the value is written with XML escapes", position));
            else if (RegistryImageName.TryParse(value) == null)
                skipped.Add(new SkippedReference(value, "not a valid image reference", position));
            else
                sites.Add(new ImageReferenceSite(span, value, Property + " property", position));
        }
        if (scan.Error != null)
            skipped.Add(new SkippedReference(Path.GetFileName(path), "not well-formed XML, the rest of the file is not read: " + scan.Error, SourcePosition.Of(text, scan.ErrorOffset)));
        return new ReferenceSites(sites, skipped);
    }
}
