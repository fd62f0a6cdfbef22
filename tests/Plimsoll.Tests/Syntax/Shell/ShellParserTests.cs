using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

public class ShellParserTests
{
    [Fact]
    public void SimpleCommand_WordsHaveExactSpans()
    {
        const string src = "apt-get  install -y curl";
        var cmd = Single(src);
        Assert.Equal(new[] { "apt-get", "install", "-y", "curl" }, cmd.Words.Values());
        Assert.Equal((0, 7), (cmd.Words[0].Start, cmd.Words[0].Length));
        Assert.Equal((9, 7), (cmd.Words[1].Start, cmd.Words[1].Length));
        Assert.Equal((17, 2), (cmd.Words[2].Start, cmd.Words[2].Length));
        Assert.Equal((20, 4), (cmd.Words[3].Start, cmd.Words[3].Length));
        Assert.Equal((0, 24), (cmd.Start, cmd.Length));
    }

    [Fact]
    public void LeadingAndTrailingBlanks_AreNotInCommandSpan()
    {
        const string src = "   ls -l   ";
        var cmd = Single(src);
        Assert.Equal("ls -l", cmd.Text(src));
    }

    [Fact]
    public void EmptyInput_GivesEmptyScript()
    {
        var r = ShellParser.Parse("");
        Assert.Empty(r.Script.Lists);
        Assert.False(r.HasErrors);
        Assert.Empty(ShellParser.Parse("  \n\t\n  # only a comment\n").Script.Lists);
    }

    [Fact]
    public void ParseRange_KeepsOffsetsRelativeToWholeText()
    {
        const string src = "RUN echo hi";
        var r = ShellParser.Parse(src, 4, src.Length - 4);
        var cmd = (SimpleCommand)r.Script.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal((4, 7), (cmd.Start, cmd.Length));
        Assert.Equal("hi", cmd.Words[1].Text(src));
    }

    [Fact]
    public void AndOrList_OperatorsAndPipelines()
    {
        const string src = "make && make install || echo failed";
        var script = ParseClean(src);
        var list = Assert.Single(script.Lists);
        Assert.Equal(3, list.Pipelines.Length);
        Assert.Equal(new[] { ShellAndOrOperatorKind.And, ShellAndOrOperatorKind.Or }, list.Operators.Select(o => o.Kind));
        Assert.Equal((5, 2), (list.Operators[0].Start, list.Operators[0].Length));
        Assert.Equal((21, 2), (list.Operators[1].Start, list.Operators[1].Length));
        Assert.Equal("make install", list.Pipelines[1].Text(src));
        Assert.Equal(ShellSeparatorKind.None, list.Separator);
    }

    [Fact]
    public void Separators_SemicolonAmpersandNewline()
    {
        const string src = "a; b & c\nd";
        var script = ParseClean(src);
        Assert.Equal(4, script.Lists.Length);
        Assert.Equal(ShellSeparatorKind.Semicolon, script.Lists[0].Separator);
        Assert.Equal(1, script.Lists[0].SeparatorStart);
        Assert.Equal("a;", script.Lists[0].Text(src));
        Assert.Equal(ShellSeparatorKind.Ampersand, script.Lists[1].Separator);
        Assert.True(script.Lists[1].IsBackground);
        Assert.Equal(ShellSeparatorKind.Newline, script.Lists[2].Separator);
        Assert.Equal(8, script.Lists[2].SeparatorStart);
        Assert.Equal(ShellSeparatorKind.None, script.Lists[3].Separator);
    }

    [Fact]
    public void AndOr_AllowsNewlineAfterOperator()
    {
        var script = ParseClean("a &&\n  b ||\n\n c");
        Assert.Equal(3, Assert.Single(script.Lists).Pipelines.Length);
    }

    [Fact]
    public void Pipeline_WithNegationAndPipes()
    {
        const string src = "! curl -fsSL https://x | sh -";
        var script = ParseClean(src);
        var pipeline = Assert.Single(Assert.Single(script.Lists).Pipelines);
        Assert.True(pipeline.IsNegated);
        Assert.Equal(2, pipeline.Commands.Length);
        Assert.Equal(src.IndexOf('|'), Assert.Single(pipeline.PipeStarts));
        Assert.Equal("curl -fsSL https://x", pipeline.Commands[0].Text(src));
        Assert.Equal("sh -", pipeline.Commands[1].Text(src));
        Assert.Equal(src, pipeline.Text(src));
    }

