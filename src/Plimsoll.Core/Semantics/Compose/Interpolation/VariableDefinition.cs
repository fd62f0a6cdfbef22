using Microsoft.CodeAnalysis;
using Plimsoll.Diagnostics;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>A variable's value and where it was defined, so that a finding can point at the <c>.env</c> line.</summary>
public sealed class VariableDefinition
{
    public VariableDefinition(string name, string value, ValueOrigin origin, DotEnvFile? file = null, DotEnvVariable? entry = null)
    {
        Name = name;
        Value = value;
        Origin = origin;
        File = file;
        Entry = entry;
    }

    public string Name { get; }

    public string Value { get; }

    /// <summary><see cref="ValueOrigin.DotEnv"/>, <see cref="ValueOrigin.EnvFile"/> or <see cref="ValueOrigin.Environment"/>.</summary>
    public ValueOrigin Origin { get; }

    /// <summary>The env file that defines the variable; null for the process environment.</summary>
    public DotEnvFile? File { get; }

    /// <summary>The defining statement in <see cref="File"/>.</summary>
    public DotEnvVariable? Entry { get; }

    public string? Path => File?.Path;

    /// <summary>Zero-based line of the defining statement, or -1 when not defined in a file.</summary>
    public int Line => Entry?.Line ?? -1;

    /// <summary>The defining statement as a Roslyn location, or <see cref="Location.None"/>.</summary>
    public Location GetLocation()
        => File is null || Entry is null ? Location.None : PlimsollDiagnostic.CreateLocation(File.Path, File.Text, Entry.Span);

    public override string ToString() => Name + "=" + Value + " (" + Origin + (Path is null ? "" : ", " + Path + ":" + (Line + 1)) + ")";
}
