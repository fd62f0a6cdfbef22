using System.Globalization;

namespace Plimsoll.Rules.Resources;

/// <summary>
/// A size as compose reads <c>mem_limit</c> and <c>deploy.resources.limits.memory</c> (go-units RAMInBytes): a number,
/// at most one space, then nothing, <c>b</c>, or a scale letter k/m/g/t/p alone or followed by <c>b</c> or <c>ib</c>,
/// in any case; the scales are binary. <c>512Mi</c> and <c>1gig</c> are refused.
/// </summary>
internal readonly record struct ComposeSize(double Number, double Multiplier)
{
    private const string Scales = "kmgtp";

    public static ComposeSize? Parse(string text)
    {
        int end = text.Length;
        while (end > 0 && char.IsLetter(text[end - 1])) end--;
        string suffix = text.Substring(end).ToLowerInvariant();
        string number = text.Substring(0, end);
        if (number.EndsWith(" ", StringComparison.Ordinal)) number = number.Substring(0, number.Length - 1);
        if (number.Length == 0 || !number.All(c => (c >= '0' && c <= '9') || c == '.')) return null;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return null;
        if (suffix is "" or "b") return new ComposeSize(n, 1);
        int scale = Scales.IndexOf(suffix[0]);
        if (scale < 0 || suffix.Length > 1 && suffix.Substring(1) is not ("b" or "ib")) return null;
        return new ComposeSize(n, Math.Pow(1024, scale + 1));
    }
}
