using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) serving on a free port of 127.0.0.1 with its storage in a
/// temporary folder, and <c>skopeo</c> to push OCI layouts into it. Stopped (its process killed) on dispose.
/// </summary>
internal sealed class LocalRegistry : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _directory;

    private LocalRegistry(string directory, int port, Process process)
    {
        _directory = directory;
        Port = port;
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string Host => "127.0.0.1:" + Port;

    /// <summary>The skopeo credentials option for pushes (<c>user:password</c>), when the registry needs them.</summary>
    public string? PushCredentials { get; init; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Whether docker-registry and skopeo are installed (tests/run-all.sh installs them as root).</summary>
    public static string? MissingTools()
    {
        var missing = new[] { "docker-registry", "skopeo" }.Where(t => ExternalTool.FindOnPath(t) == null).ToList();
        return missing.Count == 0 ? null : string.Join(", ", missing) + " not found on PATH (apt-get install docker-registry skopeo)";
    }

    /// <summary>Starts a registry; <paramref name="authYaml"/> is the config's <c>auth:</c> section (indented two spaces), or null for none.</summary>
    public static LocalRegistry Start(string? authYaml = null, string? pushCredentials = null)
    {
        string directory = TempDirectory.Create();
        int port = FreePort.Next();
        string config = Path.Combine(directory, "config.yml");
        File.WriteAllText(config,
            "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " + Path.Combine(directory, "storage") + "\n" +
            "  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + (authYaml == null ? "" : "auth:\n" + authYaml));
        var info = new ProcessStartInfo("docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(config);
        var registry = new LocalRegistry(directory, port, Process.Start(info)!) { PushCredentials = pushCredentials };
        registry.WaitUntilListening();
        return registry;
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("docker-registry exited:\n" + Log);
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException("docker-registry did not listen within 30 s:\n" + Log);
    }

    /// <summary>Writes an OCI layout with <paramref name="content"/> and pushes it as <c>REPOSITORY:TAG</c>; returns the layout's digest.</summary>
    public string Push(string repositoryAndTag, string content, params string[] architectures)
    {
        string layout = Path.Combine(_directory, "layout-" + Guid.NewGuid().ToString("N"));
        string digest = OciLayout.Write(layout, content, architectures);
        var args = new List<string> { "--insecure-policy", "copy", "--all", "--dest-tls-verify=false" };
        if (PushCredentials != null) { args.Add("--dest-creds"); args.Add(PushCredentials); }
        args.Add("oci:" + layout + ":" + OciLayout.Tag);
        args.Add("docker://" + Host + "/" + repositoryAndTag);
        ExternalTool.Run(_directory, null, "skopeo", args.ToArray()).EnsureSuccess("skopeo copy\n" + Log);
        return digest;
    }

    /// <summary>The digest of what the tag names as skopeo sees it: the sha256 of the raw manifest or index, and its media type.</summary>
    public (string Digest, string RawManifest) Inspect(string repositoryAndTag)
    {
        var args = new List<string> { "--insecure-policy", "inspect", "--raw", "--tls-verify=false" };
        if (PushCredentials != null) { args.Add("--creds"); args.Add(PushCredentials); }
        args.Add("docker://" + Host + "/" + repositoryAndTag);
        var info = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        using var raw = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(raw);
        Assert.True(process.WaitForExit(60_000), "skopeo inspect did not finish");
        Assert.True(process.ExitCode == 0, "skopeo inspect failed: " + stderr.Result);
        byte[] bytes = raw.ToArray();
        return (OciLayout.Sha256(bytes), Encoding.UTF8.GetString(bytes));
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