    [Fact]
    public void Pipeline_BashPipeAmpersand()
    {
        var pipeline = ParseClean("make |& tee log").Lists[0].Pipelines[0];
        Assert.Equal(2, pipeline.Commands.Length);
    }

    [Fact]
    public void Assignments_PrefixAndValues()
    {
        const string src = "DEBIAN_FRONTEND=noninteractive A= B+=x apt-get install";
        var cmd = Single(src);
        Assert.Equal(new[] { "DEBIAN_FRONTEND", "A", "B" }, cmd.Assignments.Select(a => a.Name));
        Assert.Equal("noninteractive", cmd.Assignments[0].Value!.ApproximateValue);
        Assert.Equal("DEBIAN_FRONTEND=noninteractive", cmd.Assignments[0].Text(src));
        Assert.Equal("noninteractive", cmd.Assignments[0].Value!.Text(src));
        Assert.Equal("", cmd.Assignments[1].Value!.ApproximateValue);
        Assert.True(cmd.Assignments[2].IsAppend);
        Assert.Equal(new[] { "apt-get", "install" }, cmd.Words.Values());
    }

    [Fact]
    public void Assignment_OnlyBeforeCommandName()
    {
        var cmd = Single("echo A=b");
        Assert.Empty(cmd.Assignments);
        Assert.Equal(new[] { "echo", "A=b" }, cmd.Words.Values());
    }

    [Fact]
    public void Assignment_WithoutCommand_AndQuotedValue()
    {
        const string src = "PATH=\"/opt/bin:$PATH\"";
        var cmd = Single(src);
        Assert.Empty(cmd.Words);
        var value = cmd.Assignments[0].Value!;
        Assert.False(value.IsLiteral);
        Assert.Equal("/opt/bin:", value.LiteralPrefix);
        Assert.Equal("/opt/bin:$PATH", value.ApproximateValue);
    }

    [Fact]
    public void Assignment_BashArray()
    {
        const string src = "pkgs=(curl 'git' \"make\")";
        var a = Assert.Single(Single(src).Assignments);
        Assert.True(a.IsArray);
        Assert.Equal(new[] { "curl", "git", "make" }, a.ArrayElements.Values());
        Assert.Equal(src, a.Text(src));
    }

    [Fact]
    public void Redirections_KindsDescriptorsAndTargets()
    {
        const string src = "cmd >out 2>&1 >>log <in 2>/dev/null &>all &>>all2 <>rw >|clob 3<&0";
        var cmd = Single(src);
        Assert.Equal(new[] { "cmd" }, cmd.Words.Values());
        var r = cmd.Redirections;
        Assert.Equal(new[]
        {
            ShellRedirectionKind.Output, ShellRedirectionKind.DuplicateOutput, ShellRedirectionKind.Append, ShellRedirectionKind.Input,
            ShellRedirectionKind.Output, ShellRedirectionKind.OutputAndError, ShellRedirectionKind.AppendOutputAndError,
            ShellRedirectionKind.ReadWrite, ShellRedirectionKind.Clobber, ShellRedirectionKind.DuplicateInput,
        }, r.Select(x => x.Kind));
        Assert.Equal(new int?[] { null, 2, null, null, 2, null, null, null, null, 3 }, r.Select(x => x.FileDescriptor));
        Assert.Equal(new[] { "out", "1", "log", "in", "/dev/null", "all", "all2", "rw", "clob", "0" }, r.Select(x => x.Target!.ApproximateValue));
        Assert.Equal("2>&1", r[1].Text(src));
        Assert.Equal((src.IndexOf("2>&1") + 1, 2), (r[1].OperatorStart, r[1].OperatorLength));
    }

    [Fact]
    public void Redirection_BeforeCommandAndBetweenWords()
    {
        const string src = ">/dev/null 2>&1 echo a >x b";
        var cmd = Single(src);
        Assert.Equal(new[] { "echo", "a", "b" }, cmd.Words.Values());
        Assert.Equal(3, cmd.Redirections.Length);
        Assert.Equal(src, cmd.Text(src));
    }

