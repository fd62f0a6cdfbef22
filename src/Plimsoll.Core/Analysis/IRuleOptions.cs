namespace Plimsoll.Analysis;

/// <summary>Options a rule can read for the file being analyzed (from <c>plimsoll.&lt;name&gt;</c> configuration keys).</summary>
public interface IRuleOptions
{
    /// <summary>The raw value of <c>plimsoll.&lt;name&gt;</c>, or null.</summary>
    string? GetOption(string key);

    /// <summary>A comma-separated option as a list (trimmed, empty entries dropped).</summary>
    IReadOnlyList<string> GetListOption(string key);
}

/// <summary>No options set.</summary>
public sealed class EmptyRuleOptions : IRuleOptions
{
    public static readonly EmptyRuleOptions Instance = new();
    public string? GetOption(string key) => null;
    public IReadOnlyList<string> GetListOption(string key) => Array.Empty<string>();
}
