using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.RunCommands;

/// <summary>Behaviour of PL6031-PL6035 and PL5054 on inputs their pages do not show.</summary>
public class HygieneRuleTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static List<Finding> Run(string id, string text, string language = "dockerfile")
        => RuleRunner.Run(Registry, language, text, false).Where(f => f.Id == id).ToList();

    private static string Fix(string id, string text)
        => SourceFixer.FixUntilStable(SourceText.From(text), t => Run(id, t.ToString()), FixApplicability.Unsafe).Fixed.ToString();

    [Theory]
    [InlineData("FROM debian:12\nRUN curl -fsS https://a.example/x && v=$(wget -qO- https://b.example/y)\n", 1)]
    [InlineData("FROM debian:12\nRUN curl -fsS https://a.example/x\nFROM debian:12\nRUN wget -q https://b.example/y\n", 0)]
    [InlineData("FROM debian:12\nRUN apt-get install -y curl wget && curl -V\n", 0)]
    [InlineData("FROM debian:12\nRUN curl -V; curl -V; sh -c 'wget -V'; wget -V\n", 1)]
    public void Curl_and_wget_are_compared_per_stage_as_commands(string dockerfile, int count)
        => Assert.Equal(count, Run("PL6031", dockerfile).Count);

    [Theory]
    [InlineData("FROM alpine:3.20\nRUN a\nRUN b\n", 1)]
    [InlineData("FROM alpine:3.20\nRUN a\n\n# note\n\nRUN b\n", 1)]
    [InlineData("FROM alpine:3.20\nRUN a\nENV X=1\nRUN b\n", 0)]
    [InlineData("FROM alpine:3.20\nRUN --network=none a\nRUN b\n", 0)]
    [InlineData("FROM alpine:3.20\nRUN a && b\nRUN c\n", 0)]
    [InlineData("FROM alpine:3.20\nRUN a; b\nRUN c\n", 0)]
    [InlineData("FROM alpine:3.20\nRUN a && b\nRUN c\nRUN d\n", 1)]
    [InlineData("FROM alpine:3.20\nRUN echo \"$(date) $(id -u)\"\nRUN d\n", 1)]
    [InlineData("FROM alpine:3.20\nRUN --mount=type=secret,id=a a\nRUN --mount=type=secret,id=a b\n", 1)]
    [InlineData("FROM alpine:3.20\nRUN [\"a\"]\nRUN b\nRUN c\n", 2)]
    [InlineData("FROM alpine:3.20\nRUN a\nFROM alpine:3.20\nRUN b\n", 0)]
    [InlineData("FROM alpine:3.20\nRUN a\nRUN <<EOF\nb\nEOF\n", 0)]
    public void Consecutive_runs_follow_the_short_script_definition(string dockerfile, int count)
        => Assert.Equal(count, Run("PL6032", dockerfile).Count);

    [Fact]
    public void Useradd_fix_inserts_after_the_name_and_keeps_the_rest()
    {
        Assert.Equal("FROM debian:12\r\nRUN /usr/sbin/useradd -l \\\r\n    --uid=123456 app # x\r\n",
            Fix("PL6033", "FROM debian:12\r\nRUN /usr/sbin/useradd \\\r\n    --uid=123456 app # x\r\n"));
    }

    [Theory]
    [InlineData("FROM debian:12\nRUN useradd -u 99999 app\n", 0)]
    [InlineData("FROM debian:12\nRUN useradd -u \"$BIG_UID_VALUE\" app\n", 0)]
    [InlineData("FROM debian:12\nRUN useradd -lu 123456 app\n", 0)]
    [InlineData("FROM debian:12\nRUN useradd -mu 123456 app\n", 1)]
    [InlineData("FROM debian:12\nRUN sudo useradd -u 4294967294 nobody2\n", 1)]
    public void Useradd_uid_is_read_as_a_number(string dockerfile, int count) => Assert.Equal(count, Run("PL6033", dockerfile).Count);

    [Theory]
    [InlineData("FROM debian:12\nCOPY app.tgz /tmp/\nRUN tar --extract --file=/tmp/app.tgz -C /opt\n", 1)]
    [InlineData("FROM debian:12\nCOPY app.tgz /tmp/\nRUN tar -C /opt -xzvf /tmp/app.tgz\n", 1)]
    [InlineData("FROM debian:12\nCOPY app.tgz /tmp/\nRUN tar -czf /tmp/app.tgz /opt\n", 0)]
    [InlineData("FROM debian:12\nCOPY app.tgz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/app.tgz\n", 0)]
    [InlineData("FROM debian:12 AS b\nFROM debian:12\nCOPY --from=b /app.tgz /tmp/\nRUN tar -xzf /tmp/app.tgz\n", 0)]
    [InlineData("FROM debian:12\nCOPY $PKG /tmp/\nRUN tar -xzf /tmp/$PKG\n", 0)]
    [InlineData("FROM debian:12\nCOPY app.tar.zst /tmp/\nRUN tar --zstd -xf /tmp/app.tar.zst\n", 0)]
    [InlineData("FROM debian:12\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n", 1)]
    [InlineData("FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo && tar -xf packaged-app.tar\n", 1)]
    public void Only_whole_tar_extractions_of_copied_archives_are_flagged(string dockerfile, int count)
        => Assert.Equal(count, Run("PL6034", dockerfile).Count);

    [Theory]
    [InlineData("FROM debian:12\nRUN wget --progress=bar:force https://example.com/a\n", 0)]
    [InlineData("FROM debian:12\nRUN wget -qO- https://example.com/a | tar -x\n", 0)]
    [InlineData("FROM debian:12\nRUN wget -o /tmp/log https://example.com/a\n", 0)]
    [InlineData("FROM debian:12\nRUN wget https://example.com/a 2>&1 | tail -1\n", 1)]
    [InlineData("FROM alpine:3.20 AS a\nFROM a\nRUN wget https://example.com/a\n", 0)]
    [InlineData("FROM debian:12 AS a\nFROM a\nRUN wget https://example.com/a\n", 1)]
    public void Wget_progress_options_and_busybox_images_are_recognised(string dockerfile, int count)
        => Assert.Equal(count, Run("PL6035", dockerfile).Count);

    [Theory]
    [InlineData("services:\n  a:\n    build:\n      context: .\n    image: ${IMAGE:-a}\n", 1)]
    [InlineData("services:\n  a:\n    build: .\n    image: a\n    pull_policy: missing\n", 0)]
    [InlineData("# stack file\nservices:\n  a:\n    build: .\n    image: a\n", 0)]
    public void Build_and_image_need_a_pull_policy(string yaml, int count) => Assert.Equal(count, Run("PL5054", yaml, "yaml").Count);
}
