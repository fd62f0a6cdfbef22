using Microsoft.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// A <c>.hadolint.yaml</c> read as a migration aid and turned into Plimsoll terms:
/// <c>ignored</c> → severity none; <c>override.error|warning|info|style</c> → error, warning,
/// suggestion, suggestion (Plimsoll has no separate "style" level that still shows);
/// <c>trustedRegistries</c> (or <c>trusted-registries</c>) → <c>plimsoll.trusted_registries</c>;
/// <c>failure-threshold</c> → <c>plimsoll.hadolint.failure_threshold</c>;
/// <c>disable-ignore-pragma</c> → <c>plimsoll.hadolint.disable_ignore_pragma</c>.
/// A rule listed under <c>ignored</c> stays ignored whatever <c>override</c> says; a rule under
/// several <c>override</c> levels takes the most severe. hadolint's output keys (format, no-color,
/// no-fail, label-schema, …) have no Plimsoll meaning and are skipped.
/// </summary>
internal sealed class HadolintConfigFile
{
    public const string TrustedRegistriesKey = "plimsoll.trusted_registries";
    public const string FailureThresholdKey = "plimsoll.hadolint.failure_threshold";
    public const string DisableIgnorePragmaKey = "plimsoll.hadolint.disable_ignore_pragma";

    private static readonly string[] Thresholds = { "error", "warning", "info", "style", "ignore", "none" };

