namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>Which tool's interpolation rules apply: they differ, and both are in use.</summary>
public enum InterpolationDialect
{
    /// <summary>
    /// Docker Compose v2 (compose-spec/compose-go): <c>$VAR</c>, <c>${VAR}</c>, the <c>:-</c> <c>-</c> <c>:?</c> <c>?</c>
    /// <c>:+</c> <c>+</c> operators, operands interpolated recursively (so they nest), <c>$$</c> escapes.
    /// </summary>
    Compose,

    /// <summary>
    /// <c>docker stack deploy</c> / <c>docker stack config</c> (docker/cli's older template): no <c>+</c> operators, operands
    /// are literal text up to the first <c>}</c> (no nesting), an operator also applies after an unbraced name
    /// (<c>$VAR-x</c> means <c>${VAR-x}</c>), and the operator is chosen by which separator occurs anywhere in the
    /// expression, in the order <c>:-</c>, <c>-</c>, <c>:?</c>, <c>?</c> (so <c>${VAR:?must-be-set}</c> means default "be-set").
    /// </summary>
    Stack,
}
