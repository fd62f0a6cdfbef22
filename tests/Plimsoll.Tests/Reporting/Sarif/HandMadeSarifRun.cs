using Plimsoll.Tests.Infrastructure;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;

// Release tracking (RS2008) is for shipped analyzers, not for test rules.
#pragma warning disable RS2008

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// A small repository in a temporary folder, with diagnostics that use every feature of the writer:
/// suppressions of both kinds, fixes, notifications, a file outside the root, a multi-line span, a zero-length span
/// at the end of a file, CRLF line ends, non-ASCII text and paths, an additional location and an unlisted rule.
/// </summary>
internal sealed class HandMadeSarifRun : IDisposable
{
    public const string DockerfileText =
        "# syntax=docker/dockerfile:1\r\n" +
        "FROM alpine:latest AS build\r\n" +
        "LABEL maintainer=\"Zoë 🐳 Ünïcode\"\r\n" +
        "RUN apk add --no-cache \\\r\n" +
        "      curl \\\r\n" +
        "      git\r\n" +
        "ADD app.tar.gz /app/\r\n" +
        "\t  COPY --from=build /app /app\r\n";

    public const string ComposeText =
        "services:\n" +
        "  web:\n" +
        "    image: nginx\n" +
        "  db:\n" +
        "    image: \"postgres\"   # 🐘\n" +
        "    environment:\n" +
        "      POSTGRES_PASSWORD: example"; // no final line break

    public const string OutsideText = "FROM ubuntu\nRUN true\n";

    private static readonly DiagnosticDescriptor HiddenRule = new(
        "PL9901", "Hidden diagnostic for testing", "Hidden finding", "Testing", DiagnosticSeverity.Hidden, isEnabledByDefault: false);

