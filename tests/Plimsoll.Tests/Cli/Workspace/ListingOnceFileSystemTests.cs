using Plimsoll.Cli.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Cli.Workspace;

/// <summary>The run's search lists a folder once, however it is named, and passes everything else through.</summary>
public class ListingOnceFileSystemTests
{
    private sealed class CountingListings : IFileSystem
    {
        public int Listings;
        public FileReadResult ReadFile(string path) => FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
        public bool FileExists(string path) => false;
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
}