    [Fact]
    public void Redirection_MissingTarget_IsError()
    {
        var r = ShellParser.Parse("echo a >");
        var e = Assert.Single(r.Diagnostics);
        Assert.Equal((7, 1), (e.Start, e.Length));
        Assert.Contains("redirection", e.Message);
    }

    [Fact]
    public void Comments_AreSkipped_OnlyAtWordStart()
    {
        const string src = "echo a#b # comment here\nls";
        var script = ParseClean(src);
        Assert.Equal(2, script.Lists.Length);
        var echo = (SimpleCommand)script.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal(new[] { "echo", "a#b" }, echo.Words.Values());
        Assert.Equal("echo a#b", echo.Text(src));
    }

    [Fact]
    public void LineContinuation_IsRemovedFromWordsButKeptInSpans()
    {
        const string src = "apt-get install \\\n    curl \\\n    gi\\\nt";
        var cmd = Single(src);
        Assert.Equal(new[] { "apt-get", "install", "curl", "git" }, cmd.Words.Values());
        Assert.Equal("gi\\\nt", cmd.Words[3].Text(src));
    }

    [Fact]
    public void LineContinuation_InsideOperator()
    {
        var list = ParseClean("a &\\\n& b").Lists[0];
        Assert.Equal(2, list.Pipelines.Length);
    }

    [Fact]
    public void Subshell_WithRedirection()
    {
        const string src = "(cd /tmp && make) > log";
        var sub = SingleCommand<ShellSubshell>(src);
        Assert.Equal(src, sub.Text(src));
        Assert.Equal("cd /tmp && make", sub.Body.Text(src));
        Assert.Equal("log", Assert.Single(sub.Redirections).Target!.ApproximateValue);
    }

    [Fact]
    public void BraceGroup()
    {
        const string src = "{ echo a; echo b; } 2>/dev/null";
        var group = SingleCommand<ShellBraceGroup>(src);
        Assert.Equal(2, group.Body.Lists.Length);
        Assert.Equal(src, group.Text(src));
        Assert.Single(group.Redirections);
    }

    [Fact]
    public void BraceWord_NotAGroup()
    {
        var cmd = Single("echo {a,b} }");
        Assert.Equal(new[] { "echo", "{a,b}", "}" }, cmd.Words.Values());
    }

    [Fact]
    public void If_ElifElse()
    {
        const string src = "if [ -f a ]; then echo a; elif [ -f b ]; then echo b; else echo c; fi";
        var cmd = SingleCommand<ShellIfCommand>(src);
        Assert.Equal(src, cmd.Text(src));
        Assert.Equal(2, cmd.Clauses.Length);
        Assert.Equal("[ -f a ];", cmd.Clauses[0].Condition.Text(src));
        Assert.Equal("echo a;", cmd.Clauses[0].Body.Text(src));
        Assert.Equal("[ -f b ];", cmd.Clauses[1].Condition.Text(src));
        Assert.Equal("echo c;", cmd.ElseBody!.Text(src));
    }

    [Fact]
    public void If_Multiline()
    {
        const string src = "if true\nthen\n  echo yes\nfi";
        var cmd = SingleCommand<ShellIfCommand>(src);
        Assert.Equal("echo yes\n", Assert.Single(cmd.Clauses).Body.Text(src));
        Assert.Null(cmd.ElseBody);
    }

    [Fact]
    public void Keywords_AreOrdinaryWordsAsArguments()
    {
        var cmd = Single("echo if then fi done");
        Assert.Equal(5, cmd.Words.Length);
    }

    [Fact]
    public void QuotedKeyword_IsNotKeyword()
    {
        var r = ShellParser.Parse("'if' a");
        Assert.False(r.HasErrors);
        Assert.IsType<SimpleCommand>(r.Script.Lists[0].Pipelines[0].Commands[0]);
    }

    [Fact]
    public void For_InList()
    {
        const string src = "for f in a.txt \"b c\" $X; do rm \"$f\"; done";
        var cmd = SingleCommand<ShellForCommand>(src);
        Assert.Equal("f", cmd.Variable);
        Assert.Equal(4, cmd.VariableStart);
        Assert.True(cmd.HasInClause);
        Assert.Equal(new[] { "a.txt", "b c", "$X" }, cmd.Items.Values());
        Assert.Equal("rm \"$f\";", cmd.Body.Text(src));
        Assert.Equal(src, cmd.Text(src));
    }

