using System.CommandLine;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Hosting;
using Plimsoll.Cli.LanguageServer;
using Plimsoll.Cli.LanguageServer.Linting;
using Plimsoll.Rules;

namespace Plimsoll.Cli.Commands;

/// <summary><c>plimsoll lsp</c>: the language server, on standard input and output.</summary>
internal static class LspCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Speak LSP on standard input/output (the default and only transport; accepted for clients that pass it)." };
        var config = new Option<string?>("--config") { Description = "An .editorconfig-style file applied under the project's own .editorconfig files." };
        var rules = new Option<string[]>("--rules") { Description = "A rule pack assembly to load (repeatable)." };
        var composeSchema = new Option<string?>("--compose-schema") { Description = "The Compose specification JSON schema: unknown keys and wrong types become PL9002." };
        var command = new Command("lsp", "Run the language server (LSP over standard input/output) for editors.") { stdio, config, rules, composeSchema };
        command.SetAction(parseResult =>
        {
            var options = new ServerOptions(parseResult.GetValue(config), parseResult.GetValue(rules) ?? Array.Empty<string>(), parseResult.GetValue(composeSchema));
            return Run(options);
        });
        return command;
    }

    private static int Run(ServerOptions options)
    {
        // Native AOT cannot load rule packs: the framework-dependent build beside it serves instead.
        if (options.RulePacks.Count > 0 && JitHandoff.IsNeeded) return JitHandoff.Run();
        var analyzers = new List<PlimsollAnalyzer>(BuiltInRules.CreateAnalyzers());
        foreach (var pack in options.RulePacks)
        {
            var loaded = LoadRulePack(pack, out var error);
            if (error != null)
            {
                Console.Error.WriteLine("plimsoll lsp: " + error);
                return ExitCodes.UsageOrToolError;
            }
            analyzers.AddRange(loaded);
        }
        SessionDocumentLinter linter;
        try
        {
            linter = SessionDocumentLinter.Create(analyzers, options);
        }
        catch (LintSessionSetupException e)
        {
            Console.Error.WriteLine("plimsoll lsp: " + e.Message);
            return ExitCodes.UsageOrToolError;
        }

        // Standard output carries the protocol: nothing else may write to it.
        var stdout = Console.OpenStandardOutput();
        var stdin = Console.OpenStandardInput();
        Console.SetOut(Console.Error);
        var exitCode = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new PlimsollLanguageServer(_ => linter, code => exitCode.TrySetResult(code));
        var rpc = LanguageServerHost.Start(stdout, stdin, server);
        // The client closing the pipe without 'exit' (it crashed) also ends the server.
        rpc.Disconnected += (_, _) => exitCode.TrySetResult(1);
        int code = exitCode.Task.GetAwaiter().GetResult();
        stdout.Flush();
        return code;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached where dynamic code runs: the native build hands --rules runs to the JIT build (JitHandoff).")]
    private static IReadOnlyList<PlimsollAnalyzer> LoadRulePack(string path, out string? error) => AnalyzerLoader.FromFile(path, out error);
}
