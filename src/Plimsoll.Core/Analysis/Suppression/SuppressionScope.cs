namespace Plimsoll.Analysis.Suppression;

/// <summary>What part of the file a suppression comment covers.</summary>
public enum SuppressionScope
{
    /// <summary>The construct that starts on the next code line (<c>disable-next-line</c>; hadolint's <c>ignore=</c>: the very next line).</summary>
    NextLine,

    /// <summary>The comment's own line (<c>disable-line</c>, a trailing comment).</summary>
    Line,

    /// <summary>The whole file (<c>disable</c>, hadolint's <c>global ignore=</c>).</summary>
    File,
}
