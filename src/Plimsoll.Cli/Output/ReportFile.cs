namespace Plimsoll.Cli.Output;

/// <summary>Why <c>--output</c> could not be written; the message is for people and names the path.</summary>
internal sealed class ReportFileException : Exception
{
    public ReportFileException(string message) : base(message) { }
}

/// <summary>
/// Writes the <c>--output</c> report so that a reader never sees half of one: the report goes to a temporary file
/// beside the target, which is renamed over the target only once it is complete and flushed to disk; a killed run or a
/// full disk leaves the previous report as it was. Refuses a target that is an input of the run or a directory.
/// A target that is not a regular file (<c>/dev/stdout</c>, <c>/dev/null</c>, a FIFO) is written in place: renaming
/// over it would replace the device.
/// </summary>
internal static class ReportFile
{
    public static void Write(string target, IEnumerable<string> inputs, Action<Stream> write)
    {
        if (string.IsNullOrWhiteSpace(target)) throw new ReportFileException("--output: the file name is empty");
        string full;
        try { full = Path.GetFullPath(target); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ReportFileException($"--output {target}: not a usable path: {e.Message}");
        }
        if (Directory.Exists(full)) throw new ReportFileException($"--output {target}: is a directory");
        string real = RealPath(full);
        foreach (var input in inputs)
        {
            string inputFull;
            try { inputFull = RealPath(Path.GetFullPath(input)); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { continue; }
            if (string.Equals(inputFull, real, StringComparison.Ordinal))
                throw new ReportFileException($"--output {target}: is a file being linted; refusing to overwrite it with the report");
        }

        try
        {
            if (File.Exists(real) && !IsRegularFile(real))
            {
                using var direct = new FileStream(real, FileMode.Open, FileAccess.Write);
                write(direct);
                direct.Flush();
                return;
            }
            string directory = Path.GetDirectoryName(real) ?? ".";
            if (!Directory.Exists(directory)) throw new ReportFileException($"--output {target}: the folder {directory} does not exist");
            string temporary = Path.Combine(directory, "." + Path.GetFileName(real) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, real, overwrite: true);
            }
            finally
            {
                try { if (File.Exists(temporary)) File.Delete(temporary); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportFileException($"--output {target}: cannot write the report: {e.Message}");
        }
    }

    // The file a path finally names, so that a link to an input is caught and the rename replaces the file, not the link.
    private static string RealPath(string full)
    {
        try
        {
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            return target?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static bool IsRegularFile(string path)
    {
        // A device or FIFO reports a length of 0 and no regular-file bits that .NET exposes; ask the reader's classifier.
        return Plimsoll.Workspace.FileSystems.PhysicalFileSystem.Instance.FileExists(path);
    }
}
