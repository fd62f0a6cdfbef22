using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>A long-lived cache re-parses only the files whose text changed.</summary>
public sealed class ComposeFileCacheTests
{
    [Fact]
    public void Loading_a_twenty_file_project_again_after_one_edit_parses_that_file_only()
    {
        var fs = new CountingFileSystem(Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", "cache"));
        fs["compose.yaml"] = "include:\n" + string.Concat(Enumerable.Range(1, 19).Select(i => $"  - part{i}.yaml\n")) + "services:\n  web:\n    image: nginx:1.27\n";
        for (int i = 1; i <= 19; i++) fs[$"part{i}.yaml"] = $"services:\n  s{i}:\n    image: x{i}:1\n";
        var cache = new ComposeFileCache();
        var options = new ComposeProjectOptions { FileSystem = fs, Cache = cache };

        var first = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("compose.yaml") }, options);
        Assert.Equal(20, first.Services.Length);
        Assert.Equal(20, cache.Parses);

        ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("compose.yaml") }, options);
        Assert.Equal(20, cache.Parses);

        fs["part7.yaml"] = "services:\n  s7:\n    image: x7:2\n";
        var edited = ComposeProjectLoader.LoadFiles(new[] { fs.PathOf("compose.yaml") }, options);
        Assert.Equal(21, cache.Parses);
        Assert.Equal("x7:2", edited.GetService("s7")!.Image!.Text);

        // An unsaved buffer of the linted file is parsed once, then reused while it does not change.
        var buffer = SourceText.From("include: [part1.yaml]\nservices: {}\n");
        ComposeProjectLoader.LoadText(buffer, fs.PathOf("compose.yaml"), options: options);
        ComposeProjectLoader.LoadText(buffer, fs.PathOf("compose.yaml"), options: options);
        Assert.Equal(22, cache.Parses);
    }
}
