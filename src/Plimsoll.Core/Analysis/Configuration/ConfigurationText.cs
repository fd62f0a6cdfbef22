using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Configuration;

internal static class ConfigurationText
{
    /// <summary>The text of a configuration file as a reader that detects encodings gives it: without a leading byte-order mark.</summary>
    public static string WithoutByteOrderMark(SourceText text)
    {
        string s = text.ToString();
        return s.Length > 0 && s[0] == '\uFEFF' ? s.Substring(1) : s;
    }
}
