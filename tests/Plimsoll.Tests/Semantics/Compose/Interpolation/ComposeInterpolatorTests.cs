using Plimsoll.Semantics.Compose.Interpolation;

namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

public class ComposeInterpolatorTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["SET"] = "value",
        ["EMPTY"] = "",
        ["B"] = "bee",
    };

    private static InterpolatedValue Compose(string input) => new ComposeInterpolator(ComposeVariables.FromEnvironment(Env)).Interpolate(input);

    private static InterpolatedValue Stack(string input) => new ComposeInterpolator(ComposeVariables.FromEnvironment(Env), InterpolationDialect.Stack).Interpolate(input);

    [Theory]
    [InlineData("plain", "plain", ValueOrigin.Literal)]
    [InlineData("$$SET", "$SET", ValueOrigin.Literal)]
    [InlineData("a$$$$b", "a$$b", ValueOrigin.Literal)]
    [InlineData("$SET", "value", ValueOrigin.Environment)]
    [InlineData("${SET}", "value", ValueOrigin.Environment)]
    [InlineData("x$SET-y", "xvalue-y", ValueOrigin.Environment)]
    [InlineData("${UNSET}", "", ValueOrigin.Unknown)]
    [InlineData("${EMPTY}", "", ValueOrigin.Environment)]
    [InlineData("${UNSET:-d}", "d", ValueOrigin.Default)]
    [InlineData("${EMPTY:-d}", "d", ValueOrigin.Default)]
    [InlineData("${SET:-d}", "value", ValueOrigin.Environment)]
    [InlineData("${UNSET-d}", "d", ValueOrigin.Default)]
    [InlineData("${EMPTY-d}", "", ValueOrigin.Environment)]
    [InlineData("${SET:?boom}", "value", ValueOrigin.Environment)]
    [InlineData("${EMPTY?boom}", "", ValueOrigin.Environment)]
    [InlineData("${SET:+alt}", "alt", ValueOrigin.Default)]
    [InlineData("${EMPTY:+alt}", "", ValueOrigin.Default)]
    [InlineData("${UNSET:+alt}", "", ValueOrigin.Default)]
    [InlineData("${EMPTY+alt}", "alt", ValueOrigin.Default)]
    [InlineData("${UNSET+alt}", "", ValueOrigin.Default)]
    [InlineData("${UNSET:-${B:-x}}", "bee", ValueOrigin.Default)]
    [InlineData("${UNSET:-${NOPE:-x}}-$B", "x-bee", ValueOrigin.Default)]
    [InlineData("${UNSET:-a}b}", "ab}", ValueOrigin.Default)]
    [InlineData("${UNSET:-$${B}}", "${B}", ValueOrigin.Default)]
    [InlineData("${UNSET:-}", "", ValueOrigin.Default)]
    [InlineData("${SET}${UNSET}", "value", ValueOrigin.Unknown)]
    public void Compose_dialect_resolves_like_compose(string input, string expected, ValueOrigin origin)
    {
        var result = Compose(input);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
        Assert.Equal(origin, result.Origin);
    }

    [Theory]
    [InlineData("${UNSET:?must be set}", "required variable UNSET is missing a value: must be set", 0, 21)]
    [InlineData("x ${EMPTY:?e}", "required variable EMPTY is missing a value: e", 2, 11)]
    [InlineData("${UNSET?e}", "required variable UNSET is missing a value: e", 0, 10)]
    [InlineData("a$", null, 1, 1)]
    [InlineData("${", null, 0, 2)]
    [InlineData("ab${SET", null, 2, 5)]
    [InlineData("${1abc}", null, 0, 3)]
    [InlineData("$1abc", null, 0, 2)]
    [InlineData("${A.B}", null, 0, 4)]
    [InlineData("${SET:x}", null, 0, 6)]
    [InlineData("${UNSET:-${B}", null, 0, 13)]
    // compose evaluates operands eagerly: an error in an unused default still fails.
    [InlineData("${SET:-${UNSET:?inner}}", "required variable UNSET is missing a value: inner", 7, 15)]
    public void Compose_dialect_reports_errors_with_their_position(string input, string? message, int start, int length)
    {
        var result = Compose(input);
        Assert.NotNull(result.Error);
        if (message is not null) Assert.Equal(message, result.Error);
        Assert.Equal(start, result.ErrorSpan!.Value.Start);
        Assert.Equal(length, result.ErrorSpan!.Value.Length);
        Assert.Equal(input, result.Text);
        Assert.Equal(ValueOrigin.Unknown, result.Origin);
    }

    [Fact]
    public void Uses_record_name_span_operator_and_source()
    {
        var result = Compose("img:${SET:-x}/${UNSET:-${B}}/$EMPTY");
        Assert.Null(result.Error);
        Assert.Equal("img:value/bee/", result.Text);
        Assert.Collection(result.Uses,
            u => { Assert.Equal("SET", u.Name); Assert.Equal(4, u.Span.Start); Assert.Equal(9, u.Span.Length); Assert.Equal(InterpolationOperator.DefaultWhenUnsetOrEmpty, u.Operator); Assert.Equal(ValueOrigin.Environment, u.Origin); Assert.Equal("value", u.Value); },
            u => { Assert.Equal("UNSET", u.Name); Assert.Equal(14, u.Span.Start); Assert.Equal(14, u.Span.Length); Assert.Equal(ValueOrigin.Default, u.Origin); Assert.False(u.IsSet); },
            u => { Assert.Equal("B", u.Name); Assert.Equal(23, u.Span.Start); Assert.Equal(4, u.Span.Length); Assert.Equal(ValueOrigin.Environment, u.Origin); },
            u => { Assert.Equal("EMPTY", u.Name); Assert.Equal(29, u.Span.Start); Assert.Equal(6, u.Span.Length); Assert.Equal("", u.Value); });
        Assert.Equal(ValueOrigin.Default, result.Origin);
    }

    [Fact]
    public void Unused_default_contributes_no_uses()
    {
        var result = Compose("${SET:-${B}}");
        Assert.Equal("value", result.Text);
        Assert.Single(result.Uses);
        Assert.Equal(ValueOrigin.Environment, result.Origin);
    }

    [Theory]
    [InlineData("${SET:?must-be-set}", "be-set")] // the "-" search wins over ":?"
    [InlineData("${UNSET-x:-y}", "y")]
    [InlineData("${UNSET:-x?y}", "x?y")]
    [InlineData("$SET-x", "value")] // an unbraced name takes an operator too
    [InlineData("$SETx", "")]
    [InlineData("${UNSET:-${SET}}", "${SET}")] // operands are literal, up to the first '}'
    [InlineData("${UNSET:-a:-b}", "a:-b")]
    [InlineData("$SET:x", "value:x")]
    [InlineData("${EMPTY?boom}", "")]
    public void Stack_dialect_follows_docker_cli(string input, string expected)
    {
        var result = Stack(input);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData("${SET:+alt}")]
    [InlineData("${SET+alt}")]
    [InlineData("${UNSET:?boom}")]
    [InlineData("${ SET}")]
    [InlineData("${SET")]
    [InlineData("$")]
    public void Stack_dialect_rejects_what_docker_stack_rejects(string input)
    {
        Assert.NotNull(Stack(input).Error);
    }

    [Fact]
    public void Dotenv_provenance_points_at_the_defining_line()
    {
        var variables = ComposeVariables.FromEnvFiles(
            new[] { (Microsoft.CodeAnalysis.Text.SourceText.From("# tag\nA=1\nTAG=2.1\n"), "/p/.env") }, ValueOrigin.DotEnv);
        var result = new ComposeInterpolator(variables).Interpolate("nginx:${TAG}");
        Assert.Equal("nginx:2.1", result.Text);
        Assert.Equal(ValueOrigin.DotEnv, result.Origin);
        var definition = result.Uses.Single().Definition!;
        Assert.Equal("/p/.env", definition.Path);
        Assert.Equal(2, definition.Line);
        Assert.Equal(2, definition.GetLocation().GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Process_environment_takes_precedence_over_env_files()
    {
        var variables = ComposeVariables.FromEnvFiles(
            new[] { (Microsoft.CodeAnalysis.Text.SourceText.From("A=file\nB=file\n"), "e1"), (Microsoft.CodeAnalysis.Text.SourceText.From("B=second\n"), "e2") },
            ValueOrigin.EnvFile,
            new Dictionary<string, string> { ["A"] = "env" });
        var interpolator = new ComposeInterpolator(variables);
        Assert.Equal("env", interpolator.Interpolate("$A").Text);
        Assert.Equal(ValueOrigin.Environment, interpolator.Interpolate("$A").Origin);
        var b = interpolator.Interpolate("$B");
        Assert.Equal("second", b.Text);
        Assert.Equal(ValueOrigin.EnvFile, b.Origin);
        Assert.Equal("e2", b.Uses[0].Definition!.Path);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        string deep = string.Concat(Enumerable.Repeat("${A:-", 5000)) + "x" + new string('}', 5000);
        var result = Compose(deep);
        Assert.NotNull(result.Error);
    }
}
