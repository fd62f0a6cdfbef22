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
    public static ContainerSettings Read(string projectPath, IReadOnlyList<(string Path, SourceText Text)> files, Func<string, string?> values)
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
        return new ContainerSettings(projectPath, properties.ToImmutable(), ImmutableArray<ContainerSetting>.Empty);
    }
}