    private HadolintConfigFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Plimsoll rule id → severity and the hadolint entry that set it.</summary>
    public Dictionary<string, (ReportDiagnostic Severity, ConfigurationSetting Setting)> Severities { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>plimsoll.*</c> key → setting.</summary>
    public Dictionary<string, ConfigurationSetting> Options { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ConfigurationProblem> Problems { get; } = new();

    public static HadolintConfigFile Load(IFileSystem fileSystem, string path, Func<string, IEnumerable<string>>? mapHadolintRule)
    {
        var file = new HadolintConfigFile(path);
        var read = fileSystem.ReadFile(path);
        if (!read.IsOk)
        {
            file.Problems.Add(new ConfigurationProblem(path, 0, "cannot read the file: " + read.Message));
            return file;
        }
        file.Read(ConfigurationText.WithoutByteOrderMark(read.Content!.Text), mapHadolintRule);
        return file;
    }

    public static HadolintConfigFile Parse(string text, string path, Func<string, IEnumerable<string>>? mapHadolintRule)
    {
        var file = new HadolintConfigFile(path);
        file.Read(text, mapHadolintRule);
        return file;
    }

    private void Read(string text, Func<string, IEnumerable<string>>? map)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Problems.Add(new ConfigurationProblem(Path, LineOf(e.Start), "invalid YAML: " + InnerMost(e).Message));
            return;
        }
        catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
        {
            Problems.Add(new ConfigurationProblem(Path, 0, "invalid YAML: " + e.Message));
            return;
        }
        if (stream.Documents.Count == 0) return;
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return;
        if (root is not YamlMappingNode mapping)
        {
            Problems.Add(new ConfigurationProblem(Path, LineOf(root.Start), "expected a mapping with keys such as 'ignored', 'override' or 'trustedRegistries'"));
            return;
        }

        var ignored = new List<(string Id, int Line)>();
        var overrides = new List<(string Id, int Line, string Level, ReportDiagnostic Severity)>();
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key }) continue;
            switch (key)
            {
                case "ignored":
                    foreach (var (id, line) in ReadList(entry.Value, key)) ignored.Add((id, line));
                    break;
                case "override":
                    ReadOverride(entry.Value, overrides);
                    break;
                case "trustedRegistries":
                case "trusted-registries":
                {
                    var registries = ReadList(entry.Value, key).Select(r => r.Value).ToList();
                    Options[TrustedRegistriesKey] = new ConfigurationSetting(key, string.Join(", ", registries), Source(entry.Key));
                    break;
                }
                case "failure-threshold":
                    if (entry.Value is YamlScalarNode { Value: { } threshold } && Thresholds.Contains(threshold.Trim().ToLowerInvariant()))
                    {
                        Options[FailureThresholdKey] = new ConfigurationSetting(key, threshold.Trim().ToLowerInvariant(), Source(entry.Value));
                    }
                    else
                    {
                        Problems.Add(new ConfigurationProblem(Path, LineOf(entry.Value.Start), "'failure-threshold' must be one of " + string.Join(", ", Thresholds)));
                    }
                    break;
                case "disable-ignore-pragma":
                    if (entry.Value is YamlScalarNode { Value: { } flag } && (flag == "true" || flag == "false"))
                    {
                        Options[DisableIgnorePragmaKey] = new ConfigurationSetting(key, flag, Source(entry.Value));
                    }
                    else
                    {
                        Problems.Add(new ConfigurationProblem(Path, LineOf(entry.Value.Start), "'disable-ignore-pragma' must be true or false"));
                    }
                    break;
            }
        }

        // Most severe override first (ReportDiagnostic runs Error=1 … Info=3), so that it is the one
        // kept; then "ignored" over everything.
        foreach (var o in overrides.OrderBy(o => (int)o.Severity))
        {
            foreach (var id in MapRule(o.Id, o.Line, map))
            {
                if (!Severities.ContainsKey(id))
                {
                    Severities[id] = (o.Severity, new ConfigurationSetting("override." + o.Level, o.Id, new SettingSource(Path, o.Line, SettingSourceKind.HadolintConfig)));
                }
            }
        }
        foreach (var (hadolintId, line) in ignored)
        {
            foreach (var id in MapRule(hadolintId, line, map))
            {
                Severities[id] = (ReportDiagnostic.Suppress, new ConfigurationSetting("ignored", hadolintId, new SettingSource(Path, line, SettingSourceKind.HadolintConfig)));
            }
        }
    }

    private void ReadOverride(YamlNode node, List<(string, int, string, ReportDiagnostic)> overrides)
    {
        if (node is YamlScalarNode { Value: null or "" }) return;
        if (node is not YamlMappingNode levels)
        {
            Problems.Add(new ConfigurationProblem(Path, LineOf(node.Start), "'override' must map error, warning, info or style to lists of rules"));
            return;
        }
        foreach (var level in levels.Children)
        {
            string name = (level.Key as YamlScalarNode)?.Value ?? "";
            ReportDiagnostic severity;
            switch (name)
            {
                case "error": severity = ReportDiagnostic.Error; break;
                case "warning": severity = ReportDiagnostic.Warn; break;
                case "info":
                case "style": severity = ReportDiagnostic.Info; break;
                default:
                    Problems.Add(new ConfigurationProblem(Path, LineOf(level.Key.Start), $"unknown override level '{name}': expected error, warning, info or style"));
                    continue;
            }
            foreach (var (id, line) in ReadList(level.Value, "override." + name)) overrides.Add((id, line, name, severity));
        }
    }

    private IEnumerable<string> MapRule(string hadolintId, int line, Func<string, IEnumerable<string>>? map)
    {
        var ids = map?.Invoke(hadolintId.ToUpperInvariant())?.Where(id => !string.IsNullOrWhiteSpace(id)).ToList() ?? new List<string>();
        if (ids.Count == 0)
        {
            Problems.Add(new ConfigurationProblem(Path, line, $"no Plimsoll rule corresponds to hadolint rule '{hadolintId}'; the entry has no effect"));
        }
        return ids;
    }

    // A YAML sequence of scalars; a lone scalar is taken as a one-element list, which is what people mean.
    private List<(string Value, int Line)> ReadList(YamlNode node, string key)
    {
        var items = new List<(string, int)>();
        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } v } && v.Trim().Length > 0) items.Add((v.Trim(), LineOf(item.Start)));
                    else Problems.Add(new ConfigurationProblem(Path, LineOf(item.Start), $"'{key}' entries must be plain strings"));
                }
                break;
            case YamlScalarNode { Value: null or "" }:
                break;
            case YamlScalarNode scalar:
                items.Add((scalar.Value!.Trim(), LineOf(scalar.Start)));
                break;
            default:
                Problems.Add(new ConfigurationProblem(Path, LineOf(node.Start), $"'{key}' must be a list"));
                break;
        }
        return items;
    }

    private SettingSource Source(YamlNode node) => new(Path, LineOf(node.Start), SettingSourceKind.HadolintConfig);

    private static int LineOf(Mark mark) => (int)Math.Max(0, mark.Line - 1);

    private static Exception InnerMost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e;
    }
}
