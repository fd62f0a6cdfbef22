namespace Plimsoll.Analysis.Fixes;

/// <summary>
/// How far a fix can be trusted (Ruff's model). <c>lint --fix</c> applies safe fixes, <c>--unsafe-fixes</c> adds unsafe
/// ones; display-only fixes are shown (text, SARIF) and never applied. Each rule's page says why its fixes have their level.
/// </summary>
public enum FixApplicability
{
    /// <summary>A suggestion that needs a person: applying it blindly would be wrong or incomplete.</summary>
    DisplayOnly,

    /// <summary>Correct in the usual case, but it can change what the file does (another server, a lost feature).</summary>
    Unsafe,

    /// <summary>Keeps the meaning the author intended; applied by <c>--fix</c>.</summary>
    Safe,
}
