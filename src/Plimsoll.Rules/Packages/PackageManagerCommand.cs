using System.Collections.Immutable;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Packages;

/// <summary>The package managers the package rules understand.</summary>
internal enum PackageManager
{
    AptGet,
    Apt,
    Apk,
    Yum,
    Dnf,
    Microdnf,
    Zypper,
    Rpm,
    Pip,
    Npm,
    Yarn,
    Pnpm,
    Gem,
    Go,
}

/// <summary>
/// One package-manager call in a RUN script, read once so that every package rule agrees on what it means:
/// <c>sudo apt-get -y install --no-install-recommends curl=8.5.0-2 git</c> is <see cref="PackageManager.AptGet"/>,
/// subcommand <c>install</c>, options <c>-y</c> and <c>--no-install-recommends</c>, packages <c>curl</c> (pinned to
/// <c>8.5.0-2</c>) and <c>git</c> (unpinned). Wrappers (sudo, env, xargs) are looked through by the shell tree;
/// <c>python3 -m pip</c> is pip.
/// </summary>
internal sealed class PackageManagerCommand
{
    private PackageManagerCommand(PackageManager manager, string tool, SimpleCommand command, ShellWord nameWord,
        ShellWord? subcommandWord, string? subcommand, ShellOptionSet options, ImmutableArray<PackageArgument> packages)
    {
        Manager = manager;
        Tool = tool;
        Command = command;
        NameWord = nameWord;
        SubcommandWord = subcommandWord;
        Subcommand = subcommand;
        Options = options;
        Packages = packages;
    }

    public PackageManager Manager { get; }

    /// <summary>The program as written, for messages: <c>apt-get</c>, <c>pip3</c>, <c>python3 -m pip</c>.</summary>
    public string Tool { get; }

    public SimpleCommand Command { get; }

    /// <summary>The word naming the program (<c>apt-get</c>; <c>python3</c> for <c>python3 -m pip</c>).</summary>
    public ShellWord NameWord { get; }

    /// <summary>The word holding the subcommand (<c>install</c>, <c>add</c>); for <c>yarn global add</c> the <c>add</c>.</summary>
    public ShellWord? SubcommandWord { get; }

    /// <summary>
    /// The subcommand with aliases spelled out: <c>install</c> for apt/yum/dnf/zypper <c>in</c>, npm <c>i</c>, gem <c>i</c>,
    /// yum <c>groupinstall</c>/<c>localinstall</c>; <c>add</c> for apk/yarn/pnpm; null when there is none or it is not literal.
    /// </summary>
    public string? Subcommand { get; }

    /// <summary>Every option of the call (global ones before the subcommand too), with values parsed per manager.</summary>
    public ShellOptionSet Options { get; }

    /// <summary>The packages an install-like subcommand names; empty for other subcommands.</summary>
    public ImmutableArray<PackageArgument> Packages { get; }

    /// <summary>Whether the call installs packages (apt-get install, apk add, pip install, npm install, go install…).</summary>
    public bool IsInstall => Subcommand is "install" or "add" or "reinstall" || (Manager == PackageManager.Go && Subcommand == "run" && !Packages.IsEmpty);

    public bool Has(char? shortName, params string[] longNames) => Options.Has(shortName, longNames);

    public bool IsOsManager => Manager is PackageManager.AptGet or PackageManager.Apt or PackageManager.Apk or PackageManager.Yum
        or PackageManager.Dnf or PackageManager.Microdnf or PackageManager.Zypper or PackageManager.Rpm;

    /// <summary>
    /// Whether <paramref name="command"/> runs a program that <see cref="Read"/> reads at all: a cheap look at its name,
    /// so that the other nine commands in ten keep no remembered "not a package manager".
    /// </summary>
    public static bool MayBeCall(SimpleCommand command)
        => command.ResolvedCommand.Name is { } name && IsProgramRead(name);

    /// <summary>Whether <see cref="Read"/> reads a command named <paramref name="name"/> at all (a package manager, or python for <c>-m pip</c>).</summary>
    public static bool IsProgramRead(string name) => IsPythonName(name) || TryGetManager(name, out _);

