using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Rules.Correctness;

/// <summary>Behaviour of PL5018 (UndefinedVariable) and PL5019 (CopyIgnoredFile) beyond their page examples.</summary>
public class DockerfileVariableAndIgnoreRuleTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "plimsoll-ignore-tests", "app");

    private static IReadOnlyList<Finding> Run(string code, string id)
        => RuleRunner.Run(Registry, "dockerfile", code).Where(f => f.Id == id).ToList();

    // ---- PL5018 ----

    [Theory]
    // Stages built on an image: names that are no typo of a declared name may come from the image's ENV.
    [InlineData("FROM node:22\nENV PATH=$HOME/bin:$PATH\nWORKDIR $NODE_PATH\n")]
    [InlineData("ARG VERSION=1\nFROM node:${VERSION}\nLABEL v=$VERSION\n")]
    // Defaults, alternatives, escapes and single quotes.
    [InlineData("FROM scratch\nENV A=${MISSING:-x} B=${MISSING:+y} C=${MISSING-z} D=${MISSING:?unset}\n")]
    [InlineData("FROM scratch\nLABEL a=\\$MISSING b='$MISSING'\n")]
    // The shell expands RUN, CMD and ENTRYPOINT.
    [InlineData("FROM scratch\nRUN echo $MISSING\nCMD echo $MISSING\n")]
    // Declared by an ARG (with or without a default), by an ENV, or in a stage this one builds on.
    [InlineData("FROM scratch\nARG A\nARG B=$A C=$B\nENV D=$C\nUSER $D\n")]
    [InlineData("FROM scratch AS base\nENV HOMEDIR=/h\nARG UID=1\nFROM base\nWORKDIR $HOMEDIR\nUSER $UID\n")]
    // A name the same ENV defines is PL5013's.
    [InlineData("FROM scratch\nENV A=1 B=$A\n")]
    // Proxy arguments, BuildKit settings and PATH (set by BuildKit in every stage).
    [InlineData("FROM scratch\nENV P=$HTTP_PROXY Q=$no_proxy R=$BUILDKIT_SBOM_SCAN_STAGE S=$PATH\n")]
    // ONBUILD in a parent stage may define variables: not everything is known any more.
    [InlineData("FROM scratch AS base\nONBUILD ENV X=1\nFROM base\nLABEL x=$X\n")]
    // Hostile or partial input.
    [InlineData("FROM scratch\nENV\nLABEL\nWORKDIR\nCOPY\nENV A=${\nLABEL b=${}\nEXPOSE $\n")]
    public void Undefined_variable_stays_silent(string code) => Assert.Empty(Run(code, "PL5018"));

    [Fact]
    public void Undefined_variable_reports_typos_in_image_stages_and_everything_in_scratch_stages()
    {
        string code = "FROM debian:12\nARG APP_VERSION=1\nCOPY app-${APP_VERSON}.tar /x\nFROM scratch\nEXPOSE $PORT\nVOLUME [\"/data/$DIR\"]\nSTOPSIGNAL $SIG\nCOPY --chown=$OWNER a /b\n";
        var findings = Run(code, "PL5018");
        Assert.Equal(new[] { "APP_VERSON", "PORT", "DIR", "SIG", "OWNER" },
            findings.Select(f => f.Diagnostic.GetMessage().Split(' ')[0].TrimStart('$')).ToArray());
        Assert.Contains("did you mean $APP_VERSION?", findings[0].Diagnostic.GetMessage());
    }

    [Fact]
    public void Undefined_variable_reports_a_global_arg_no_from_uses_in_any_stage()
    {
        var finding = Assert.Single(Run("ARG TCP_TARGET=server\nFROM golang:1.23\nCOPY ./tcp/$TCP_TARGET .\n", "PL5018"));
        Assert.StartsWith("$TCP_TARGET is declared before the first FROM", finding.Diagnostic.GetMessage());
        Assert.Empty(Run("ARG TCP_TARGET=server\nFROM golang:1.23\nARG TCP_TARGET\nCOPY ./tcp/$TCP_TARGET .\n", "PL5018"));
    }

    [Fact]
    public void Undefined_variable_judges_pattern_operators_like_plain_references()
        => Assert.Equal(2, Run("FROM scratch\nARG FILE=a.tar\nENV A=${FILE%.tar} B=${FLIE%.tar} C=${NAME/x/y}\n", "PL5018").Count);

    [Theory]
    // BuildKit's own UndefinedVar cases (frontend/dockerfile/dockerfile_lint_test.go), with the message each gives.
    [InlineData("FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n", "")]
    [InlineData("FROM alpine AS base\nARG foo=Dockerfile\nFROM base\nCOPY $foo .\n", "")]
    [InlineData("FROM alpine\nRUN echo $PATH\n", "")]
    [InlineData("FROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n", "$foo is used before the ARG that declares it on line 3")]
    [InlineData("FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n", "(did you mean $DIR_ASSETS?)")]
    [InlineData("FROM alpine\nENV PATH=$PAHT:/tmp/bin\n", "(did you mean $PATH?)")]
    [InlineData("FROM scratch AS first\nCOPY $foo .\nFROM scratch AS second\nCOPY $bar .\n", "$foo|$bar")]
    public void Undefined_variable_agrees_with_buildkit_tests(string code, string expected)
    {
        var messages = Run(code, "PL5018").Select(f => f.Diagnostic.GetMessage()).ToList();
        var parts = expected.Length == 0 ? Array.Empty<string>() : expected.Split('|');
        Assert.Equal(parts.Length, messages.Count);
        for (int i = 0; i < parts.Length; i++) Assert.Contains(parts[i], messages[i]);
    }

    [Fact]
    public void Undefined_variable_needs_the_platform_arg_declared_in_the_stage()
    {
        Assert.Single(Run("FROM alpine\nWORKDIR /out/$TARGETOS\n", "PL5018"));
        Assert.Empty(Run("FROM alpine\nARG TARGETOS\nWORKDIR /out/$TARGETOS\n", "PL5018"));
    }

    [Fact]
    public void Undefined_variable_points_at_the_reference_through_continuations_and_crlf()
    {
        string code = "FROM scratch\r\nLABEL a=1 \\\r\n  b=${NOPE}\r\n";
        var finding = Assert.Single(Run(code, "PL5018"));
        var span = finding.Diagnostic.Location.SourceSpan;
        Assert.Equal("${NOPE}", code.Substring(span.Start, span.Length));
    }

    // ---- PL5019 ----

    /// <summary>An in-memory file system that records the paths the engine asked to read.</summary>
    private sealed class RecordingFileSystem(InMemoryFileSystem inner) : IFileSystem
    {
        public List<string> Reads { get; } = new();

        public FileReadResult ReadFile(string path)
        {
            lock (Reads) Reads.Add(path);
            return inner.ReadFile(path);
        }

        public bool FileExists(string path) => inner.FileExists(path);
        public bool DirectoryExists(string path) => inner.DirectoryExists(path);
        public DirectoryListing ListDirectory(string path) => inner.ListDirectory(path);
    }

    private static (IReadOnlyList<Finding> Findings, List<string> Reads) RunWithFiles(string dockerfile, params (string Name, string Text)[] files)
    {
        var memory = new InMemoryFileSystem(files.Select(f => new KeyValuePair<string, string>(Path.Combine(Folder, f.Name), f.Text)));
        var recording = new RecordingFileSystem(memory);
        var driver = new AnalyzerDriver(Registry, fileSystem: recording);
        var findings = driver.AnalyzeDockerfile(SourceText.From(dockerfile), Path.Combine(Folder, "Dockerfile")).Findings
            .Where(f => f.Id == "PL5019").ToList();
        return (findings, recording.Reads);
    }

    private static string Reported(string dockerfile, Finding finding)
        => dockerfile.Substring(finding.Diagnostic.Location.SourceSpan.Start, finding.Diagnostic.Location.SourceSpan.Length);

    [Fact]
    public void Copy_ignored_file_reads_the_dockerfile_specific_ignore_file_first_and_only_the_ignore_files()
    {
        var (findings, reads) = RunWithFiles("FROM alpine\nCOPY secret.txt /x\n",
            ("Dockerfile.dockerignore", "secret.txt\n"), (".dockerignore", "other\n"));
        Assert.Equal(new[] { Path.Combine(Folder, "Dockerfile.dockerignore") }, reads.Distinct().ToArray());
        Assert.Contains("line 1 of Dockerfile.dockerignore", Assert.Single(findings).Diagnostic.GetMessage());

        (findings, reads) = RunWithFiles("FROM alpine\nCOPY secret.txt /x\n", (".dockerignore", "secret.txt\n"));
        Assert.Equal(new[] { Path.Combine(Folder, "Dockerfile.dockerignore"), Path.Combine(Folder, ".dockerignore") }, reads.Distinct().ToArray());
        Assert.Single(findings);
    }

    [Fact]
    public void Copy_ignored_file_agrees_with_buildkit_test()
    {
        // BuildKit's CopyIgnoredFile case (frontend/dockerfile/dockerfile_lint_test.go): both lines are reported.
        string dockerfile = "FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n";
        var (findings, _) = RunWithFiles(dockerfile, (".dockerignore", "\nDockerfile\n"));
        Assert.Equal(new[] { 2, 3 }, findings.Select(f => f.LineSpan.StartLinePosition.Line + 1).ToArray());
    }

    [Fact]
    public void Copy_ignored_file_reads_nothing_without_a_copy()
    {
        var (findings, reads) = RunWithFiles("FROM alpine\nRUN true\n", (".dockerignore", "*\n"));
        Assert.Empty(findings);
        Assert.Empty(reads);
    }

    [Theory]
    // A parent directory pattern, '**', a leading '/', './' and trailing '/' in the source, CRLF and a BOM.
    [InlineData("build\n", "COPY build/out/app.jar /app/", "build/out/app.jar")]
    [InlineData("**/*.pem\n", "COPY certs/dev/key.pem /k", "certs/dev/key.pem")]
    [InlineData("/docs\n", "COPY ./docs/ /d", "./docs/")]
    [InlineData("\uFEFF# c\r\ntmp\r\n", "ADD tmp /t", "tmp")]
    [InlineData("*\n!src\n", "COPY [\"README.md\", \"/r\"]", "\"README.md\"")]
    [InlineData("src\n!src\nsrc\n", "COPY src /s", "src")]
    [InlineData("a?c\n", "COPY abc /x", "abc")]
    [InlineData("[a-c]x\n", "COPY bx /x", "bx")]
    [InlineData("**/secret\n", "COPY secret /s", "secret")]
    [InlineData("**cret\n", "COPY a/secret /s", "a/secret")]
    [InlineData("lib/**\n", "COPY lib/x.so /l", "lib/x.so")]
    public void Copy_ignored_file_reports_excluded_sources(string ignore, string copy, string reported)
    {
        string dockerfile = "FROM alpine\n" + copy + "\n";
        var (findings, _) = RunWithFiles(dockerfile, (".dockerignore", ignore));
        Assert.Equal(reported, Reported(dockerfile, Assert.Single(findings)));
    }

    [Theory]
    // '*' does not cross '/', and patterns are anchored at the context root.
    [InlineData("*.log\n", "COPY logs/app.log /l")]
    [InlineData("**/secret\n", "COPY a/bsecret /s")]
    [InlineData("lib/**\n", "COPY library /l")]
    [InlineData("build\n!build\n", "COPY build /b")]
    // An exception may keep files under the directory.
    [InlineData("config\n!config/app.yaml\n", "COPY config /c")]
    [InlineData("*\n!**/*.go\n", "COPY cmd /c")]
    // Not the build context, not literal, or the whole context.
    [InlineData("*\n", "COPY --from=build /out /out")]
    [InlineData("*\n", "COPY $SRC /s")]
    [InlineData("*\n", "COPY *.json /s/")]
    [InlineData("*\n", "ADD https://example.com/a.tgz /a")]
    [InlineData("*\n", "COPY . /app")]
    [InlineData("*\n", "COPY <<EOF /x\nhello\nEOF")]
    // The destination is not a source.
    [InlineData("app\n", "COPY src /app")]
    // An invalid pattern makes Docker refuse the file: nothing is judged.
    [InlineData("[\nsrc\n", "COPY src /s")]
    [InlineData("!\nsrc\n", "COPY src /s")]
    [InlineData("src\\\n", "COPY src /s")]
    // Comments only with '#' first; an empty file.
    [InlineData(" # src\n", "COPY other /s")]
    [InlineData("", "COPY src /s")]
    public void Copy_ignored_file_stays_silent(string ignore, string copy)
    {
        var (findings, _) = RunWithFiles("FROM alpine\n" + copy + "\n", (".dockerignore", ignore));
        Assert.Empty(findings);
    }

    [Fact]
    public void Copy_ignored_file_without_an_ignore_file_reports_nothing()
    {
        var (findings, _) = RunWithFiles("FROM alpine\nCOPY src /s\n");
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("a/./b//c/", "a/b/c")]
    [InlineData("/../x", "/x")]
    [InlineData("../x/..", "..")]
    [InlineData("", ".")]
    [InlineData("./", ".")]
    public void Ignore_paths_are_cleaned_as_go_does(string path, string cleaned)
        => Assert.Equal(cleaned, Plimsoll.Rules.Correctness.DockerIgnore.CleanPath(path));

    [Fact]
    public void A_line_of_many_double_stars_matches_deep_paths_and_what_is_below_them()
    {
        // The hang such lines caused with a backtracking matcher is the fuzz harness's to catch (HostileDockerignore).
        string hostile = string.Join("", Enumerable.Repeat("**/a", 8)) + "**/b";
        var ignore = Plimsoll.Rules.Correctness.DockerIgnore.Parse(hostile + "\n")!;
        string deep = string.Join("/", Enumerable.Repeat("a", 40));
        Assert.NotNull(ignore.ExcludedBy(deep + "/b"));
        Assert.NotNull(ignore.ExcludedBy(deep + "/b/file"));
        Assert.Null(ignore.ExcludedBy(deep + "/c"));
    }

    [Fact]
    public void A_line_too_large_for_the_linear_time_matcher_still_matches()
    {
        // 5,000 wildcards make an automaton over the runtime's size limit: that one line falls back to the bounded
        // backtracking matcher instead of failing the rule for the whole file.
        string large = string.Concat(Enumerable.Repeat("*a", 5000)) + "b";
        var ignore = Plimsoll.Rules.Correctness.DockerIgnore.Parse("secrets\n" + large + "\n");
        Assert.NotNull(ignore);
        Assert.Equal(2, ignore!.Patterns.Count);
        Assert.Equal(1, ignore.ExcludedBy("secrets/key")!.Line);
        Assert.Null(ignore.ExcludedBy("src/main.c"));
        Assert.Equal(large, ignore.Patterns[1].Text);
    }
}
