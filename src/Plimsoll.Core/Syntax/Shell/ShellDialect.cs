namespace Plimsoll.Syntax.Shell;

/// <summary>Which shell language a script is read as, where shells disagree on the syntax.</summary>
public enum ShellDialect
{
    /// <summary>
    /// POSIX sh (dash, BusyBox ash; <c>/bin/sh</c>, the default of RUN): <c>((</c> opens two nested subshells, so
    /// <c>((curl … | sh))</c> runs the pipeline.
    /// </summary>
    Posix,

    /// <summary>bash, zsh and ksh: <c>(( expression ))</c> is an arithmetic command.</summary>
    Bash,
}

/// <summary>The dialect of a shell program.</summary>
public static class ShellDialects
{
    private static readonly HashSet<string> PosixShells = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox" };

    /// <summary>The program's file name: <c>bash</c> for <c>/bin/bash</c>.</summary>
    /// <remarks>Asked for every RUN: the shells' own names are returned as constants, not cut out of the path again.</remarks>
    public static string ProgramName(string program)
    {
        var name = program.AsSpan(program.LastIndexOf('/') + 1);
        if (name.Length == program.Length) return program;
        return name switch
        {
            "sh" => "sh", "bash" => "bash", "ash" => "ash", "dash" => "dash", "zsh" => "zsh", "ksh" => "ksh", "mksh" => "mksh",
            "busybox" => "busybox",
            _ => name.ToString(),
        };
    }

    /// <summary>Whether <paramref name="program"/> (a name or path) is a POSIX-family shell that takes <c>-c script</c>.</summary>
    public static bool IsPosixShell(string program) => PosixShells.Contains(ProgramName(program));

    /// <summary>The dialect of the shell <paramref name="program"/> (a name or path such as <c>/bin/bash</c>): Bash for bash, zsh and the ksh family, else POSIX.</summary>
    public static ShellDialect ForProgram(string? program)
    {
        if (string.IsNullOrEmpty(program)) return ShellDialect.Posix;
        string path = program!;
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        return name is "bash" or "zsh" or "ksh" or "ksh93" or "mksh" or "pdksh" ? ShellDialect.Bash : ShellDialect.Posix;
    }
}
