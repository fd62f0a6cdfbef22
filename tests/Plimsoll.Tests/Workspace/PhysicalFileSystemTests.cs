using System.Diagnostics;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Workspace;

/// <summary>The disk as the tool reads it: regular files only, never blocking, never more than the limit.</summary>
public class PhysicalFileSystemTests
{
    [Fact]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        var temp = TempDirectory.Create();
        string fifo = Path.Combine(temp, "Dockerfile");
        MakeFifo(fifo);
        var result = PhysicalFileSystem.Instance.ReadFile(fifo);
        Assert.Equal(FileReadStatus.NotARegularFile, result.Status);
        Assert.Contains("FIFO", result.Message);
        Assert.False(PhysicalFileSystem.Instance.FileExists(fifo));
    }

    [Fact]
    public void Devices_behind_links_are_refused_and_directories_named()
    {
        var temp = TempDirectory.Create();
        string link = Path.Combine(temp, ".env");
        File.CreateSymbolicLink(link, "/dev/zero");
        var zero = PhysicalFileSystem.Instance.ReadFile(link);
        Assert.Equal(FileReadStatus.NotARegularFile, zero.Status);
        Assert.Contains("character device", zero.Message);

        var directory = PhysicalFileSystem.Instance.ReadFile(temp);
        Assert.Equal(FileReadStatus.NotARegularFile, directory.Status);
        Assert.Equal("is a directory", directory.Message);

        Assert.Equal(FileReadStatus.NotFound, PhysicalFileSystem.Instance.ReadFile(Path.Combine(temp, "missing")).Status);
    }

    [Theory]
    [InlineData(1024, 0, true)]
    [InlineData(1024, 1, true)]
    [InlineData(1024, 1024, true)]
    [InlineData(1024, 1025, false)]
    [InlineData(1 << 20, 300_000, true)]
    [InlineData(4096, 100_000, false)]
    public void Files_are_read_up_to_the_limit_and_the_message_names_it(long limit, int size, bool readable)
    {
        var temp = TempDirectory.Create();
        string path = Path.Combine(temp, "Dockerfile");
        File.WriteAllBytes(path, Enumerable.Repeat((byte)'#', size).ToArray());
        var result = new PhysicalFileSystem(limit).ReadFile(path);
        Assert.Equal(readable, result.IsOk);
        if (readable) Assert.Equal(new string('#', size), result.Content!.Text.ToString());
        if (!readable)
        {
            Assert.Equal(FileReadStatus.TooLarge, result.Status);
            Assert.Contains($"larger than the {PhysicalFileSystem.DescribeSize(limit)} limit", result.Message);
        }
    }

    [Fact]
    public void Files_read_one_after_another_on_a_thread_each_get_their_own_bytes()
    {
        // Files that fit are read into one buffer per thread: a short file after a long one must not see its tail,
        // and neither the raw bytes handed out nor a file too big for the buffer may share it.
        var temp = TempDirectory.Create();
        var files = new[] { ("long", new string('a', 5000)), ("short", "FROM b\n"), ("empty", ""), ("huge", new string('c', 300_000)), ("utf8", "é🐳\n"), ("last", "x") };
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(temp, name), text);
        var disk = new PhysicalFileSystem();
        foreach (var (name, text) in files) Assert.Equal(text, disk.ReadFile(Path.Combine(temp, name)).Content!.Text.ToString());

        var first = PhysicalFileSystem.ReadBytes(Path.Combine(temp, "short"), 1024, out _)!;
        disk.ReadFile(Path.Combine(temp, "long"));
        Assert.Equal("FROM b\n"u8.ToArray(), first);
    }

    [Fact]
    public void A_file_that_claims_no_length_is_read_to_its_end_and_within_the_limit()
    {
        if (!OperatingSystem.IsLinux()) return;
        // /proc files say they are empty and are not: read until the end, as far as the limit.
        var status = PhysicalFileSystem.Instance.ReadFile("/proc/self/status");
        Assert.True(status.IsOk, status.Message);
        Assert.Contains("Name:", status.Content!.Text.ToString());
        var limited = new PhysicalFileSystem(16).ReadFile("/proc/self/status");
        Assert.Equal(FileReadStatus.TooLarge, limited.Status);
    }

    [Fact]
    public void Listing_keeps_links_apart_from_files_and_folders()
    {
        var temp = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(temp, "d"));
        File.WriteAllText(Path.Combine(temp, "Dockerfile"), "FROM x\n");
        File.CreateSymbolicLink(Path.Combine(temp, "self"), ".");
        File.CreateSymbolicLink(Path.Combine(temp, "Dockerfile.link"), "Dockerfile");
        var listing = PhysicalFileSystem.Instance.ListDirectory(temp);
        Assert.Null(listing.Error);
        Assert.Equal(new[] { Path.Combine(temp, "Dockerfile") }, listing.Files);
        Assert.Equal(new[] { Path.Combine(temp, "d") }, listing.Directories);
        Assert.Equal(new[] { Path.Combine(temp, "Dockerfile.link"), Path.Combine(temp, "self") }, listing.Links);
        Assert.NotNull(PhysicalFileSystem.Instance.ListDirectory(Path.Combine(temp, "missing")).Error);
    }

    [Fact]
    public void Listing_tells_regular_files_from_fifos()
    {
        var temp = TempDirectory.Create();
        File.WriteAllText(Path.Combine(temp, "Dockerfile"), "FROM x\n");
        MakeFifo(Path.Combine(temp, "compose.yaml"));
        Directory.CreateDirectory(Path.Combine(temp, "d"));
        File.CreateSymbolicLink(Path.Combine(temp, "link"), "Dockerfile");
        var listing = PhysicalFileSystem.Instance.ListDirectory(temp);
        Assert.Equal(new[] { Path.Combine(temp, "Dockerfile"), Path.Combine(temp, "compose.yaml") }, listing.Files);
        Assert.Equal(new[] { Path.Combine(temp, "Dockerfile") }, listing.RegularFiles);
        Assert.Equal(new[] { Path.Combine(temp, "d") }, listing.Directories);
        Assert.Equal(new[] { Path.Combine(temp, "link") }, listing.Links);
    }

    [Fact]
    public void A_run_that_remembers_listings_answers_from_them_and_still_never_reads_a_device()
    {
        var temp = TempDirectory.Create();
        string dockerfile = Path.Combine(temp, "Dockerfile"), fifo = Path.Combine(temp, "fifo"), swapped = Path.Combine(temp, "swapped");
        string deleted = Path.Combine(temp, "deleted"), late = Path.Combine(temp, ".dockerignore"), folder = Path.Combine(temp, "d");
        File.WriteAllText(dockerfile, "FROM a\n");
        File.WriteAllText(swapped, "FROM b\n");
        File.WriteAllText(deleted, "FROM c\n");
        MakeFifo(fifo);
        Directory.CreateDirectory(folder);
        var run = new PhysicalFileSystem(remembersListings: true);
        var listing = run.ListDirectory(temp);
        // Named relatively and absolutely, one folder: listed once.
        Assert.Same(listing, run.ListDirectory(Path.GetRelativePath(Environment.CurrentDirectory, temp) + "/"));

        // After the listing: a file appears, one becomes a link to a device, one goes, one changes.
        File.WriteAllText(late, "*\n");
        File.Delete(swapped);
        File.CreateSymbolicLink(swapped, "/dev/zero");
        File.Delete(deleted);
        File.WriteAllText(dockerfile, "FROM changed\n");
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM d\n");

        // Absent from the listing: absent for the run, without asking the disk. The disk as a long-lived host sees it says otherwise.
        Assert.Equal(FileReadStatus.NotFound, run.ReadFile(late).Status);
        Assert.False(run.FileExists(late));
        Assert.True(PhysicalFileSystem.Instance.ReadFile(late).IsOk);
        // Listed files are read as they are now: contents are never remembered.
        Assert.Equal("FROM changed\n", run.ReadFile(dockerfile).Content!.Text.ToString());
        Assert.True(run.FileExists(dockerfile));
        // A listed regular file that has become a link is looked at again: the device behind it is never read.
        var device = run.ReadFile(swapped);
        Assert.Equal(FileReadStatus.NotARegularFile, device.Status);
        Assert.Contains("character device", device.Message);
        Assert.Equal(FileReadStatus.NotFound, run.ReadFile(deleted).Status);
        // A FIFO is refused as ever; a listed folder is a folder, not a file.
        Assert.Equal(FileReadStatus.NotARegularFile, run.ReadFile(fifo).Status);
        Assert.False(run.FileExists(fifo));
        Assert.True(run.DirectoryExists(folder));
        Assert.False(run.FileExists(folder));
        Assert.False(run.DirectoryExists(dockerfile));
        // A folder not listed: the disk answers.
        Assert.Equal("FROM d\n", run.ReadFile(Path.Combine(folder, "Dockerfile")).Content!.Text.ToString());
    }

    internal static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path }, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
