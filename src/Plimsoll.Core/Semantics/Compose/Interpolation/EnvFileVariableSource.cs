namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>The variables of one or more env files read in order; a later file overrides an earlier one, as in compose.</summary>
public sealed class EnvFileVariableSource : IVariableSource
{
    private readonly Dictionary<string, VariableDefinition> variables = new(StringComparer.Ordinal);

    /// <param name="origin"><see cref="ValueOrigin.DotEnv"/> for the default <c>.env</c>, <see cref="ValueOrigin.EnvFile"/> for <c>--env-file</c>.</param>
    public EnvFileVariableSource(IEnumerable<DotEnvFile> files, ValueOrigin origin)
    {
        Files = (files ?? Enumerable.Empty<DotEnvFile>()).ToList();
        Origin = origin;
        foreach (var file in Files)
        {
            foreach (var name in file.Names)
            {
                var entry = file.Find(name)!;
                variables[name] = new VariableDefinition(name, entry.Value!, origin, file, entry);
            }
        }
    }

    public IReadOnlyList<DotEnvFile> Files { get; }

    public ValueOrigin Origin { get; }

    public IEnumerable<string> Names => variables.Keys;

    public VariableDefinition? Find(string name) => name is not null && variables.TryGetValue(name, out var v) ? v : null;
}
