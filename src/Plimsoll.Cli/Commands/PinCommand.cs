using System.CommandLine;
using Plimsoll.Cli.Pinning;

namespace Plimsoll.Cli.Commands;

/// <summary>
/// <c>plimsoll pin [PATH…]</c>: pins image references to the digest their tag has now, asking the registry.
/// The only command that opens a network connection.
/// </summary>
internal static class PinCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<bool>("--check") { Description = "Write nothing; report digests that no longer match their tag (exit 1 when one is stale)." };
        var dryRun = new Option<bool>("--dry-run", "--diff") { Description = "Print the changes as a unified diff; write nothing." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each registry request.", DefaultValueFactory = _ => 10 };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 3600) result.AddError("--timeout must be more than 0 and at most 3600 seconds.");
        });
        var insecure = new Option<string[]>("--insecure-registry") { Description = "A registry host (host or host:port) to speak to over plain HTTP (repeatable); loopback hosts always are." };

        var command = new Command("pin", "Pin image references to the digest their tag has now, asking the registry (the only command that uses the network).")
        {
            paths, check, dryRun, timeout, insecure,
        };
        command.SetAction(parseResult =>
        {
            var selected = parseResult.GetValue(paths);
            var request = new PinRequest(
                selected == null || selected.Length == 0 ? new[] { "." } : selected,
                parseResult.GetValue(check),
                parseResult.GetValue(dryRun),
                TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                parseResult.GetValue(insecure) ?? Array.Empty<string>());
            return new DigestPinner(request, Console.Out, Console.Error).Run();
        });
        return command;
    }
}
