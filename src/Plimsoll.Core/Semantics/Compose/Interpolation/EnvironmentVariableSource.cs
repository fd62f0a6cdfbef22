using System.Collections;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>Variables of a process environment (by default, this process's).</summary>
public sealed class EnvironmentVariableSource : IVariableSource
{
    private readonly Dictionary<string, VariableDefinition> variables;

    public EnvironmentVariableSource(IEnumerable<KeyValuePair<string, string>> environment)
    {
        variables = new Dictionary<string, VariableDefinition>(StringComparer.Ordinal);
        foreach (var pair in environment ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            if (pair.Key is null || pair.Value is null) continue;
            variables[pair.Key] = new VariableDefinition(pair.Key, pair.Value, ValueOrigin.Environment);
        }
    }

    public IEnumerable<string> Names => variables.Keys;

    public VariableDefinition? Find(string name) => name is not null && variables.TryGetValue(name, out var v) ? v : null;
}
