using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// A realistic run over the whole corpus: diagnostics at real positions found by a plain text scan (each FROM
/// image, each ADD, each Compose <c>image:</c>), some suppressed, some with fixes. The rule engine replaces the scan later.
/// </summary>
internal static class CorpusSarifBatch
{
    private static readonly Regex FromImage = new(@"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(?<image>\S+)", RegexOptions.IgnoreCase | RegexOptions.Multiline);
    private static readonly Regex AddInstruction = new(@"^[ \t]*(?<keyword>ADD)[ \t]", RegexOptions.IgnoreCase | RegexOptions.Multiline);
    private static readonly Regex ComposeImage = new(@"^[ \t]*image:[ \t]*(?<image>[^\s#]+)", RegexOptions.Multiline);

    public static IEnumerable<string> Files()
    {
        foreach (var folder in new[] { "dockerfiles", "compose" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, folder)).OrderBy(f => f, StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>The text as GitHub reads it: UTF-8, BOM dropped.</summary>
    public static SourceText Read(string path) => SourceText.From(File.ReadAllText(path, new UTF8Encoding(false)));

    public static SarifRunInput Build(bool withText)
    {
        var diagnostics = new List<Diagnostic>();
        var fixes = new Dictionary<Diagnostic, IReadOnlyList<SarifFix>>();
        int count = 0;
        foreach (var path in Files())
        {
            var text = Read(path);
            string content = text.ToString();
            bool compose = path.Contains(Path.DirectorySeparatorChar + "compose" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (compose)
            {
                foreach (Match m in ComposeImage.Matches(content))
                {
                    var group = m.Groups["image"];
                    diagnostics.Add(PlimsollDiagnostic.Create(SarifTestRules.UnpinnedServiceImage, path, text, new TextSpan(group.Index, group.Length), group.Value));
                }
                continue;
            }
            foreach (Match m in FromImage.Matches(content))
            {
                var group = m.Groups["image"];
                var diagnostic = PlimsollDiagnostic.Create(SarifTestRules.UnpinnedBaseImage, path, text, new TextSpan(group.Index, group.Length), group.Value);
                // Every fifth one suppressed, alternating in-source and baseline, to exercise suppressions at scale.
                if (++count % 5 == 0)
                {
                    diagnostic = count % 10 == 0
                        ? SuppressionProperties.Suppress(diagnostic, SuppressionProperties.Baseline)
                        : SuppressionProperties.Suppress(diagnostic, SuppressionProperties.InSource, "Base image is rebuilt nightly.");
                }
                diagnostics.Add(diagnostic);
            }
            foreach (Match m in AddInstruction.Matches(content))
            {
                var keyword = m.Groups["keyword"];
                var span = new TextSpan(keyword.Index, keyword.Length);
                var diagnostic = PlimsollDiagnostic.Create(SarifTestRules.AddInsteadOfCopy, path, text, span);
                diagnostics.Add(diagnostic);
                fixes[diagnostic] = new[] { new SarifFix("Replace ADD with COPY.", new[] { new SarifReplacement(path, span, "COPY") }) };
            }
        }
        return new SarifRunInput("0.1.0")
        {
            Rules = SarifTestRules.All,
            Diagnostics = diagnostics,
            Fixes = d => fixes.TryGetValue(d, out var f) ? f : null,
            ReadText = withText ? Read : null,
            RepositoryRoot = TestPaths.SharedRoot,
            VersionControl = new SarifVersionControl("https://github.com/plimsoll-lint/plimsoll", "0123456789abcdef0123456789abcdef01234567", "refs/heads/main"),
        };
    }
}
