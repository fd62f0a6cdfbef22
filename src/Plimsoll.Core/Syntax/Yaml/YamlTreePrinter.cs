using System.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>Prints a YAML tree for people writing and debugging rules: node kinds, line:column ranges, spans and text.</summary>
public static class YamlTreePrinter
{
    public static string Print(YamlSyntaxTree tree, bool includeTrivia = false)
    {
        var builder = new StringBuilder();
        foreach (var element in tree.Elements) Print(element, 0, includeTrivia, builder);
        foreach (var diagnostic in tree.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            builder.Append("diagnostic ").Append(diagnostic.Id).Append(' ').Append(span.StartLinePosition.Line + 1).Append(':')
                .Append(span.StartLinePosition.Character + 1).Append(' ').Append(diagnostic.GetMessage()).Append('\n');
        }
        return builder.ToString();
    }

    private static void Print(YamlSyntaxElement element, int depth, bool includeTrivia, StringBuilder builder)
    {
        if (element is YamlToken token && token.IsTrivia && !includeTrivia) return;
        var lines = element.LineSpan;
        builder.Append(' ', depth * 2).Append(Describe(element)).Append(' ')
            .Append(lines.Start.Line + 1).Append(':').Append(lines.Start.Character + 1).Append('-')
            .Append(lines.End.Line + 1).Append(':').Append(lines.End.Character + 1)
            .Append(" [").Append(element.Span.Start).Append("..").Append(element.Span.End).Append(')');
        if (element is YamlToken || element is YamlScalarNode) builder.Append(' ').Append(Quote(element.ToString()));
        builder.Append('\n');
        var children = element switch
        {
            YamlNode node => node.ChildElements,
            YamlDocument document => document.ChildElements,
            _ => default,
        };
        if (children.IsDefaultOrEmpty) return;
        foreach (var child in children) Print(child, depth + 1, includeTrivia, builder);
    }

    private static string Describe(YamlSyntaxElement element) => element switch
    {
        YamlToken token => token.Kind + "Token",
        YamlNode node => node.Kind + "Node" + (node.Anchor != null ? " &" + node.Anchor : "") + (node.Tag != null ? " " + node.Tag : ""),
        YamlDocument => "Document",
        _ => element.GetType().Name,
    };

    private static string Quote(string s) => Plimsoll.Text.PrintableText.Quote(s);
}
