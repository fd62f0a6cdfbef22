using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>An entry of a service's <c>volumes</c>: short syntax <c>[SOURCE:]TARGET[:MODE]</c>, or the long mapping form.</summary>
public sealed class ProjectServiceVolume
{
    internal ProjectServiceVolume(ProjectNode node)
    {
        Node = node;
        if (node is ProjectMapping m)
        {
            Type = m.Scalar("type")?.Text;
            Source = VolumePart.Of(m.Scalar("source"));
            Target = VolumePart.Of(m.Scalar("target"));
            IsReadOnly = m.Scalar("read_only")?.AsBoolean() == true;
            return;
        }
        if (node is not ProjectScalar { Raw: { } raw } scalar) return;
        IsShortSyntax = true;
        // Parts are found in the text as written (for their spans) and take their values from the interpolated
        // text when it splits the same way: ${SOCK:-/var/run/docker.sock}:/sock is the socket.
        var written = SplitVolume(raw);
        var known = scalar.KnownText is { } text ? SplitVolume(text) : null;
        VolumePart? Part(int index, bool rest)
        {
            if (index >= written.Count) return null;
            var (start, length) = written[index];
            if (rest) length = raw.Length - start;
            string? value = null;
            if (known != null && known.Count == written.Count)
            {
                var (s, l) = known[index];
                value = scalar.KnownText!.Substring(s, rest ? scalar.KnownText.Length - s : l);
            }
            return new VolumePart(raw.Substring(start, length), value, scalar, ProjectReader.SpanOf(scalar.Node, raw, start, length));
        }
        switch (written.Count)
        {
            case 1:
                Target = Part(0, false);
                break;
            default:
                Source = Part(0, false);
                Target = Part(1, false);
                Mode = written.Count > 2 ? Part(2, true) : null;
                break;
        }
        Type = Source == null ? "volume" : IsHostPath(Source.Raw) ? "bind" : "volume";
        IsReadOnly = Mode != null && Mode.Raw.Split(',').Contains("ro");
    }

    public ProjectNode Node { get; }

    public bool IsShortSyntax { get; }

    /// <summary><c>bind</c>, <c>volume</c>, <c>tmpfs</c>, <c>npipe</c>, <c>image</c>, <c>cluster</c>; for short syntax, inferred from the source.</summary>
    public string? Type { get; }

    /// <summary>Host path or volume name; null for an anonymous volume.</summary>
    public VolumePart? Source { get; }

    public VolumePart? Target { get; }

    /// <summary>Short syntax access mode and options (<c>ro</c>, <c>rw</c>, <c>z</c>, ...).</summary>
    public VolumePart? Mode { get; }

    /// <summary>True when mounted read-only (<c>:ro</c>, or <c>read_only: true</c>).</summary>
    public bool IsReadOnly { get; }

    public bool IsBind => Type == "bind";

    /// <summary>
    /// Splits <c>[SOURCE:]TARGET[:MODE]</c> on colons, keeping a Windows drive letter (<c>C:\</c>) with its path
    /// and <c>${VAR:-default}</c> whole.
    /// </summary>
    internal static List<(int Start, int Length)> SplitVolume(string text)
    {
        var parts = new List<(int, int)>();
        int start = 0;
        int braces = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            // A colon inside ${VAR:-default} is part of the variable, not a separator.
            if (i + 1 < text.Length && text[i] == '$' && text[i + 1] == '{') braces++;
            else if (i < text.Length && text[i] == '}' && braces > 0) braces--;
            if (i < text.Length && (text[i] != ':' || braces > 0)) continue;
            // "C:\data:/data" or "C:/data:/data"; but "a:/data" is the named volume "a".
            bool driveLetter = i == start + 1 && i + 1 < text.Length && (text[i + 1] == '\\' || text[i + 1] == '/')
                && char.IsLetter(text[start]) && text.IndexOf(':', i + 1) >= 0;
            if (driveLetter && i < text.Length) continue;
            parts.Add((start, i - start));
            start = i + 1;
        }
        return parts;
    }

    private static bool IsHostPath(string source)
        => source.StartsWith("/", StringComparison.Ordinal) || source.StartsWith(".", StringComparison.Ordinal)
        || source.StartsWith("~", StringComparison.Ordinal) || source.StartsWith("\\", StringComparison.Ordinal)
        || source.StartsWith("$", StringComparison.Ordinal) && source.IndexOf('/') >= 0
        || (source.Length >= 2 && char.IsLetter(source[0]) && source[1] == ':');
}

/// <summary>A part of a volume entry: as written, as deployed when known, and where it is written.</summary>
public sealed class VolumePart
{
    internal VolumePart(string raw, string? knownText, ProjectScalar scalar, TextSpan span)
    {
        Raw = raw;
        KnownText = knownText;
        Scalar = scalar;
        Span = span;
    }

    internal static VolumePart? Of(ProjectScalar? scalar)
        => scalar?.Raw is { } raw ? new VolumePart(raw, scalar.KnownText, scalar, scalar.Span) : null;

    /// <summary>The text as written (not interpolated).</summary>
    public string Raw { get; }

    /// <summary>The value as deployed; null when a variable in it is unknown.</summary>
    public string? KnownText { get; }

    /// <summary>The scalar the part belongs to (its file is the part's file).</summary>
    public ProjectScalar Scalar { get; }

    public TextSpan Span { get; }

    public Microsoft.CodeAnalysis.Location GetLocation()
        => Plimsoll.Diagnostics.PlimsollDiagnostic.CreateLocation(Scalar.Path, Scalar.Tree.Text, Span);

    public override string ToString() => Raw;
}
