using System.Collections.Immutable;

namespace Plimsoll.Semantics.DotNet;

/// <summary>Where an MSBuild element starts: the file that holds it (a project, a <c>Directory.Build.props</c>, an import) and MSBuild's one-based line and column.</summary>
public sealed record MSBuildElementLocation(string Path, int Line, int Column);

/// <summary>
/// One container setting of the .NET SDK's container publishing, as MSBuild evaluated it: a property
/// (<c>ContainerBaseImage</c>) or an item (<c>ContainerEnvironmentVariable Include="NAME" Value="…"</c>), with the
/// element that defined it. <see cref="Value"/> is a property's evaluated value or an item's evaluated Include;
/// <see cref="Metadata"/> holds an item's metadata (<c>Value</c>, <c>Type</c>) as written, unevaluated, so that a rule
/// can tell a literal from a value taken from a property (<c>$(DbPassword)</c>, given at publish time).
/// </summary>
public sealed record ContainerSetting(string Name, string Value, MSBuildElementLocation Location, ImmutableDictionary<string, string> Metadata)
{
    public ContainerSetting(string name, string value, MSBuildElementLocation location)
        : this(name, value, location, ImmutableDictionary<string, string>.Empty)
    {
    }

    public string? GetMetadata(string name) => Metadata.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// The SDK container settings of one project (<c>dotnet publish /t:PublishContainer</c>), text only: the host that
/// evaluated the project (MSBuild) fills it, so the engine needs no MSBuild. Only settings written in the user's
/// files are here, not the SDK's defaults.
/// </summary>
public sealed record ContainerSettings(string ProjectPath, ImmutableArray<ContainerSetting> Properties, ImmutableArray<ContainerSetting> Items)
{
    /// <summary>The property names read from a project (the SDK's documented container properties).</summary>
    public static readonly ImmutableArray<string> PropertyNames = ImmutableArray.Create(
        "ContainerBaseImage", "ContainerFamily", "ContainerUser", "ContainerRegistry", "ContainerRepository",
        "ContainerImageTag", "ContainerImageTags", "ContainerRuntimeIdentifier", "ContainerWorkingDirectory");

    /// <summary>The item types read from a project.</summary>
    public static readonly ImmutableArray<string> ItemNames = ImmutableArray.Create("ContainerEnvironmentVariable", "ContainerPort", "ContainerLabel");

    public bool IsEmpty => Properties.IsEmpty && Items.IsEmpty;

    /// <summary>The property named <paramref name="name"/>, when the user's files set it.</summary>
    public ContainerSetting? Property(string name)
        => Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ContainerSetting> ItemsOf(string name)
        => Items.Where(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    public ContainerSetting? BaseImage => Property("ContainerBaseImage");

    public ContainerSetting? User => Property("ContainerUser");

    public IEnumerable<ContainerSetting> EnvironmentVariables => ItemsOf("ContainerEnvironmentVariable");
}
