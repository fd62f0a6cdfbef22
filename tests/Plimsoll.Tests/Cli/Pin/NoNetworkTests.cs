using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// Only <c>pin</c> may open a connection. Every other command runs with all proxy variables pointing at a local
/// listener that counts connections; <c>pin</c> on the same files is the control that shows the listener does
/// catch the tool's traffic (its registry host is not loopback, so HttpClient goes through the proxy).
/// </summary>
[Trait("Tier", "Slow")]
public sealed class NoNetworkTests
{
    [Fact]
    public void Only_pin_opens_a_connection()
    {
        using var proxy = new ConnectionRecorder();
        string dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"),
            "ARG BASE=registry.example/team/base:1\nFROM ${BASE} AS build\nCOPY --from=registry.example/tools:2 /a /b\n" +
            "RUN --mount=type=bind,from=registry.example/tools:2,target=/t true\nFROM registry.example/app:1.0\n");
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), "services:\n  app:\n    image: registry.example/app:1.0\n");
        string url = "http://127.0.0.1:" + proxy.Port;
        var environment = new Dictionary<string, string>();
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" })
        {
            environment[name] = url;
            environment[name.ToLowerInvariant()] = url;
        }

        foreach (var args in new[]
                 {
                     new[] { "lint", "." },
                     new[] { "lint", "--format", "sarif", "." },
                     new[] { "lint", "--format", "json", "Dockerfile", "compose.yaml" },
                     new[] { "rules" },
                     new[] { "explain", "PL1002" },
                     new[] { "syntax", "Dockerfile" },
                     new[] { "syntax", "--roundtrip", "." },
                 })
        {
            var result = PinCli.Run(dir, environment, args);
            Assert.True(result.ExitCode is 0 or 1, string.Join(" ", args) + ": " + result.StdErr);
            Assert.True(proxy.Connections == 0, $"'plimsoll {string.Join(" ", args)}' opened a connection");
        }

        var pin = PinCli.Run(dir, environment, "pin", "--timeout", "2");
        Assert.Equal(2, pin.ExitCode);
        Assert.True(proxy.Connections >= 1, "the control failed: pin's registry traffic did not reach the recording proxy\n" + pin.StdErr);
        Assert.Contains("Dockerfile:1:10: error: cannot resolve registry.example/team/base:1", pin.StdErr);
    }

    [Fact]
    public void Core_and_rules_do_not_reference_the_registry_client_or_http()
    {
        foreach (var assembly in new[] { typeof(Plimsoll.Semantics.Dockerfile.DockerfileSemanticModel).Assembly, typeof(Plimsoll.Rules.BuiltInRules).Assembly })
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.DoesNotContain("Plimsoll.Registry", references);
            Assert.DoesNotContain("System.Net.Http", references);
            Assert.DoesNotContain("System.Net.Sockets", references);
        }
    }
}
