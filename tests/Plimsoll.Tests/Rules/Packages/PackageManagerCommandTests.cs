using Plimsoll.Rules.Packages;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Rules.Packages;

/// <summary>The shared reading of package-manager calls: which manager, which subcommand, which packages and whether each is pinned.</summary>
public class PackageManagerCommandTests
{
    private static PackageManagerCommand? Read(string script) => PackageManagerCommand.Read(FirstCommand(script));

    private static SimpleCommand FirstCommand(string script)
        => ShellParser.Parse(script).Script.DescendantCommands().Select(c => c.SimpleCommand).First(c => c != null)!;

    [Theory]
    [InlineData("apt-get install -y curl", true)]
    [InlineData("sudo -E apt-get install -y curl", true)]
    [InlineData("env A=1 pip install flask", true)]
    [InlineData("python3 -m pip install flask", true)]
    [InlineData("/sbin/apk add --no-cache git", true)]
    [InlineData("python3 setup.py install", false)]
    [InlineData("echo apt-get install curl", false)]
    [InlineData("curl -fsSL https://example.com/x", false)]
    public void Commands_not_looked_at_further_are_never_package_calls(string script, bool call)
    {
        var command = FirstCommand(script);
        Assert.Equal(call, PackageManagerCommand.Read(command) != null);
        // The cheap look may let through a program that Read then declines (python without -m pip), never the reverse.
        if (call) Assert.True(PackageManagerCommand.MayBeCall(command));
        Assert.Equal(call, PackageCommands.Of(command) != null);
    }

    [Fact]
    public void No_package_call_of_the_corpus_is_missed_by_the_cheap_look()
    {
        int calls = 0;
        var missed = new List<string>();
        foreach (var run in Plimsoll.Tests.Syntax.Shell.DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell))
            foreach (var context in ShellParser.Parse(run.Text).CommandsWithInlineScripts)
            {
                if (context.SimpleCommand is not { } command || PackageManagerCommand.Read(command) == null) continue;
                calls++;
                if (!PackageManagerCommand.MayBeCall(command)) missed.Add($"{run.File}:{run.Line + 1}: {command.CommandName}");
            }
        Assert.True(calls > 1000, $"only {calls} package calls read from the corpus");
        Assert.Empty(missed);
    }

    /// <summary>Packages written as <c>name</c> (unpinned), <c>name!</c> (pinned), <c>name?</c> (unknown), <c>name/</c> (path), <c>name~</c> (URL).</summary>
    private static string Describe(PackageManagerCommand command) => string.Join(" ", command.Packages.Select(p => p.Text + p.Kind switch
    {
        PackageArgumentKind.Unknown => "?",
        PackageArgumentKind.Path => "/",
        PackageArgumentKind.Url => p.IsPinned ? "~!" : "~",
        _ => p.IsPinned ? "!" : "",
    }));

    [Theory]
    [InlineData("apt-get -y -o Dpkg::Options::=--force-confold install -t bookworm-backports curl git=1:2.39 ./x.deb", "AptGet", "install", "curl git=1:2.39! ./x.deb/")]
    [InlineData("sudo DEBIAN_FRONTEND=noninteractive apt install -y vim/bookworm", "Apt", "install", "vim/bookworm!")]
    [InlineData("apk add --no-cache --virtual .build-deps gcc 'musl-dev=1.2.5-r0' 'git~2.45' $EXTRA", "Apk", "add", "gcc musl-dev=1.2.5-r0! git~2.45! $EXTRA?")]
    [InlineData("yum install -y --setopt=tsflags=nodocs python3-devel nginx-1.24.0 /tmp/x.rpm", "Yum", "install", "python3-devel nginx-1.24.0! /tmp/x.rpm/")]
    [InlineData("dnf --enablerepo crb install -y libyaml-devel", "Dnf", "install", "libyaml-devel")]
    [InlineData("zypper -n in -r oss vim 'curl>=8'", "Zypper", "install", "vim curl>=8!")]
    [InlineData("pip3 install --no-cache-dir -r req.txt -e . flask 'requests[socks]==2.32' git+https://g/x/y.git@v1 git+ssh://git@g/x/z.git", "Pip", "install", "flask requests[socks]==2.32! git+https://g/x/y.git@v1~! git+ssh://git@g/x/z.git~")]
    [InlineData("python3.12 -m pip install -U pip", "Pip", "install", "pip")]
    [InlineData("npm i -g --prefix /opt typescript @types/node@20 @angular/cli npm@latest ./local.tgz", "Npm", "install", "typescript @types/node@20! @angular/cli npm@latest ./local.tgz/")]
    [InlineData("yarn global add pm2@5.4.2 nodemon", "Yarn", "add", "pm2@5.4.2! nodemon")]
    [InlineData("gem install --no-document rails bundler:2.4", "Gem", "install", "rails bundler:2.4!")]
    [InlineData("go install golang.org/x/tools/gopls@latest example.com/cmd@v1.2.3 ./cmd/...", "Go", "install", "golang.org/x/tools/gopls@latest example.com/cmd@v1.2.3! ./cmd/.../")]
    [InlineData("dnf module install -y nodejs:20 tomcat $MOD", "Dnf", "module install", "nodejs:20! tomcat $MOD?")]
    [InlineData("tdnf install -y python3", "Dnf", "install", "python3")]
    [InlineData("yum groupinstall -y 'Development Tools'", "Yum", "group install", "")]
    public void Reads_manager_subcommand_and_packages(string script, string manager, string subcommand, string packages)
    {
        var command = Read(script);
        Assert.NotNull(command);
        Assert.Equal(manager, command!.Manager.ToString());
        Assert.Equal(subcommand, command.Subcommand);
        Assert.Equal(packages, Describe(command));
    }

    [Theory]
    [InlineData("apt-cache policy curl")]
    [InlineData("python3 script.py -m pip install x")]
    [InlineData("$PKG_MANAGER install curl")]
    [InlineData("echo apt-get install curl")]
    public void Other_commands_are_not_package_manager_calls(string script) => Assert.Null(Read(script));

    [Theory]
    [InlineData("apt-get")]
    [InlineData("pip")]
    [InlineData("python -m")]
    [InlineData("npm install ''")]
    [InlineData("yarn global")]
    [InlineData("dnf module")]
    [InlineData("rpm -ivh")]
    public void Partial_commands_do_not_throw(string script) => Read(script);
}
