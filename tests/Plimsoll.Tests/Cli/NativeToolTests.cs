using System.Runtime.InteropServices;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>Tests that pack the tool from the repository's own project: they must not build it at the same time.</summary>
[CollectionDefinition(Name)]
public sealed class ToolPackagingCollection
{
    public const string Name = "packs the tool";
}

/// <summary>
/// The release packages as users get them: tools/pack-release.sh makes the pointer package, the Native AOT package
/// for this machine's RID and the framework-dependent 'any' fallback; `dotnet tool install` picks the native one.
/// The native build is compared with the JIT build on the whole corpus, so trimming cannot silently drop a rule.
/// </summary>
[Collection(ToolPackagingCollection.Name)]
[Trait("Tier", "Slow")]
public sealed class NativeToolTests : IClassFixture<NativeToolTests.ReleasePackages>
{
    private readonly ReleasePackages packages;

    public NativeToolTests(ReleasePackages packages) => this.packages = packages;

    /// <summary>
    /// The packages tools/pack-release.sh makes (made here, or taken from PLIMSOLL_RELEASE_FEED where tests/run-all.sh
    /// has already run the script), and the tool installed from them as `dotnet tool install` does.
    /// </summary>
    public sealed class ReleasePackages
    {
        public string Folder { get; }
        public string Rid { get; } = RuntimeInformation.RuntimeIdentifier;
        public string Tool { get; }
        public string Version { get; }

        public ReleasePackages()
        {
            if (Environment.GetEnvironmentVariable("PLIMSOLL_RELEASE_FEED") is { Length: > 0 } feed && Directory.Exists(feed))
            {
                Folder = feed;
            }
            else
            {
                Folder = TempDirectory.Create();
                ExternalTool.Run(TestPaths.RepoRoot, null, "bash", Path.Combine(TestPaths.RepoRoot, "tools", "pack-release.sh"), Folder)
                    .EnsureSuccess("tools/pack-release.sh");
            }
            string pointer = Assert.Single(Directory.GetFiles(Folder, "Plimsoll.*.nupkg"), p => char.IsDigit(Path.GetFileName(p)["Plimsoll.".Length]));
            Version = Path.GetFileNameWithoutExtension(pointer).Substring("Plimsoll.".Length);
            string toolPath = TempDirectory.Create();
            Install(Folder, toolPath);
            Tool = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "plimsoll.exe" : "plimsoll");
        }

        public void Install(string source, string toolPath)
            => ExternalTool.Run(TempDirectory.Create(), null, "dotnet", "tool", "install", "--configfile", EmptyNuGetConfig(), "--tool-path", toolPath, "--add-source", source, "Plimsoll", "--version", Version)
                .EnsureSuccess("dotnet tool install");