    [Fact]
    public void For_WithoutIn_AndNewlines()
    {
        var cmd = SingleCommand<ShellForCommand>("for arg\ndo\n  echo $arg\ndone");
        Assert.False(cmd.HasInClause);
        Assert.Empty(cmd.Items);
        Assert.Single(cmd.Body.Lists);
    }

    [Fact]
    public void For_Arithmetic()
    {
        var cmd = SingleCommand<ShellForCommand>("for ((i=0; i<3; i++)); do echo $i; done");
        Assert.Equal("i=0; i<3; i++", cmd.ArithmeticHeader);
        Assert.Single(cmd.Body.Lists);
    }

    [Fact]
    public void WhileAndUntil()
    {
        const string src = "while read -r line; do echo \"$line\"; done < file";
        var w = SingleCommand<ShellWhileCommand>(src);
        Assert.False(w.IsUntil);
        Assert.Equal("read -r line;", w.Condition.Text(src));
        Assert.Equal("file", Assert.Single(w.Redirections).Target!.ApproximateValue);
        Assert.Equal(src, w.Text(src));
        var u = SingleCommand<ShellWhileCommand>("until curl -f localhost; do sleep 1; done");
        Assert.True(u.IsUntil);
    }

    [Fact]
    public void Case_ItemsPatternsAndTerminators()
    {
        const string src = "case \"$ARCH\" in\n  amd64|x86_64) A=x64 ;;\n  (arm64) A=arm;&\n  *) echo unknown; exit 1;;&\n  i386) ;;\nesac";
        var c = SingleCommand<ShellCaseCommand>(src);
        Assert.Equal("\"$ARCH\"", c.Subject.Text(src));
        Assert.Equal(4, c.Items.Length);
        Assert.Equal(new[] { "amd64", "x86_64" }, c.Items[0].Patterns.Values());
        Assert.Equal("amd64|x86_64) A=x64 ;;", c.Items[0].Text(src));
        Assert.Equal(ShellCaseTerminator.Break, c.Items[0].Terminator);
        Assert.Equal(ShellCaseTerminator.FallThrough, c.Items[1].Terminator);
        Assert.Equal(ShellCaseTerminator.Continue, c.Items[2].Terminator);
        Assert.Equal(2, c.Items[2].Body.Lists.Length);
        Assert.Empty(c.Items[3].Body.Lists);
        Assert.Equal(src, c.Text(src));
    }

    [Fact]
    public void Case_LastItemWithoutTerminator()
    {
        var c = SingleCommand<ShellCaseCommand>("case x in a) echo a;; b) echo b\nesac");
        Assert.Equal(ShellCaseTerminator.None, c.Items[1].Terminator);
    }

    [Fact]
    public void Case_OnOneLineInsideCommandSubstitution()
    {
        var cmd = Single("A=$(case $x in a) echo 1;; *) echo 2;; esac)");
        var sub = Assert.IsType<ShellCommandSubstitution>(Assert.Single(cmd.Assignments[0].Value!.Parts));
        Assert.IsType<ShellCaseCommand>(sub.Body.Lists[0].Pipelines[0].Commands[0]);
    }

    [Fact]
    public void FunctionDefinitions()
    {
        const string src = "install_pkg() { apt-get install -y \"$1\"; }";
        var f = SingleCommand<ShellFunctionDefinition>(src);
        Assert.Equal("install_pkg", f.Name);
        Assert.Equal(0, f.NameStart);
        Assert.IsType<ShellBraceGroup>(f.Body);
        Assert.Equal(src, f.Text(src));

        var g = SingleCommand<ShellFunctionDefinition>("function cleanup {\n rm -rf /tmp/*\n}");
        Assert.Equal("cleanup", g.Name);
        var h = SingleCommand<ShellFunctionDefinition>("function h() ( exit 1 )");
        Assert.IsType<ShellSubshell>(h.Body);
    }

