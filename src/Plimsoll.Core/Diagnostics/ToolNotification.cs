namespace Plimsoll.Diagnostics;

/// <summary>How serious a <see cref="ToolNotification"/> is (SARIF notification <c>level</c>).</summary>
public enum ToolNotificationLevel
{
    Error,
    Warning,
    Note,
}

/// <summary>
/// Something that went wrong while running rather than a finding, e.g. a file that could not be read
/// or parsed. Written to <c>invocations[0].toolExecutionNotifications</c>.
/// </summary>
/// <param name="Path">The file concerned, or null when the notification is about no file.</param>
/// <param name="Message">Plain-text message; a sentence ending with a period.</param>
/// <param name="Level">Error means part of the input was not analysed.</param>
public sealed record ToolNotification(string? Path, string Message, ToolNotificationLevel Level);
