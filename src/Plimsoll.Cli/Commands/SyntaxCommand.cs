using System.CommandLine;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

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
        var read = PhysicalFileSystem.Instance.ReadFile(Path.GetFullPath(path));
        if (!read.IsOk)
        {
            Console.Error.WriteLine($"{path}: error: {(read.Status == FileReadStatus.NotFound ? "no such file" : "it " + read.Message)}");
            return ExitCodes.UsageOrToolError;
        }
        var content = read.Content!;
        switch (SourceFileKinds.ClassifyNamed(path, content.Text, forcedKind))
        {
            case SourceFileKind.Compose:
            case SourceFileKind.Stack:
                Console.Out.Write(ComposeSyntax.Print(content, includeTrivia));
                return ExitCodes.Clean;
            case SourceFileKind.Dockerfile:
                Console.Out.Write(DockerfileTreePrinter.Print(DockerfileSyntaxTree.Parse(content.Text, path), includeTrivia));
                return ExitCodes.Clean;
            default:
                return ExitCodes.UsageOrToolError;
        }
    }

    private static int RunRoundTrip(string[] paths, SourceFileKind? forcedKind)
    {
        var search = new SourceFileFinder(PhysicalFileSystem.Instance) { RespectGitIgnore = false }.Find(paths, forcedKind);
        foreach (var path in search.Missing) Console.Error.WriteLine($"{path}: error: no such file or directory");
        foreach (var (path, message) in search.Unreadable) Console.Error.WriteLine($"{path}: error: cannot list the folder: {message}");
        var files = search.Files;

        int ok = 0;
        var failed = new List<string>();
        var mismatched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, foundKind) in files)
        {
            var kind = SourceFileKinds.ClassifyNamed(path, null, foundKind == SourceFileKind.Unknown ? null : foundKind);
            byte[]? bytes = PhysicalFileSystem.ReadBytes(Path.GetFullPath(path), PhysicalFileSystem.DefaultMaxFileBytes, out var failure);
            if (bytes == null)
            {
                Console.Error.WriteLine($"{path}: error: cannot read: it {failure!.Message}");
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
                mismatched.Add(path);
                Console.Out.WriteLine($"{path}: does not round-trip");
            }
        }
        Console.Out.WriteLine($"roundtrip: {ok}/{files.Count} files");
        // A path that does not exist or cannot be read is a usage/tool error (2), not a failed round trip (1).
        if (search.Missing.Count > 0 || search.Unreadable.Count > 0 || failed.Any(f => !mismatched.Contains(f))) return ExitCodes.UsageOrToolError;
        return mismatched.Count == 0 ? ExitCodes.Clean : ExitCodes.Findings;
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
