namespace Plimsoll.Text;

/// <summary>Which characters end a line in a file format. Positions are reported in the format's own lines.</summary>
public enum LineBreakRule
{
    /// <summary>Roslyn's rule: LF, CR, CRLF, U+0085, U+2028 and U+2029 (for text of no particular format).</summary>
    Unicode,

    /// <summary>Dockerfiles (BuildKit's line scanner): only LF ends a line; the CR of a CRLF belongs to the line ending, a lone CR is content.</summary>
    LineFeed,

    /// <summary>YAML 1.2: LF, CR and CRLF; U+0085, U+2028 and U+2029 are ordinary characters.</summary>
    Yaml,
}
