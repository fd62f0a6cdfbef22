namespace Plimsoll.Analysis.Configuration;

/// <summary>Which kind of file a setting was read from.</summary>
public enum SettingSourceKind
{
    /// <summary>An <c>.editorconfig</c> file found above the linted file.</summary>
    EditorConfig,

    /// <summary>The file given with <c>--config</c> (editorconfig syntax).</summary>
    ConfigFile,

    /// <summary>A <c>.hadolint.yaml</c> / <c>.hadolint.yml</c>, read as a migration aid.</summary>
    HadolintConfig,

    /// <summary>Given by the host program itself (for example a command-line flag), not read from a file.</summary>
    Host,
}

/// <summary>Where a setting came from, so that messages can say "set to none in ../.editorconfig(12)".</summary>
/// <param name="Path">The file; empty for <see cref="SettingSourceKind.Host"/>.</param>
/// <param name="Line">0-based line of the setting in that file.</param>
/// <param name="Kind">The kind of file.</param>
public sealed record SettingSource(string Path, int Line, SettingSourceKind Kind)
{
    public override string ToString() => Kind == SettingSourceKind.Host ? "(host)" : $"{Path}({Line + 1})";
}
