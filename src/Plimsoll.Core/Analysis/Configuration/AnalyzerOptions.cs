using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// The settings in effect for one file: rule severities and <c>plimsoll.*</c> options, each with the
/// file and line that set it. Immutable and shared between files whose settings are identical.
/// </summary>
/// <remarks>
/// A rule's severity is decided by the most specific entry, as in Roslyn:
/// <list type="number">
/// <item><c>dotnet_diagnostic.ID.severity</c> (.editorconfig or --config);</item>
/// <item><c>.hadolint.yaml</c> (<c>ignored</c>, <c>override</c>), which also names rules one by one;</item>
/// <item><c>dotnet_analyzer_diagnostic.category-CATEGORY.severity</c>;</item>
/// <item><c>dotnet_analyzer_diagnostic.severity</c>.</item>
/// </list>
/// So a Plimsoll setting for a rule always beats .hadolint.yaml, and .hadolint.yaml beats Plimsoll's
/// bulk settings (a migrated "ignored: [DL3006]" survives "dotnet_analyzer_diagnostic.severity = error").
/// For options, any Plimsoll setting of a key beats the value derived from .hadolint.yaml.
/// </remarks>
public sealed class AnalyzerOptions : IRuleOptions
{
    private readonly Dictionary<string, ConfigurationSetting> _options;
    private readonly Dictionary<string, (ReportDiagnostic Severity, ConfigurationSetting Setting)> _ruleSeverities;
    private readonly Dictionary<string, (ReportDiagnostic Severity, ConfigurationSetting Setting)> _hadolintSeverities;
    private readonly Dictionary<string, (ReportDiagnostic Severity, ConfigurationSetting Setting)> _categorySeverities;
    private (ReportDiagnostic Severity, ConfigurationSetting Setting)? _allRules;
    private readonly Func<string, string>? _categoryOf;

    /// <summary>No settings at all: every rule at its default severity, every option unset.</summary>
    public static AnalyzerOptions Empty { get; } = new(Array.Empty<ConfigurationSetting>(), null, null);

    internal AnalyzerOptions(IEnumerable<ConfigurationSetting> settings, HadolintConfigFile? hadolint, Func<string, string>? categoryOf)
    {
        _categoryOf = categoryOf;
        _options = new Dictionary<string, ConfigurationSetting>(StringComparer.OrdinalIgnoreCase);
        _ruleSeverities = new(StringComparer.OrdinalIgnoreCase);
        _categorySeverities = new(StringComparer.OrdinalIgnoreCase);
        _hadolintSeverities = hadolint?.Severities ?? new(StringComparer.OrdinalIgnoreCase);
        if (hadolint != null)
        {
            foreach (var pair in hadolint.Options) _options[pair.Key] = pair.Value;
        }
        foreach (var setting in settings)
        {
            if (setting.Value.Equals("unset", StringComparison.OrdinalIgnoreCase))
            {
                // EditorConfig's "unset" removes whatever an earlier pair set.
                Unset(setting.Key);
                continue;
            }
            if (SeverityKey.TryParse(setting.Key, out var scope, out string target))
            {
                if (!SeverityNames.TryParse(setting.Value, out var severity)) continue; // reported when the file was parsed
                switch (scope)
                {
                    case SeverityScope.Rule: _ruleSeverities[target] = (severity, setting); break;
                    case SeverityScope.Category: _categorySeverities[target] = (severity, setting); break;
                    default: _allRules = (severity, setting); break;
                }
            }
            _options[setting.Key] = setting;
        }
    }

    private void Unset(string key)
    {
        _options.Remove(key);
        if (!SeverityKey.TryParse(key, out var scope, out string target)) return;
        switch (scope)
        {
            case SeverityScope.Rule: _ruleSeverities.Remove(target); break;
            case SeverityScope.Category: _categorySeverities.Remove(target); break;
            default: _allRules = null; break;
        }
    }

    /// <summary>
    /// Options given by a host rather than read from files (tests, command-line flags): keys and
    /// values in .editorconfig form, e.g. <c>("dotnet_diagnostic.PL1001.severity", "none")</c>.
    /// Later pairs override earlier ones; invalid severities are ignored.
    /// </summary>
    public static AnalyzerOptions Create(IEnumerable<KeyValuePair<string, string>> settings, Func<string, string>? categoryOf = null)
    {
        var source = new SettingSource("", 0, SettingSourceKind.Host);
        return new AnalyzerOptions(settings.Select(s => new ConfigurationSetting(s.Key.Trim().ToLowerInvariant(), s.Value.Trim(), source)), null, categoryOf);
    }

