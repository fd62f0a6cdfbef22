namespace Plimsoll.Cli.LanguageServer.Linting;

/// <summary>What <c>plimsoll lsp</c> was started with (the extension's <c>plimsoll.args</c>): the same meaning as for <c>plimsoll lint</c>.</summary>
internal sealed record ServerOptions(string? ConfigPath, IReadOnlyList<string> RulePacks, string? ComposeSchemaPath)
{
    public static ServerOptions Default { get; } = new(null, Array.Empty<string>(), null);
}
