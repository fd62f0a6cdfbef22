using System.CommandLine;
using System.Reflection;
using Plimsoll.Cli.Commands;

namespace Plimsoll.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var root = new RootCommand("Plimsoll: a linter and analyzer for Dockerfiles and Docker Compose / Swarm stack files.")
            {
                LintCommand.Create(),
                RulesCommand.CreateRules(),
                RulesCommand.CreateExplain(),
                SyntaxCommand.Create(),
                LspCommand.Create(),
            };
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                foreach (var error in parseResult.Errors) Console.Error.WriteLine("plimsoll: " + error.Message);
                Console.Error.WriteLine("Run 'plimsoll --help' for usage.");
                return ExitCodes.UsageOrToolError;
            }
            return parseResult.Invoke();
        }
        catch (Exception e)
        {
            // A linter must never greet its user with a stack trace; say what happened and exit 2.
            Console.Error.WriteLine("plimsoll: internal error: " + e.GetType().Name + ": " + e.Message);
            return ExitCodes.UsageOrToolError;
        }
    }

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
