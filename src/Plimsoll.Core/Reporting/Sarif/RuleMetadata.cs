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

    /// <summary>The SARIF <c>name</c> actually written.</summary>
    public string EffectiveName => string.IsNullOrEmpty(Name) ? ToPascalCase(Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), Id) : Name!;

    /// <summary>"Dockerfile syntax error" → "DockerfileSyntaxError"; letters and digits only.</summary>
    internal static string ToPascalCase(string title, string fallback)
    {
        var builder = new System.Text.StringBuilder(title.Length);
        bool upperNext = true;
        foreach (char c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                // A name must not start with a digit; skip leading digits rather than invent text.
                if (builder.Length == 0 && char.IsDigit(c)) continue;
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }
        return builder.Length == 0 ? fallback : builder.ToString();
    }
}
