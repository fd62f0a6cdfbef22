using System.Runtime.InteropServices;

namespace Plimsoll.Workspace.FileSystems;

#if NET
/// <summary>An entry of a directory as readdir(3) names it, with the type the directory itself records.</summary>
internal readonly record struct NativeDirectoryEntry(string Name, DiskFileType Type, bool IsLink);

/// <summary>
/// Lists a directory with readdir(3) on Linux, taking each entry's type from the directory (d_type): no stat per
/// entry, and a regular file is told apart from a FIFO or device, which .NET's enumeration cannot do (on Unix it says
/// Normal for both, after an lstat of every entry). A reader that sees a file listed as regular need not look at its
/// path again before opening it (see <see cref="PhysicalFileSystem.ReadFileListedAsRegular"/>).
/// Elsewhere, or when the listing fails, TryList returns false and the caller lists with .NET (and says why it failed).
/// </summary>
internal static class NativeDirectory
{
    // d_type values (dirent.h): the same on every Linux architecture.
    private const byte DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12;

    // struct dirent on Linux (glibc and musl, 64-bit): ino_t d_ino, off_t d_off, unsigned short d_reclen,
    // unsigned char d_type, char d_name[]: the type at byte 18, the name from byte 19.
    private const int TypeOffset = 18, NameOffset = 19;

    public static bool TryList(string directory, out List<NativeDirectoryEntry> entries)
    {
        entries = new List<NativeDirectoryEntry>();
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8) return false;
        IntPtr dir;
        try
        {
            dir = opendir(NativeFile.NullTerminated(directory));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        if (dir == IntPtr.Zero) return false;
        try
        {
            while (true)
            {
                IntPtr entry = readdir(dir);
                if (entry == IntPtr.Zero) return Marshal.GetLastPInvokeError() == 0; // the end, or an error (then .NET says which)
                string? name = NameOf(entry);
                if (name == null) continue;
                byte type = Marshal.ReadByte(entry, TypeOffset);
                entries.Add(type switch
                {
                    DT_REG => new NativeDirectoryEntry(name, DiskFileType.Regular, false),
                    DT_DIR => new NativeDirectoryEntry(name, DiskFileType.Directory, false),
                    DT_LNK => new NativeDirectoryEntry(name, DiskFileType.Unknown, true),
                    DT_FIFO => new NativeDirectoryEntry(name, DiskFileType.Fifo, false),
                    DT_CHR => new NativeDirectoryEntry(name, DiskFileType.CharacterDevice, false),
                    DT_BLK => new NativeDirectoryEntry(name, DiskFileType.BlockDevice, false),
                    DT_SOCK => new NativeDirectoryEntry(name, DiskFileType.Socket, false),
                    // Some file systems record no type: the caller looks at such an entry as .NET would.
                    _ => new NativeDirectoryEntry(name, DiskFileType.Unknown, false),
                });
            }
        }
        finally
        {
            closedir(dir);
        }
    }

    // The entry's name; null for "." and "..". Names that are not UTF-8 are decoded as .NET decodes them (replacement characters).
    private static string? NameOf(IntPtr entry)
    {
        string name = Marshal.PtrToStringUTF8(entry + NameOffset) ?? "";
        return name is "" or "." or ".." ? null : name;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr opendir(byte[] name);

    // SetLastError: errno is cleared before the call, so after a null result it tells the end (0) from an error.
    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr readdir(IntPtr dir);

    [DllImport("libc")]
    private static extern int closedir(IntPtr dir);
}
#endif