    /// <summary>Every setting in effect (the last one for each key), .hadolint.yaml-derived options included.</summary>
    public IReadOnlyCollection<ConfigurationSetting> Settings => _options.Values;

    /// <summary>
    /// The configured severity of a rule; <see cref="ReportDiagnostic.Default"/> when nothing
    /// configures it (or when it is configured as <c>default</c>). Categories come from the function
    /// given to the provider.
    /// </summary>
    // Which analyzers of a registry have a rule on under these options (AnalyzerRegistry.EnabledAnalyzers), kept with
    // the options so that it is worked out once per configuration, not per file.
    private sealed record EnabledAnalyzersMemo(AnalyzerRegistry Registry, bool[]? Enabled);
    private EnabledAnalyzersMemo? _enabledAnalyzers;

    internal bool[]? EnabledAnalyzers(AnalyzerRegistry registry, Func<AnalyzerOptions, bool[]?> compute)
    {
        if (_enabledAnalyzers is { } memo && ReferenceEquals(memo.Registry, registry)) return memo.Enabled;
        var enabled = compute(this);
        _enabledAnalyzers = new EnabledAnalyzersMemo(registry, enabled);
        return enabled;
    }

    public ReportDiagnostic GetSeverity(string ruleId)
        => TryGetSeverity(ruleId, category: null, applyBulkSettings: true, out var severity, out _) ? severity : ReportDiagnostic.Default;

    /// <summary>
    /// Roslyn's rules for a descriptor: a <c>NotConfigurable</c> rule is never configured; bulk
    /// settings (category, all rules) do not apply to a rule that is disabled by default — only
    /// <c>dotnet_diagnostic.ID.severity</c> (or .hadolint.yaml) can turn it on.
    /// </summary>
    public ReportDiagnostic GetSeverity(DiagnosticDescriptor descriptor)
    {
        if (descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable)) return ReportDiagnostic.Default;
        return TryGetSeverity(descriptor.Id, descriptor.Category, descriptor.IsEnabledByDefault, out var severity, out _) ? severity : ReportDiagnostic.Default;
    }

    /// <summary>The setting that decides a rule's severity (for messages), or null when none does.</summary>
    public ConfigurationSetting? GetSeveritySetting(string ruleId)
        => TryGetSeverity(ruleId, category: null, applyBulkSettings: true, out _, out var setting) ? setting : null;

    /// <summary>
    /// Looks up a rule's severity by precedence (see the type's remarks). <paramref name="category"/>
    /// null means "ask the provider's category function".
    /// </summary>
    public bool TryGetSeverity(string ruleId, string? category, bool applyBulkSettings, out ReportDiagnostic severity, out ConfigurationSetting? setting)
    {
        if (_ruleSeverities.TryGetValue(ruleId, out var found) || _hadolintSeverities.TryGetValue(ruleId, out found))
        {
            (severity, setting) = found;
            return true;
        }
        if (applyBulkSettings)
        {
            category ??= _categorySeverities.Count > 0 ? _categoryOf?.Invoke(ruleId) : null;
            if (!string.IsNullOrEmpty(category) && _categorySeverities.TryGetValue(category!, out found))
            {
                (severity, setting) = found;
                return true;
            }
            if (_allRules is { } all)
            {
                (severity, setting) = all;
                return true;
            }
        }
        severity = ReportDiagnostic.Default;
        setting = null;
        return false;
    }

    /// <summary>The value of a key such as <c>plimsoll.trusted_registries</c>, or null when unset.</summary>
    public string? GetOption(string key) => _options.TryGetValue(key, out var setting) ? setting.Value : null;

    /// <summary>The setting behind <see cref="GetOption"/>, with its file and line.</summary>
    public ConfigurationSetting? GetOptionSetting(string key) => _options.TryGetValue(key, out var setting) ? setting : null;

    /// <summary>A comma-separated value as a list: entries trimmed, empty entries dropped; empty when unset.</summary>
    public IReadOnlyList<string> GetListOption(string key)
    {
        string? value = GetOption(key);
        if (value is null) return Array.Empty<string>();
        return value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
    }
}
