using System.CommandLine;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Commands;

/// <summary><c>plimsoll syntax</c>: print syntax trees, or check that files round-trip through the parser.</summary>
internal static class SyntaxCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "A file to print, or with --roundtrip files and directories to check.", Arity = ArgumentArity.OneOrMore };
        var roundTrip = new Option<bool>("--roundtrip") { Description = "Parse every Dockerfile and compose file found under the paths and check that the tree reproduces each byte." };
        var trivia = new Option<bool>("--trivia") { Description = "Also print trivia (whitespace, comments, line continuations)." };
        var kind = KindOption.Create();

        var command = new Command("syntax", "Print the syntax tree of a file (kinds, spans, text), for people debugging rules.")
        {
            paths, roundTrip, trivia, kind,
        };
        command.SetAction(parseResult =>
        {
            var forced = KindOption.Parse(parseResult.GetValue(kind));
            var selected = parseResult.GetValue(paths) ?? Array.Empty<string>();
            return parseResult.GetValue(roundTrip)
                ? RunRoundTrip(selected, forced)
                : Print(selected, forced, parseResult.GetValue(trivia));
        });
        return command;
    }

    private static int Print(string[] paths, SourceFileKind? forcedKind, bool includeTrivia)
    {
        if (paths.Length != 1)
        {
            Console.Error.WriteLine("plimsoll syntax: give exactly one file to print (or use --roundtrip for many)");
            return ExitCodes.UsageOrToolError;
        }
        string path = paths[0];
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: error: file not found");
            return ExitCodes.UsageOrToolError;
        }
        var kind = forcedKind ?? SourceFileKinds.FromPath(path);
        var content = SourceFileReader.Read(path);
        switch (kind)
        {
            case SourceFileKind.Compose:
            case SourceFileKind.Stack:
                Console.Out.Write(ComposeSyntax.Print(content, includeTrivia));
                return ExitCodes.Clean;
            case SourceFileKind.Dockerfile:
            case SourceFileKind.Unknown: // a file named explicitly is read as a Dockerfile unless --kind says otherwise
                Console.Out.Write(DockerfileTreePrinter.Print(DockerfileSyntaxTree.Parse(content.Text, path), includeTrivia));
                return ExitCodes.Clean;
            default:
                return ExitCodes.UsageOrToolError;
        }
    }

    private static int RunRoundTrip(string[] paths, SourceFileKind? forcedKind)
    {
        var missing = new List<string>();
        var files = SourceFileFinder.Find(paths, forcedKind, missing);
        foreach (var path in missing) Console.Error.WriteLine($"{path}: error: no such file or directory");

        int ok = 0;
        var failed = new List<string>();
        foreach (var (path, kind) in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{path}: error: cannot read: {e.Message}");
                failed.Add(path);
                continue;
            }
            var content = SourceFileReader.Decode(path, bytes);
            string rebuilt = kind.IsComposeFamily()
                ? ComposeSyntax.RoundTrip(content)
                : DockerfileSyntaxTree.Parse(content.Text, path).ToFullString();
            if (content.Encode(rebuilt).AsSpan().SequenceEqual(bytes)) ok++;
            else
            {
                failed.Add(path);
                Console.Out.WriteLine($"{path}: does not round-trip");
            }
        }
        Console.Out.WriteLine($"roundtrip: {ok}/{files.Count} files");
        return failed.Count == 0 && missing.Count == 0 ? ExitCodes.Clean : ExitCodes.Findings;
    }
}

/// <summary>The <c>--kind</c> option shared by commands that read files.</summary>
internal static class KindOption
{
    public static Option<string?> Create()
    {
        var option = new Option<string?>("--kind") { Description = "Read every file as this kind instead of deciding from its name: dockerfile or compose." };
        option.AcceptOnlyFromAmong("dockerfile", "compose");
        return option;
    }

    public static SourceFileKind? Parse(string? value) => value switch
    {
        "dockerfile" => SourceFileKind.Dockerfile,
        "compose" => SourceFileKind.Compose,
        _ => null,
    };
}