    /// <summary>The package-manager call <paramref name="command"/> makes, or null when it makes none we understand.</summary>
    public static PackageManagerCommand? Read(SimpleCommand command)
    {
        var resolved = command.ResolvedCommand;
        var name = resolved.Name;
        var nameWord = resolved.NameWord;
        if (name == null || nameWord == null) return null;
        var arguments = resolved.Arguments;
        string tool = name;
        PackageManager manager;
        if (IsPythonName(name))
        {
            // python3 -m pip install …: the module's arguments follow `-m pip`.
            int m = IndexOfModule(arguments, "pip");
            if (m < 0) return null;
            arguments = arguments.RemoveRange(0, m + 2);
            tool = name + " -m pip";
            manager = PackageManager.Pip;
        }
        else if (!TryGetManager(name, out manager)) return null;

        // gem install x -- --with-x-dir=…: what follows `--` is for the gem's native build, not more gems.
        if (manager == PackageManager.Gem)
            for (int d = 0; d < arguments.Length; d++)
                if (arguments[d].TryGetLiteralValue(out var dashes) && dashes == "--")
                {
                    arguments = arguments.RemoveRange(d, arguments.Length - d);
                    break;
                }
        var spec = SpecFor(manager);
        var parsed = ShellOptions.Parse(arguments, spec);
        var operands = parsed.Operands;
        int first = 0;
        // zypper and dnf take global options before the subcommand; the parse above already set them aside.
        ShellWord? subcommandWord = operands.Length > 0 ? operands[0] : null;
        string? written = subcommandWord != null && subcommandWord.TryGetLiteralValue(out var sub) ? sub : null;
        if (subcommandWord != null) first = 1;
        if (manager == PackageManager.Yarn && written == "global" && operands.Length > 1)
        {
            subcommandWord = operands[1];
            written = subcommandWord.TryGetLiteralValue(out var g) ? g : null;
            first = 2;
        }
        if (manager is PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf && written is "module" or "group" && operands.Length > 1)
        {
            // dnf module install nodejs:18 / dnf group install "Development Tools": module and group names, not packages.
            // A module is pinned by its stream (`nodejs:18`); without one it is the distribution's default stream.
            var inner = operands[1].TryGetLiteralValue(out var i) ? i : null;
            string? grouped = inner == null ? null : written + " " + Normalize(manager, inner);
            var modules = grouped == "module install"
                ? operands.RemoveRange(0, 2).Select(PackageArgument.OfModule).ToImmutableArray()
                : ImmutableArray<PackageArgument>.Empty;
            return new PackageManagerCommand(manager, tool, command, nameWord, operands[1], grouped, parsed, modules);
        }
        string? subcommand = written == null ? null : Normalize(manager, written);
        if (manager == PackageManager.Rpm)
        {
            // rpm has no subcommand word: -i/-U/-F install the files it names.
            subcommand = parsed.Options.Any(o => !o.IsLong && o.Name is "i" or "U" or "F") || parsed.Has(null, "install", "upgrade", "freshen") ? "install" : null;
            subcommandWord = null;
            first = 0;
        }
        var packages = ImmutableArray<PackageArgument>.Empty;
        if (subcommand is "install" or "add" or "reinstall")
        {
            var builder = ImmutableArray.CreateBuilder<PackageArgument>();
            for (int k = first; k < operands.Length; k++)
                builder.Add(PackageArgument.Of(manager, operands[k]));
            packages = builder.ToImmutable();
        }
        // go run module@version: the program it downloads and runs (the words after it are the program's arguments);
        // without @ the package comes from the main module, pinned by go.mod.
        if (manager == PackageManager.Go && subcommand == "run")
        {
            var program = operands.Skip(first).FirstOrDefault(o => o.ApproximateValue.IndexOf('@') > 0 && !o.ApproximateValue.EndsWith(".go", StringComparison.Ordinal));
            if (program != null) packages = ImmutableArray.Create(PackageArgument.Of(manager, program));
        }
        return new PackageManagerCommand(manager, tool, command, nameWord, subcommandWord, subcommand, parsed, packages);
    }

