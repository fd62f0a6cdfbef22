using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Tests.Syntax.Yaml;

public class YamlSyntaxTreeTests
{
    private static YamlSyntaxTree ParseClean(string input)
    {
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "compose.yaml");
        YamlTreeInvariants.AssertLossless(tree, input);
        YamlTreeInvariants.AssertNested(tree);
        Assert.Empty(tree.Diagnostics);
        Assert.DoesNotContain(tree.GetTokens(), t => t.Kind == YamlTokenKind.Skipped);
        return tree;
    }

    private static YamlMappingNode RootMapping(YamlSyntaxTree tree) => Assert.IsType<YamlMappingNode>(tree.Root);

    private static YamlNode Value(YamlMappingNode mapping, string key) => mapping.FindEntry(key)!.Value;

    [Theory]
    [InlineData("%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n...\n")]
    [InlineData("\uFEFFa: 1\r\nb:\r\n  - x\r\n")]
    [InlineData("a: [b: c, d]\nx: {a: 1, b}\ny: [ ]\nz: {}\n")]
    [InlineData("# only a comment\n")]
    [InlineData("")]
    [InlineData("---\n---\n...\n--- x\n")]
    [InlineData("? complex\n: value\n? [a, b]\n: seq key\n")]
    [InlineData("a:\t1 # tab before value\nb: \"x\\ty\"\t# trailing\n")]
    [InlineData("key: |+ # keep\n  one\n\n# after\nother: >-\n  two\n  three\n\n\n")]
    [InlineData("s:\n- a\n-\n- - nested\n  - more\n-   # empty with comment\n")]
    [InlineData("a: &x !reset\nb: !override [1]\nc: *x\n")]
    public void TrickyInputsRoundTripWithoutSkippedText(string input)
    {
        ParseClean(input);
    }

    [Fact]
    public void ScalarsResolveStylesAndKeepTheirRawSpan()
    {
        var input = "plain: hello world\nsingle: 'it''s'\ndouble: \"a\\tb\"\nliteral: |\n  line1\n  line2\n\nfolded: >-\n  one\n  two\nempty:\nnull: ~\n";
        var tree = ParseClean(input);
        var root = RootMapping(tree);

        var plain = Assert.IsType<YamlScalarNode>(Value(root, "plain"));
        Assert.Equal(("hello world", YamlScalarStyle.Plain, "hello world"), (plain.Value, plain.Style, plain.RawText));

        var single = Assert.IsType<YamlScalarNode>(Value(root, "single"));
        Assert.Equal(("it's", YamlScalarStyle.SingleQuoted, "'it''s'"), (single.Value, single.Style, single.RawText));

        var dbl = Assert.IsType<YamlScalarNode>(Value(root, "double"));
        Assert.Equal(("a\tb", YamlScalarStyle.DoubleQuoted, "\"a\\tb\""), (dbl.Value, dbl.Style, dbl.RawText));

        var literal = Assert.IsType<YamlScalarNode>(Value(root, "literal"));
        Assert.Equal("line1\nline2\n", literal.Value); // clip chomping keeps one newline
        Assert.Equal(YamlScalarStyle.Literal, literal.Style);
        Assert.Equal("|\n  line1\n  line2", literal.RawText); // trailing blank line is layout, not the node

        var folded = Assert.IsType<YamlScalarNode>(Value(root, "folded"));
        Assert.Equal(("one two", YamlScalarStyle.Folded), (folded.Value, folded.Style));

        var empty = Assert.IsType<YamlScalarNode>(Value(root, "empty"));
        Assert.True(empty.IsEmpty && empty.IsNull);
        Assert.Equal(0, empty.Span.Length);
        Assert.Equal(input.IndexOf("empty:", StringComparison.Ordinal) + "empty:".Length, empty.Span.Start);

        Assert.True(Assert.IsType<YamlScalarNode>(Value(root, "null")).IsNull);
        Assert.False(plain.IsNull);
    }

    [Fact]
    public void AnchorsTagsAndAliasesAreVisible()
    {
        var input = "base: &x !reset\nlist: !override [1, 2]\nref: *x\n";
        var tree = ParseClean(input);
        var root = RootMapping(tree);

        var based = Value(root, "base");
        Assert.Equal(("x", "!reset"), (based.Anchor, based.Tag));
        Assert.Equal("&x", tree.Text.ToString(based.AnchorSpan!.Value));
        Assert.Equal("!reset", tree.Text.ToString(based.TagSpan!.Value));
        Assert.Equal("&x !reset", based.ToString());

        var list = Assert.IsType<YamlSequenceNode>(Value(root, "list"));
        Assert.Equal(("!override", YamlCollectionStyle.Flow, 2), (list.Tag, list.Style, list.Items.Length));
        Assert.Equal("!override [1, 2]", list.ToString());

        var alias = Assert.IsType<YamlAliasNode>(Value(root, "ref"));
        Assert.Equal("x", alias.Name);
        Assert.Same(based, alias.Target);
        Assert.Same(based, alias.Resolve());
        Assert.Same(root, alias.Parent);
    }

    [Fact]
    public void CommentsAreCollectedWithTheirSpans()
    {
        var input = "services:\n  # plimsoll disable-next-line PL1001 -- reason\n  web:\n    image: nginx # inline\n";
        var tree = ParseClean(input);
        Assert.Equal(2, tree.Comments.Length);
        var suppression = tree.Comments[0];
        Assert.Equal("# plimsoll disable-next-line PL1001 -- reason", suppression.Text);
        Assert.Equal("plimsoll disable-next-line PL1001 -- reason", suppression.Content);
        Assert.Equal(new LinePosition(1, 2), tree.Text.Lines.GetLinePosition(suppression.Span.Start));
        Assert.Equal("# inline", tree.Comments[1].Text);
        Assert.Equal(3, tree.Text.Lines.GetLinePosition(tree.Comments[1].Span.Start).Line);
    }

    [Fact]
    public void SeveralDocumentsAreKeptInOrder()
    {
        var tree = ParseClean("a: 1\n---\nb: 2\n...\n---\n");
        Assert.Equal(3, tree.Documents.Length);
        Assert.Equal("a", RootMapping(tree).Entries[0].KeyText);
        Assert.Equal("b", Assert.IsType<YamlMappingNode>(tree.Documents[1].Root).Entries[0].KeyText);
        Assert.True(tree.Documents[1].HasExplicitStart && tree.Documents[1].HasExplicitEnd);
        Assert.True(Assert.IsType<YamlScalarNode>(tree.Documents[2].Root).IsNull);
    }

    [Fact]
    public void DuplicateKeyIsReportedAtTheSecondKey()
    {
        var input = "services:\n  web:\n    image: a\n    image: b\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "compose.yaml");
        YamlTreeInvariants.AssertLossless(tree, input);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal(SyntaxDiagnostics.ComposeSyntaxId, diagnostic.Id);
        Assert.Contains("Duplicate key 'image'", diagnostic.GetMessage());
        Assert.Contains("line 3", diagnostic.GetMessage());
        var position = diagnostic.Location.GetLineSpan();
        Assert.Equal("compose.yaml", position.Path);
        Assert.Equal(new LinePosition(3, 4), position.StartLinePosition);
        Assert.Equal(new LinePosition(3, 9), position.EndLinePosition);
    }

    [Theory]
    [InlineData(3)]   // compared pairwise
    [InlineData(12)]  // compared through a set
    public void DuplicateKeysAreReportedAlikeWithAndWithoutAliasesInTheDocument(int keys)
    {
        // Three of each name after the first: every repeat is reported once, against the first occurrence's line.
        string Mapping(string indent) => string.Concat(Enumerable.Range(0, keys).Select(i => $"{indent}k{i % Math.Max(1, keys - 2)}: {i}\n"));
        string plain = "x-base: &base\n  a: 1\nservices:\n  web:\n" + Mapping("    ") + "  db:\n    nested:\n" + Mapping("      ");
        string withAlias = plain + "  cache: *base\n";

        string[] Reports(string input)
        {
            var tree = YamlSyntaxTree.Parse(SourceText.From(input), "compose.yaml");
            YamlTreeInvariants.AssertLossless(tree, input);
            Assert.Equal(input.Contains('*'), tree.Documents[0].HasAliases);
            return tree.Diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition + " " + d.GetMessage()).ToArray();
        }

        var reports = Reports(plain);
        Assert.Equal(2 * 2, reports.Length);
        Assert.All(reports, r => Assert.Contains("Duplicate key 'k", r));
        Assert.Contains(reports, r => r.Contains("(first defined on line 5)", StringComparison.Ordinal));
        Assert.Equal(reports, Reports(withAlias));
    }

    [Fact]
    public void UndefinedAliasIsReported()
    {
        var input = "a: *nowhere\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "x.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Contains("'*nowhere'", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(0, 3), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Null(Assert.IsType<YamlAliasNode>(Value(RootMapping(tree), "a")).Target);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: \"nginx\n", 2, 11)]          // unterminated quote: reported where the scalar starts
    [InlineData("services:\n  web:\n  image: nginx\n   bad: x\n", 3, 6)]     // bad indentation
    [InlineData("a: [1, 2", 0, 8)]                                          // unclosed flow sequence: reported at the end
    [InlineData("a: {b: 1\n", 1, 0)]                                        // unclosed flow mapping
    [InlineData("a: b: c\n", 0, 4)]                                         // mapping values not allowed here
    public void MalformedYamlIsReportedAtTheParsersPosition(string input, int line, int column)
    {
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "bad.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal(SyntaxDiagnostics.ComposeSyntaxId, diagnostic.Id);

        // Oracle: YamlDotNet's own parser, run directly.
        var parser = new YamlDotNet.Core.Parser(new StringReader(input));
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => { while (parser.MoveNext()) { } });
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        // YamlDotNet's Line/Column agree with its Index except at the end of a text without a final line
        // break (it counts a virtual extra line there); the diagnostic follows the Index, which is in the text.
        Assert.Equal(SourceText.From(input).Lines.GetLinePosition((int)error.Start.Index), start);
        if (error.Start.Index < input.Length)
        {
            Assert.Equal(new LinePosition((int)error.Start.Line - 1, (int)error.Start.Column - 1), start);
        }
        Assert.Equal(new LinePosition(line, column), start);
        Assert.Contains(tree.GetTokens(), t => t.Kind == YamlTokenKind.Skipped);
    }

    [Fact]
    public void ScannerFailuresOtherThanYamlExceptionAreReportedToo()
    {
        // YamlDotNet's scanner throws InvalidOperationException on this input (an implicit key on a new line
        // inside an unclosed flow sequence); it is still a PL9002 where the scanner stopped, not a crash.
        var input = "a: [1, 2\nb: 3\n";
        var parser = new YamlDotNet.Core.Parser(new StringReader(input));
        Assert.Throws<InvalidOperationException>(() => { while (parser.MoveNext()) { } });

        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "bad.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("PL9002", diagnostic.Id);
        Assert.Equal(new LinePosition(1, 0), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public void NulCharacterIsReportedAndTheRestSkipped()
    {
        // YamlDotNet's scanner takes U+0000 for the end of the input; here it then finds nothing wrong.
        var input = "a: 1\n\0 # b: 2\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "nul.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Contains("U+0000", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(1, 0), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Equal(YamlTokenKind.Skipped, tree.GetTokens().Last().Kind);
        Assert.Equal("\0 # b: 2\n", tree.GetTokens().Last().Text);
    }

    [Fact]
    public void ValueDroppedByYamlDotNetIsReportedNotLost()
    {
        // "- : a" is a list holding a mapping with an empty key; YamlDotNet's parser emits no event for "a".
        var input = "- : a\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "drop.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        YamlTreeInvariants.AssertNested(tree);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal(new LinePosition(0, 4), diagnostic.Location.GetLineSpan().StartLinePosition);
        var mapping = Assert.IsType<YamlMappingNode>(Assert.IsType<YamlSequenceNode>(tree.Root).Items[0]);
        Assert.Single(mapping.Entries); // key and an empty value stand in for the dropped one
    }

    [Fact]
    public void DocumentsBeforeAnErrorAreKept()
    {
        var input = "a: 1\n---\n# lead\nb: [\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "bad.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        Assert.Single(tree.Diagnostics);
        Assert.Single(tree.Documents);
        Assert.Contains(tree.Comments, c => c.Text == "# lead");
    }

    [Fact]
    public void BillionLaughsIsBoundedAndReported()
    {
        var input = BillionLaughs(levels: 10, width: 10);
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "lol.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Contains("alias", diagnostic.GetMessage(), StringComparison.OrdinalIgnoreCase);
        // Reported at the alias whose expansion crosses the limit: an alias on a lolN line.
        var line = tree.Text.Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start).ToString();
        Assert.Contains("*lol", line);

        // Merge application through the same aliases spends its budget and stops.
        var merged = YamlMerge.GetEffectiveEntries(RootMapping(tree), new YamlAliasBudget(1000));
        Assert.False(merged.BudgetExceeded); // no merge keys here: nothing to expand
    }

    internal static string BillionLaughs(int levels, int width)
    {
        var builder = new System.Text.StringBuilder("lol0: &lol0 \"lol\"\n");
        for (int level = 1; level < levels; level++)
        {
            builder.Append("lol").Append(level).Append(": &lol").Append(level).Append(" [");
            for (int i = 0; i < width; i++) builder.Append(i == 0 ? "" : ", ").Append("*lol").Append(level - 1);
            builder.Append("]\n");
        }
        return builder.ToString();
    }

    [Fact]
    public void MergeKeyBombStopsAtTheBudget()
    {
        // Each level merges the previous one ten times through a list: expansion is 10^9 entries.
        var builder = new System.Text.StringBuilder("m0: &m0 {k: v}\n");
        for (int level = 1; level < 10; level++)
        {
            builder.Append("m").Append(level).Append(": &m").Append(level).Append(" {<<: [");
            for (int i = 0; i < 10; i++) builder.Append(i == 0 ? "" : ", ").Append("*m").Append(level - 1);
            builder.Append("]}\n");
        }
        var tree = YamlSyntaxTree.Parse(SourceText.From(builder.ToString()), "bomb.yml");
        var last = Assert.IsType<YamlMappingNode>(RootMapping(tree).Entries[^1].Value);
        var budget = new YamlAliasBudget(10_000);
        var result = YamlMerge.GetEffectiveEntries(last, budget);
        Assert.True(result.BudgetExceeded);
        Assert.True(budget.Visited <= 10_000);
        Assert.Contains(result.Diagnostics, d => d.GetMessage().Contains("aliasing"));
    }

    [Fact]
    public void DeepNestingIsReportedNotOverflowed()
    {
        var input = new string('[', 100_000) + new string(']', 100_000) + "\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "deep.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        Assert.Contains(tree.Diagnostics, d => d.GetMessage().Contains("nesting"));
    }
}
