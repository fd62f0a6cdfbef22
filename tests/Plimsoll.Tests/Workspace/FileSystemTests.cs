using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Workspace;

/// <summary>The in-memory file systems hosts use instead of, or over, the disk.</summary>
public class FileSystemTests
{
    [Fact]
    public void In_memory_files_imply_their_directories()
    {
        var files = new InMemoryFileSystem(new Dictionary<string, string> { ["/a/b/c.txt"] = "x", ["/a/d.txt"] = "y" });

        Assert.True(files.FileExists("/a/b/c.txt"));
        Assert.True(files.DirectoryExists("/a/b"));
        Assert.False(files.FileExists("/a/b"));
        Assert.Equal("x", files.ReadFile("/a/b/../b/c.txt").Content!.Text.ToString());
        Assert.Equal(FileReadStatus.NotFound, files.ReadFile("/a/nope").Status);
        Assert.Equal(FileReadStatus.NotARegularFile, files.ReadFile("/a/b").Status);

        var listing = files.ListDirectory("/a");
        Assert.Equal(new[] { "/a/d.txt" }, listing.Files);
        Assert.Equal(new[] { "/a/b" }, listing.Directories);
        Assert.NotNull(files.ListDirectory("/z").Error);
    }

    [Fact]
    public void A_buffer_wins_over_the_file_beneath_until_it_is_removed()
    {
        var disk = new InMemoryFileSystem(new Dictionary<string, string> { ["/p/compose.yaml"] = "saved" });
        var overlay = new OverlayFileSystem(disk);

        overlay.SetBuffer("/p/compose.yaml", "unsaved");
        overlay.SetBuffer("/p/new/compose.override.yaml", "never saved");

        Assert.Equal("unsaved", overlay.ReadFile("/p/compose.yaml").Content!.Text.ToString());
        Assert.True(overlay.FileExists("/p/new/compose.override.yaml"));
        Assert.True(overlay.DirectoryExists("/p/new"));
        Assert.Equal(new[] { "/p/new" }, overlay.ListDirectory("/p").Directories);
        Assert.False(disk.FileExists("/p/new/compose.override.yaml"));

        Assert.True(overlay.RemoveBuffer("/p/compose.yaml"));
        Assert.Equal("saved", overlay.ReadFile("/p/compose.yaml").Content!.Text.ToString());
    }
}