    // python, python3, python3.12, pypy3, and RHEL's /usr/libexec/platform-python.
    private static bool IsPythonName(string name) =>
        name == "platform-python"
        || (name.StartsWith("python", StringComparison.Ordinal) && name.Substring(6).All(c => char.IsDigit(c) || c == '.'))
        || (name.StartsWith("pypy", StringComparison.Ordinal) && name.Substring(4).All(c => char.IsDigit(c) || c == '.'));

    /// <summary>The index of <c>-m</c> in <c>-m module</c> (or <c>-mmodule</c> is not followed), when it comes before any script.</summary>
    private static int IndexOfModule(ImmutableArray<ShellWord> arguments, string module)
    {
        for (int i = 0; i + 1 < arguments.Length; i++)
        {
            if (!arguments[i].TryGetLiteralValue(out var v)) return -1;
            if (v == "-m") return arguments[i + 1].TryGetLiteralValue(out var m) && m == module ? i : -1;
            if (!v.StartsWith("-", StringComparison.Ordinal)) return -1; // a script file: its arguments are its own
        }
        return -1;
    }

    private static bool TryGetManager(string name, out PackageManager manager)
    {
        switch (name)
        {
            case "apt-get": manager = PackageManager.AptGet; return true;
            case "apt": manager = PackageManager.Apt; return true;
            case "apk": manager = PackageManager.Apk; return true;
            case "yum": manager = PackageManager.Yum; return true;
            // tdnf (Photon OS, Azure Linux) takes dnf's subcommands and switches.
            case "dnf": case "dnf5": case "dnf-3": case "tdnf": manager = PackageManager.Dnf; return true;
            case "microdnf": manager = PackageManager.Microdnf; return true;
            case "zypper": manager = PackageManager.Zypper; return true;
            case "rpm": manager = PackageManager.Rpm; return true;
            case "npm": manager = PackageManager.Npm; return true;
            case "yarn": manager = PackageManager.Yarn; return true;
            case "pnpm": manager = PackageManager.Pnpm; return true;
            case "gem": manager = PackageManager.Gem; return true;
            case "go": manager = PackageManager.Go; return true;
        }
        // pip, pip3, pip3.12
        if (name == "pip" || (name.StartsWith("pip", StringComparison.Ordinal) && name.Length > 3 && name.Substring(3).All(c => char.IsDigit(c) || c == '.')))
        {
            manager = PackageManager.Pip;
            return true;
        }
        manager = default;
        return false;
    }

    private static string Normalize(PackageManager manager, string subcommand) => (manager, subcommand) switch
    {
        (PackageManager.Zypper, "in") => "install",
        (PackageManager.Zypper, "rm") => "remove",
        (PackageManager.Zypper, "ref") => "refresh",
        (PackageManager.Zypper, "up") => "update",
        (PackageManager.Zypper, "dup") => "dist-upgrade",
        (PackageManager.Zypper, "cc") => "clean",
        (PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf, "groupinstall") => "group install",
        (PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf, "localinstall") => "install",
        (PackageManager.Yum or PackageManager.Dnf, "in") => "install",
        (PackageManager.Npm, "i" or "add" or "isntall" or "in" or "ins" or "inst" or "insta" or "instal" or "isnt" or "isnta" or "isntal") => "install",
        (PackageManager.Gem, "i") => "install",
        // go get adds the newest version of a module to go.mod (and, before Go 1.17, installed it).
        (PackageManager.Go, "get") => "install",
        (PackageManager.Pnpm, "i") => "install",
        _ => subcommand,
    };

    /// <summary>The options of each manager that take a value, so that their values are not read as packages.</summary>
    private static ShellOptionSpec SpecFor(PackageManager manager) => manager switch
    {
        PackageManager.AptGet or PackageManager.Apt => AptSpec,
        PackageManager.Apk => ApkSpec,
        PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf => YumSpec,
        PackageManager.Zypper => ZypperSpec,
        PackageManager.Rpm => RpmSpec,
        PackageManager.Pip => PipSpec,
        PackageManager.Npm or PackageManager.Yarn or PackageManager.Pnpm => NpmSpec,
        PackageManager.Gem => GemSpec,
        PackageManager.Go => GoSpec,
        _ => ShellOptionSpec.Default,
    };

