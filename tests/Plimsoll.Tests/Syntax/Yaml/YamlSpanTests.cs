using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Tests.Syntax.Yaml;

/// <summary>Spans of specific keys and values of real corpus files, checked against their known lines and columns (0-based).</summary>
public class YamlSpanTests
{
    private static YamlSyntaxTree Load(string fileName) => YamlSyntaxTree.Parse(SourceText.From(YamlTestFiles.Read(fileName)), fileName);

    private static YamlMappingEntry Entry(YamlNode mapping, params string[] path)
    {
        YamlMappingEntry? entry = null;
        var current = mapping;
        foreach (var key in path)
        {
            entry = Assert.IsType<YamlMappingNode>(current.Resolve()).FindEntry(key);
            Assert.NotNull(entry);
            current = entry!.Value;
        }
        return entry!;
    }

    private static LinePosition Start(YamlSyntaxElement element) => element.LineSpan.Start;

    [Fact]
    public void AwesomeComposeAngular()
    {
        var tree = Load("docker+awesome-compose__angular__compose.yaml");
        Assert.Empty(tree.Diagnostics);
        var web = Entry(tree.Root!, "services", "web");
        Assert.Equal(new LinePosition(1, 2), Start(web.Key));
        Assert.Equal(new LinePosition(2, 4), Start(web.Value)); // the mapping starts at its first key

        var target = Entry(tree.Root!, "services", "web", "build", "target");
        Assert.Equal(new LinePosition(4, 6), Start(target.Key));
        Assert.Equal(new LinePosition(4, 14), Start(target.Value));
        Assert.Equal(new LinePosition(4, 21), target.Value.LineSpan.End);

        var volumes = Assert.IsType<YamlSequenceNode>(Entry(tree.Root!, "services", "web", "volumes").Value);
        Assert.Equal(YamlCollectionStyle.Block, volumes.Style);
        Assert.Equal(new LinePosition(8, 6), Start(volumes)); // the first '-'
        var second = Assert.IsType<YamlScalarNode>(volumes.Items[1]);
        Assert.Equal("/project/node_modules", second.Value);
        Assert.Equal(new LinePositionSpan(new LinePosition(9, 8), new LinePosition(9, 29)), second.LineSpan);

        var port = Assert.IsType<YamlScalarNode>(Assert.IsType<YamlSequenceNode>(Entry(tree.Root!, "services", "web", "ports").Value).Items[0]);
        Assert.Equal(("4200:4200", new LinePosition(6, 8)), (port.Value, Start(port)));
    }

    [Fact]
    public void KongAnchorsMergesAndQuotedValues()
    {
        var tree = Load("Kong+docker-kong__compose__docker-compose.yml");
        Assert.Empty(tree.Diagnostics);

        var config = Entry(tree.Root!, "x-kong-config").Value;
        Assert.Equal("kong-env", config.Anchor);
        Assert.Equal(new LinePosition(3, 2), tree.Text.Lines.GetLinePosition(config.AnchorSpan!.Value.Start));
        Assert.Equal(new LinePosition(3, 2), Start(config)); // the node starts at its anchor

        var user = Assert.IsType<YamlScalarNode>(Entry(tree.Root!, "services", "kong", "user").Value);
        Assert.Equal(("${KONG_USER:-kong}", YamlScalarStyle.DoubleQuoted), (user.Value, user.Style));
        Assert.Equal(new LinePositionSpan(new LinePosition(56, 10), new LinePosition(56, 30)), user.LineSpan);

        var profiles = Assert.IsType<YamlSequenceNode>(Entry(tree.Root!, "services", "kong-migrations", "profiles").Value);
        Assert.Equal(YamlCollectionStyle.Flow, profiles.Style);
        Assert.Equal("[ \"database\" ]", profiles.ToString());
        Assert.Equal(new LinePosition(29, 14), Start(profiles));
        Assert.Equal(new LinePosition(29, 16), Start(profiles.Items[0]));

        var environment = Assert.IsType<YamlMappingNode>(Entry(tree.Root!, "services", "kong", "environment").Value);
        var merge = environment.Entries[0];
        Assert.True(merge.IsMergeKey);
        Assert.Equal(new LinePosition(58, 6), Start(merge.Key));
        Assert.Equal("kong-env", Assert.IsType<YamlAliasNode>(merge.Value).Name);

        var effective = YamlMerge.GetEffectiveEntries(environment);
        var host = effective["KONG_PG_HOST"]!;
        Assert.True(host.IsMerged);
        Assert.Equal(new LinePosition(6, 16), Start(host.Value)); // written in x-kong-config, line 7
        var accessLog = effective["KONG_ADMIN_ACCESS_LOG"]!;
        Assert.False(accessLog.IsMerged);
        Assert.Equal(new LinePosition(59, 29), Start(accessLog.Value));
    }
}
