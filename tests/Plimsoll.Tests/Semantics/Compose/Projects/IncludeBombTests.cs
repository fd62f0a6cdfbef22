using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>
/// Include and extends bombs: each file is read and resolved once per project, whatever the shape, and the total
/// work is bounded with a located PL9002 when the bound is hit.
/// </summary>
public sealed class IncludeBombTests
{
    private static CountingFileSystem NewFileSystem() => new(Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", "bomb"));

    /// <summary>Files f0..f(n-1); each includes the next <paramref name="times"/> times and defines one service.</summary>
    private static CountingFileSystem Chain(int files, int times)
    {
        var fs = NewFileSystem();
        for (int i = 0; i < files; i++)
        {
            string include = i + 1 < files ? "include:\n" + string.Concat(Enumerable.Repeat($"  - f{i + 1}.yaml\n", times)) : "";
            fs[$"f{i}.yaml"] = include + $"services:\n  s{i}:\n    image: x{i}:1\n";
        }
        return fs;
    }

    [Fact]
    public void A_chain_of_services_each_adding_to_a_list_is_bounded_by_every_value_merged_not_by_keys()
    {
        // Service i extends service i-1 and adds a secret: merged, it holds i secrets, and the chain n^2/2 values in all
        // (4,000 services made 590 MB) though each merge copies only three keys.
        var fs = NewFileSystem();
        var yaml = new System.Text.StringBuilder("services:\n  s0:\n    image: alpine:3.20\n");
        for (int i = 1; i < 400; i++) yaml.Append($"  s{i}:\n    extends: s{i - 1}\n    secrets: [x{i}]\n");
        fs["compose.yaml"] = yaml.ToString();
        var options = new ComposeProjectOptions { FileSystem = fs, Limits = ComposeProjectLimits.Default with { MaxMergedEntries = 10_000 } };
        var project = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("compose.yaml") }, options);

        var bound = Assert.Single(project.Diagnostics, d => d.GetMessage().Contains("merges more than 10000 entries", StringComparison.Ordinal));
        Assert.Equal("extends", project.Trees.Single().Text.ToString(bound.Location.SourceSpan));
        // Before the bound, services are merged with their whole chain; after it, they stand as written.
        Assert.Equal(new[] { "x1", "x2", "x3" }, project.GetService("s3")!.Secrets.Select(r => r.Source!.Text));
        Assert.Equal("alpine:3.20", project.GetService("s3")!.Image!.Raw);
        Assert.Equal(new[] { "x399" }, project.GetService("s399")!.Secrets.Select(r => r.Source!.Text));
        Assert.Null(project.GetService("s399")!.Image);
    }

    [Fact]
    public void Eleven_files_each_including_the_next_ten_times_are_each_read_once()
    {
        var fs = Chain(11, 10);
        // Resolved once per file, the eleven files merge about 1,300 entries; resolved once per include, 10^10.
        var options = new ComposeProjectOptions { FileSystem = fs, Limits = ComposeProjectLimits.Default with { MaxMergedEntries = 5_000 } };
        var project = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("f0.yaml") }, options);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => "s" + i).OrderBy(s => s), project.Services.Select(s => s.Name).OrderBy(s => s));
        Assert.Equal(11, fs.TotalReads);
        Assert.DoesNotContain(project.Diagnostics, d => d.GetMessage().Contains("merges more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Hitting_the_merge_bound_is_a_located_problem()
    {
        var fs = NewFileSystem();
        fs["compose.yaml"] = "include:\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"  - p{i}.yaml\n")) + "services: {}\n";
        for (int i = 0; i < 40; i++) fs[$"p{i}.yaml"] = "services:\n" + string.Concat(Enumerable.Range(0, 20).Select(j => $"  s{i}_{j}:\n    image: x\n"));
        var options = new ComposeProjectOptions { FileSystem = fs, Limits = ComposeProjectLimits.Default with { MaxMergedEntries = 100 } };
        var project = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("compose.yaml") }, options);
        var bound = Assert.Single(project.Diagnostics, d => d.GetMessage().Contains("merges more than 100 entries", StringComparison.Ordinal));
        Assert.Equal(fs.PathOf("compose.yaml"), bound.Location.GetLineSpan().Path);
        Assert.True(project.Services.Length < 40 * 20);
    }

    [Fact]
    public void Too_many_files_is_a_located_problem()
    {
        var fs = Chain(12, 1);
        var options = new ComposeProjectOptions { FileSystem = fs, Limits = ComposeProjectLimits.Default with { MaxFiles = 5, MaxIncludeDepth = 100 } };
        var project = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("f0.yaml") }, options);
        var bound = Assert.Single(project.Diagnostics, d => d.GetMessage().Contains("more than 5 files", StringComparison.Ordinal));
        Assert.Equal(fs.PathOf("f4.yaml"), bound.Location.GetLineSpan().Path);
        Assert.Equal(5, fs.TotalReads);
    }

    [Fact]
    public void An_extends_chain_beyond_the_bound_is_a_located_problem()
    {
        var fs = NewFileSystem();
        fs["compose.yaml"] = "services:\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"  s{i}:\n    image: x\n" + (i < 199 ? $"    extends: s{i + 1}\n" : "")));
        var project = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("compose.yaml") }, new ComposeProjectOptions { FileSystem = fs });
        Assert.Contains(project.Diagnostics, d => d.GetMessage().Contains("extends chained more than 64", StringComparison.Ordinal)
                                                 && d.Location.GetLineSpan().Path == fs.PathOf("compose.yaml"));
        Assert.Equal(200, project.Services.Length);
    }

    /// <summary>
    /// Any shape: n files, each including some later or earlier files (cycles too) several times, and extending
    /// services of other files. Every file is read at most once and loading ends.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Every_file_is_read_once_whatever_the_shape()
    {
        var shapes = from files in Gen.Choose(1, 14)
                     from links in Gen.ListOf(from a in Gen.Choose(0, files - 1)
                                              from b in Gen.Choose(0, files - 1)
                                              from times in Gen.Choose(1, 12)
                                              from extends in Gen.Choose(0, 3)
                                              select (a, b, times, extends == 0))
                     select (files, links.Take(60).ToList());
        return Prop.ForAll(shapes.ToArbitrary(), shape =>
        {
            var (files, links) = shape;
            var fs = NewFileSystem();
            for (int i = 0; i < files; i++)
            {
                var includes = links.Where(l => l.Item1 == i && !l.Item4).SelectMany(l => Enumerable.Repeat($"  - f{l.Item2}.yaml\n", l.Item3)).ToList();
                var extended = links.Where(l => l.Item1 == i && l.Item4).Select(l => l.Item2).Distinct().ToList();
                fs[$"f{i}.yaml"] = (includes.Count > 0 ? "include:\n" + string.Concat(includes) : "") + "services:\n" +
                    $"  own{i}:\n    image: x{i}:1\n" +
                    string.Concat(extended.Select(b => $"  e{i}_{b}:\n    extends: {{file: f{b}.yaml, service: own{b}}}\n"));
            }
            var project = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("f0.yaml") }, new ComposeProjectOptions { FileSystem = fs });
            return Enumerable.Range(0, files).All(i => fs.ReadsOf($"f{i}.yaml") <= 1) && project.GetService("own0") != null
                   && !project.Diagnostics.Any(d => d.GetMessage().Contains("merges more than", StringComparison.Ordinal));
        });
    }
}
