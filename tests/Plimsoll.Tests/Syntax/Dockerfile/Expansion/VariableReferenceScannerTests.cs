using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Tests.Syntax.Dockerfile.Expansion;

public sealed class VariableReferenceScannerTests
{
    private static string Slice(string text, int start, int length) => text.Substring(start, length);

    [Fact]
    public void Unbraced_reference()
    {
        const string text = "a$HOME/b";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal(new VariableReference(1, 5, "HOME", 2, VariableOperator.None, -1, -1, IsBraced: false, IsTerminated: true), r);
        Assert.Equal("$HOME", Slice(text, r.Start, r.Length));
        Assert.Null(r.OperandSpan);
    }

    [Fact]
    public void Braced_reference()
    {
        const string text = "x${ABC}y";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal("${ABC}", text.Substring(r.Span.Start, r.Span.Length));
        Assert.Equal("ABC", text.Substring(r.NameSpan.Start, r.NameSpan.Length));
        Assert.True(r.IsBraced);
        Assert.True(r.IsTerminated);
        Assert.Equal(VariableOperator.None, r.Operator);
        Assert.Equal(-1, r.OperandStart);
        Assert.Equal(-1, r.OperandLength);
    }

    [Theory]
    [InlineData("${A:-op}", VariableOperator.DefaultIfUnsetOrEmpty)]
    [InlineData("${A-op}", VariableOperator.DefaultIfUnset)]
    [InlineData("${A:+op}", VariableOperator.AlternateIfSetAndNotEmpty)]
    [InlineData("${A+op}", VariableOperator.AlternateIfSet)]
    [InlineData("${A:?op}", VariableOperator.ErrorIfUnsetOrEmpty)]
    [InlineData("${A?op}", VariableOperator.ErrorIfUnset)]
    [InlineData("${A#op}", VariableOperator.RemoveShortestPrefix)]
    [InlineData("${A##op}", VariableOperator.RemoveLongestPrefix)]
    [InlineData("${A:#op}", VariableOperator.RemoveShortestPrefix)]
    [InlineData("${A%op}", VariableOperator.RemoveShortestSuffix)]
    [InlineData("${A%%op}", VariableOperator.RemoveLongestSuffix)]
    [InlineData("${A:%%op}", VariableOperator.RemoveLongestSuffix)]
    [InlineData("${A:=op}", VariableOperator.Unsupported)]
    [InlineData("${A=op}", VariableOperator.Unsupported)]
    public void Every_operator_with_its_operand(string reference, VariableOperator op)
    {
        var text = "pre " + reference + " post";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal(op, r.Operator);
        Assert.Equal(reference, Slice(text, r.Start, r.Length));
        Assert.Equal("A", Slice(text, r.NameStart, r.Name.Length));
        Assert.Equal("op", Slice(text, r.OperandStart, r.OperandLength));
        Assert.Equal(-1, r.ReplacementStart);
    }

    [Theory]
    [InlineData("${A/pat/rep}", VariableOperator.ReplaceFirst)]
    [InlineData("${A//pat/rep}", VariableOperator.ReplaceAll)]
    public void Replace_operators_locate_pattern_and_replacement(string text, VariableOperator op)
    {
        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal(op, r.Operator);
        Assert.Equal(text.Length, r.Length);
        Assert.Equal("pat/rep", Slice(text, r.OperandStart, r.OperandLength));
        Assert.Equal("rep", Slice(text, r.ReplacementStart, r.End - 1 - r.ReplacementStart));
    }

    [Fact]
    public void Empty_operand()
    {
        const string text = "${A:-}";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal(5, r.OperandStart);
        Assert.Equal(0, r.OperandLength);
        Assert.Equal(6, r.Length);
    }

    [Fact]
    public void Nested_references_follow_their_outer_reference()
    {
        const string text = "${A:-${B:+$C}x}$D";

        var refs = VariableReferenceScanner.Scan(text);

        Assert.Equal(new[] { "A", "B", "C", "D" }, refs.Select(r => r.Name));
        Assert.Equal(new[] { "${A:-${B:+$C}x}", "${B:+$C}", "$C", "$D" }, refs.Select(r => Slice(text, r.Start, r.Length)));
        Assert.Equal("${B:+$C}x", Slice(text, refs[0].OperandStart, refs[0].OperandLength));
    }

    [Fact]
    public void Resolves_FROM_operand_with_default_inside_an_instruction_line()
    {
        const string line = "FROM ${IMAGE:-alpine:3.19} AS base";

        var r = Assert.Single(VariableReferenceScanner.Scan(line, 5, 21, '\\'));

        Assert.Equal("IMAGE", r.Name);
        Assert.Equal(5, r.Start);
        Assert.Equal("${IMAGE:-alpine:3.19}", Slice(line, r.Start, r.Length));
        Assert.Equal("alpine:3.19", Slice(line, r.OperandStart, r.OperandLength));
        Assert.Equal(VariableOperator.DefaultIfUnsetOrEmpty, r.Operator);
    }

    [Fact]
    public void Only_the_given_range_is_scanned()
    {
        const string text = "$A $B $C";

        var r = Assert.Single(VariableReferenceScanner.Scan(text, 3, 2, '\\'));

        Assert.Equal("B", r.Name);
        Assert.Equal(3, r.Start);
        // A name stops at the end of the range, not at the end of the text.
        Assert.Equal("AB", Assert.Single(VariableReferenceScanner.Scan("$ABC", 0, 3, '\\')).Name);
    }

