using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Tests.Syntax.Yaml;

public class YamlMergeTests
{
    [Fact]
    public void MergeKeysAreVisibleAndExplicitKeysWin()
    {
        var input = "x-base: &base\n  image: base\n  user: root\nservices:\n  web:\n    <<: *base\n    image: web\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "compose.yaml");
        Assert.Empty(tree.Diagnostics);
        var web = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)tree.Root!).FindEntry("services")!.Value).FindEntry("web")!.Value;

        Assert.True(web.HasMergeKeys);
        Assert.True(web.Entries[0].IsMergeKey);
        Assert.IsType<YamlAliasNode>(web.Entries[0].Value);
        Assert.Null(web.FindEntry("user")); // as written: not merged

        var effective = YamlMerge.GetEffectiveEntries(web);
        Assert.Empty(effective.Diagnostics);
        Assert.Equal(new[] { "user", "image" }, effective.Entries.Select(e => e.Key));

        var image = effective["image"]!;
        Assert.False(image.IsMerged);
        Assert.Equal("web", ((YamlScalarNode)image.Value).Value);

        var user = effective["user"]!;
        Assert.True(user.IsMerged);
        Assert.Equal("root", ((YamlScalarNode)user.Value).Value);
        // The merged value keeps the span where it was written: in the anchored mapping, line 3.
        Assert.Equal(new LinePosition(2, 8), tree.Text.Lines.GetLinePosition(user.Value.Span.Start));
        Assert.Equal("x-base", ((YamlMappingNode)tree.Root!).Entries[0].KeyText);
        Assert.Same(((YamlMappingNode)tree.Root!).Entries[0].Value, user.Source);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)] // past the few keys compared one by one
    public void A_mapping_without_merge_keys_is_its_entries_in_order_each_key_once(int keys)
    {
        // Every key written twice, the second time after all the others: the parser reports the repeats, and the
        // first writing of each key is the one that counts.
        var text = new System.Text.StringBuilder("m:\n");
        for (int i = 0; i < keys; i++) text.Append("  k").Append(i).Append(": first").Append(i).Append('\n');
        for (int i = keys - 1; i >= 0; i--) text.Append("  k").Append(i).Append(": second\n");
        var tree = YamlSyntaxTree.Parse(SourceText.From(text.ToString()), "compose.yaml");
        var m = (YamlMappingNode)((YamlMappingNode)tree.Root!).FindEntry("m")!.Value;
        Assert.False(m.HasMergeKeys);

        var effective = YamlMerge.GetEffectiveEntries(m);

        Assert.Empty(effective.Diagnostics);
        Assert.Equal(Enumerable.Range(0, keys).Select(i => "k" + i), effective.Entries.Select(e => e.Key));
        Assert.All(effective.Entries, e => Assert.False(e.IsMerged));
        Assert.Equal("first" + (keys - 1), ((YamlScalarNode)effective["k" + (keys - 1)]!.Value).Value);
        Assert.Null(effective["missing"]);
    }

    [Fact]
    public void EarlierMergeSourcesWin()
    {
        var input = "a: &a {k: from-a, only-a: 1}\nb: &b {k: from-b, only-b: 2}\nc:\n  <<: [*a, *b]\n  own: 3\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "m.yml");
        var c = (YamlMappingNode)((YamlMappingNode)tree.Root!).FindEntry("c")!.Value;
        var effective = YamlMerge.GetEffectiveEntries(c);
        Assert.Equal(new[] { "k", "only-a", "only-b", "own" }, effective.Entries.Select(e => e.Key));
        Assert.Equal("from-a", ((YamlScalarNode)effective["k"]!.Value).Value);
    }

    [Fact]
    public void NestedMergesAreApplied()
    {
        var input = "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "m.yml");
        var c = (YamlMappingNode)((YamlMappingNode)tree.Root!).FindEntry("c")!.Value;
        Assert.Equal(new[] { "x", "y", "z" }, YamlMerge.GetEffectiveEntries(c).Entries.Select(e => e.Key));
    }

    [Fact]
    public void VeryLongMergeChainIsCutNotOverflowed()
    {
        var builder = new System.Text.StringBuilder("m0: &m0 {k0: v}\n");
        for (int i = 1; i < 5000; i++) builder.Append("m").Append(i).Append(": &m").Append(i).Append(" {<<: *m").Append(i - 1).Append(", k").Append(i).Append(": v}\n");
        var tree = YamlSyntaxTree.Parse(SourceText.From(builder.ToString()), "chain.yml");
        var last = (YamlMappingNode)((YamlMappingNode)tree.Root!).Entries[^1].Value;
        var effective = YamlMerge.GetEffectiveEntries(last);
        Assert.Contains(effective.Diagnostics, d => d.GetMessage().Contains("levels deep"));
        Assert.Equal(YamlMerge.MaxMergeDepth + 1, effective.Entries.Length); // its own key and those of the first 64 merged levels
    }

    [Fact]
    public void MergingAScalarIsReported()
    {
        var input = "a: &a scalar\nb:\n  <<: *a\n  k: v\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "m.yml");
        var b = (YamlMappingNode)((YamlMappingNode)tree.Root!).FindEntry("b")!.Value;
        var effective = YamlMerge.GetEffectiveEntries(b);
        var diagnostic = Assert.Single(effective.Diagnostics);
        Assert.Equal("PL9002", diagnostic.Id);
        Assert.Equal(new LinePosition(2, 6), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Equal(new[] { "k" }, effective.Entries.Select(e => e.Key));
    }
}
