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

    internal static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path }, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
