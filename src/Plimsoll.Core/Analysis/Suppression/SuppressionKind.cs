namespace Plimsoll.Analysis.Suppression;

/// <summary>How a finding was suppressed, with SARIF's vocabulary (<c>suppression.kind</c>).</summary>
public enum SuppressionKind
{
    /// <summary>By a comment in the linted file itself.</summary>
    InSource,

    /// <summary>By something outside the file (a configuration file).</summary>
    External,

    /// <summary>By a baseline: the finding was already there in an earlier run (SARIF kind <c>external</c>).</summary>
    Baseline,
}
