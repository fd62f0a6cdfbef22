using Plimsoll.Analysis.Fixes;

namespace Plimsoll.Cli.Fixing;

/// <summary>What <c>lint --fix</c>, <c>--unsafe-fixes</c> and <c>--diff</c> ask for: the least trusted fixes to apply, and whether to write.</summary>
internal sealed record FixMode(FixApplicability Minimum, bool DiffOnly)
{
    /// <summary>Null when none of the options is given (a plain lint run).</summary>
    public static FixMode? From(bool fix, bool unsafeFixes, bool diff)
        => !fix && !unsafeFixes && !diff ? null : new FixMode(unsafeFixes ? FixApplicability.Unsafe : FixApplicability.Safe, diff);
}
