using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Plimsoll.Registry;

/// <summary>
/// Resolves a tag to its manifest digest over the OCI distribution API: <c>HEAD /v2/REPO/manifests/TAG</c> with the
/// index and manifest media types in <c>Accept</c> (so a multi-arch image gives its index digest), reading
/// <c>Docker-Content-Digest</c>; a <c>GET</c> when HEAD is refused or carries no digest, whose body's sha256 is the
/// digest (and must equal the header when one is sent). A 401 is answered once per repository: with a bearer token
/// from the challenge's realm (anonymous, or with the registry's credential as basic auth), or with basic auth.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private const int MaxManifestBytes = 4 * 1024 * 1024; // the distribution spec's manifest size limit

    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly ICredentialSource _credentials;

    // The Authorization value that worked (or was issued) per registry and repository: one token request per repository.
    private readonly ConcurrentDictionary<string, string> _authorizations = new(StringComparer.Ordinal);

    public RegistryClient(RegistryClientOptions options, ICredentialSource credentials, HttpMessageHandler? handler = null)
    {
        _options = options;
        _credentials = credentials;
        handler ??= new SocketsHttpHandler { ConnectTimeout = options.Timeout, AutomaticDecompression = DecompressionMethods.None };
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The digest <paramref name="name"/>'s tag points to now; never throws for network or registry failures.</summary>
    public async Task<DigestResolution> ResolveAsync(RegistryImageName name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ResolveCoreAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (ResolutionException e)
        {
            return DigestResolution.Failed(e.Failure, e.Message);
        }
        catch (CredentialException e)
        {
            return DigestResolution.Failed(ResolutionFailure.Credentials, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DigestResolution.Failed(ResolutionFailure.Timeout,
                $"no answer from {name.ApiHost} within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return DigestResolution.Failed(ResolutionFailure.Unreachable, $"cannot reach {name.ApiHost}: {Innermost(e)}");
        }
    }

    private async Task<DigestResolution> ResolveCoreAsync(RegistryImageName name, CancellationToken cancellationToken)
    {
        string scheme = _options.UsesPlainHttp(name.Registry) ? "http" : "https";
        var url = new Uri($"{scheme}://{name.ApiHost}/v2/{name.Repository}/manifests/{name.EffectiveTag}");

        using (var head = await SendAsync(HttpMethod.Head, url, name, cancellationToken).ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode && HeaderDigest(head) is { } digest && IsSha256(digest))
                return DigestResolution.Resolved(digest, head.Content.Headers.ContentType?.MediaType);
            if (!head.IsSuccessStatusCode && head.StatusCode is not (HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented or HttpStatusCode.BadRequest))
                throw Failure(head, name, body: null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var get = await SendAsync(HttpMethod.Get, url, name, cancellationToken).ConfigureAwait(false);
        byte[] body = await ReadBoundedAsync(get.Content, timeout.Token).ConfigureAwait(false);
        if (!get.IsSuccessStatusCode) throw Failure(get, name, body);
        string computed = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        if (HeaderDigest(get) is { } header && IsSha256(header) && !string.Equals(header, computed, StringComparison.OrdinalIgnoreCase))
            throw new ResolutionException(ResolutionFailure.Protocol,
                $"{name.ApiHost} sent Docker-Content-Digest {header} for a manifest whose sha256 is {computed}");
        return DigestResolution.Resolved(computed, get.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The platforms the image at <paramref name="digest"/> offers: the entries of an image index or manifest list
    /// (attestation entries, <c>unknown/unknown</c>, left out), or the os and architecture of a single image's config.
    /// </summary>
    public async Task<ImagePlatforms> PlatformsAsync(RegistryImageName name, string digest, CancellationToken cancellationToken = default)
    {
        try
        {
            string scheme = _options.UsesPlainHttp(name.Registry) ? "http" : "https";
            byte[] manifest = await GetAsync(new Uri($"{scheme}://{name.ApiHost}/v2/{name.Repository}/manifests/{digest}"), name, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (root.TryGetProperty("manifests", out var entries) && entries.ValueKind == JsonValueKind.Array)
            {
                var platforms = new List<ImagePlatform>();
                foreach (var entry in entries.EnumerateArray())
                    if (entry.TryGetProperty("platform", out var platform) && Platform(platform) is { } p && p.Os != "unknown")
                        platforms.Add(p);
                return new ImagePlatforms(platforms, null);
            }
            if (root.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var configDigest) && configDigest.GetString() is { } blob && IsSha256(blob))
            {
                byte[] configBody = await GetAsync(new Uri($"{scheme}://{name.ApiHost}/v2/{name.Repository}/blobs/{blob}"), name, cancellationToken).ConfigureAwait(false);
                using var configDocument = JsonDocument.Parse(configBody);
                if (Platform(configDocument.RootElement) is { } single) return new ImagePlatforms(new[] { single }, null);
            }
            return new ImagePlatforms(Array.Empty<ImagePlatform>(), $"{name.ApiHost} sent a manifest for {name.Repository}@{digest} that names no platform");
        }
        catch (ResolutionException e) { return new ImagePlatforms(Array.Empty<ImagePlatform>(), e.Message); }
        catch (CredentialException e) { return new ImagePlatforms(Array.Empty<ImagePlatform>(), e.Message); }
        catch (JsonException e) { return new ImagePlatforms(Array.Empty<ImagePlatform>(), $"{name.ApiHost} sent JSON that cannot be read: {e.Message}"); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ImagePlatforms(Array.Empty<ImagePlatform>(), $"no answer from {name.ApiHost} within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) { return new ImagePlatforms(Array.Empty<ImagePlatform>(), $"cannot reach {name.ApiHost}: {Innermost(e)}"); }
    }

    private static ImagePlatform? Platform(JsonElement element)
        => element.ValueKind == JsonValueKind.Object
           && element.TryGetProperty("os", out var os) && os.GetString() is { Length: > 0 } osText
           && element.TryGetProperty("architecture", out var architecture) && architecture.GetString() is { Length: > 0 } architectureText
            ? ImagePlatform.Create(osText, architectureText, element.TryGetProperty("variant", out var variant) ? variant.GetString() : null)
            : null;

    private async Task<byte[]> GetAsync(Uri url, RegistryImageName name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var response = await SendAsync(HttpMethod.Get, url, name, cancellationToken).ConfigureAwait(false);
        byte[] body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw Failure(response, name, body);
        return body;
    }

    /// <summary>Sends with the repository's known authorization; on a 401, authorizes per the challenge and sends once more.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, RegistryImageName name, CancellationToken cancellationToken)
    {
        string key = name.Registry + "/" + name.Repository;
        _authorizations.TryGetValue(key, out var authorization);
        var response = await SendOnceAsync(method, url, authorization, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenge = response.Headers.WwwAuthenticate.Select(h => AuthChallenge.Parse(h.ToString())).FirstOrDefault(c => c != null && (c.IsBearer || c.IsBasic));
        if (challenge == null) return response;
        string? fresh = await AuthorizeAsync(challenge, name, cancellationToken).ConfigureAwait(false);
        if (fresh == null || fresh == authorization) return response;
        response.Dispose();
        _authorizations[key] = fresh;
        return await SendOnceAsync(method, url, fresh, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri url, string? authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var type in ManifestMediaTypes.Accepted) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The Authorization value a challenge asks for, or null when there is nothing to offer (basic auth without a credential).</summary>
    private async Task<string?> AuthorizeAsync(AuthChallenge challenge, RegistryImageName name, CancellationToken cancellationToken)
    {
        var credential = _credentials.Get(name.Registry);
        if (challenge.IsBasic) return credential == null ? null : "Basic " + credential.ToBasicHeaderValue();

        if (challenge.Get("realm") is not { Length: > 0 } realmText || !Uri.TryCreate(realmText, UriKind.Absolute, out var realm)
            || realm.Scheme is not ("https" or "http"))
            throw new ResolutionException(ResolutionFailure.Protocol, $"{name.ApiHost} asked for a bearer token without a usable realm");
        if (realm.Scheme == "http" && !_options.UsesPlainHttp(realm.Authority))
            throw new ResolutionException(ResolutionFailure.Protocol,
                $"{name.ApiHost} names a plain-HTTP token realm ({realm.Authority}); refused (only loopback hosts and --insecure-registry hosts are spoken to over HTTP)");

        var query = new List<string>();
        if (challenge.Get("service") is { } service) query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString(challenge.Get("scope") ?? $"repository:{name.Repository}:pull"));
        var builder = new UriBuilder(realm);
        string existing = builder.Query.TrimStart('?');
        builder.Query = (existing.Length > 0 ? existing + "&" : "") + string.Join("&", query);

        using var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential != null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.ToBasicHeaderValue());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        byte[] body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new ResolutionException(ResolutionFailure.Unauthorized, credential == null
                ? $"the token service {realm.Authority} refused an anonymous token for {name.Repository} (HTTP {(int)response.StatusCode}); no credential for {name.Registry} in the Docker config file"
                : $"the token service {realm.Authority} refused the credential of {credential} (HTTP {(int)response.StatusCode})");
        if (!response.IsSuccessStatusCode)
            throw new ResolutionException(ResolutionFailure.Protocol, $"the token service {realm.Authority} answered HTTP {(int)response.StatusCode}");
        TokenResponse? token;
        try { token = JsonSerializer.Deserialize(body, RegistryJsonContext.Default.TokenResponse); }
        catch (JsonException) { token = null; }
        string? value = token?.Token is { Length: > 0 } t ? t : token?.AccessToken;
        if (string.IsNullOrEmpty(value))
            throw new ResolutionException(ResolutionFailure.Protocol, $"the token service {realm.Authority} answered without a token");
        return "Bearer " + value;
    }

    private ResolutionException Failure(HttpResponseMessage response, RegistryImageName name, byte[]? body)
    {
        string detail = RegistryErrorText(body);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return new ResolutionException(ResolutionFailure.NotFound,
                    $"{name.ApiHost} has no manifest for {name.Repository}:{name.EffectiveTag} (HTTP 404{detail})");
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                var credential = _credentials.Get(name.Registry);
                return new ResolutionException(ResolutionFailure.Unauthorized, credential == null
                    ? $"{name.ApiHost} refused access to {name.Repository} (HTTP {(int)response.StatusCode}{detail}); no credential for {name.Registry} in the Docker config file"
                    : $"{name.ApiHost} refused the credential of {credential} for {name.Repository} (HTTP {(int)response.StatusCode}{detail})");
            default:
                return new ResolutionException(ResolutionFailure.Protocol,
                    $"{name.ApiHost} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{detail} for {name.Repository}:{name.EffectiveTag}");
        }
    }

    private static string RegistryErrorText(byte[]? body)
    {
        if (body == null || body.Length == 0) return "";
        try
        {
            var errors = JsonSerializer.Deserialize(body, RegistryJsonContext.Default.RegistryErrors);
            var first = errors?.Errors?.FirstOrDefault();
            return first?.Message is { Length: > 0 } message ? ": " + message : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxManifestBytes)
                throw new ResolutionException(ResolutionFailure.Protocol, $"a registry answer exceeded {MaxManifestBytes / (1024 * 1024)} MB");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? HeaderDigest(HttpResponseMessage response)
        => response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault()?.Trim() : null;

    internal static bool IsSha256(string digest)
        => digest.Length == 71 && digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.AsSpan(7).IndexOfAnyExcept("0123456789abcdef") < 0;

    private static string Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message;
    }

    private sealed class ResolutionException(ResolutionFailure failure, string message) : Exception(message)
    {
        public ResolutionFailure Failure { get; } = failure;
    }
}
