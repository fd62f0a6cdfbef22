namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>The modifier of a braced variable reference, as BuildKit's word lexer reads it.</summary>
public enum VariableOperator
{
    /// <summary><c>$VAR</c> or <c>${VAR}</c>.</summary>
    None,

    /// <summary><c>${VAR:-word}</c>: word when VAR is unset or empty.</summary>
    DefaultIfUnsetOrEmpty,

    /// <summary><c>${VAR-word}</c>: word when VAR is unset.</summary>
    DefaultIfUnset,

    /// <summary><c>${VAR:+word}</c>: word when VAR is set and not empty, else empty.</summary>
    AlternateIfSetAndNotEmpty,

    /// <summary><c>${VAR+word}</c>: word when VAR is set, else empty.</summary>
    AlternateIfSet,

    /// <summary><c>${VAR:?message}</c>: an error when VAR is unset or empty.</summary>
    ErrorIfUnsetOrEmpty,

    /// <summary><c>${VAR?message}</c>: an error when VAR is unset.</summary>
    ErrorIfUnset,

    /// <summary><c>${VAR#pattern}</c> (BuildKit also accepts <c>${VAR:#pattern}</c>).</summary>
    RemoveShortestPrefix,

    /// <summary><c>${VAR##pattern}</c>.</summary>
    RemoveLongestPrefix,

    /// <summary><c>${VAR%pattern}</c> (BuildKit also accepts <c>${VAR:%pattern}</c>).</summary>
    RemoveShortestSuffix,

    /// <summary><c>${VAR%%pattern}</c>.</summary>
    RemoveLongestSuffix,

    /// <summary><c>${VAR/pattern/replacement}</c>.</summary>
    ReplaceFirst,

    /// <summary><c>${VAR//pattern/replacement}</c>.</summary>
    ReplaceAll,

    /// <summary>A modifier BuildKit rejects, such as <c>${VAR:=word}</c> or <c>${VAR=word}</c>.</summary>
    Unsupported,
}
