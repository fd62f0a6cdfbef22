namespace Plimsoll.Analysis.Suppression;

/// <summary>Which comment syntax a suppression was written in.</summary>
public enum SuppressionSyntax
{
    /// <summary><c># plimsoll disable…</c></summary>
    Plimsoll,

    /// <summary><c># hadolint ignore=…</c> / <c># hadolint global ignore=…</c>, honoured for migration.</summary>
    Hadolint,
}
