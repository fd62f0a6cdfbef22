using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Analysis;

/// <summary>How the driver reads a Dockerfile's comments for suppressions: every comment once, wherever it sits.</summary>
public class DriverCommentTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static FileAnalysisResult Analyze(string code) => new AnalyzerDriver(Registry).AnalyzeDockerfile(SourceText.From(code), "Dockerfile");

    [Theory]
    [InlineData("FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n# plimsoll disable PL9999\n")]
    [InlineData("FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n# plimsoll disable PL9999")]
    [InlineData("# plimsoll disable PL9999\n")]
    public void A_comment_after_the_last_instruction_is_read_once(string code)
    {
        var notifications = Analyze(code).Notifications;
        Assert.Single(notifications, n => n.Message.Contains("unknown rule id 'PL9999'", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_comment_between_instructions_is_read_once()
    {
        const string code = "# plimsoll disable PL9991\n"
            + "FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n"
            + "\n"
            + "   # plimsoll disable PL9992\n"
            + "# plimsoll disable PL9993\n"
            + "RUN true\n";
        var messages = Analyze(code).Notifications.Select(n => n.Message).ToList();
        foreach (var id in new[] { "PL9991", "PL9992", "PL9993" })
            Assert.Single(messages, m => m.Contains($"'{id}'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hash_inside_an_instruction_is_not_a_comment()
    {
        // '#' in a URL fragment and in a parameter expansion: not trivia, so nothing is read as a directive.
        const string code = "FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n"
            + "RUN echo \"${X#plimsoll disable PL9996}\" http://a/#plimsoll\n";
        Assert.DoesNotContain(Analyze(code).Notifications, n => n.Message.Contains("PL9996", StringComparison.Ordinal));
    }

    [Fact]
    public void A_next_line_suppression_covers_the_whole_following_instruction()
    {
        const string code = "FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n"
            + "# plimsoll disable-next-line PL1003 -- mirror only serves http\n"
            + "RUN echo one \\\n"
            + "  && curl -fsSL http://example.com/install.tgz | tar -xz\n";
        var http = Analyze(code).Findings.Where(f => f.Id == "PL1003").ToList();
        Assert.NotEmpty(http);
        Assert.All(http, f => Assert.True(f.IsSuppressed));
    }
}
