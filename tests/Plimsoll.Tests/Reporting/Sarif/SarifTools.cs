using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// Runs the real validators kept in tools/sarif: the SARIF Multitool and Ajv against the official schema.
/// Installs them with <c>npm ci</c> the first time when node_modules is missing.
/// </summary>
internal static class SarifTools
{
    private static readonly Lazy<string> MultitoolLazy = new(FindOrInstallMultitool, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ToolsFolder => Path.Combine(TestPaths.RepoRoot, "tools", "sarif");

    public static string SchemaPath => Path.Combine(TestPaths.Schemas, "sarif-schema-2.1.0.json");

    /// <summary>The Multitool executable (the platform package's binary, not the shell-based bin.js).</summary>
    public static string Multitool => MultitoolLazy.Value;

    public static string MultitoolVersion()
    {
        var run = Run(Multitool, new[] { "--version" }, TimeSpan.FromMinutes(1));
        return run.StdOut.Trim();
    }

    /// <summary>
    /// <c>validate --rule-kind "Sarif;Ghas" --level "Error;Warning;Note"</c>: the findings by level (a missing level means
    /// warning), plus any error-level notification of the validator itself under "error".
    /// </summary>
    /// <remarks>
    /// Notes are asked for because they prove the log was read: Multitool 5.7.0 reports nothing at all, and exits 0,
    /// for a log it cannot deserialize, while any log it does read gets at least one note (e.g. SARIF2013).
    /// </remarks>
    // The Multitool skips logs over 10 MiB by default ("No valid analysis targets"); the corpus log is larger.
    private const string MaxLogKilobytes = "262144";

    public static ILookup<string, string> ValidateByLevel(string sarifPath)
    {
        string report = Path.Combine(Path.GetDirectoryName(sarifPath)!, Path.GetFileNameWithoutExtension(sarifPath) + ".validation.sarif");
        if (File.Exists(report)) File.Delete(report);
        var run = Run(Multitool, new[] { "validate", sarifPath, "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning;Note", "--max-file-size-in-kb", MaxLogKilobytes, "--output", report }, TimeSpan.FromMinutes(5));
        Assert.True(File.Exists(report), $"the Multitool wrote no report (exit {run.ExitCode}):\n{run.StdOut}\n{run.StdErr}");

        var findings = new List<(string Level, string Text)>();
        using var document = JsonDocument.Parse(File.ReadAllBytes(report));
        foreach (var sarifRun in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (sarifRun.TryGetProperty("results", out var results))
            {
                foreach (var result in results.EnumerateArray())
                {
                    string level = result.TryGetProperty("level", out var l) ? l.GetString()! : "warning";
                    findings.Add((level, $"{level} {result.GetProperty("ruleId").GetString()}: {MessageText(result)}"));
                }
            }
            foreach (var invocation in sarifRun.GetProperty("invocations").EnumerateArray())
            {
                foreach (var name in new[] { "toolExecutionNotifications", "toolConfigurationNotifications" })
                {
                    if (!invocation.TryGetProperty(name, out var notifications)) continue;
                    foreach (var n in notifications.EnumerateArray())
                    {
                        string level = n.TryGetProperty("level", out var l) ? l.GetString()! : "warning";
                        if (level == "error") findings.Add(("error", $"validator {name}: {n.GetProperty("message").GetRawText()}"));
                    }
                }
            }
        }
        return findings.ToLookup(f => f.Level, f => f.Text);
    }

    /// <summary>
    /// The validator's errors and warnings for a log it demonstrably read; a log it could not read (no findings at all)
    /// is reported as an error finding.
    /// </summary>
    public static IReadOnlyList<string> Validate(string sarifPath) => Problems(ValidateByLevel(sarifPath));

    /// <summary>The errors and warnings of a validation, or a finding of its own when there is nothing at all.</summary>
    public static IReadOnlyList<string> Problems(ILookup<string, string> byLevel)
    {
        var problems = byLevel["error"].Concat(byLevel["warning"]).ToList();
        if (!byLevel.Any()) problems.Add("error: the Multitool reported nothing at all, so it did not read the log");
        return problems;
    }

    /// <summary><c>rewrite --insert RollingHashPartialFingerprints</c>: the rewritten log's path.</summary>
    public static string InsertRollingHashes(string sarifPath)
    {
        string output = Path.Combine(Path.GetDirectoryName(sarifPath)!, Path.GetFileNameWithoutExtension(sarifPath) + ".hashed.sarif");
        if (File.Exists(output)) File.Delete(output);
        var run = Run(Multitool, new[] { "rewrite", sarifPath, "--insert", "RollingHashPartialFingerprints", "--output", output }, TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0 && File.Exists(output), $"rewrite failed (exit {run.ExitCode}):\n{run.StdOut}\n{run.StdErr}");
        return output;
    }

    /// <summary>Ajv (draft-04) against the official SARIF 2.1.0 schema: every schema error, as text.</summary>
    public static IReadOnlyList<string> ValidateSchema(string sarifPath)
    {
        _ = Multitool; // makes sure node_modules is installed
        var run = Run("node", new[] { Path.Combine(ToolsFolder, "validate-schema.js"), SchemaPath, sarifPath }, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode is 0 or 1, $"the schema validator failed (exit {run.ExitCode}):\n{run.StdErr}");
        using var document = JsonDocument.Parse(run.StdOut);
        return document.RootElement.GetProperty(sarifPath).EnumerateArray().Select(e => e.GetRawText()).ToList();
    }

    private static string MessageText(JsonElement result)
    {
        var message = result.GetProperty("message");
        if (message.TryGetProperty("text", out var text)) return text.GetString()!;
        string id = message.TryGetProperty("id", out var i) ? i.GetString()! : "?";
        string args = message.TryGetProperty("arguments", out var a) ? string.Join(" | ", a.EnumerateArray().Select(x => x.GetString())) : "";
        return id + " [" + args + "]";
    }

    private static string FindOrInstallMultitool()
    {
        string platform = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win32"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "darwin" : "linux";
        string binary = Path.Combine(ToolsFolder, "node_modules", "@microsoft", "sarif-multitool-" + platform,
            platform == "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        if (!File.Exists(binary) || !File.Exists(Path.Combine(ToolsFolder, "node_modules", "ajv-draft-04", "package.json")))
        {
            var install = Run("npm", new[] { "ci", "--prefix", ToolsFolder }, TimeSpan.FromMinutes(8));
            Assert.True(install.ExitCode == 0, $"npm ci --prefix tools/sarif failed (exit {install.ExitCode}):\n{install.StdOut}\n{install.StdErr}");
        }
        Assert.True(File.Exists(binary), "the SARIF Multitool is not at " + binary);
        if (!OperatingSystem.IsWindows())
        {
            // The package's postinstall only sets the execute bit, and npm may skip install scripts.
            var mode = File.GetUnixFileMode(binary);
            if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(binary, mode | UnixFileMode.UserExecute);
        }
        return binary;
    }

    internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

    internal static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ToolsFolder,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The Multitool is a .NET app: keep it from phoning home or printing first-run banners.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(" ", arguments)} did not finish within {timeout}");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