    [Theory]
    [InlineData("'$A' $B", "B", 5)]
    [InlineData("'${A:-x}'\"$B\"", "B", 10)]
    [InlineData("\\$A $B", "B", 4)]
    [InlineData("\"\\$A\" $B", "B", 6)]
    [InlineData("\\\\$B", "B", 2)]
    [InlineData("${A:-'$X'}", "A", 0)]
    public void Quoted_and_escaped_dollars_are_not_references(string text, string name, int start)
    {
        var refs = VariableReferenceScanner.Scan(text);

        var r = Assert.Single(refs);
        Assert.Equal(name, r.Name);
        Assert.Equal(start, r.Start);
    }

    [Fact]
    public void Double_quotes_do_not_hide_references()
    {
        const string text = "\"a $A ${B}\"";

        Assert.Equal(new[] { "A", "B" }, VariableReferenceScanner.Scan(text).Select(r => r.Name));
    }

    [Fact]
    public void Backtick_escape_token()
    {
        const string text = "`$A C:\\$B \"`$C\" \"\\$D\"";

        var refs = VariableReferenceScanner.Scan(text, '`');

        Assert.Equal(new[] { "B", "D" }, refs.Select(r => r.Name));
        Assert.Equal(new[] { 7, 18 }, refs.Select(r => r.Start));
    }

    [Fact]
    public void SkipProcessQuotes_finds_references_in_quotes()
    {
        const string text = "'$A'";

        Assert.Equal("A", Assert.Single(VariableReferenceScanner.Scan(text, 0, text.Length, '\\', skipProcessQuotes: true)).Name);
    }

    [Theory]
    [InlineData("$@", "@")]
    [InlineData("$1x", "1")]
    [InlineData("${10}", "10")]
    [InlineData("$$", "$")]
    [InlineData("${#}", "#")]
    [InlineData("$A_1b", "A_1b")]
    public void Special_and_positional_parameters(string text, string name)
    {
        Assert.Equal(name, Assert.Single(VariableReferenceScanner.Scan(text)).Name);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.")]
    [InlineData("a$ b")]
    [InlineData("${")]
    [InlineData("no dollar")]
    [InlineData("")]
    public void Lone_dollars_are_not_references(string text)
    {
        Assert.Empty(VariableReferenceScanner.Scan(text));
    }

    [Fact]
    public void Unterminated_brace_runs_to_the_end()
    {
        const string text = "x ${A:-y";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.False(r.IsTerminated);
        Assert.Equal(2, r.Start);
        Assert.Equal(text.Length, r.End);
        Assert.Equal("y", Slice(text, r.OperandStart, r.OperandLength));
    }

    [Fact]
    public void Unterminated_without_operator()
    {
        const string text = "${PWD";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal(new VariableReference(0, 5, "PWD", 2, VariableOperator.None, -1, -1, IsBraced: true, IsTerminated: false), r);
    }

    [Fact]
    public void Unterminated_nested_references_are_all_reported()
    {
        const string text = "${A:-${B";

        var refs = VariableReferenceScanner.Scan(text);

        Assert.Equal(new[] { "A", "B" }, refs.Select(r => r.Name));
        Assert.All(refs, r => Assert.False(r.IsTerminated));
        Assert.All(refs, r => Assert.Equal(text.Length, r.End));
    }

    [Fact]
    public void Unterminated_replacement_keeps_what_was_found()
    {
        const string text = "${A/x/y";

        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.False(r.IsTerminated);
        Assert.Equal(VariableOperator.ReplaceFirst, r.Operator);
        Assert.Equal(6, r.ReplacementStart);
        Assert.Equal(-1, Assert.Single(VariableReferenceScanner.Scan("${A/x")).ReplacementStart);
    }

    [Theory]
    [InlineData("${}$B", 3)]
    [InlineData("${{$B}", 3)]
    [InlineData("${:-x}$B", 6)]
    [InlineData("${.}$B", 4)]
    public void Invalid_substitutions_are_skipped(string text, int start)
    {
        var r = Assert.Single(VariableReferenceScanner.Scan(text));

        Assert.Equal("B", r.Name);
        Assert.Equal(start, r.Start);
    }

    [Theory]
    [InlineData(-5, 100)]
    [InlineData(2, -1)]
    [InlineData(100, 5)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Out_of_range_arguments_are_clamped(int start, int length)
    {
        const string text = "$A $B";

        var refs = VariableReferenceScanner.Scan(text, start, length, '\\');

        Assert.All(refs, r => Assert.InRange(r.End, 0, text.Length));
    }

    [Fact]
    public void Null_text_has_no_references()
    {
        Assert.Empty(VariableReferenceScanner.Scan(null!, 0, 10, '\\'));
    }

    [Theory]
    [InlineData("${A#$B}")]
    [InlineData("\"$A\"${B:-'$C'}$D")]
    [InlineData("${X/${Y}/${Z:-$W}}")]
    [InlineData("a\\$B $C")]
    public void Names_agree_with_what_expansion_looks_up(string text)
    {
        var expansion = new WordLexer().ProcessWord(text, _ => null);

        Assert.Equal(
            expansion.Unmatched.OrderBy(x => x, StringComparer.Ordinal),
            VariableReferenceScanner.Scan(text).Select(r => r.Name).Distinct().OrderBy(x => x, StringComparer.Ordinal));
    }
}
