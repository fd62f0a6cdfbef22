using Plimsoll.Diagnostics;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Reporting.Sarif;

/// <summary>
/// Writes a SARIF 2.1.0 log with one run, in the shape GitHub code scanning ingests: rule metadata with help and
/// code-scanning properties, regions with snippets, <c>primaryLocationLineHash</c> fingerprints, suppressions,
/// fixes and tool notifications. The same input always gives the same bytes (no clocks, no GUIDs, input order kept).
/// </summary>
/// <remarks>
/// Lines and columns are 1-based and come from the diagnostic's own <see cref="LinePositionSpan"/>; columns count
/// UTF-16 code units (<c>columnKind</c>) and <c>endColumn</c> is exclusive, as SARIF defines it.
/// </remarks>
public static class SarifLogWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SarifVersion = "2.1.0";
    public const string ToolName = "Plimsoll";

    /// <summary>
    /// Longer regions get no snippet: SARIF wants a snippet to be exactly the region, and a region that runs to the end
    /// of a large file (an unclosed heredoc) would otherwise copy the file into the log.
    /// </summary>
    public const int MaxSnippetLength = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Keeps non-ASCII text readable; the log is a file, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Stream output, SarifRunInput input)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        Write(writer, input);
    }

    public static void Write(IBufferWriter<byte> output, SarifRunInput input)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        Write(writer, input);
    }

    /// <summary>The log as UTF-8 bytes.</summary>
    public static byte[] WriteToBytes(SarifRunInput input)
    {
        using var buffer = new MemoryStream();
        Write(buffer, input);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, SarifRunInput input)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        var run = new RunBuilder(input);

        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", SarifVersion);
        writer.WriteStartArray("runs");
        writer.WriteStartObject();
        run.WriteTool(writer);
        run.WriteInvocations(writer);
        run.WriteVersionControlProvenance(writer);
        run.WriteOriginalUriBaseIds(writer);
        run.WriteArtifacts(writer);
        run.WriteResults(writer);
        writer.WriteString("columnKind", "utf16CodeUnits");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>One run: the rules and files it refers to, indexed before anything is written.</summary>
    private sealed class RunBuilder
    {
        private readonly SarifRunInput input;
        private readonly ArtifactUri.Mapper uris;
        private readonly List<RuleMetadata> rules = new();
        private readonly Dictionary<string, int> ruleIndexById = new(StringComparer.Ordinal);
        private readonly List<ArtifactUri> artifacts = new();
        private readonly Dictionary<ArtifactUri, int> artifactIndex = new();
        private readonly Dictionary<string, SourceFile> filesByPath = new(StringComparer.Ordinal);
        private readonly List<(Diagnostic Diagnostic, IReadOnlyList<SarifFix> Fixes)> results = new();

        public RunBuilder(SarifRunInput input)
        {
            this.input = input;
            uris = new ArtifactUri.Mapper(input.RepositoryRoot);

            foreach (var rule in input.Rules ?? Array.Empty<RuleMetadata>())
            {
                if (rule != null) AddRule(rule);
            }
            foreach (var diagnostic in (input.Diagnostics ?? Array.Empty<Diagnostic>()).Where(d => d != null))
            {
                // The fixes callback runs once per diagnostic.
                var fixes = FixesOf(diagnostic);
                results.Add((diagnostic, fixes));
                if (!ruleIndexById.ContainsKey(diagnostic.Id)) AddRule(new RuleMetadata(diagnostic.Descriptor));
                if (PathOf(diagnostic.Location) is { } path) File(path);
                foreach (var additional in diagnostic.AdditionalLocations)
                {
                    if (PathOf(additional) is { } additionalPath) File(additionalPath);
                }
                foreach (var fix in fixes)
                {
                    foreach (var replacement in fix.Replacements)
                    {
                        if (replacement != null && !string.IsNullOrEmpty(replacement.Path)) File(replacement.Path);
                    }
                }
            }
            foreach (var notification in Notifications)
            {
                if (!string.IsNullOrEmpty(notification.Path)) File(notification.Path!);
            }
        }

        private IEnumerable<ToolNotification> Notifications => (input.Notifications ?? Array.Empty<ToolNotification>()).Where(n => n != null);

        private void AddRule(RuleMetadata rule)
        {
            if (ruleIndexById.ContainsKey(rule.Id)) return;
            ruleIndexById.Add(rule.Id, rules.Count);
            rules.Add(rule);
        }

        private IReadOnlyList<SarifFix> FixesOf(Diagnostic diagnostic)
        {
            IReadOnlyList<SarifFix>? fixes = input.Fixes?.Invoke(diagnostic);
            if (fixes is null || fixes.Count == 0) return Array.Empty<SarifFix>();
            return fixes.Where(f => f != null && f.Replacements != null && f.Replacements.Any(r => r != null && !string.IsNullOrEmpty(r.Path))).ToList();
        }

        private static string? PathOf(Location location)
        {
            if (location is null || location.Kind == LocationKind.None) return null;
            var span = location.GetLineSpan();
            return span.IsValid && !string.IsNullOrEmpty(span.Path) ? span.Path : null;
        }

        private SourceFile File(string path)
        {
            if (filesByPath.TryGetValue(path, out var file)) return file;
            var uri = uris.Map(path);
            if (!artifactIndex.TryGetValue(uri, out int index))
            {
                index = artifacts.Count;
                artifacts.Add(uri);
                artifactIndex.Add(uri, index);
            }
            file = new SourceFile(path, uri, index, input.ReadText);
            filesByPath.Add(path, file);
            return file;
        }

        public void WriteTool(Utf8JsonWriter writer)
        {
            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", ToolName);
            writer.WriteString("version", Clean(input.ToolVersion));
            writer.WriteString("semanticVersion", Clean(input.ToolVersion));
            if (!string.IsNullOrEmpty(input.InformationUri)) writer.WriteString("informationUri", Clean(input.InformationUri));
            writer.WriteStartArray("rules");
            foreach (var rule in rules) WriteRule(writer, rule);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static void WriteRule(Utf8JsonWriter writer, RuleMetadata rule)
        {
            var descriptor = rule.Descriptor;
            string title = Localized(descriptor.Title);
            string description = Localized(descriptor.Description);
            if (title.Length == 0) title = descriptor.Id;
            if (description.Length == 0) description = title;

            writer.WriteStartObject();
            writer.WriteString("id", Clean(descriptor.Id));
            writer.WriteString("name", Clean(rule.EffectiveName));
            WriteMessage(writer, "shortDescription", title);
            WriteMessage(writer, "fullDescription", description);
            writer.WriteStartObject("help");
            writer.WriteString("text", Clean(string.IsNullOrEmpty(rule.HelpText) ? description : rule.HelpText!));
            if (!string.IsNullOrEmpty(rule.HelpMarkdown)) writer.WriteString("markdown", Clean(rule.HelpMarkdown!));
            writer.WriteEndObject();
            if (!string.IsNullOrEmpty(descriptor.HelpLinkUri)) writer.WriteString("helpUri", Clean(descriptor.HelpLinkUri));
            writer.WriteStartObject("defaultConfiguration");
            writer.WriteString("level", Level(descriptor.DefaultSeverity));
            if (!descriptor.IsEnabledByDefault) writer.WriteBoolean("enabled", false);
            writer.WriteEndObject();

            writer.WriteStartObject("properties");
            if (!string.IsNullOrEmpty(descriptor.Category)) writer.WriteString("category", Clean(descriptor.Category));
            var tags = descriptor.CustomTags.Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).ToList();
            if (tags.Count > 0)
            {
                writer.WriteStartArray("tags");
                foreach (var tag in tags) writer.WriteStringValue(Clean(tag));
                writer.WriteEndArray();
            }
            if (!string.IsNullOrEmpty(rule.SecuritySeverity)) writer.WriteString("security-severity", Clean(rule.SecuritySeverity!));
            if (!string.IsNullOrEmpty(rule.Precision)) writer.WriteString("precision", Clean(rule.Precision!));
            if (!string.IsNullOrEmpty(rule.ProblemSeverity)) writer.WriteString("problem.severity", Clean(rule.ProblemSeverity!));
            if (!string.IsNullOrEmpty(rule.FixApplicability)) writer.WriteString("fixApplicability", Clean(rule.FixApplicability!));
            if (rule.Peers is { Count: > 0 } peers) WritePeerIds(writer, "peers", peers);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        public void WriteInvocations(Utf8JsonWriter writer)
        {
            var notifications = Notifications.ToList();
            bool successful = input.ExecutionSuccessful ?? !notifications.Any(n => n.Level == ToolNotificationLevel.Error);

            writer.WriteStartArray("invocations");
            writer.WriteStartObject();
            writer.WriteBoolean("executionSuccessful", successful);
            if (notifications.Count > 0)
            {
                writer.WriteStartArray("toolExecutionNotifications");
                foreach (var notification in notifications)
                {
                    writer.WriteStartObject();
                    writer.WriteString("level", notification.Level switch
                    {
                        ToolNotificationLevel.Error => "error",
                        ToolNotificationLevel.Warning => "warning",
                        _ => "note",
                    });
                    WriteMessage(writer, "message", notification.Message ?? string.Empty);
                    if (!string.IsNullOrEmpty(notification.Path))
                    {
                        writer.WriteStartArray("locations");
                        writer.WriteStartObject();
                        writer.WriteStartObject("physicalLocation");
                        WriteArtifactLocation(writer, "artifactLocation", File(notification.Path!));
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                        writer.WriteEndArray();
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        public void WriteVersionControlProvenance(Utf8JsonWriter writer)
        {
            var versionControl = input.VersionControl;
            if (versionControl is null || string.IsNullOrEmpty(versionControl.RepositoryUri)) return;
            writer.WriteStartArray("versionControlProvenance");
            writer.WriteStartObject();
            writer.WriteString("repositoryUri", Clean(versionControl.RepositoryUri));
            if (!string.IsNullOrEmpty(versionControl.RevisionId)) writer.WriteString("revisionId", Clean(versionControl.RevisionId!));
            if (!string.IsNullOrEmpty(versionControl.Branch)) writer.WriteString("branch", Clean(versionControl.Branch!));
            // Results outside the root then draw SARIF2007 warnings: they are not in the repository GitHub shows.
            if (uris.RootUri != null)
            {
                writer.WriteStartObject("mappedTo");
                writer.WriteString("uriBaseId", ArtifactUri.SourceRootId);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        public void WriteOriginalUriBaseIds(Utf8JsonWriter writer)
        {
            if (uris.RootUri is null) return;
            writer.WriteStartObject("originalUriBaseIds");
            writer.WriteStartObject(ArtifactUri.SourceRootId);
            writer.WriteString("uri", uris.RootUri);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        public void WriteArtifacts(Utf8JsonWriter writer)
        {
            if (artifacts.Count == 0) return;
            writer.WriteStartArray("artifacts");
            foreach (var artifact in artifacts)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("location");
                writer.WriteString("uri", artifact.Uri);
                if (artifact.UriBaseId != null) writer.WriteString("uriBaseId", artifact.UriBaseId);
                writer.WriteEndObject();
                // Every file a Plimsoll run names is one it was asked to lint (SARIF2004 flags location-only artifacts).
                writer.WriteStartArray("roles");
                writer.WriteStringValue("analysisTarget");
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        public void WriteResults(Utf8JsonWriter writer)
        {
            writer.WriteStartArray("results");
            foreach (var (diagnostic, fixes) in results) WriteResult(writer, diagnostic, fixes);
            writer.WriteEndArray();
        }

        private void WriteResult(Utf8JsonWriter writer, Diagnostic diagnostic, IReadOnlyList<SarifFix> fixes)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", Clean(diagnostic.Id));
            writer.WriteNumber("ruleIndex", ruleIndexById[diagnostic.Id]);
            writer.WriteString("level", Level(diagnostic.Severity));
            WriteMessage(writer, "message", MessageOf(diagnostic));

            SourceFile? primaryFile = null;
            int startLine = 0;
            if (PathOf(diagnostic.Location) is { } path)
            {
                primaryFile = File(path);
                startLine = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
                writer.WriteStartArray("locations");
                writer.WriteStartObject();
                WritePhysicalLocation(writer, primaryFile, diagnostic.Location);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            var related = diagnostic.AdditionalLocations.Where(l => PathOf(l) != null).ToList();
            if (related.Count > 0)
            {
                writer.WriteStartArray("relatedLocations");
                for (int i = 0; i < related.Count; i++)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", i + 1);
                    WritePhysicalLocation(writer, File(PathOf(related[i])!), related[i]);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }

            if (primaryFile?.LineHash(startLine) is { } lineHash)
            {
                writer.WriteStartObject("partialFingerprints");
                writer.WriteString("primaryLocationLineHash", lineHash);
                writer.WriteEndObject();
            }

            if (diagnostic.IsSuppressed) WriteSuppression(writer, diagnostic);

            if (fixes.Count > 0)
            {
                writer.WriteStartArray("fixes");
                foreach (var fix in fixes) WriteFix(writer, fix);
                writer.WriteEndArray();
            }

            // The peer rules this result corresponds to, in the shape of the rule's own 'peers' property.
            if (Plimsoll.Analysis.PeerAttribution.Read(diagnostic) is { } peerRules)
            {
                writer.WriteStartObject("properties");
                WritePeerIds(writer, Plimsoll.Analysis.PeerAttribution.PropertyKey, peerRules);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        private void WritePhysicalLocation(Utf8JsonWriter writer, SourceFile file, Location location)
        {
            var lineSpan = location.GetLineSpan().Span;
            TextSpan span = location.SourceSpan;
            writer.WriteStartObject("physicalLocation");
            WriteArtifactLocation(writer, "artifactLocation", file);
            writer.WriteStartObject("region");
            WriteLinesAndColumns(writer, lineSpan);
            writer.WriteNumber("charOffset", span.Start);
            writer.WriteNumber("charLength", span.Length);
            if (file.Snippet(span) is { } snippet)
            {
                writer.WriteStartObject("snippet");
                writer.WriteString("text", Clean(snippet));
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private void WriteArtifactLocation(Utf8JsonWriter writer, string propertyName, SourceFile file)
        {
            writer.WriteStartObject(propertyName);
            writer.WriteString("uri", file.Uri.Uri);
            if (file.Uri.UriBaseId != null) writer.WriteString("uriBaseId", file.Uri.UriBaseId);
            writer.WriteNumber("index", file.ArtifactIndex);
            writer.WriteEndObject();
        }

        private static void WriteLinesAndColumns(Utf8JsonWriter writer, LinePositionSpan span)
        {
            writer.WriteNumber("startLine", span.Start.Line + 1);
            writer.WriteNumber("startColumn", span.Start.Character + 1);
            writer.WriteNumber("endLine", span.End.Line + 1);
            writer.WriteNumber("endColumn", span.End.Character + 1);
        }

        private static void WriteSuppression(Utf8JsonWriter writer, Diagnostic diagnostic)
        {
            diagnostic.Properties.TryGetValue(SuppressionProperties.KindKey, out string? kind);
            diagnostic.Properties.TryGetValue(SuppressionProperties.JustificationKey, out string? justification);
            bool inSource = string.IsNullOrEmpty(kind) || string.Equals(kind, SuppressionProperties.InSource, StringComparison.OrdinalIgnoreCase);

            writer.WriteStartArray("suppressions");
            writer.WriteStartObject();
            writer.WriteString("kind", inSource ? "inSource" : "external");
            if (!string.IsNullOrEmpty(justification)) writer.WriteString("justification", Clean(justification!));
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        private void WriteFix(Utf8JsonWriter writer, SarifFix fix)
        {
            writer.WriteStartObject();
            WriteMessage(writer, "description", fix.Description ?? string.Empty);
            writer.WriteStartArray("artifactChanges");
            // One change per file, files in the order the replacements first name them.
            foreach (var group in fix.Replacements.Where(r => r != null && !string.IsNullOrEmpty(r.Path)).GroupBy(r => File(r.Path)))
            {
                writer.WriteStartObject();
                WriteArtifactLocation(writer, "artifactLocation", group.Key);
                writer.WriteStartArray("replacements");
                foreach (var replacement in group)
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("deletedRegion");
                    if (group.Key.LinePositionSpan(replacement.DeletedSpan) is { } lines) WriteLinesAndColumns(writer, lines);
                    writer.WriteNumber("charOffset", replacement.DeletedSpan.Start);
                    writer.WriteNumber("charLength", replacement.DeletedSpan.Length);
                    writer.WriteEndObject();
                    if (!string.IsNullOrEmpty(replacement.InsertedText))
                    {
                        writer.WriteStartObject("insertedContent");
                        writer.WriteString("text", Clean(replacement.InsertedText));
                        writer.WriteEndObject();
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>A file named by the run: its URI, artifact index and (read once, on demand) text and line hashes.</summary>
    private sealed class SourceFile
    {
        private readonly string path;
        private readonly Func<string, SourceText?>? readText;
        private bool textRead;
        private SourceText? text;
        private PrimaryLocationLineHash.LineHashes? lineHashes;

        public SourceFile(string path, ArtifactUri uri, int artifactIndex, Func<string, SourceText?>? readText)
        {
            this.path = path;
            Uri = uri;
            ArtifactIndex = artifactIndex;
            this.readText = readText;
        }

        public ArtifactUri Uri { get; }

        public int ArtifactIndex { get; }

        private SourceText? Text
        {
            get
            {
                if (!textRead)
                {
                    textRead = true;
                    try
                    {
                        text = readText?.Invoke(path);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                    {
                        // An unreadable file only costs the snippets and fingerprints.
                        text = null;
                    }
                }
                return text;
            }
        }

        public string? Snippet(TextSpan span) => span.Length <= MaxSnippetLength && Text is { } t && span.End <= t.Length ? t.ToString(span) : null;

        public LinePositionSpan? LinePositionSpan(TextSpan span) => Text is { } t && span.End <= t.Length ? t.Lines.GetLinePositionSpan(span) : null;

        public string? LineHash(int line)
        {
            if (Text is not { } t || line < 1) return null;
            lineHashes ??= PrimaryLocationLineHash.Compute(t);
            return lineHashes.ForLine(line);
        }
    }

    private static void WriteMessage(Utf8JsonWriter writer, string propertyName, string text)
    {
        writer.WriteStartObject(propertyName);
        writer.WriteString("text", Clean(text));
        writer.WriteEndObject();
    }

    private static string MessageOf(Diagnostic diagnostic)
    {
        try
        {
            return diagnostic.GetMessage(CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            // A message format that does not fit its arguments still says what the rule is.
            return Localized(diagnostic.Descriptor.MessageFormat);
        }
    }

    private static string Localized(LocalizableString value)
    {
        try
        {
            return value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        }
        catch (Exception e) when (e is FormatException or System.Resources.MissingManifestResourceException or InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>Replaces lone surrogates (which JSON writers reject) with U+FFFD; allocates only when there are some.</summary>
    // Peer rule ids by tool: a rule's declared 'peers', and a result's attributed 'peerRules', in one shape.
    private static void WritePeerIds(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> idsByTool)
    {
        writer.WriteStartObject(name);
        foreach (var pair in idsByTool)
        {
            writer.WriteStartArray(Clean(pair.Key));
            foreach (var id in pair.Value) writer.WriteStringValue(Clean(id));
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    internal static string Clean(string value)
    {
        if (value is null) return string.Empty;
        for (int i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i])) continue;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            var chars = value.ToCharArray();
            for (int j = i; j < chars.Length; j++)
            {
                if (char.IsHighSurrogate(chars[j]) && j + 1 < chars.Length && char.IsLowSurrogate(chars[j + 1])) j++;
                else if (char.IsSurrogate(chars[j])) chars[j] = '\uFFFD';
            }
            return new string(chars);
        }
        return value;
    }
}
