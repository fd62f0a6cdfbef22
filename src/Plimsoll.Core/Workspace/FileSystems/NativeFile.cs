using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Plimsoll.Workspace.FileSystems;

/// <summary>What a path is on disk, as the operating system's file type says.</summary>
internal enum DiskFileType
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// <summary>The type could not be had (unsupported platform): the caller reads with its size limit only.</summary>
    Unknown,
}

#if NET
/// <summary>An opened file (Handle set) or why it could not be opened (Error set); Size is -1 where the platform did not give it with the type.</summary>
internal readonly record struct OpenedFile(SafeFileHandle? Handle, DiskFileType Type, string? Error, long Size = -1, bool IsLink = false);

/// <summary>
/// Opens files the way a linter must: without blocking on a FIFO, and knowing the file type before reading.
/// .NET has no API for either (on Unix <c>File.GetAttributes</c> says Normal for a FIFO or <c>/dev/zero</c>, and
/// <c>FileStream</c> opening a FIFO waits for a writer forever), so this calls libc: <c>open(O_NONBLOCK)</c>, then
/// the type of the opened descriptor (statx on Linux, whose layout is the same on every architecture; fstat on
/// macOS). Checking the descriptor that is then read leaves no window for the path to be swapped in between.
/// Elsewhere (Windows, or a libc without these calls) TryOpen returns false and the caller falls back to managed I/O.
/// </summary>
internal static class NativeFile
{
    private const int ENOENT = 2;
    private const int ELOOP = 40;

    /// <summary>
    /// Opens <paramref name="path"/> for reading (following symbolic links) and tells its type. False when this
    /// platform is not supported; otherwise <paramref name="opened"/> holds the open handle (the caller disposes it),
    /// or no handle and why the file could not be opened.
    /// </summary>
    public static bool TryOpen(string path, out OpenedFile opened) => TryOpen(path, followLinks: true, out opened);

    /// <summary>
    /// As <see cref="TryOpen(string, out OpenedFile)"/>; without <paramref name="followLinks"/> a path that is a
    /// symbolic link is not opened (its type is then <see cref="DiskFileType.Unknown"/> and IsLink set). False also
    /// where this platform cannot open without following.
    /// </summary>
    public static bool TryOpen(string path, bool followLinks, out OpenedFile opened)
    {
        opened = default;
        try
        {
            int flags;
            if (OperatingSystem.IsLinux()) flags = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
            else if (OperatingSystem.IsMacOS()) flags = 0x4 | 0x1000000;
            else return false;
            if (!followLinks)
            {
                // O_NOFOLLOW differs between architectures on Linux.
                if (!OperatingSystem.IsLinux()) return false;
                else if (RuntimeInformation.ProcessArchitecture == Architecture.X64) flags |= 0x20000;
                else if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64) flags |= 0x8000;
                else return false;
            }
            int fd = open(NullTerminated(path), flags);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                opened = new OpenedFile(null, errno == ENOENT ? DiskFileType.Missing : DiskFileType.Unknown, Marshal.GetPInvokeErrorMessage(errno), IsLink: !followLinks && errno == ELOOP);
                return true;
            }
            var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
            int mode = ModeOf(fd, out long size);
            if (mode < 0)
            {
                handle.Dispose();
                return false;
            }
            opened = new OpenedFile(handle, FromMode(mode), null, size);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The type of the file at <paramref name="path"/> (following links) without opening it — opening a device can
    /// have effects — or Unknown where the platform cannot tell.
    /// </summary>
    public static DiskFileType TypeOf(string path)
    {
        try
        {
            var buffer = new byte[256];
            if (OperatingSystem.IsLinux())
            {
                // statx(AT_FDCWD, path, 0, STATX_TYPE, &buf)
                if (statx(-100, NullTerminated(path), 0, 0x1, buffer) != 0) return Marshal.GetLastPInvokeError() == ENOENT ? DiskFileType.Missing : DiskFileType.Unknown;
                return FromMode(BitConverter.ToUInt16(buffer, 0x1C));
            }
            if (OperatingSystem.IsMacOS())
            {
                int result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? stat_x64(NullTerminated(path), buffer) : stat(NullTerminated(path), buffer);
                if (result != 0) return Marshal.GetLastPInvokeError() == ENOENT ? DiskFileType.Missing : DiskFileType.Unknown;
                return FromMode(BitConverter.ToUInt16(buffer, 4));
            }
            return DiskFileType.Unknown;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return DiskFileType.Unknown;
        }
    }

    // The kernel writes the answer of a stat call here: one buffer per thread, not one per file opened. The empty
    // path of statx(fd, "", AT_EMPTY_PATH) is only read, so one serves all.
    [ThreadStatic] private static byte[]? t_statBuffer;
    private static readonly byte[] EmptyPath = new byte[1];

    private static int ModeOf(int fd, out long size)
    {
        size = -1;
        var buffer = t_statBuffer ??= new byte[256];
        if (OperatingSystem.IsLinux())
        {
            // statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, &buf): stx_mode is the u16 at offset 0x1C, stx_size
            // the u64 at 0x28, valid when stx_mask (the u32 at 0) has STATX_SIZE.
            if (statx(fd, EmptyPath, 0x1000, 0x1 | 0x200, buffer) != 0) return -1;
            if ((BitConverter.ToUInt32(buffer, 0) & 0x200) != 0) size = BitConverter.ToInt64(buffer, 0x28);
            return BitConverter.ToUInt16(buffer, 0x1C);
        }
        // macOS struct stat (64-bit inodes): dev_t st_dev (4 bytes), then mode_t st_mode (u16) at offset 4.
        int result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? fstat_x64(fd, buffer) : fstat(fd, buffer);
        return result != 0 ? -1 : BitConverter.ToUInt16(buffer, 4);
    }

    /// <summary>
    /// pread(2) into <paramref name="buffer"/> at <paramref name="fileOffset"/>: the bytes read, 0 at the end. One call on
    /// Linux, where .NET's positioned read first asks whether the descriptor can seek; elsewhere .NET's.
    /// </summary>
    public static int Read(SafeFileHandle handle, byte[] buffer, int offset, int count, long fileOffset)
    {
        if (!OperatingSystem.IsLinux()) return RandomAccess.Read(handle, new Span<byte>(buffer, offset, count), fileOffset);
        if (count == 0) return 0;
        while (true)
        {
            long n = pread((int)handle.DangerousGetHandle(), ref buffer[offset], count, fileOffset);
            if (n >= 0) return (int)n;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
        }
    }

    private const int EINTR = 4;

    [DllImport("libc", SetLastError = true)]
    private static extern nint pread(int fd, ref byte buffer, nint count, long offset);

    private static DiskFileType FromMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => DiskFileType.Regular,
        0x4000 => DiskFileType.Directory,
        0x1000 => DiskFileType.Fifo,
        0x2000 => DiskFileType.CharacterDevice,
        0x6000 => DiskFileType.BlockDevice,
        0xC000 => DiskFileType.Socket,
        _ => DiskFileType.Unknown,
    };

    /// <summary>A path as libc takes it: UTF-8 bytes ending in a zero.</summary>
    internal static byte[] NullTerminated(string path)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, byte[] buffer);

    [DllImport("libc", EntryPoint = "fstat$INODE64", SetLastError = true)]
    private static extern int fstat_x64(int fd, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(byte[] path, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
    private static extern int stat_x64(byte[] path, byte[] buffer);
}
#endif
