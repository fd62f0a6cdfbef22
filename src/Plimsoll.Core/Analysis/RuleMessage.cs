using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis;

/// <summary>
/// One message a rule reports, written with named holes (<c>"Image '{image}' uses the '{tag}' tag"</c>, like ESLint's
/// <c>messages</c>): readers of the rule see what goes where, and the SARIF and JSON outputs show the template.
/// A report passes the values in the order the holes first appear. <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
public sealed class RuleMessage
{
    private DiagnosticDescriptor? _descriptor;

    public RuleMessage(string id, string template)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Template = template ?? throw new ArgumentNullException(nameof(template));
        (Holes, PositionalFormat) = Compile(template);
        if (Holes.Length == 1 && template.Trim() == "{" + Holes[0] + "}")
            throw new ArgumentException($"message '{id}' is a bare hole: write the sentence in the template", nameof(template));
    }

    /// <summary>A camelCase key, unique within the rule (ESLint's <c>messageId</c>).</summary>
    public string Id { get; }

    /// <summary>The text with named holes, as the rule's author wrote it.</summary>
    public string Template { get; }

    /// <summary>The hole names in order of first appearance: the order of a report's arguments.</summary>
    public ImmutableArray<string> Holes { get; }

    /// <summary>The template with holes numbered (<c>{0}</c>, …): what Roslyn's descriptor and SARIF's <c>messageStrings</c> use.</summary>
    public string PositionalFormat { get; }

    /// <summary>The rule this message belongs to; set when the rule's descriptor is created.</summary>
    public RuleDescriptor Rule { get; private set; } = null!;

    internal DiagnosticDescriptor Descriptor => _descriptor ?? throw new InvalidOperationException($"message '{Id}' is not part of a rule's descriptor");

    internal void Bind(RuleDescriptor rule, DiagnosticDescriptor descriptor)
    {
        if (Rule != null && !ReferenceEquals(Rule, rule)) throw new InvalidOperationException($"message '{Id}' already belongs to {Rule.Id}");
        Rule = rule;
        _descriptor = descriptor;
    }

    /// <summary>The message with <paramref name="values"/> in its holes (in <see cref="Holes"/> order).</summary>
    public string Format(params object?[] values)
        => string.Format(System.Globalization.CultureInfo.InvariantCulture, PositionalFormat, values);

    private static (ImmutableArray<string>, string) Compile(string template)
    {
        var holes = new List<string>();
        var format = new StringBuilder(template.Length);
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                format.Append(c).Append(c);
                i++;
                continue;
            }
            if (c == '}') throw new ArgumentException($"unmatched '}}' at {i} in \"{template}\"");
            if (c != '{')
            {
                format.Append(c);
                continue;
            }
            int end = template.IndexOf('}', i + 1);
            string name = end < 0 ? "" : template.Substring(i + 1, end - i - 1);
            if (name.Length == 0 || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_') || char.IsDigit(name[0]))
                throw new ArgumentException($"a hole must be a name, as in {{image}}, at {i} in \"{template}\"");
            int index = holes.IndexOf(name);
            if (index < 0)
            {
                index = holes.Count;
                holes.Add(name);
            }
            format.Append('{').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('}');
            i = end;
        }
        return (holes.ToImmutableArray(), format.ToString());
    }

    public override string ToString() => Template;
}