        // Only the folder given with --add-source: a test must not reach (or wait for) a remote feed.
        private static string EmptyNuGetConfig()
        {
            string path = Path.Combine(TempDirectory.Create(), "nuget.config");
            File.WriteAllText(path, "<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><clear /></packageSources></configuration>");
            return path;
        }
    }

    [Fact]
    public void Release_script_makes_the_pointer_the_native_and_the_fallback_package_and_install_picks_the_native_one()
    {
        var names = Directory.GetFiles(packages.Folder, "*.nupkg").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { $"Plimsoll.{packages.Version}.nupkg", $"Plimsoll.any.{packages.Version}.nupkg", $"Plimsoll.{packages.Rid}.{packages.Version}.nupkg", $"Plimsoll.Analyzers.{packages.Version}.nupkg" }.OrderBy(n => n, StringComparer.Ordinal), names);

        // The installed command is the native executable itself, not the managed apphost shim.
        string target = new FileInfo(packages.Tool).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? packages.Tool;
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "plimsoll.dll")), "a managed plimsoll.dll sits beside " + target);
        if (OperatingSystem.IsLinux())
        {
            var magic = new byte[4];
            using (var stream = File.OpenRead(target)) stream.ReadExactly(magic);
            Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        }

        var version = ExternalTool.Run(TempDirectory.Create(), null, packages.Tool, "--version").EnsureSuccess("plimsoll --version");
        Assert.StartsWith(packages.Version, version.Output.Trim());
    }

    [Theory]
    [InlineData("dockerfile", "dockerfiles")]
    [InlineData("compose", "compose")]
    public void Native_build_finds_exactly_what_the_jit_build_finds_on_the_whole_corpus(string kind, string folder)
    {
        string corpus = Path.Combine(TestPaths.Corpus, folder), work = TempDirectory.Create();
        string nativeReport = Path.Combine(work, "native.json"), jitReport = Path.Combine(work, "jit.json");
        string[] arguments = { "lint", "--kind", kind, "--severity-threshold", "none", "--format", "json", corpus, "--output" };

        var native = ExternalTool.Run(work, CliProcess.WithoutShellCheck, packages.Tool, arguments.Append(nativeReport).ToArray());
        var jit = CliProcess.RunJitBuildWith(CliProcess.WithoutShellCheck, work, null, arguments.Append(jitReport).ToArray());

        Assert.Equal(jit.ExitCode, native.ExitCode);
        string jitText = WithoutVersion(File.ReadAllText(jitReport));
        Assert.Contains("\"ruleId\": \"PL1002\"", jitText);
        Assert.Equal(jitText, WithoutVersion(File.ReadAllText(nativeReport)));
    }

    /// <summary>
    /// NativeAot/prefault-heap-commits.c: each read-write commit of the GC's heap (64 KiB at a time) is mapped in one
    /// system call, not one page fault per 4 KiB page; larger regions (thread stacks) are left to fault in. Seen with
    /// strace: every such mprotect is followed, on the same thread, by MADV_POPULATE_WRITE of exactly its range.
    /// </summary>
    [Fact]
    public void Linux_native_build_maps_each_heap_commit_in_one_system_call()
    {
        if (!OperatingSystem.IsLinux()) return;
        string work = TempDirectory.Create(), trace = Path.Combine(work, "strace");
        // -ff: one file per thread, so no call is split across lines by another thread's.
        var run = ExternalTool.Run(work, CliProcess.WithoutShellCheck, "strace", "-ff", "-qq", "-e", "trace=mprotect,madvise", "-o", trace,
            packages.Tool, "lint", "--kind", "compose", "--severity-threshold", "none", Path.Combine(TestPaths.Corpus, "compose"));
        Assert.Equal(0, run.ExitCode);

        var call = new System.Text.RegularExpressions.Regex(@"^(mprotect|madvise)\((0x[0-9a-f]+), (\d+), ([A-Z_|]+)\) += (-?\d+)");
        // A GC commit is mprotect(read-write) then madvise(MADV_DODUMP) of the same range (the runtime's VirtualCommit);
        // glibc's own mprotect calls (malloc arenas, thread stacks) are not wrapped and have no MADV_DODUMP.
        int commits = 0, populated = 0;
        foreach (var threadTrace in Directory.GetFiles(work, "strace.*"))
        {
            (string Address, long Length)? writable = null;
            bool populatedSinceWritable = false;
            foreach (var line in File.ReadLines(threadTrace))
            {
                var m = call.Match(line);
                if (!m.Success || m.Groups[5].Value != "0") continue;
                var range = (m.Groups[2].Value, long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
                switch (m.Groups[1].Value, m.Groups[4].Value)
                {
                    case ("mprotect", "PROT_READ|PROT_WRITE"):
                        writable = range;
                        populatedSinceWritable = false;
                        break;
                    case ("madvise", "MADV_POPULATE_WRITE"):
                        Assert.True(writable == range, "populated a range that was not just made writable: " + line);
                        populatedSinceWritable = true;
                        populated++;
                        break;
                    case ("madvise", "MADV_DODUMP") when writable == range:
                        commits++;
                        Assert.True(populatedSinceWritable == range.Item2 <= 1 << 20,
                            $"a heap commit of {range.Item2} bytes was {(populatedSinceWritable ? "" : "not ")}populated (only commits of up to 1 MiB are): {line}");
                        writable = null;
                        break;
                }
            }
        }
        Assert.True(commits >= 20, $"only {commits} heap commits seen in the trace of a 189-file run");
        Assert.True(populated >= commits * 9 / 10, $"{populated} of {commits} heap commits populated");
    }

    [Fact]
    public void Native_build_prints_the_same_rule_list_rule_pages_reports_and_syntax_trees()
    {
        string work = TempDirectory.Create(), examples = Path.Combine(TestPaths.RepoRoot, "examples");
        foreach (var arguments in new[]
        {
            new[] { "rules", "--format", "json" },
            new[] { "explain", "PL1004" },
            new[] { "lint", "--format", "sarif", examples },
            new[] { "lint", examples },
            new[] { "lint", "--compose-schema", Path.Combine(TestPaths.Schemas, "compose-spec.json"), examples },
            new[] { "syntax", "--trivia", Path.Combine(examples, "insecure", "Dockerfile") },
            new[] { "syntax", Path.Combine(examples, "insecure", "compose.yaml") },
        })
        {
            var native = ExternalTool.Run(work, null, packages.Tool, arguments);
            var jit = CliProcess.RunJitBuild(work, null, arguments);
            Assert.Equal(jit.ExitCode, native.ExitCode);
            Assert.True(jit.StdOut.Length > 200, string.Join(" ", arguments) + " printed almost nothing");
            Assert.Equal(WithoutVersion(jit.StdOut + jit.StdErr), WithoutVersion(native.Output));
        }
    }

    [Fact]
    public void Rule_packs_run_through_the_jit_build_shipped_beside_the_native_executable()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM alpine:3.20\nMAINTAINER someone@example.com\nUSER 1000\n");

        var result = ExternalTool.Run(dir, null, packages.Tool, "lint", "--rules", SampleRulePackBuild.AssemblyPath);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("Dockerfile:2:1: warning ACME001 MAINTAINER is deprecated", result.Output);
        Assert.Contains("PL1002", result.Output);
    }

    [Fact]
    public void A_platform_without_a_native_package_gets_the_framework_dependent_fallback()
    {
        // A pointer package that lists a native package only for another platform, plus the 'any' package.
        string feed = TempDirectory.Create();
        string otherRid = packages.Rid.StartsWith("osx", StringComparison.Ordinal) ? "linux-riscv64" : "osx-arm64";
        ExternalTool.Run(TestPaths.RepoRoot, null, "dotnet", "pack", Path.Combine(TestPaths.RepoRoot, "src", "Plimsoll.Cli", "Plimsoll.Cli.csproj"),
                "-c", "Release", "--nologo", "-v", "quiet", "-p:PlimsollNative=true", $"-p:ToolPackageRuntimeIdentifiers=\"{otherRid};any\"", "-o", feed)
            .EnsureSuccess("dotnet pack (pointer)");
        File.Copy(Path.Combine(packages.Folder, $"Plimsoll.any.{packages.Version}.nupkg"), Path.Combine(feed, $"Plimsoll.any.{packages.Version}.nupkg"));
        string toolPath = TempDirectory.Create();

        packages.Install(feed, toolPath);

        string tool = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "plimsoll.exe" : "plimsoll");
        Assert.Single(Directory.GetFiles(Path.Combine(toolPath, ".store"), "plimsoll.dll", SearchOption.AllDirectories));
        var lint = ExternalTool.Run(TempDirectory.Create(), null, tool, "lint", Path.Combine(TestPaths.RepoRoot, "examples", "insecure"));
        Assert.True(lint.ExitCode == 1, lint.Output);
        Assert.Contains("error PL1003 ", lint.Output);
    }

    // The tool version (with the commit) is the one thing allowed to differ between two builds of the same source.
    private static string WithoutVersion(string text)
        => string.Join("\n", text.Split('\n').Where(line => !line.Contains("\"version\"", StringComparison.Ordinal) && !line.Contains("\"semanticVersion\"", StringComparison.Ordinal)));
}
