using Plimsoll.Cli.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Cli.Workspace;

/// <summary>The run's search lists a folder once, however it is named, and passes everything else through.</summary>
public class ListingOnceFileSystemTests
{
    private sealed class CountingListings : IFileSystem
    {
        public int Listings;
        public int Reads;
        public FileReadResult ReadFile(string path)
        {
            Reads++;
            return FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
        }
        public bool FileExists(string path)
        {
            Reads++;
            return false;
        }
        public bool DirectoryExists(string path) => true;
        public DirectoryListing ListDirectory(string path)
        {
            Listings++;
            return new DirectoryListing(new[] { Path.Combine(Path.GetFullPath(path), "Dockerfile") }, Array.Empty<string>(), null);
        }
    }

    [Fact]
    public void A_folder_named_relatively_and_absolutely_is_listed_once()
    {
        var inner = new CountingListings();
        var search = new ListingOnceFileSystem(inner);
        var first = search.ListDirectory("some/folder");
        var second = search.ListDirectory(Path.GetFullPath("some/folder"));
        var other = search.ListDirectory("other");
        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(2, inner.Listings);
        Assert.Equal(FileReadStatus.NotFound, search.ReadFile("some/folder/Dockerfile").Status);
    }

    [Fact]
    public void A_file_missing_from_a_listed_folder_is_missing_without_asking_the_disk()
    {
        var inner = new CountingListings();
        var search = new ListingOnceFileSystem(inner);
        search.ListDirectory("listed");
        Assert.Equal(FileReadStatus.NotFound, search.ReadFile("listed/.dockerignore").Status);
        Assert.False(search.FileExists(Path.GetFullPath("listed/.editorconfig")));
        Assert.Equal(0, inner.Reads);
        // The file the listing names, and files elsewhere, are asked for.
        search.ReadFile("listed/Dockerfile");
        search.ReadFile("elsewhere/.dockerignore");
        Assert.Equal(2, inner.Reads);
    }
}
