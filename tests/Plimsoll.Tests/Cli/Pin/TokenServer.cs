using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// A token service for a registry with <c>auth: token</c>: issues ES256 JWTs (signed here, by hand, with a key whose
/// self-signed certificate is the registry's rootcertbundle and rides in the token's <c>x5c</c> header) granting
/// the requested repository actions. It records every request; with <see cref="RequiredBasic"/> set it refuses
/// requests without that basic credential.
/// </summary>
internal sealed class TokenServer : IDisposable
{
    public const string Issuer = "plimsoll-test-issuer";
    public const string Service = "plimsoll-test-registry";

    private readonly HttpListener _listener = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly List<string> _requests = new();

    public TokenServer(string directory)
    {
        var request = new CertificateRequest("CN=" + Issuer, _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificateBundle = Path.Combine(directory, "token-root.pem");
        File.WriteAllText(CertificateBundle, _certificate.ExportCertificatePem());

        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Serve();
    }

    public int Port { get; }
    public string Realm => $"http://127.0.0.1:{Port}/token";
    public string CertificateBundle { get; }

    /// <summary>A <c>user:password</c> every token request must carry as basic auth, or null for anonymous tokens.</summary>
    public string? RequiredBasic { get; set; }

    /// <summary>Each request as "QUERY | Authorization: VALUE-or-none".</summary>
    public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

    /// <summary>The registry config's <c>auth:</c> section for this service.</summary>
    public string AuthYaml =>
        $"  token:\n    realm: {Realm}\n    service: {Service}\n    issuer: {Issuer}\n    rootcertbundle: {CertificateBundle}\n";

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Answer(context); }
            catch (Exception e) when (e is HttpListenerException or IOException) { }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        string? authorization = context.Request.Headers["Authorization"];
        lock (_requests) _requests.Add(context.Request.Url!.Query + " | Authorization: " + (authorization ?? "none"));
        string? user = null;
        if (authorization != null && authorization.StartsWith("Basic ", StringComparison.Ordinal))
            user = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6)));
        if (RequiredBasic != null && user != RequiredBasic)
        {
            context.Response.StatusCode = 401;
            context.Response.Close();
            return;
        }
        var scopes = (context.Request.QueryString.GetValues("scope") ?? Array.Empty<string>())
            .Select(s => s.Split(':')).Where(p => p.Length == 3 && p[0] == "repository")
            .Select(p => $"{{\"type\":\"repository\",\"name\":\"{p[1]}\",\"actions\":[{string.Join(",", p[2].Split(',').Select(a => "\"" + a + "\""))}]}}");
        string token = Sign(user?.Split(':')[0] ?? "", "[" + string.Join(",", scopes) + "]");
        byte[] body = Encoding.UTF8.GetBytes($"{{\"token\":\"{token}\",\"access_token\":\"{token}\",\"expires_in\":300}}");
        context.Response.ContentType = "application/json";
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    private string Sign(string subject, string access)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = $"{{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\"{Convert.ToBase64String(_certificate.RawData)}\"]}}";
        string claims = $"{{\"iss\":\"{Issuer}\",\"sub\":\"{subject}\",\"aud\":\"{Service}\",\"exp\":{now + 300},\"nbf\":{now - 60},\"iat\":{now},\"jti\":\"{Guid.NewGuid():N}\",\"access\":{access}}}";
        string signingInput = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
        byte[] signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }
}
