using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Plimsoll.Cli.Hosting;

/// <summary>
/// Native AOT cannot load assemblies at run time, so the native build cannot run rule packs (<c>--rules</c>) nor
/// MSBuild's evaluation of .NET solutions and projects (<c>plimsoll lint App.sln</c>).
/// The native tool package carries the framework-dependent build of the same version in <c>jit/</c>; a run that
/// needs either is handed to it whole (same arguments, same standard streams, its exit code).
/// </summary>
internal static class JitHandoff
{
    /// <summary>True in the Native AOT build, where <see cref="System.Reflection.Assembly.LoadFrom(string)"/> does not work.</summary>
    public static bool IsNeeded => !RuntimeFeature.IsDynamicCodeSupported;

    public static int Run()
    {
        var managedEntry = Path.Combine(AppContext.BaseDirectory, "jit", "plimsoll.dll");
        if (!File.Exists(managedEntry))
        {
            Console.Error.WriteLine("plimsoll lint: rule packs (--rules) and .NET solutions/projects need the framework-dependent build of plimsoll, "
                + $"and this native build has none beside it ({managedEntry} is missing)");
            return ExitCodes.UsageOrToolError;
        }
        var start = new ProcessStartInfo(FindDotnetHost()) { UseShellExecute = false };
        start.ArgumentList.Add(managedEntry);
        foreach (var argument in Environment.GetCommandLineArgs().Skip(1)) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"plimsoll lint: rule packs (--rules) and .NET solutions/projects run on the .NET runtime, and '{start.FileName}' could not be started: {e.Message}");
            return ExitCodes.UsageOrToolError;
        }
    }

    /// <summary>The dotnet host: DOTNET_HOST_PATH, then DOTNET_ROOT/dotnet, then whatever 'dotnet' is on PATH.</summary>
    private static string FindDotnetHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath)) return hostPath;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, executable))) return Path.Combine(root, executable);
        return executable;
    }
}
