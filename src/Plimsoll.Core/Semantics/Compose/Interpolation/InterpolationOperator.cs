namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>The operator of one variable reference.</summary>
public enum InterpolationOperator
{
    /// <summary><c>$VAR</c> or <c>${VAR}</c>.</summary>
    None,

    /// <summary><c>${VAR:-default}</c>: default when unset or empty.</summary>
    DefaultWhenUnsetOrEmpty,

    /// <summary><c>${VAR-default}</c>: default when unset.</summary>
    DefaultWhenUnset,

    /// <summary><c>${VAR:?error}</c>: error when unset or empty.</summary>
    RequiredNonEmpty,

    /// <summary><c>${VAR?error}</c>: error when unset.</summary>
    Required,

    /// <summary><c>${VAR:+alternate}</c>: alternate when set and non-empty, else empty.</summary>
    AlternateWhenNonEmpty,

    /// <summary><c>${VAR+alternate}</c>: alternate when set, else empty.</summary>
    AlternateWhenSet,
}
