using System.Net;
using System.Security.Cryptography;
using System.Text;
using Plimsoll.Registry;

namespace Plimsoll.Tests.Registry;

/// <summary>The client's HTTP behaviour against scripted answers (the real-registry cases are in Cli/Pin).</summary>
public sealed class RegistryClientTests
{
    private sealed class NoCredentials : ICredentialSource
    {
        public RegistryCredential? Get(string registry) => null;
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
    private static readonly string ManifestDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Manifest));

    private static HttpResponseMessage Body(string? headerDigest)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Manifest) };
        if (headerDigest != null) response.Headers.Add("Docker-Content-Digest", headerDigest);
        return response;
    }

    [Fact]
    public async Task Falls_back_to_GET_when_HEAD_is_refused_and_takes_the_sha256_of_the_body()
    {
        var handler = new ScriptedHandler(r => r.Method == HttpMethod.Head ? new HttpResponseMessage(HttpStatusCode.MethodNotAllowed) : Body(null));
        using var client = new RegistryClient(new RegistryClientOptions(), new NoCredentials(), handler);
        var result = await client.ResolveAsync(RegistryImageName.TryParse("registry.example/app:1")!);
        Assert.Equal(ManifestDigest, result.Digest);
        Assert.Equal(new[] { "HEAD", "GET" }, handler.Requests.Select(r => r.Method.Method));
        Assert.Equal("https://registry.example/v2/app/manifests/1", handler.Requests[0].RequestUri!.ToString());
        Assert.Equal(ManifestMediaTypes.Accepted, handler.Requests[0].Headers.Accept.Select(a => a.MediaType));
    }

    [Fact]
    public async Task A_header_digest_that_does_not_match_the_body_is_refused()
    {
        string wrong = "sha256:" + new string('0', 64);
        var handler = new ScriptedHandler(r => r.Method == HttpMethod.Head ? new HttpResponseMessage(HttpStatusCode.OK) : Body(wrong));
        using var client = new RegistryClient(new RegistryClientOptions(), new NoCredentials(), handler);
        var result = await client.ResolveAsync(RegistryImageName.TryParse("registry.example/app:1")!);
        Assert.False(result.Succeeded);
        Assert.Equal(ResolutionFailure.Protocol, result.Failure);
        Assert.Contains($"sent Docker-Content-Digest {wrong} for a manifest whose sha256 is {ManifestDigest}", result.Message);
    }

    [Fact]
    public async Task A_plain_http_token_realm_of_a_remote_host_is_refused()
    {
        var handler = new ScriptedHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://auth.example/token\",service=\"r\"");
            return response;
        });
        using var client = new RegistryClient(new RegistryClientOptions(), new NoCredentials(), handler);
        var result = await client.ResolveAsync(RegistryImageName.TryParse("registry.example/app:1")!);
        Assert.Equal(ResolutionFailure.Protocol, result.Failure);
        Assert.Contains("plain-HTTP token realm (auth.example); refused", result.Message);
        Assert.Single(handler.Requests); // no token request was sent
    }
}
