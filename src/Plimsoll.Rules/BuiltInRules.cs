using Plimsoll.Analysis;
using Plimsoll.Rules.Downloads;
using Plimsoll.Rules.Images;
using Plimsoll.Rules.Network;
using Plimsoll.Rules.Privileges;
using Plimsoll.Rules.Secrets;

namespace Plimsoll.Rules;

/// <summary>The built-in analyzers and their rule pages (rules/PLnnnn.md, embedded at build time).</summary>
public static class BuiltInRules
{
    /// <summary>
    /// The built-in analyzers, named one by one (ordered by full type name, as <see cref="AnalyzerLoader"/> orders a
    /// rule pack) rather than found by reflection, so the Native AOT build keeps them after trimming. A test checks
    /// that this list and reflection over the assembly agree, so a new rule class cannot be left out.
    /// </summary>
    public static IReadOnlyList<PlimsollAnalyzer> CreateAnalyzers() => new PlimsollAnalyzer[]
    {
        new DownloadPipedToShellAnalyzer(),
        new InsecureTransportAnalyzer(),
        new UnverifiedDownloadAnalyzer(),
        new ImageWithoutDigestAnalyzer(),
        new UnpinnedImageTagAnalyzer(),
        new HostNetworkAnalyzer(),
        new UnencryptedOverlayNetworkAnalyzer(),
        new DangerousCapabilitiesAnalyzer(),
        new HostNamespacesAnalyzer(),
        new PrivilegedAnalyzer(),
        new RunsAsRootAnalyzer(),
        new RuntimeSocketMountedAnalyzer(),
        new PlaintextCredentialAnalyzer(),
        new SecretFileMissingAnalyzer(),
        new UndefinedSecretAnalyzer(),
    };

    /// <summary>The markdown page of a rule (built-in rules and PL9001–PL9003), or null.</summary>
    public static string? GetRulePage(string id)
    {
        using var stream = typeof(BuiltInRules).Assembly.GetManifestResourceStream("rules/" + id.ToUpperInvariant() + ".md");
        if (stream == null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> RulePageIds()
        => typeof(BuiltInRules).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("rules/", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n => n.Substring(6, n.Length - 9)).OrderBy(n => n, StringComparer.Ordinal);
}
