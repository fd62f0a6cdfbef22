namespace Plimsoll.Analysis.Suppression;

/// <summary>How a finding was suppressed, with SARIF's vocabulary (<c>suppression.kind</c>).</summary>
public enum SuppressionKind
{
    /// <summary>By a comment in the linted file itself.</summary>
    InSource,

    /// <summary>By something outside the file (a baseline, a configuration file).</summary>
    External,
}
