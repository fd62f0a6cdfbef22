using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;
using YamlDotNet.RepresentationModel;

namespace Plimsoll.Tests.Syntax.Yaml;

public class YamlCorpusTests
{
    [Fact]
    public void CorpusIsThere()
    {
        Assert.True(YamlTestFiles.ComposeFiles.Count >= 189, "compose corpus has " + YamlTestFiles.ComposeFiles.Count + " files");
    }

    [Theory]
    [MemberData(nameof(YamlTestFiles.ComposeFileNames), MemberType = typeof(YamlTestFiles))]
    public void RoundTripIsExact(string fileName)
    {
        var path = Path.Combine(YamlTestFiles.ComposeCorpus, fileName);
        var bytes = File.ReadAllBytes(path);
        var input = File.ReadAllText(path);
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), path);

        YamlTreeInvariants.AssertLossless(tree, input);
        YamlTreeInvariants.AssertNested(tree);
        bool hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        if (!hasBom) Assert.Equal(bytes, new UTF8Encoding(false).GetBytes(tree.ToFullString()));
    }

    [Theory]
    [MemberData(nameof(YamlTestFiles.ComposeFileNames), MemberType = typeof(YamlTestFiles))]
    public void ValidFilesHaveNoSkippedTextAndAgreeWithYamlDotNetLoader(string fileName)
    {
        var input = YamlTestFiles.Read(fileName);
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), fileName);

        // Oracle: YamlDotNet's own loader (which also rejects duplicate keys and undefined aliases).
        var stream = new YamlStream();
        Exception? loaderError = null;
        try { stream.Load(new StringReader(input)); }
        catch (Exception ex) { loaderError = ex; }

        Assert.Equal(loaderError == null, tree.Diagnostics.IsEmpty);
        if (loaderError != null) return;

        Assert.Equal(stream.Documents.Count, tree.Documents.Length);
        Assert.DoesNotContain(tree.GetTokens(), t => t.Kind == YamlTokenKind.Skipped);
        for (int i = 0; i < stream.Documents.Count; i++)
        {
            AssertSameNode(stream.Documents[i].RootNode, tree.Documents[i].Root, tree.Text);
        }
    }

    /// <summary>Same structure and values as YamlDotNet's representation model, and the same start positions.</summary>
    private static void AssertSameNode(YamlDotNet.RepresentationModel.YamlNode expected, Plimsoll.Syntax.Yaml.YamlNode actual, SourceText text)
    {
        if (expected is YamlDotNet.RepresentationModel.YamlScalarNode expectedScalar && expectedScalar.Value == null) expectedScalar = null!;
        var position = text.Lines.GetLinePosition(actual.Span.Start);
        switch (expected)
        {
            case YamlDotNet.RepresentationModel.YamlScalarNode scalar:
                var actualScalar = Assert.IsType<Plimsoll.Syntax.Yaml.YamlScalarNode>(actual.Resolve());
                Assert.Equal(scalar.Value ?? string.Empty, actualScalar.Value);
                if (actual is Plimsoll.Syntax.Yaml.YamlScalarNode && !actualScalar.IsEmpty)
                {
                    Assert.Equal(scalar.Start.Line - 1, position.Line);
                    Assert.Equal(scalar.Start.Column - 1, position.Character);
                    if (actualScalar.Style == YamlScalarStyle.Plain && !actualScalar.RawText.Contains('\n'))
                    {
                        Assert.Equal(actualScalar.Value, actualScalar.RawText);
                    }
                }
                break;
            case YamlDotNet.RepresentationModel.YamlSequenceNode sequence:
                var actualSequence = Assert.IsType<Plimsoll.Syntax.Yaml.YamlSequenceNode>(actual.Resolve());
                Assert.Equal(sequence.Children.Count, actualSequence.Items.Length);
                for (int i = 0; i < sequence.Children.Count; i++) AssertSameNode(sequence.Children[i], actualSequence.Items[i], text);
                break;
            case YamlDotNet.RepresentationModel.YamlMappingNode mapping:
                var actualMapping = Assert.IsType<Plimsoll.Syntax.Yaml.YamlMappingNode>(actual.Resolve());
                Assert.Equal(mapping.Children.Count, actualMapping.Entries.Length);
                int index = 0;
                foreach (var pair in mapping.Children)
                {
                    AssertSameNode(pair.Key, actualMapping.Entries[index].Key, text);
                    AssertSameNode(pair.Value, actualMapping.Entries[index].Value, text);
                    index++;
                }
                break;
        }
    }
}
