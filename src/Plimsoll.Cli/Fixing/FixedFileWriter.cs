using Plimsoll.Workspace;

namespace Plimsoll.Cli.Fixing;

/// <summary>
/// Writes a fixed file the way an editor's safe save does: the bytes go to a temporary file beside the target (same
/// directory, so the rename stays on one file system), which takes the target's file mode and then replaces it by a
/// rename; readers see the old file or the new one, never half of either. The text is encoded with the encoding it was
/// read with (UTF-8 with its BOM kept as U+FEFF, or Latin-1), so every byte the fixes did not touch is the same byte.
/// Refused when the file's bytes are no longer those that were read.
/// </summary>
internal static class FixedFileWriter
{
    /// <summary>Null when written; otherwise why not (the file is then untouched).</summary>
    public static string? Write(SourceFileContent original, string fixedText)
    {
        string path = original.Path;
        try
        {
            // Write through a symbolic link to its target, so the link stays a link.
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
            byte[] expected = original.Encode(original.Text.ToString());
            byte[] current = File.ReadAllBytes(target);
            if (!current.AsSpan().SequenceEqual(expected)) return "the file changed since it was read: not written";

            string directory = Path.GetDirectoryName(target) ?? ".";
            string temporary = Path.Combine(directory, "." + Path.GetFileName(target) + ".plimsoll-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(original.Encode(fixedText));
                    stream.Flush(flushToDisk: true);
                }
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
                File.Move(temporary, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            return null;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return "cannot write the fixed file: " + e.Message;
        }
    }
}
