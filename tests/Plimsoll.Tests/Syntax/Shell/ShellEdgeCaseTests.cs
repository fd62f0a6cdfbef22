using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

public class ShellEdgeCaseTests
{
    [Fact]
    public void HereDocumentInsideCommandSubstitution()
    {
        const string src = "X=$(cat <<EOF\nhello $USER\nEOF\n)\necho \"$X\"";
        var script = ParseClean(src);
        Assert.Equal(2, script.Lists.Length);
        var sub = (ShellCommandSubstitution)((SimpleCommand)script.Lists[0].Pipelines[0].Commands[0]).Assignments[0].Value!.Parts[0];
        var cat = (SimpleCommand)sub.Body.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal("hello $USER\n", cat.Redirections[0].HereDocument!.Body);
        Assert.Same(cat.Redirections[0], cat.Redirections[0].HereDocument!.Parent);
    }

    [Fact]
    public void LineContinuationInsideDoubleQuotes_IsRemoved()
    {
        var cmd = Single("echo \"a\\\nb\" 'c\\\nd'");
        Assert.Equal("ab", cmd.Words[1].ApproximateValue);
        Assert.Equal("c\\\nd", cmd.Words[2].ApproximateValue);
    }

    [Fact]
    public void EscapedBackslashBeforeNewline_IsNotAContinuation()
    {
        var script = ParseClean("echo a\\\\\necho b");
        Assert.Equal(2, script.Lists.Length);
        Assert.Equal("a\\", ((SimpleCommand)script.Lists[0].Pipelines[0].Commands[0]).Words[1].ApproximateValue);
    }

    [Fact]
    public void CommentsInsideCompoundCommands()
    {
        var cmd = SingleCommand<ShellIfCommand>("if true; then # why\n  echo a # trailing\n  # whole line\nfi # after");
        Assert.Single(cmd.Clauses[0].Body.Lists);
    }

    [Fact]
    public void CrLfLineEndings()
    {
        var script = ParseClean("echo a\r\necho b\r\n");
        Assert.Equal(2, script.Lists.Length);
        Assert.Equal("a", ((SimpleCommand)script.Lists[0].Pipelines[0].Commands[0]).Words[1].ApproximateValue);
    }

    [Fact]
    public void TypicalDockerfileRun()
    {
        const string src = "set -eux; \\\n    apt-get update; \\\n    apt-get install -y --no-install-recommends ca-certificates curl; \\\n" +
                           "    curl -fsSL \"https://example.com/tool-${VERSION}.tar.gz\" -o /tmp/tool.tgz; \\\n" +
                           "    echo \"${SHA256}  /tmp/tool.tgz\" | sha256sum -c -; \\\n    tar -xzf /tmp/tool.tgz -C /usr/local/bin; \\\n" +
                           "    rm -rf /var/lib/apt/lists/* /tmp/tool.tgz";
        var commands = ParseClean(src).DescendantCommands().ToList();
        Assert.Equal(new[] { "set", "apt-get", "apt-get", "curl", "echo", "sha256sum", "tar", "rm" },
            commands.Select(c => c.SimpleCommand!.CommandName));
        var curl = commands[3].SimpleCommand!;
        var opts = curl.ResolvedCommand.ParseOptions(ShellOptionSpec.Curl);
        Assert.Equal("/tmp/tool.tgz", opts.Find('o', "output")!.Value);
        var url = Assert.Single(opts.Operands);
        Assert.Equal("https://example.com/tool-", url.LiteralPrefix);
        Assert.Equal("\"https://example.com/tool-${VERSION}.tar.gz\"", url.Text(src));
        var sha = commands[5];
        Assert.Equal(1, sha.PipelineIndex);
        Assert.Equal("echo", Assert.IsType<SimpleCommand>(Assert.Single(sha.PrecedingInPipeline())).CommandName);
        Assert.True(sha.SimpleCommand!.ResolvedCommand.ParseOptions().Has('c', "check"));
    }

    [Fact]
    public void KeywordFollowedByOperator()
    {
        var script = ParseClean("if true;then echo;fi;for a in b;do :;done");
        Assert.IsType<ShellIfCommand>(script.Lists[0].Pipelines[0].Commands[0]);
        Assert.IsType<ShellForCommand>(script.Lists[1].Pipelines[0].Commands[0]);
    }

    [Fact]
    public void CompoundCommandsInPipelinesAndLists()
    {
        var list = ParseClean("{ echo a; echo b; } | sort && (cd x) || for i in 1; do :; done").Lists[0];
        Assert.Equal(3, list.Pipelines.Length);
        Assert.IsType<ShellBraceGroup>(list.Pipelines[0].Commands[0]);
        Assert.IsType<SimpleCommand>(list.Pipelines[0].Commands[1]);
    }

