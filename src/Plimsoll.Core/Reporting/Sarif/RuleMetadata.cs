using Microsoft.CodeAnalysis;

namespace Plimsoll.Reporting.Sarif;

/// <summary>
/// What SARIF (and GitHub code scanning) shows about one rule: the Roslyn descriptor plus the rule page
/// and the code-scanning properties that a descriptor has no place for.
/// </summary>
public sealed class RuleMetadata
{
    public RuleMetadata(DiagnosticDescriptor descriptor)
    {
        Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Id => Descriptor.Id;

    /// <summary>The rule's PascalCase name (SARIF <c>name</c>); null means derived from the title.</summary>
    public string? Name { get; init; }

    /// <summary>The rule page as plain text (SARIF <c>help.text</c>); null means the description or title.</summary>
    public string? HelpText { get; init; }

    /// <summary>The rule page as GitHub-flavoured Markdown (SARIF <c>help.markdown</c>).</summary>
    public string? HelpMarkdown { get; init; }

    /// <summary>GitHub's <c>security-severity</c>: a CVSS-like score "0.0".."10.0"; only for security rules.</summary>
    public string? SecuritySeverity { get; init; }

    /// <summary>GitHub's <c>precision</c>: "very-high", "high", "medium" or "low".</summary>
    public string? Precision { get; init; }

    /// <summary>GitHub's <c>problem.severity</c>: "error", "warning" or "recommendation".</summary>
    public string? ProblemSeverity { get; init; }

    /// <summary>Equivalent rules of peer tools, by tool key (<c>hadolint</c>, <c>kics</c>, …): the rule's <c>properties.peers</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? Peers { get; init; }

    /// <summary>How far the rule's fixes can be trusted ("safe", "unsafe", "display-only"): <c>properties.fixApplicability</c>.</summary>
    public string? FixApplicability { get; init; }

    /// <summary>The SARIF <c>name</c> actually written.</summary>
    public string EffectiveName => string.IsNullOrEmpty(Name) ? ToPascalCase(Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), Id) : Name!;

    /// <summary>
    /// "Dockerfile syntax error" → "DockerfileSyntaxError", "Prefer COPY to ADD" → "PreferCopyToAdd": letters and digits
    /// only, each word capitalised, all-capital words lowered after their first letter (SARIF2012 wants Pascal identifiers).
    /// </summary>
    internal static string ToPascalCase(string title, string fallback)
    {
        var builder = new System.Text.StringBuilder(title.Length);
        int i = 0;
        while (i < title.Length)
        {
            if (!char.IsLetterOrDigit(title[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < title.Length && char.IsLetterOrDigit(title[i])) i++;
            string word = title.Substring(start, i - start);
            // A name must not start with a digit; drop leading digits rather than invent text.
            if (builder.Length == 0) word = word.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            if (word.Length == 0) continue;
            bool allCapitals = word.Length > 1 && word.ToUpperInvariant() == word && word.ToLowerInvariant() != word;
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(allCapitals ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
        }
        return builder.Length == 0 ? fallback : builder.ToString();
    }
}
