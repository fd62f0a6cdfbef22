namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>Where an interpolated value (or one variable reference in it) came from.</summary>
public enum ValueOrigin
{
    /// <summary>The text has no variable reference (only literal text and <c>$$</c> escapes).</summary>
    Literal,

    /// <summary>The text of a reference came from its default (<c>:-</c>, <c>-</c>) or alternate (<c>:+</c>, <c>+</c>) operand.</summary>
    Default,

    /// <summary>The variable was defined in the <c>.env</c> file beside the compose file.</summary>
    DotEnv,

    /// <summary>The variable was defined in a file given with <c>--env-file</c>.</summary>
    EnvFile,

    /// <summary>The variable came from the process environment of the machine that runs compose.</summary>
    Environment,

    /// <summary>
    /// At least one variable is unset and has no default: compose substitutes an empty string (with a warning),
    /// but the value on the machine that deploys is unknowable here. Not the same as a variable set to "".
    /// </summary>
    Unknown,
}