    private static readonly ShellOptionSpec AptSpec = new("otca", new[] { "option", "target-release", "config-file", "host-architecture", "default-release" });
    private static readonly ShellOptionSpec ApkSpec = new("tXp", new[] { "virtual", "repository", "root", "arch", "repositories-file", "keys-dir", "cache-dir", "cache-max-age", "progress-fd", "wait", "timeout" });
    private static readonly ShellOptionSpec YumSpec = new("cdexR", new[]
    {
        "config", "debuglevel", "errorlevel", "exclude", "installroot", "releasever", "setopt", "enablerepo", "disablerepo", "repo", "repoid",
        "repofrompath", "downloaddir", "destdir", "forcearch", "color", "rpmverbosity", "enableplugin", "disableplugin", "excludepkgs",
        "includepkgs", "advisory", "advisories", "bz", "cve", "sec-severity", "secseverity", "comment", "setopt",
    });
    private static readonly ShellOptionSpec ZypperSpec = new("tRrDc", new[] { "type", "repo", "from", "root", "config", "reposd-path", "cache-dir", "raw-cache-dir", "solv-cache-dir", "pkg-cache-dir", "installroot" });
    private static readonly ShellOptionSpec RpmSpec = new("rD", new[] { "root", "dbpath", "define", "prefix", "relocate", "excludepath", "rcfile", "macros", "predefine", "eval" });
    private static readonly ShellOptionSpec PipSpec = new("bcefirt", new[]
    {
        "abi", "build", "constraint", "editable", "extra-index-url", "find-links", "index-url", "implementation", "no-binary", "only-binary",
        "platform", "prefix", "progress-bar", "proxy", "python-version", "requirement", "root", "src", "target", "trusted-host",
        "upgrade-strategy", "cache-dir", "log", "timeout", "retries", "exists-action", "cert", "client-cert", "config-settings",
        "global-option", "install-option", "report", "python", "keyring-provider", "use-feature", "use-deprecated", "group",
    });
    private static readonly ShellOptionSpec NpmSpec = new("wC", new[] { "prefix", "registry", "cache", "workspace", "tag", "loglevel", "userconfig", "globalconfig", "cwd", "modules-folder", "network-timeout", "mutex", "filter", "dir", "save-prefix" });
    private static readonly ShellOptionSpec GemSpec = new("visnpP", new[] { "version", "install-dir", "bindir", "source", "platform", "document", "build-root", "trust-policy", "http-proxy", "env-shebang", "format-executable", "suggestions", "target-rbconfig", "file" });
    // go flags are single-dash words (-ldflags, -tags); the parse only needs to keep a value from reading as a package.
    private static readonly ShellOptionSpec GoSpec = new("");
}

/// <summary>What a package argument names.</summary>
internal enum PackageArgumentKind
{
    /// <summary>A package from the index (<c>curl</c>, <c>flask==3.0</c>, <c>@types/node@20</c>).</summary>
    Name,

    /// <summary>A local file or directory (<c>./app.deb</c>, <c>dist/app.whl</c>, <c>.</c>).</summary>
    Path,

    /// <summary>A URL or VCS source (<c>git+https://…</c>, <c>https://…/x.rpm</c>).</summary>
    Url,

    /// <summary>A word whose value is not known (<c>$PACKAGES</c>): no judgement.</summary>
    Unknown,
}

/// <summary>One package named on an install command line, with the version it is pinned to if any.</summary>
internal sealed class PackageArgument
{
    private PackageArgument(ShellWord word, string text, PackageArgumentKind kind, bool isPinned)
    {
        Word = word;
        Text = text;
        Kind = kind;
        IsPinned = isPinned;
    }

    public ShellWord Word { get; }

    /// <summary>The argument's value (expansions kept as written).</summary>
    public string Text { get; }

    public PackageArgumentKind Kind { get; }

    /// <summary>Whether the argument names an exact or bounded version in the manager's syntax (or is a file, which is fixed).</summary>
    public bool IsPinned { get; }

