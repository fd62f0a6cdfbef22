using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Shared;

/// <summary>Small facts several rules share.</summary>
internal static class RuleHelpers
{
    /// <summary>Shells and interpreters that execute what they read on standard input.</summary>
    public static readonly HashSet<string> ScriptInterpreters = new(StringComparer.Ordinal)
    {
        "sh", "bash", "zsh", "dash", "ash", "ksh", "fish", "busybox", "python", "python2", "python3", "perl", "ruby", "node", "php", "pwsh", "powershell",
    };

    public static bool IsDownloader(string? name) => name == "curl" || name == "wget";

    /// <summary>The literal URL text of a word (with a variable part left as is), or null when it is not a URL.</summary>
    public static string? UrlOf(ShellWord word)
    {
        string value = word.TryGetLiteralValue(out var literal) ? literal : word.ApproximateValue;
        return LooksLikeUrl(value) ? value : null;
    }

    public static bool LooksLikeUrl(string value)
        => value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
           || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
           || value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);

    public static bool IsPlainHttp(string url)
        => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loopback URLs are not a network risk (e.g. a service started earlier in the same RUN).</summary>
    public static bool IsLoopback(string url)
    {
        int start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0) return false;
        string host = url.Substring(start + 3);
        return host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) || host.StartsWith("[::1]", StringComparison.Ordinal);
    }
}
