using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Syntax.Shell;

internal static class ShellTestHelpers
{
    /// <summary>Parses text that must be valid and returns the script.</summary>
    public static ShellScript ParseClean(string text)
    {
        var result = ShellParser.Parse(text);
        Assert.True(result.Diagnostics.Count == 0,
            "unexpected errors: " + string.Join("; ", result.Diagnostics.Select(d => $"{d.Message} @{d.Start}+{d.Length}")));
        return result.Script;
    }

    public static SimpleCommand Single(string text)
    {
        var script = ParseClean(text);
        var list = Assert.Single(script.Lists);
        var pipeline = Assert.Single(list.Pipelines);
        return Assert.IsType<SimpleCommand>(Assert.Single(pipeline.Commands));
    }

    public static T SingleCommand<T>(string text) where T : ShellCommand
    {
        var script = ParseClean(text);
        var list = Assert.Single(script.Lists);
        var pipeline = Assert.Single(list.Pipelines);
        return Assert.IsType<T>(Assert.Single(pipeline.Commands));
    }

    /// <summary>The node's text in the source, to assert spans readably.</summary>
    public static string Text(this ShellNode node, string source) => source.Substring(node.Start, node.Length);

    public static string[] Values(this IEnumerable<ShellWord> words) => words.Select(w => w.ApproximateValue).ToArray();

    /// <summary>Every node span lies within the input and within its parent's span.</summary>
    public static void AssertSpansNest(ShellParseResult result)
    {
        var length = result.Text.Length;
        foreach (var node in result.Script.DescendantNodesAndSelf())
        {
            if (!(node.Start >= 0 && node.Length >= 0 && node.End <= length))
                Assert.Fail($"{node} outside input of length {length}");
            if (node.Parent != null && !(node.Start >= node.Parent.Start && node.End <= node.Parent.End))
                Assert.Fail($"{node} not inside parent {node.Parent}");
        }
        foreach (var d in result.Diagnostics)
            if (!(d.Start >= 0 && d.Length >= 0 && d.End <= length)) Assert.Fail($"error {d} outside input");
    }
}
