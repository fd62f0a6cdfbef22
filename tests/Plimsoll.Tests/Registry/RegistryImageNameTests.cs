using Plimsoll.Registry;

namespace Plimsoll.Tests.Registry;

public sealed class RegistryImageNameTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, "registry-1.docker.io", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.25", "docker.io", "library/nginx", "1.25", "registry-1.docker.io", "docker.io/library/nginx:1.25")]
    [InlineData("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", "registry-1.docker.io", "docker.io/library/nginx:1")]
    [InlineData("docker.io/bitnami/redis:7", "docker.io", "bitnami/redis", "7", "registry-1.docker.io", "docker.io/bitnami/redis:7")]
    [InlineData("team/app:2", "docker.io", "team/app", "2", "registry-1.docker.io", "docker.io/team/app:2")]
    [InlineData("localhost:5000/x", "localhost:5000", "x", null, "localhost:5000", "localhost:5000/x:latest")]
    [InlineData("localhost/x:1", "localhost", "x", "1", "localhost", "localhost/x:1")]
    [InlineData("registry.example:8443/a/b/c:v1.2-rc_3", "registry.example:8443", "a/b/c", "v1.2-rc_3", "registry.example:8443", "registry.example:8443/a/b/c:v1.2-rc_3")]
    [InlineData("127.0.0.1:5000/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "127.0.0.1:5000", "app", "1", "127.0.0.1:5000", "127.0.0.1:5000/app:1")]
    public void Normalises_like_the_docker_cli(string text, string registry, string repository, string? tag, string apiHost, string canonical)
    {
        var name = RegistryImageName.TryParse(text);
        Assert.NotNull(name);
        Assert.Equal(registry, name!.Registry);
        Assert.Equal(repository, name.Repository);
        Assert.Equal(tag, name.Tag);
        Assert.Equal(apiHost, name.ApiHost);
        Assert.Equal(canonical, name.CanonicalTagReference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nginx:1")]
    [InlineData("nginx:")]
    [InlineData("nginx:-bad")]
    [InlineData("nginx@sha256")]
    [InlineData("nginx@sha256:xyz")]
    [InlineData("\"nginx:1\"")]
    [InlineData("a//b")]
    [InlineData("${IMAGE}")]
    public void Rejects_what_is_not_a_reference(string text) => Assert.Null(RegistryImageName.TryParse(text));

    [Theory]
    [InlineData("localhost:5000", true)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.5.0.1", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("localhost", true)]
    [InlineData("registry.example", false)]
    [InlineData("127.example", false)]
    [InlineData("docker.io", false)]
    public void Plain_http_only_for_loopback(string registry, bool plain)
        => Assert.Equal(plain, new RegistryClientOptions().UsesPlainHttp(registry));

    [Fact]
    public void Plain_http_for_a_named_insecure_registry_with_or_without_its_port()
    {
        var options = new RegistryClientOptions { InsecureRegistries = new[] { "mirror.internal", "other.internal:5000" } };
        Assert.True(options.UsesPlainHttp("mirror.internal:8080"));
        Assert.True(options.UsesPlainHttp("other.internal:5000"));
        Assert.False(options.UsesPlainHttp("other.internal:6000"));
        Assert.False(options.UsesPlainHttp("public.example"));
    }
}