    public HandMadeSarifRun()
    {
        Root = TempDirectory.Create();
        RepositoryRoot = Path.Combine(Root, "repo");
        DockerfilePath = Path.Combine(RepositoryRoot, "ünï côde", "Dockerfile");
        ComposePath = Path.Combine(RepositoryRoot, "deploy", "compose.yaml");
        OutsidePath = Path.Combine(Root, "outside", "Dockerfile");
        MissingPath = Path.Combine(RepositoryRoot, "missing", "Dockerfile");
        Write(DockerfilePath, DockerfileText);
        Write(ComposePath, ComposeText);
        Write(OutsidePath, OutsideText);

        Dockerfile = SourceText.From(DockerfileText);
        Compose = SourceText.From(ComposeText);
        Outside = SourceText.From(OutsideText);

        var diagnostics = new List<Diagnostic>();
        var fixes = new Dictionary<Diagnostic, IReadOnlyList<SarifFix>>();

        // 0: FROM image, with a fix that pins the tag.
        var fromImage = Span(DockerfileText, "alpine:latest");
        Unpinned = PlimsollDiagnostic.Create(SarifTestRules.UnpinnedBaseImage, DockerfilePath, Dockerfile, fromImage, "alpine:latest");
        diagnostics.Add(Unpinned);
        fixes[Unpinned] = new[] { new SarifFix("Pin the tag.", new[] { new SarifReplacement(DockerfilePath, Span(DockerfileText, "latest"), "3.19") }) };

        // 1: a multi-line span (the RUN with two continuation lines), suppressed in source with a justification.
        var run = TextSpan.FromBounds(DockerfileText.IndexOf("RUN", StringComparison.Ordinal), DockerfileText.IndexOf("git", StringComparison.Ordinal) + 3);
        MultiLine = SuppressionProperties.Suppress(
            PlimsollDiagnostic.Create(SarifTestRules.UnpinnedBaseImage, DockerfilePath, Dockerfile, run, "apk packages"),
            SuppressionProperties.InSource, "Packages are pinned by the base image's index.");
        diagnostics.Add(MultiLine);

        // 2: ADD → COPY, with a fix whose edits touch two files; suppressed by a baseline, without justification.
        var add = Span(DockerfileText, "ADD");
        AddToCopy = SuppressionProperties.Suppress(PlimsollDiagnostic.Create(SarifTestRules.AddInsteadOfCopy, DockerfilePath, Dockerfile, add), SuppressionProperties.Baseline);
        diagnostics.Add(AddToCopy);
        fixes[AddToCopy] = new[]
        {
            new SarifFix("Use COPY and unpack in the build.", new[]
            {
                new SarifReplacement(DockerfilePath, add, "COPY"),
                new SarifReplacement(ComposePath, new TextSpan(ComposeText.Length, 0), "\n"),
                new SarifReplacement(DockerfilePath, new TextSpan(DockerfileText.Length, 0), "RUN tar -xzf /app/app.tar.gz\r\n"),
            }),
        };

        // 3: the unicode LABEL value (emoji = surrogate pair), with an additional location in the compose file.
        var label = Span(DockerfileText, "Zoë 🐳 Ünïcode");
        Unicode = Diagnostic.Create(SarifTestRules.UnpinnedBaseImage, PlimsollDiagnostic.CreateLocation(DockerfilePath, Dockerfile, label),
            new[] { PlimsollDiagnostic.CreateLocation(ComposePath, Compose, Span(ComposeText, "postgres")) }, "Zoë 🐳");
        diagnostics.Add(Unicode);

        // 4: the line with a leading tab; 5: zero-length at the very end of the Dockerfile (after its final CRLF).
        diagnostics.Add(PlimsollDiagnostic.Create(SarifTestRules.UnpinnedBaseImage, DockerfilePath, Dockerfile, Span(DockerfileText, "COPY --from=build"), "build"));
        EndOfDockerfile = PlimsollDiagnostic.Create(SarifTestRules.AddInsteadOfCopy, DockerfilePath, Dockerfile, new TextSpan(DockerfileText.Length, 0));
        diagnostics.Add(EndOfDockerfile);

        // 6, 7: compose images; 8: zero-length at the end of the compose file, which has no final line break.
        // 6 corresponds to two named peer rules (PeerAttribution): written as result properties.
        Attributed = Diagnostic.Create(SarifTestRules.UnpinnedServiceImage, PlimsollDiagnostic.CreateLocation(ComposePath, Compose, Span(ComposeText, "nginx")),
            System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(Plimsoll.Analysis.PeerAttribution.PropertyKey, "composeLint:CL-0004 dclint:service-image-require-explicit-tag"),
            "nginx");
        diagnostics.Add(Attributed);
        diagnostics.Add(PlimsollDiagnostic.Create(SarifTestRules.UnpinnedServiceImage, ComposePath, Compose, Span(ComposeText, "\"postgres\""), "postgres"));
        EndOfCompose = PlimsollDiagnostic.Create(SarifTestRules.UnpinnedServiceImage, ComposePath, Compose, new TextSpan(ComposeText.Length, 0), "end");
        diagnostics.Add(EndOfCompose);

        // 9: a file outside the repository root; 10: a rule that is not in Rules, hidden severity.
        OutsideRoot = PlimsollDiagnostic.Create(SarifTestRules.UnpinnedBaseImage, OutsidePath, Outside, Span(OutsideText, "ubuntu"), "ubuntu");
        diagnostics.Add(OutsideRoot);
        Unlisted = PlimsollDiagnostic.Create(HiddenRule, ComposePath, Compose, Span(ComposeText, "services"));
        diagnostics.Add(Unlisted);

        Input = new SarifRunInput("0.1.0")
        {
            Rules = SarifTestRules.All,
            Diagnostics = diagnostics,
            Fixes = d => fixes.TryGetValue(d, out var f) ? f : null,
            ReadText = ReadText,
            RepositoryRoot = RepositoryRoot,
            Notifications = new[]
            {
                new ToolNotification(MissingPath, "The file could not be read: it does not exist.", ToolNotificationLevel.Error),
                new ToolNotification(null, "No .plimsoll.yaml found; using the default configuration.", ToolNotificationLevel.Note),
                new ToolNotification(ComposePath, "The compose file has no final line break.", ToolNotificationLevel.Warning),
            },
        };
    }

    public string Root { get; }
    public string RepositoryRoot { get; }
    public string DockerfilePath { get; }
    public string ComposePath { get; }
    public string OutsidePath { get; }
    public string MissingPath { get; }
    public SourceText Dockerfile { get; }
    public SourceText Compose { get; }
    public SourceText Outside { get; }
    public Diagnostic Unpinned { get; }
    public Diagnostic MultiLine { get; }
    public Diagnostic AddToCopy { get; }
    public Diagnostic Unicode { get; }
    public Diagnostic EndOfDockerfile { get; }
    public Diagnostic EndOfCompose { get; }
    public Diagnostic Attributed { get; }
    public Diagnostic OutsideRoot { get; }
    public Diagnostic Unlisted { get; }
    public SarifRunInput Input { get; }

    /// <summary>Writes the log into the temporary folder and returns its path.</summary>
    public string WriteLog(SarifRunInput input, string name)
    {
        string path = Path.Combine(Root, name);
        using (var stream = File.Create(path)) SarifLogWriter.Write(stream, input);
        return path;
    }

    public void Dispose()
    {
        // The folder is TempDirectory's: removed with the test run's folder.
    }

    private SourceText? ReadText(string path) =>
        File.Exists(path) ? SourceText.From(File.ReadAllText(path, new UTF8Encoding(false))) : null;

    private static TextSpan Span(string text, string part)
    {
        int start = text.IndexOf(part, StringComparison.Ordinal);
        if (start < 0) throw new ArgumentException(part + " not in text");
        return new TextSpan(start, part.Length);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }
}
