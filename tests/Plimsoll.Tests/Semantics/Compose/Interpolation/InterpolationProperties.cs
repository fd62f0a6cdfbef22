using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Interpolation;

namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

public class InterpolationProperties
{
    private static readonly ComposeVariables Variables = ComposeVariables.FromEnvironment(new Dictionary<string, string> { ["A"] = "a", ["E"] = "", ["B"] = "${A}" });

    // Strings built mostly from interpolation syntax, so that the generator reaches the interesting paths.
    private static Arbitrary<string> TemplateLike()
    {
        var pieces = new[] { "$", "$$", "{", "}", "${", "A", "B", "E", "U", ":", "-", "?", "+", ":-", ":?", ":+", "x", " ", "#", "=", "\n", "\"", "'", "\\", "export ", "\r\n", "é" };
        return Gen.ArrayOf(Gen.Elements(pieces)).Select(a => string.Concat(a)).ToArbitrary();
    }

    [Property(MaxTest = 500)]
    public bool Interpolator_never_throws_on_arbitrary_strings(string? input)
    {
        foreach (var dialect in new[] { InterpolationDialect.Compose, InterpolationDialect.Stack })
        {
            var result = new ComposeInterpolator(Variables, dialect).Interpolate(input);
            if (result.HasError != result.ErrorSpan.HasValue) return false;
        }
        return true;
    }

    [Property(MaxTest = 1000)]
    public Property Interpolator_never_throws_on_template_like_strings()
        => Prop.ForAll(TemplateLike(), input =>
        {
            foreach (var dialect in new[] { InterpolationDialect.Compose, InterpolationDialect.Stack })
            {
                var result = new ComposeInterpolator(Variables, dialect).Interpolate(input);
                bool spanInside = result.ErrorSpan is not { } span || span.End <= input.Length;
                bool usesInside = result.Uses.All(u => u.Span.End <= input.Length);
                if (!spanInside || !usesInside || result.HasError != result.ErrorSpan.HasValue) return false;
            }
            return true;
        });

    [Property(MaxTest = 500)]
    public bool Dotenv_parser_never_throws_on_arbitrary_strings(string? input)
    {
        var file = DotEnvFile.Parse(SourceText.From(input ?? ""), "x.env", Variables);
        return file.Variables.All(v => v.Span.End <= (input ?? "").Length);
    }

    [Property(MaxTest = 1000)]
    public Property Dotenv_parser_never_throws_on_env_like_strings()
        => Prop.ForAll(TemplateLike(), input =>
        {
            var file = DotEnvFile.Parse(SourceText.From(input), "x.env", Variables);
            return file.Variables.All(v => v.Span.End <= input.Length && v.NameSpan.End <= input.Length);
        });
}
