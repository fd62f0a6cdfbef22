using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.DotNet;

namespace Plimsoll.Analyzers;

/// <summary>
/// The container settings a compilation can see: each value as MSBuild evaluated it (a compiler-visible property),
/// placed at the last element that writes that value in the files that may (the Directory.Build.props, then the
/// project file: the later one wins, as in evaluation), else at the last element of that name (a value built from
/// <c>$(…)</c>). The files are read as XML (<see cref="MSBuildXmlReader"/>: a commented-out element is not a
/// setting), not evaluated: of two elements writing the same value, the later is named even when its condition is
/// false; the command line (<c>plimsoll lint App.sln</c>) evaluates and is exact.
/// </summary>
internal static class ContainerSettingsReader
{
    // The properties Plimsoll.Analyzers.props makes compiler-visible and the items its targets list.
    private static readonly string[] Names = { "ContainerBaseImage", "ContainerUser", "ContainerWorkingDirectory" };
    private static readonly string[] ItemTypes = { "ContainerEnvironmentVariable", "ContainerPort" };

    /// <param name="files">The settings files in evaluation order, with their text.</param>
    /// <param name="values">The evaluated value of each property, empty when unset.</param>
    /// <param name="items">The evaluated container items, one per line: item type and include, separated by a tab
    /// (written by Plimsoll.Analyzers.targets); null when the project has none.</param>
    public static ContainerSettings Read(string projectPath, IReadOnlyList<(string Path, SourceText Text)> files, Func<string, string?> values, SourceText? items = null)
    {
        var scans = files.Select(f => (f.Path, f.Text, Elements: MSBuildXmlReader.Read(f.Text, Names.Concat(ItemTypes).ToArray()).Elements)).ToList();
        var properties = ImmutableArray.CreateBuilder<ContainerSetting>();
        foreach (var name in Names)
        {
            if (values(name) is not { Length: > 0 } value) continue;
            // The element that wrote the evaluated value; one under a false condition writes another value.
            var location = LastLocation(scans, e => e.Name == name && e.Content == MSBuildXmlContent.Text && e.Text == value.Trim())
                ?? LastLocation(scans, e => e.Name == name);
            if (location != null) properties.Add(new ContainerSetting(name, value, location.Value.Location));
        }
        return new ContainerSettings(projectPath, properties.ToImmutable(), ReadItems(scans, items));
    }

    private static ImmutableArray<ContainerSetting> ReadItems(List<(string Path, SourceText Text, ImmutableArray<MSBuildXmlElement> Elements)> scans, SourceText? items)
    {
        if (items == null) return ImmutableArray<ContainerSetting>.Empty;
        var result = ImmutableArray.CreateBuilder<ContainerSetting>();
        foreach (var line in items.Lines)
        {
            var parts = items.ToString(line.Span).Split('\t');
            if (parts.Length != 2 || Array.IndexOf(ItemTypes, parts[0]) < 0 || parts[1].Length == 0) continue;
            // The last element that includes this name, in evaluation order (Directory.Build.props, then the project), and
            // its metadata as written: a value taken from a property ($(X)) is not a literal, and the rules must see that.
            var found = LastLocation(scans, e => e.Name == parts[0] && e.Attribute("Include")?.Trim() == parts[1]);
            if (found is not { } item) continue;
            var metadata = item.Element.Attributes.Remove("Include").Remove("Condition").Remove("Exclude").Remove("Remove").Remove("Update");
            result.Add(new ContainerSetting(parts[0], parts[1], item.Location, metadata));
        }
        return result.ToImmutable();
    }

    private static (MSBuildXmlElement Element, MSBuildElementLocation Location)? LastLocation(
        List<(string Path, SourceText Text, ImmutableArray<MSBuildXmlElement> Elements)> scans, Func<MSBuildXmlElement, bool> match)
    {
        (MSBuildXmlElement, MSBuildElementLocation)? found = null;
        foreach (var (path, text, elements) in scans)
        {
            var element = elements.LastOrDefault(match);
            if (element == null) continue;
            var position = text.Lines.GetLinePosition(element.Start);
            found = (element, new MSBuildElementLocation(path, position.Line + 1, position.Character + 1));
        }
        return found;
    }
}
