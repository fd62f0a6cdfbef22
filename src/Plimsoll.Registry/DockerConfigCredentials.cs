using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Plimsoll.Registry;

/// <summary>A credential could not be read (bad config file, failing credential helper): reported for the image that needed it.</summary>
public sealed class CredentialException(string message) : Exception(message);

/// <summary>
/// Credentials from the Docker CLI's config file (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>),
/// looked up the way the Docker CLI does: a <c>credHelpers</c> entry for the host, else an <c>auths</c> entry
/// (base64 <c>user:password</c> in <c>auth</c>, or <c>username</c>/<c>password</c>), else the <c>credsStore</c> helper.
/// A helper is the program <c>docker-credential-NAME</c> on PATH, asked with <c>get</c> and the server URL on stdin.
/// </summary>
public sealed class DockerConfigCredentials : ICredentialSource
{
    private static readonly TimeSpan HelperTimeout = TimeSpan.FromSeconds(30);
    private readonly string? _configPath;
    private readonly Lazy<DockerConfigFile?> _config;

    public DockerConfigCredentials(string? configPath)
    {
        _configPath = configPath;
        _config = new Lazy<DockerConfigFile?>(Load);
    }

    /// <summary>The config file the Docker CLI would read in this environment (it need not exist).</summary>
    public static DockerConfigCredentials FromEnvironment()
    {
        string? dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            dir = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".docker");
        }
        return new DockerConfigCredentials(dir == null ? null : Path.Combine(dir, "config.json"));
    }

    // One lookup per host and run: a credential helper is asked once, however many repositories of the host are resolved.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<RegistryCredential?>> _byHost = new(StringComparer.Ordinal);

    public RegistryCredential? Get(string registry)
        => _byHost.GetOrAdd(NormaliseHost(registry), host => new Lazy<RegistryCredential?>(() => Lookup(host))).Value;

    private RegistryCredential? Lookup(string registry)
    {
        var config = _config.Value;
        if (config == null) return null;
        string host = NormaliseHost(registry);
        if (config.CredHelpers != null)
            foreach (var (key, helper) in config.CredHelpers)
                if (NormaliseHost(key) == host && !string.IsNullOrEmpty(helper)) return FromHelper(helper, host);
        if (config.Auths != null)
        {
            foreach (var (key, entry) in config.Auths)
            {
                if (NormaliseHost(key) != host) continue;
                if (FromAuthEntry(entry) is { } credential) return credential;
            }
        }
        return string.IsNullOrEmpty(config.CredsStore) ? null : FromHelper(config.CredsStore, host);
    }

    /// <summary><c>https://index.docker.io/v1/</c>, <c>index.docker.io</c> and <c>registry-1.docker.io</c> all mean Docker Hub; keys may carry a scheme and a path.</summary>
    internal static string NormaliseHost(string key)
    {
        string host = key;
        int scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host.Substring(scheme + 3);
        int slash = host.IndexOf('/');
        if (slash >= 0) host = host.Substring(0, slash);
        host = host.ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" ? RegistryImageName.DockerHub : host;
    }

    private RegistryCredential? FromAuthEntry(DockerAuthEntry entry)
    {
        if (!string.IsNullOrEmpty(entry.Auth))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth)); }
            catch (FormatException) { throw new CredentialException($"{_configPath}: an 'auths' entry is not valid base64"); }
            int colon = decoded.IndexOf(':');
            if (colon <= 0) throw new CredentialException($"{_configPath}: an 'auths' entry does not decode to user:password");
            return new RegistryCredential(decoded.Substring(0, colon), decoded.Substring(colon + 1), _configPath!);
        }
        if (!string.IsNullOrEmpty(entry.Username) && entry.Password != null)
            return new RegistryCredential(entry.Username, entry.Password, _configPath!);
        return null;
    }

    private RegistryCredential? FromHelper(string helper, string host)
    {
        string program = "docker-credential-" + helper;
        string serverUrl = host == RegistryImageName.DockerHub ? "https://index.docker.io/v1/" : host;
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("get");
        Process process;
        try { process = Process.Start(info) ?? throw new CredentialException($"credential helper {program} did not start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new CredentialException($"credential helper {program} (from {_configPath}) could not be run: {e.Message}"); }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(serverUrl);
            process.StandardInput.Close();
            if (!process.WaitForExit(HelperTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new CredentialException($"credential helper {program} did not answer within {HelperTimeout.TotalSeconds:0} s");
            }
            string output = stdout.Result;
            if (process.ExitCode != 0)
            {
                // The helper protocol's answer for "nothing stored for this server": no credential, not an error.
                if ((output + stderr.Result).Contains("credentials not found", StringComparison.OrdinalIgnoreCase)) return null;
                throw new CredentialException($"credential helper {program} failed (exit {process.ExitCode}): {FirstLine(stderr.Result + output)}");
            }
            CredentialHelperOutput? answer;
            try { answer = JsonSerializer.Deserialize(output, RegistryJsonContext.Default.CredentialHelperOutput); }
            catch (JsonException) { throw new CredentialException($"credential helper {program} printed something that is not its JSON answer"); }
            if (answer?.Username is not { Length: > 0 } user || answer.Secret == null) return null;
            return new RegistryCredential(user, answer.Secret, program);
        }
    }

    private static string FirstLine(string text)
    {
        text = text.Trim();
        int newline = text.IndexOf('\n');
        return newline < 0 ? text : text.Substring(0, newline);
    }

    private DockerConfigFile? Load()
    {
        if (_configPath == null || !File.Exists(_configPath)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(_configPath), RegistryJsonContext.Default.DockerConfigFile);
        }
        catch (JsonException e)
        {
            throw new CredentialException($"{_configPath}: not valid JSON ({e.Message})");
        }
        catch (IOException e)
        {
            throw new CredentialException($"{_configPath}: cannot be read ({e.Message})");
        }
    }
}
