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
                PinCommand.Create(),
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
            // System.CommandLine's own handler would print a stack trace and exit 1, the findings code: handled below instead.
            return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // A linter must never greet its user with a stack trace, nor exit 1 (findings) for its own failure: one line, exit 2.
            return ReportUnexpected(e);
        }
    }

    private static int ReportUnexpected(Exception e)
    {
        try
        {
            Console.Error.WriteLine("plimsoll: internal error: " + e.GetType().Name + ": " + e.Message);
        }
        catch (Exception)
        {
            // stderr is gone too: the exit code is all that is left to say it.
        }
        return ExitCodes.UsageOrToolError;
    }

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
