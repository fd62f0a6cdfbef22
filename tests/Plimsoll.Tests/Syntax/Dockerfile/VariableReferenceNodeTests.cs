using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Tests.Syntax.Dockerfile;

public class VariableReferenceNodeTests
{
    [Fact]
    public void References_in_words_have_source_spans_even_across_continuations()
    {
        string text = "ARG BASE=alpine\nFROM ${BASE:-alpine}:$TAG\nCOPY --chown=$USER \\\n  ${SRC} /app\n";
        var tree = DockerfileSyntaxTree.Parse(text);
        var from = (FromInstructionSyntax)tree.Root.Instructions[1];
        var refs = from.Image!.Token.GetVariableReferences();
        Assert.Equal(new[] { "BASE", "TAG" }, refs.Select(r => r.Name));
        Assert.Equal("${BASE:-alpine}", text.Substring(refs[0].Span.Start, refs[0].Span.Length));
        Assert.Equal(VariableOperator.DefaultIfUnsetOrEmpty, refs[0].Operator);
        Assert.Equal("alpine", text.Substring(refs[0].OperandSpan!.Value.Start, refs[0].OperandSpan!.Value.Length));
        Assert.Equal("TAG", text.Substring(refs[1].NameSpan.Start, refs[1].NameSpan.Length));

        var copy = (CopyInstructionSyntax)tree.Root.Instructions[2];
        var source = copy.PathTokens[0].GetVariableReferences().Single();
        Assert.Equal("${SRC}", text.Substring(source.Span.Start, source.Span.Length));
        Assert.Equal("USER", copy.Flags[0].Token.GetVariableReferences().Single().Name);
        Assert.Empty(tree.Root.Instructions[0].Keyword.GetVariableReferences());
    }
}