    [Fact]
    public void CaseWithQuotedPatternsAndEmptyBody()
    {
        var c = SingleCommand<ShellCaseCommand>("case \"$1\" in\n  \"\") ;;\n  'a b'|c*) x ;;\nesac");
        Assert.Equal(new[] { "" }, c.Items[0].Patterns.Values());
        Assert.Equal(new[] { "a b", "c*" }, c.Items[1].Patterns.Values());
    }

    [Fact]
    public void BackgroundAndWait()
    {
        var script = ParseClean("dockerd & sleep 5; docker ps; wait");
        Assert.True(script.Lists[0].IsBackground);
        Assert.Equal(4, script.Lists.Length);
    }

    [Fact]
    public void RedirectionTargetWithExpansionAndQuotes()
    {
        var cmd = Single("echo x > \"$HOME/.bashrc\" 2>> '/var/log/a b'");
        Assert.Equal("$HOME/.bashrc", cmd.Redirections[0].Target!.ApproximateValue);
        Assert.Equal("/var/log/a b", cmd.Redirections[1].Target!.ApproximateValue);
    }

    [Fact]
    public void NumberNotFollowedByRedirection_IsAWord()
    {
        var cmd = Single("sleep 10 2 > x");
        Assert.Equal(new[] { "sleep", "10", "2" }, cmd.Words.Values());
        Assert.Null(cmd.Redirections[0].FileDescriptor);
    }

    [Fact]
    public void ExportAndLocalAreOrdinaryCommands()
    {
        var cmd = Single("export PATH=\"/x:$PATH\" A=1");
        Assert.Equal("export", cmd.CommandName);
        Assert.Equal(3, cmd.Words.Length);
    }
}

public class ShellBashExtensionTests
{
    [Fact]
    public void TimeKeyword_BeforeCompound()
    {
        const string src = "time -p (sleep 1; make)";
        var pipeline = ParseClean(src).Lists[0].Pipelines[0];
        Assert.True(pipeline.IsTimed);
        Assert.Equal(src, pipeline.Text(src));
        Assert.IsType<ShellSubshell>(Assert.Single(pipeline.Commands));
    }

    [Fact]
    public void TimeBeforeSimpleCommand_IsAWrapper()
    {
        var pipeline = ParseClean("time make -j4").Lists[0].Pipelines[0];
        Assert.False(pipeline.IsTimed);
        var cmd = Assert.IsType<SimpleCommand>(pipeline.Commands[0]);
        Assert.Equal("time", cmd.CommandName);
        Assert.Equal("make", cmd.ResolvedCommand.Name);
    }

    [Fact]
    public void ArithmeticCommand()
    {
        const string src = "(( i += 2 )) && echo $i";
        var list = ParseClean(src).Lists[0];
        var a = Assert.IsType<ShellArithmeticCommand>(list.Pipelines[0].Commands[0]);
        Assert.Equal(" i += 2 ", a.Expression);
        Assert.Equal("(( i += 2 ))", a.Text(src));
        Assert.Equal(new[] { "echo" }, ParseClean(src).DescendantCommands().Select(c => c.SimpleCommand!.CommandName));
    }

    [Fact]
    public void DoubleParenThatIsNestedSubshells()
    {
        var sub = SingleCommand<ShellSubshell>("((cd a; make) )");
        Assert.IsType<ShellSubshell>(sub.Body.Lists[0].Pipelines[0].Commands[0]);
    }

    [Fact]
    public void IndirectPrefixExpansion()
    {
        var p = Assert.IsType<ShellParameterExpansion>(Single("echo ${!PREFIX_*}").Words[1].Parts[0]);
        Assert.Equal("!", p.Prefix);
        Assert.Equal("PREFIX_", p.Name);
        Assert.Equal("*", p.Operator);
    }
}

public class ShellDeclarationTests
{
    [Fact]
    public void DeclareWithArrayLiteral()
    {
        const string src = "declare -A m=([a]=1 [b]=\"$(id -u)\") x=1";
        var cmd = Single(src);
        Assert.Equal(4, cmd.Words.Length);
        var arr = Assert.IsType<ShellArrayLiteralPart>(cmd.Words[2].Parts[1]);
        Assert.Equal("([a]=1 [b]=\"$(id -u)\")", arr.Text(src));
        Assert.Equal(2, arr.Elements.Length);
        Assert.Equal(new[] { "declare", "id" }, ParseClean(src).DescendantCommands().Select(c => c.SimpleCommand!.CommandName));
    }

    [Fact]
    public void ParenAfterNonDeclaration_IsStillAnError()
    {
        Assert.True(ShellParser.Parse("echo m=(a b)").HasErrors);
    }
}
