using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Compose;

/// <summary>Small readings of service settings that the compose rules of this folder share.</summary>
internal static class ComposeNames
{
    /// <summary>The service's profiles as written and known; empty when it has none (it always runs).</summary>
    public static HashSet<string> Profiles(ProjectService service)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (service.Get("profiles") is ProjectSequence sequence)
            foreach (var item in sequence.Items)
                if (item is ProjectScalar { KnownText: { Length: > 0 } profile }) set.Add(profile);
        return set;
    }

    /// <summary>
    /// False when both services are limited to profiles and share none: they are alternatives that a plain
    /// <c>up</c> never starts together.
    /// </summary>
    public static bool CanRunTogether(HashSet<string> a, HashSet<string> b) => a.Count == 0 || b.Count == 0 || a.Overlaps(b);
}