    // A lone `=` (`pip=20.3`) is not pip syntax: pip rejects the requirement, so nothing unpinned gets installed.
    private static readonly string[] PipVersionOperators = { "==", ">=", "<=", "~=", "!=", "===", ">", "<", "@", "=" };

    /// <summary>A module of <c>dnf module install</c>: pinned by a stream (<c>nodejs:18</c>, <c>nodejs:18/minimal</c>).</summary>
    public static PackageArgument OfModule(ShellWord word)
    {
        string text = word.ApproximateValue;
        string known = word.IsLiteral ? text : word.LiteralPrefix;
        if (known.IndexOf(':') > 0) return new(word, text, PackageArgumentKind.Name, true);
        if (!word.IsLiteral || text.Length == 0) return new(word, text, PackageArgumentKind.Unknown, false);
        return new(word, text, PackageArgumentKind.Name, false);
    }

    public static PackageArgument Of(PackageManager manager, ShellWord word)
    {
        string text = word.ApproximateValue;
        // What is written before the first expansion decides; `nginx=${VERSION}` is pinned, `$PKG` is unknown.
        string known = word.IsLiteral ? text : word.LiteralPrefix;
        bool literal = word.IsLiteral;
        if (IsUrl(known)) return new(word, text, PackageArgumentKind.Url, UrlIsPinned(manager, known));
        if (IsPath(manager, known)) return new(word, text, PackageArgumentKind.Path, true);
        bool pinned = HasPin(manager, known);
        if (!literal && !pinned) return new(word, text, PackageArgumentKind.Unknown, false);
        if (literal && text.Length == 0) return new(word, text, PackageArgumentKind.Unknown, false);
        return new(word, text, PackageArgumentKind.Name, pinned);
    }

    private static bool IsUrl(string text) =>
        text.IndexOf("://", StringComparison.Ordinal) >= 0 || text.StartsWith("git@", StringComparison.Ordinal) || text.StartsWith("github:", StringComparison.Ordinal);

    private static bool UrlIsPinned(PackageManager manager, string text) => manager switch
    {
        // A VCS source names a version after @ (pip) or # (npm); an archive URL names one file.
        PackageManager.Pip => !IsVcs(text) || RevisionAfterLastSlash(text),
        PackageManager.Npm or PackageManager.Yarn or PackageManager.Pnpm => text.IndexOf('#') >= 0 || !text.StartsWith("git", StringComparison.Ordinal) && !text.StartsWith("github:", StringComparison.Ordinal),
        _ => true,
    };