    [Fact]
    public void TestBracket_OperatorsAreWords()
    {
        const string src = "[[ -n $A && ( $B == x || $C < d ) ]] && echo ok";
        var list = ParseClean(src).Lists[0];
        Assert.Equal(2, list.Pipelines.Length);
        var test = (SimpleCommand)list.Pipelines[0].Commands[0];
        Assert.Equal(new[] { "[[", "-n", "$A", "&&", "(", "$B", "==", "x", "||", "$C", "<", "d", ")", "]]" }, test.Words.Values());
        Assert.Empty(test.Redirections);
    }

    [Fact]
    public void TestBracket_RegexOperand()
    {
        var test = Single("[[ $v =~ ^(a|b)+$ ]]");
        Assert.Equal("^(a|b)+$", test.Words[3].ApproximateValue);
    }

    [Fact]
    public void HereDocument_BodyCaptured()
    {
        const string src = "cat <<EOF > /etc/app.conf\nkey=$VALUE\nother\nEOF\necho done";
        var script = ParseClean(src);
        Assert.Equal(2, script.Lists.Length);
        var cat = (SimpleCommand)script.Lists[0].Pipelines[0].Commands[0];
        var here = cat.Redirections[0];
        Assert.Equal(ShellRedirectionKind.HereDocument, here.Kind);
        var body = here.HereDocument!;
        Assert.Equal("EOF", body.Delimiter);
        Assert.False(body.IsQuoted);
        Assert.True(body.IsTerminated);
        Assert.Equal("key=$VALUE\nother\n", body.Body);
        Assert.Equal("key=$VALUE\nother\n", body.Text(src));
        Assert.Equal("/etc/app.conf", cat.Redirections[1].Target!.ApproximateValue);
        var echo = (SimpleCommand)script.Lists[1].Pipelines[0].Commands[0];
        Assert.Equal("echo done", echo.Text(src));
    }

    [Fact]
    public void HereDocument_QuotedAndStripTabs()
    {
        const string src = "cat <<-'END'\n\tline $x\n\tEND\n";
        var cmd = Single(src);
        var h = cmd.Redirections[0];
        Assert.Equal(ShellRedirectionKind.HereDocumentStripTabs, h.Kind);
        Assert.True(h.HereDocument!.IsQuoted);
        Assert.Equal("END", h.HereDocument.Delimiter);
        Assert.Equal("line $x\n", h.HereDocument.Body);
        Assert.Equal("\tline $x\n", h.HereDocument.Text(src));
    }

    [Fact]
    public void HereDocument_TwoOnOneLine()
    {
        const string src = "paste <<A <<B\n1\nA\n2\nB\n";
        var cmd = Single(src);
        Assert.Equal("1\n", cmd.Redirections[0].HereDocument!.Body);
        Assert.Equal("2\n", cmd.Redirections[1].HereDocument!.Body);
    }

    [Fact]
    public void HereDocument_Unterminated_IsErrorWithBodyToEnd()
    {
        const string src = "cat <<EOF\nabc";
        var r = ShellParser.Parse(src);
        var e = Assert.Single(r.Diagnostics);
        Assert.Contains("EOF", e.Message);
        var cmd = (SimpleCommand)r.Script.Lists[0].Pipelines[0].Commands[0];
        Assert.False(cmd.Redirections[0].HereDocument!.IsTerminated);
        Assert.Equal("abc", cmd.Redirections[0].HereDocument!.Text(src));
    }

    [Fact]
    public void HereDocument_WithoutBody_IsError()
    {
        var r = ShellParser.Parse("cat <<EOF");
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("no body"));
    }

    [Fact]
    public void HereString()
    {
        var cmd = Single("sha256sum -c - <<< \"$SUM  file.tgz\"");
        Assert.Equal(ShellRedirectionKind.HereString, cmd.Redirections[0].Kind);
        Assert.Equal("$SUM  file.tgz", cmd.Redirections[0].Target!.ApproximateValue);
    }

    [Fact]
    public void NestedCompoundCommands()
    {
        const string src = "for a in 1 2; do if [ $a = 1 ]; then while false; do :; done; fi; done";
        var f = SingleCommand<ShellForCommand>(src);
        var i = Assert.IsType<ShellIfCommand>(f.Body.Lists[0].Pipelines[0].Commands[0]);
        Assert.IsType<ShellWhileCommand>(i.Clauses[0].Body.Lists[0].Pipelines[0].Commands[0]);
    }
}
