using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.Workspace;

/// <summary>
/// The files options name (<c>--config</c>, <c>--baseline</c>, <c>--compose-schema</c>, <c>--rules</c>), checked before
/// their loaders open them: a directory, a FIFO or device, a missing or oversized file each get their own message
/// (and exit 2), instead of "Access denied", a hang, or a read that never ends.
/// </summary>
internal static class OptionFile
{
    public const long MaxConfigBytes = 1L * 1024 * 1024;
    public const long MaxComposeSchemaBytes = 8L * 1024 * 1024;
    public const long MaxRulePackBytes = 64L * 1024 * 1024;

    /// <summary>Null when <paramref name="path"/> is a regular file of at most <paramref name="maxBytes"/>; else the message.</summary>
    public static string? Problem(string option, string path, long maxBytes)
    {
        var bytes = PhysicalFileSystem.ReadBytes(path, maxBytes, out var failure);
        if (bytes != null) return null;
        return failure!.Status switch
        {
            FileReadStatus.NotFound => $"{option} {path}: no such file",
            FileReadStatus.TooLarge => $"{option} {path}: is larger than the {PhysicalFileSystem.DescribeSize(maxBytes)} limit for {option}",
            _ => $"{option} {path}: {(failure.Message!.StartsWith("is ", StringComparison.Ordinal) ? failure.Message : "cannot be read: " + failure.Message)}",
        };
    }
}