    /// <summary>pip's VCS sources: <c>git+https://…</c>, <c>hg+ssh://…</c>, <c>svn+…</c>, <c>bzr+…</c>, <c>git://…</c>.</summary>
    private static bool IsVcs(string text)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        string head = scheme < 0 ? text : text.Substring(0, scheme);
        return head is "git" || head.StartsWith("git+", StringComparison.Ordinal) || head.StartsWith("hg+", StringComparison.Ordinal)
               || head.StartsWith("svn", StringComparison.Ordinal) || head.StartsWith("bzr+", StringComparison.Ordinal) || text.StartsWith("git@", StringComparison.Ordinal);
    }

    /// <summary><c>…/repo.git@v1.2#egg=x</c>: a revision after the last path segment (not the user of <c>git@host</c>).</summary>
    private static bool RevisionAfterLastSlash(string text)
    {
        string path = text.Split('#')[0];
        int slash = path.LastIndexOf('/');
        int at = path.LastIndexOf('@');
        return at > slash && slash >= 0 && at < path.Length - 1;
    }

    private static bool IsPath(PackageManager manager, string text)
    {
        if (text == "." || text == ".." || text.StartsWith(".[", StringComparison.Ordinal) || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal)
            || text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith("~/", StringComparison.Ordinal))
            return true;
        foreach (var suffix in FileSuffixes(manager))
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return true;
        // pip reads a path with a slash as a local project; apt-get reads pkg/release as a release pin (hadolint too).
        return manager is PackageManager.Pip && text.IndexOf('/') >= 0;
    }

    // The package files each manager installs from a path (fixed arrays: IsPath runs for every package named).
    private static readonly string[] DebFiles = { ".deb" }, ApkFiles = { ".apk" }, RpmFiles = { ".rpm" },
        PipFiles = { ".whl", ".tar.gz", ".zip", ".tar.bz2" }, NpmFiles = { ".tgz", ".tar.gz", ".tar" }, GemFiles = { ".gem" };

    private static string[] FileSuffixes(PackageManager manager) => manager switch
    {
        PackageManager.AptGet or PackageManager.Apt => DebFiles,
        PackageManager.Apk => ApkFiles,
        PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf or PackageManager.Zypper or PackageManager.Rpm => RpmFiles,
        PackageManager.Pip => PipFiles,
        PackageManager.Npm or PackageManager.Yarn or PackageManager.Pnpm => NpmFiles,
        PackageManager.Gem => GemFiles,
        _ => Array.Empty<string>(),
    };

    private static readonly char[] ApkPinMarks = { '=', '~', '<', '>' }, ZypperPinMarks = { '=', '<', '>' };

    private static bool HasPin(PackageManager manager, string text)
    {
        switch (manager)
        {
            case PackageManager.AptGet:
            case PackageManager.Apt:
                // pkg=version, or pkg/release (a release pin).
                return text.IndexOf('=') > 0 || text.IndexOf('/') > 0;
            case PackageManager.Apk:
                return text.IndexOfAny(ApkPinMarks) > 0;
            case PackageManager.Zypper:
                return text.IndexOfAny(ZypperPinMarks) > 0;
            case PackageManager.Yum:
            case PackageManager.Dnf:
            case PackageManager.Microdnf:
            case PackageManager.Rpm:
                return RpmNameHasVersion(text);
            case PackageManager.Pip:
            {
                // Extras (`pkg[extra]==1`) and environment markers (`pkg==1; python_version<"3"`) are part of the spec.
                foreach (var op in PipVersionOperators)
                    if (text.IndexOf(op, StringComparison.Ordinal) > 0) return true;
                return false;
            }
            case PackageManager.Npm:
            case PackageManager.Yarn:
            case PackageManager.Pnpm:
            {
                string rest = text.StartsWith("@", StringComparison.Ordinal) ? text.Substring(1) : text;
                int at = rest.IndexOf('@');
                if (at <= 0 || at == rest.Length - 1) return false;
                string version = rest.Substring(at + 1);
                return !version.Equals("latest", StringComparison.OrdinalIgnoreCase) && !version.Equals("next", StringComparison.OrdinalIgnoreCase);
            }
            case PackageManager.Gem:
                return text.IndexOf(':') > 0;
            case PackageManager.Go:
            {
                int at = text.LastIndexOf('@');
                // A pattern of the main module or the standard library (tool, all, std, fmt): nothing is downloaded
                // that go.mod does not pin. A module path starts with a domain.
                string firstElement = text.Split('/')[0];
                if (at < 0 && firstElement.IndexOf('.') < 0) return true;
                return at > 0 && at < text.Length - 1 && !text.Substring(at + 1).Equals("latest", StringComparison.Ordinal)
                       && !text.Substring(at + 1).Equals("master", StringComparison.Ordinal) && !text.Substring(at + 1).Equals("main", StringComparison.Ordinal);
            }
        }
        return false;
    }

    /// <summary>
    /// An RPM name with a version: <c>name-1.2.3</c>, <c>name-1.2-3.el9</c>, <c>name-0:1.2</c>. A dash alone is not enough
    /// (<c>python3-devel</c> is a name): some part after a dash must start with a digit.
    /// </summary>
    private static bool RpmNameHasVersion(string text)
    {
        if (text.IndexOfAny(new[] { '=', '<', '>' }) > 0) return true; // `name >= 1` as one word (dnf reads it)
        var parts = text.Split('-');
        for (int i = 1; i < parts.Length; i++)
            if (parts[i].Length > 0 && char.IsDigit(parts[i][0])) return true;
        return false;
    }
}
