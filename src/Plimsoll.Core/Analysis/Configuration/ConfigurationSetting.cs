namespace Plimsoll.Analysis.Configuration;

/// <summary>One key/value pair that is in effect for a file, with where it was set.</summary>
/// <param name="Key">The key, lower-cased as the EditorConfig specification asks (for a hadolint setting, the YAML key, e.g. <c>ignored</c>).</param>
/// <param name="Value">The value as written, trimmed.</param>
/// <param name="Source">The file and line that set it.</param>
public sealed record ConfigurationSetting(string Key, string Value, SettingSource Source);
