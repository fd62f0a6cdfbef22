namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>Looks variables up by name for interpolation.</summary>
public interface IVariableSource
{
    /// <summary>The definition of <paramref name="name"/>, or null when the variable is unset here.</summary>
    VariableDefinition? Find(string name);
}
