using Plimsoll.Analysis;
using Plimsoll.Analysis.ShellChecking;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// What .editorconfig says about ShellCheck for a file: <c>plimsoll.shellcheck.severity</c> (the lowest ShellCheck level
/// reported: style, info (default), warning or error) and <c>plimsoll.shellcheck.exclude</c> (codes never asked for,
/// <c>SC2086, SC2046</c>). A code can also be configured like a rule: <c>dotnet_diagnostic.SC2086.severity</c>.
/// </summary>
internal static class ShellCheckSettings
{
    public const string SeverityKey = "plimsoll.shellcheck.severity";
    public const string ExcludeKey = "plimsoll.shellcheck.exclude";

    // Always left out, as hadolint does: ash is not ShellCheck's (SC2187); sourced files live in the image, not here (SC1090, SC1091).
    private static readonly int[] AlwaysExcluded = { 1090, 1091, 2187 };

    public static ShellCheckOptions For(IRuleOptions options)
    {
        var level = options.GetOption(SeverityKey)?.Trim().ToLowerInvariant() switch
        {
            "style" => ShellCheckLevel.Style,
            "warning" => ShellCheckLevel.Warning,
            "error" => ShellCheckLevel.Error,
            _ => ShellCheckLevel.Info,
        };
        var excluded = new SortedSet<int>(AlwaysExcluded);
        foreach (string code in options.GetListOption(ExcludeKey))
        {
            string digits = code.StartsWith("SC", StringComparison.OrdinalIgnoreCase) ? code.Substring(2) : code;
            if (int.TryParse(digits, out int number) && number > 0) excluded.Add(number);
        }
        return new ShellCheckOptions(level, excluded.ToArray());
    }
}
