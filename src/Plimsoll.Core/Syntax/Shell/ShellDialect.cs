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
    // The POSIX-family shells, by file name. busybox runs them as applets (`busybox sh -c …`).
    private static readonly string[] PosixShells = { "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox" };

    /// <summary>The program's file name: <c>bash</c> for <c>/bin/bash</c>.</summary>
    /// <remarks>Asked for every RUN: a shell's name is returned as the list's own string, not cut out of the path again.</remarks>
    public static string ProgramName(string program)
    {
        var name = FileName(program);
        if (name.Length == program.Length) return program;
        return KnownShell(name) ?? name.ToString();
    }

    /// <summary>Whether <paramref name="program"/> (a name or path) is a POSIX-family shell that takes <c>-c script</c>.</summary>
    public static bool IsPosixShell(string program) => KnownShell(FileName(program)) != null;

    private static ReadOnlySpan<char> FileName(string program) => program.AsSpan(program.LastIndexOf('/') + 1);

    // The last characters of the names above ('h', and 'x' of busybox): asked for every command (is it `sh -c`?), most
    // names (apt-get, echo, rm) are answered by their last character, without comparing them with eight names.
    private static readonly string LastCharacters = new(PosixShells.Select(s => s[s.Length - 1]).Distinct().ToArray());

    // The list's string for a shell's file name; null for any other program. A scan of eight short names: no hash.
    private static string? KnownShell(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || LastCharacters.IndexOf(name[name.Length - 1]) < 0) return null;
        foreach (var shell in PosixShells)
            if (name.SequenceEqual(shell.AsSpan())) return shell;
        return null;
    }

    /// <summary>The dialect of the shell <paramref name="program"/> (a name or path such as <c>/bin/bash</c>): Bash for bash, zsh and the ksh family, else POSIX.</summary>
    public static ShellDialect ForProgram(string? program)
    {
        if (string.IsNullOrEmpty(program)) return ShellDialect.Posix;
        var name = FileName(program!);
        return name is "bash" or "zsh" or "ksh" or "ksh93" or "mksh" or "pdksh" ? ShellDialect.Bash : ShellDialect.Posix;
    }
}
