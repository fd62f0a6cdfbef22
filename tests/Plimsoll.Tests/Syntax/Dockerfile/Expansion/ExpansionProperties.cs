using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Tests.Syntax.Dockerfile.Expansion;

/// <summary>Properties over arbitrary words made mostly of the characters the lexer treats specially.</summary>
public sealed class ExpansionProperties
{
    private static readonly string[] Pieces =
    {
        "$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "\\", "`", "'", "\"", " ", "\t", "\n",
        "A", "b", "_", "0", "1", "@", "*", "!", ".", "=", "😀", "\uD800", "\uDC00", "\uFEFF", "é", "١",
        "${", "${A", ":-", "##", "%%", "//", "$A", "${B}",
    };

    private static readonly string[] Names = { "A", "b", "_x", "X9", "1", "@", "#", "$" };

    private static readonly string[] Operators =
    {
        ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//", ":#", ":=", "=",
    };

    private static readonly string[] Plain = { "a", "b c", "x/y", "😀", "é", " ", "\t", ".", ":", "-", "*", "?" };

    // Mostly well-formed fragments (so that many words expand), with a share of raw special characters.
    private static Gen<string> Fragment(int depth)
    {
        var name = Gen.Elements(Names);
        var choices = new List<(int, Gen<string>)>
        {
            (4, Gen.Elements(Plain)),
            (3, name.Select(n => "$" + n)),
            (3, name.Select(n => "${" + n + "}")),
            (2, Gen.Elements(Plain).Select(p => "'" + p + "$A'")),
            (2, Gen.Elements(Plain).Select(p => "\"" + p + "${b:-q}\"")),
            (1, Gen.Elements(Pieces).Select(p => "\\" + p)),
            (1, Gen.Elements(Pieces)),
        };
        if (depth > 0)
        {
            choices.Add((3, from n in name
                            from op in Gen.Elements(Operators)
                            from operand in Word(depth - 1, 3)
                            select "${" + n + op + (op.EndsWith("/") ? operand + "/" + operand : operand) + "}"));
        }
        return Gen.Frequency(choices.ToArray());
    }

    private static Gen<string> Word(int depth, int maxFragments) =>
        Gen.Choose(0, maxFragments).SelectMany(count => Gen.ArrayOf(Fragment(depth), count)).Select(parts => string.Concat(parts));

    private static Gen<string> Words() => Gen.Frequency(
        (3, Word(2, 6)),
        (1, Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts))));

    private static Arbitrary<string> ArbitraryWord() => Arb.From(Words());

    private static readonly Func<string, string?> SomeSet = name => name switch
    {
        "A" => "a b*c",
        "b" => "",
        "@" => "$0",
        _ => null,
    };

    [Property(MaxTest = 2000)]
    public Property Expansion_never_throws_and_reports_one_outcome() => Prop.ForAll(ArbitraryWord(), word =>
    {
        foreach (var escape in new[] { '\\', '`' })
        {
            var options = new[]
            {
                new WordLexer(escape),
                new WordLexer(escape) { RawQuotes = true, RawEscapes = true },
                new WordLexer(escape) { SkipUnsetEnv = true, SkipProcessQuotes = true },
            };
            foreach (var lexer in options)
            {
                var single = lexer.ProcessWord(word, SomeSet);
                var split = lexer.ProcessWords(word, SomeSet);
                if ((single.Result is null) == (single.Error is null)) return false;
                if ((split.Words is null) == (split.Error is null)) return false;
                // Both APIs run the same lexer, so they fail on the same words with the same error.
                if (single.Error != split.Error) return false;
            }
        }
        return true;
    });

    [Property(MaxTest = 2000)]
    public Property Scanned_references_lie_within_the_range() => Prop.ForAll(
        ArbitraryWord(), Arb.From(Gen.Choose(-3, 40)), Arb.From(Gen.Choose(-3, 60)), (word, start, length) =>
        {
            var from = Math.Min(Math.Max(start, 0), word.Length);
            var to = Math.Min(from + Math.Max(length, 0), word.Length);
            foreach (var escape in new[] { '\\', '`' })
            {
                var refs = VariableReferenceScanner.Scan(word, start, length, escape);
                var previousStart = -1;
                foreach (var r in refs)
                {
                    if (r.Start < from || r.End > to || r.Length < 1 || word[r.Start] != '$') return false;
                    if (r.Start <= previousStart) return false;
                    previousStart = r.Start;
                    if (r.NameStart <= r.Start || r.NameStart + r.Name.Length > r.End) return false;
                    if (string.CompareOrdinal(word, r.NameStart, r.Name, 0, r.Name.Length) != 0) return false;
                    if ((r.OperandStart < 0) != (r.OperandLength < 0)) return false;
                    if (r.OperandStart >= 0 && (r.OperandStart < r.NameStart + r.Name.Length || r.OperandStart + r.OperandLength > r.End)) return false;
                    if (r.IsBraced && r.IsTerminated && word[r.End - 1] != '}') return false;
                    if (r.ReplacementStart >= 0 && (r.ReplacementStart <= r.OperandStart || r.ReplacementStart > r.End)) return false;
                }

                // Nested references never straddle their outer reference's end.
                for (var i = 0; i < refs.Count; i++)
                {
                    for (var j = i + 1; j < refs.Count && refs[j].Start < refs[i].End; j++)
                    {
                        if (refs[j].End > refs[i].End) return false;
                    }
                }
            }
            return true;
        });

    [Property(MaxTest = 2000)]
    public Property Scanner_finds_the_names_expansion_looks_up() => Prop.ForAll(ArbitraryWord(), word =>
    {
        // With nothing set every reference BuildKit evaluates lands in Unmatched, operands included.
        var expansion = new WordLexer().ProcessWord(word, _ => null);
        if (expansion.Error is not null) return true;
        var scanned = new HashSet<string>(VariableReferenceScanner.Scan(word).Select(r => r.Name), StringComparer.Ordinal);
        return scanned.SetEquals(expansion.Unmatched);
    });

    [Fact]
    public void Generated_words_exercise_both_outcomes()
    {
        // Keeps the properties above from passing vacuously: many generated words must expand with references
        // in them, and many must fail.
        var samples = Gen.Sample(Words(), 500);
        var expanded = samples.Count(w => new WordLexer().ProcessWord(w, _ => null).Succeeded && VariableReferenceScanner.Scan(w).Count > 0);
        var failed = samples.Count(w => !new WordLexer().ProcessWord(w, _ => null).Succeeded);

        Assert.InRange(expanded, 50, 500);
        Assert.InRange(failed, 50, 500);
    }
}
