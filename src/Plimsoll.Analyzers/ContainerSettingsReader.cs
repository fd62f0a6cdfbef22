using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.DotNet;

namespace Plimsoll.Analyzers;

/// <summary>
/// The container settings a compilation can see: each value as MSBuild evaluated it (a compiler-visible property),
/// placed at the last element that writes it in the files that may (the Directory.Build.props, then the project
/// file: the later one wins, as in evaluation). Text search, not evaluation: an element under a false condition
/// can be picked; the command line (<c>plimsoll lint App.sln</c>) evaluates and is exact.
/// </summary>
internal static class ContainerSettingsReader
{
    private static readonly string[] Names = { "ContainerBaseImage", "ContainerUser" };

    /// <param name="files">The settings files in evaluation order, with their text.</param>
    /// <param name="values">The evaluated value of each property, empty when unset.</param>
    /// <param name="items">The evaluated container items, one per line: item type and include, separated by a tab
    /// (written by Plimsoll.Analyzers.targets); null when the project has none.</param>
    public static ContainerSettings Read(string projectPath, IReadOnlyList<(string Path, SourceText Text)> files, Func<string, string?> values, SourceText? items = null)
    {
        var properties = ImmutableArray.CreateBuilder<ContainerSetting>();
        foreach (var name in Names)
        {
            if (values(name) is not { Length: > 0 } value) continue;
            MSBuildElementLocation? location = null;
            foreach (var (path, text) in files)
            {
                string content = text.ToString();
                int at = content.LastIndexOf("<" + name + ">", StringComparison.Ordinal);
                if (at < 0) continue;
                var position = text.Lines.GetLinePosition(at);
                location = new MSBuildElementLocation(path, position.Line + 1, position.Character + 1);
            }
            if (location != null) properties.Add(new ContainerSetting(name, value, location));
        }
        return new ContainerSettings(projectPath, properties.ToImmutable(), ReadItems(files, items));
    }

    private static ImmutableArray<ContainerSetting> ReadItems(IReadOnlyList<(string Path, SourceText Text)> files, SourceText? items)
    {
        if (items == null) return ImmutableArray<ContainerSetting>.Empty;
        var result = ImmutableArray.CreateBuilder<ContainerSetting>();
        foreach (var line in items.Lines)
        {
            var parts = items.ToString(line.Span).Split('\t');
            if (parts.Length != 2 || parts[0] != "ContainerEnvironmentVariable" || parts[1].Length == 0) continue;
            // The last element that includes this name, in evaluation order (Directory.Build.props, then the project), and
            // its Value as written: a value taken from a property ($(X)) is not a literal, and the rules must see that.
            MSBuildElementLocation? location = null;
            string? written = null;
            foreach (var (path, text) in files)
            {
                string content = text.ToString();
                int include = content.LastIndexOf("Include=\"" + parts[1] + "\"", StringComparison.Ordinal);
                int element = include < 0 ? -1 : content.LastIndexOf("<" + parts[0], include, StringComparison.Ordinal);
                if (element < 0) continue;
                var position = text.Lines.GetLinePosition(element);
                location = new MSBuildElementLocation(path, position.Line + 1, position.Character + 1);
                written = ValueAttribute(content, element);
            }
            if (location == null || written == null) continue;
            result.Add(new ContainerSetting(parts[0], parts[1], location, ImmutableDictionary<string, string>.Empty.Add("Value", written)));
        }
        return result.ToImmutable();
    }

    // The Value="…" attribute of the element starting at elementStart (XML escapes undone); null when it has none.
    private static string? ValueAttribute(string content, int elementStart)
    {
        int end = content.IndexOf('>', elementStart);
        if (end < 0) return null;
        string tag = content.Substring(elementStart, end - elementStart);
        int at = tag.IndexOf(" Value=\"", StringComparison.Ordinal);
        if (at < 0) return null;
        int start = at + " Value=\"".Length;
        int close = tag.IndexOf('"', start);
        return close < 0 ? null : System.Net.WebUtility.HtmlDecode(tag.Substring(start, close - start));
    }
}
