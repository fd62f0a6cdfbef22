using FsCheck;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Yaml;

/// <summary>Corpus files mutated at random: the tree must never throw or hang, and must round-trip exactly.</summary>
public class YamlFuzzTests
{
    private static readonly string[] Files = YamlTestFiles.ComposeFiles.Select(File.ReadAllText).ToArray();

    private static readonly ComposeSchema Schema = ComposeSchema.Load(Path.Combine(TestPaths.Schemas, "compose-spec.json"));

    private static readonly string[] Payloads =
    {
        "\"", "'", "&", "&a ", "*", "*a", "<<", "<<: *a", "\t", "\n", "\r\n", "\r", "[", "]", "{", "}", ":", ": ", "- ",
        "#", " #", "|", ">-", "%", "!", "!reset ", "!!str ", "?", ",", "...", "---", "\\", "\uFEFF", "é", "😀", "\ud800", "\0", "  ",
    };

    [Property(MaxTest = 500)]
    public void MutatedCorpusFilesRoundTrip(NonNegativeInt fileIndex, int[] edits)
    {
        var input = Mutate(Files[fileIndex.Get % Files.Length], edits);
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "fuzz.yml");

        YamlTreeInvariants.AssertLossless(tree, input);
        YamlTreeInvariants.AssertNested(tree);

        // Oracle: YamlDotNet's parser fails exactly when the tree reports a syntax error.
        bool parserFails;
        try
        {
            var parser = new YamlDotNet.Core.Parser(new StringReader(input));
            while (parser.MoveNext()) { }
            parserFails = false;
        }
        catch (Exception)
        {
            parserFails = true;
        }
        bool treeReportsSyntaxError = tree.Diagnostics.Any(d => d.GetMessage().StartsWith("YAML syntax error", StringComparison.Ordinal));
        // The tree reports more: YamlDotNet silently stops at U+0000 and silently drops some values.
        Assert.True(!parserFails || treeReportsSyntaxError);
        if (treeReportsSyntaxError && !parserFails)
        {
            Assert.Contains(tree.Diagnostics, d => d.GetMessage().Contains("U+0000") || d.GetMessage().Contains("drops this value"));
        }
        if (!treeReportsSyntaxError) Assert.DoesNotContain(tree.GetTokens(), t => t.Kind == YamlTokenKind.Skipped);
        Assert.All(tree.Diagnostics, d => Assert.Equal("PL9002", d.Id));

        // The layers above read whatever tree they get without throwing, within their budgets.
        var model = Plimsoll.Semantics.Compose.Projects.ComposeProjectLoader.LoadText(tree.Text, Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", "fuzz.yaml"),
            options: new() { VariableSource = Plimsoll.Semantics.Compose.Interpolation.ComposeVariables.Empty });
        Assert.All(model.Services, service => Assert.NotNull(service.Name));
        Assert.All(ComposeSchemaValidator.Validate(tree, Schema, new YamlAliasBudget(20_000)), d => Assert.Equal("PL9002", d.Id));

        // Walking merges through whatever aliases the mutation made stays within its budget.
        foreach (var mapping in tree.Documents.SelectMany(d => YamlTreeInvariants.Descendants(d.Root)).OfType<YamlMappingNode>().Take(50))
        {
            var budget = new YamlAliasBudget(5_000);
            YamlMerge.GetEffectiveEntries(mapping, budget);
            Assert.True(budget.Visited <= 5_000);
        }
    }

    private static readonly string[] Fragments =
    {
        "a", "key", "1", ": ", ":", "- ", "-", "\n", "  ", "    ", "[", "]", "{", "}", ", ", "&x ", "*x", "!t ", "!reset ", "? ",
        "---\n", "--- ", "...\n", "|\n  ", "|+ # c\n  ", ">-\n  ", "'q'", "\"d\\n\"", "# c\n", "<<: ", "%YAML 1.2\n", "\t", "\r\n",
    };

    /// <summary>Small documents made of YAML's indicators: odd but often valid, they exercise the span and token bookkeeping.</summary>
    [Property(MaxTest = 1000)]
    public void IndicatorSoupRoundTrips(int[] picks)
    {
        var input = string.Concat(picks.Take(40).Select(p => Fragments[(int)((uint)p % (uint)Fragments.Length)]));
        var tree = YamlSyntaxTree.Parse(SourceText.From(input), "soup.yml");
        YamlTreeInvariants.AssertLossless(tree, input);
        YamlTreeInvariants.AssertNested(tree);
        bool syntaxError = tree.Diagnostics.Any(d => d.GetMessage().StartsWith("YAML syntax error", StringComparison.Ordinal));
        if (!syntaxError) Assert.DoesNotContain(tree.GetTokens(), t => t.Kind == YamlTokenKind.Skipped);
        foreach (var scalar in tree.Documents.SelectMany(d => YamlTreeInvariants.Descendants(d.Root)).OfType<YamlScalarNode>())
        {
            // The raw text of a one-line plain scalar is its value.
            if (scalar.Style == YamlScalarStyle.Plain && !scalar.IsEmpty && scalar.RawText.IndexOf('\n') < 0) Assert.Equal(scalar.Value, scalar.RawText);
        }
    }

    /// <summary>Each triple of numbers is one edit: (what, where, with what).</summary>
    internal static string Mutate(string text, int[] edits)
    {
        var builder = new System.Text.StringBuilder(text);
        int count = Math.Min(edits.Length / 3, 12);
        for (int i = 0; i < count; i++)
        {
            int what = Math.Abs(edits[3 * i] % 9);
            int where = (int)((uint)edits[3 * i + 1] % (uint)(builder.Length + 1));
            int with = Math.Abs(edits[3 * i + 2] % 1000);
            switch (what)
            {
                case 0: // truncate
                    builder.Length = where;
                    break;
                case 1: // insert an indicator or awkward character
                case 2:
                    builder.Insert(where, Payloads[with % Payloads.Length]);
                    break;
                case 3: // delete a few characters
                    builder.Remove(where, Math.Min(with % 8 + 1, builder.Length - where));
                    break;
                case 4: // delete the line
                {
                    var (start, end) = LineAt(builder, where);
                    builder.Remove(start, end - start);
                    break;
                }
                case 5: // duplicate the line
                {
                    var (start, end) = LineAt(builder, where);
                    builder.Insert(start, builder.ToString(start, end - start));
                    break;
                }
                case 6: // insert a line at the start of this one
                {
                    var (start, _) = LineAt(builder, where);
                    builder.Insert(start, new string(' ', with % 5) + Payloads[with % Payloads.Length] + "\n");
                    break;
                }
                case 7: // replace a character with a tab
                    if (where < builder.Length) builder[where] = '\t';
                    break;
                case 8: // insert any UTF-16 code unit
                    builder.Insert(where, (char)(edits[3 * i + 2] & 0xFFFF));
                    break;
            }
        }
        return builder.ToString();
    }

    private static (int Start, int End) LineAt(System.Text.StringBuilder builder, int position)
    {
        int start = Math.Min(position, builder.Length);
        while (start > 0 && builder[start - 1] != '\n') start--;
        int end = Math.Min(position, builder.Length);
        while (end < builder.Length && builder[end] != '\n') end++;
        if (end < builder.Length) end++;
        return (start, end);
    }
}
