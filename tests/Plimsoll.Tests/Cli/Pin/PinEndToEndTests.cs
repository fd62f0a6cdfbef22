using System.Text;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// <c>plimsoll pin</c> end to end against a real registry (Debian's docker-registry on 127.0.0.1) holding images
/// that skopeo pushed from OCI layouts these tests write: the digests written into the files are compared with
/// the sha256 of the manifest skopeo reads back.
/// </summary>
[Trait("Tier", "Slow")]
public sealed class PinEndToEndTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    [RegistryFact]
    public void Pins_dockerfile_and_compose_references_keeping_every_other_byte_and_checks_them_later()
    {
        using var registry = LocalRegistry.Start();
        registry.Push("app:1.0", "app one");
        string multiLayout = registry.Push("multi:2.0", "multi", "amd64", "arm64");
        registry.Push("tools:3", "tools");
        var (app, _) = registry.Inspect("app:1.0");
        var (multi, multiRaw) = registry.Inspect("multi:2.0");
        var (tools, _) = registry.Inspect("tools:3");
        Assert.Contains("application/vnd.oci.image.index.v1+json", multiRaw);
        Assert.Equal(multiLayout, multi); // the index itself, not one platform's manifest

        string dir = TempDirectory.Create();
        string h = registry.Host;
        // BOM and CRLF in the Dockerfile; a Latin-1 byte (not UTF-8) in the compose file's comment.
        string dockerfile = "\uFEFFARG BASE=" + h + "/app:1.0\r\nFROM ${BASE} AS build\r\nCOPY --from=" + h + "/tools:3 /hello.txt /x\r\n" +
                            "RUN --mount=type=bind,from=" + h + "/tools:3,target=/t cat /t/hello.txt\r\nFROM " + h + "/multi:2.0\r\nCOPY --from=build /x /y\r\n";
        string compose = "# caf\u00e9\nservices:\n  web:\n    image: " + h + "/multi:2.0\n  worker:\n    image: \"" + h + "/app:1.0\"\n  local:\n    build: .\n  pinned:\n    image: " + h + "/tools@" + tools + "\n";
        File.WriteAllBytes(Path.Combine(dir, "Dockerfile"), Encoding.UTF8.GetBytes(dockerfile));
        File.WriteAllBytes(Path.Combine(dir, "compose.yaml"), Latin1.GetBytes(compose));

        var dry = PinCli.Run(dir, null, "pin", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.StdOut + dry.StdErr);
        Assert.Contains("+FROM " + h + "/multi:2.0@" + multi, dry.StdOut);
        Assert.Contains("-    image: " + h + "/multi:2.0\n", dry.StdOut);
        Assert.Equal(Encoding.UTF8.GetBytes(dockerfile), File.ReadAllBytes(Path.Combine(dir, "Dockerfile")));
        Assert.Equal(Latin1.GetBytes(compose), File.ReadAllBytes(Path.Combine(dir, "compose.yaml")));

        var pin = PinCli.Run(dir, null, "pin");
        Assert.True(pin.ExitCode == 0, pin.StdOut + pin.StdErr);
        Assert.Contains("Dockerfile:1:10: pinned " + h + "/app:1.0 to " + app + " (ARG BASE default (FROM on line 2))", pin.StdOut);
        string expectedDockerfile = dockerfile
            .Replace("/app:1.0", "/app:1.0@" + app)
            .Replace("/tools:3", "/tools:3@" + tools)
            .Replace("/multi:2.0", "/multi:2.0@" + multi);
        string expectedCompose = compose.Replace("/multi:2.0", "/multi:2.0@" + multi).Replace("/app:1.0", "/app:1.0@" + app);
        Assert.Equal(Encoding.UTF8.GetBytes(expectedDockerfile), File.ReadAllBytes(Path.Combine(dir, "Dockerfile")));
        Assert.Equal(Latin1.GetBytes(expectedCompose), File.ReadAllBytes(Path.Combine(dir, "compose.yaml")));

        var again = PinCli.Run(dir, null, "pin");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("0 reference(s) pinned", again.StdErr);

        var fresh = PinCli.Run(dir, null, "pin", "--check");
        Assert.True(fresh.ExitCode == 0, fresh.StdOut + fresh.StdErr);
        Assert.Contains("6 pinned reference(s) checked, none stale", fresh.StdErr);
        Assert.Contains($"compose.yaml:10:12: note: {h}/tools@{tools} not checked: pinned without a tag to compare with", fresh.StdErr);

        // The same tag now names another image: the pinned digest is stale.
        registry.Push("app:1.0", "app one, rebuilt");
        var (rebuilt, _) = registry.Inspect("app:1.0");
        Assert.NotEqual(app, rebuilt);
        var stale = PinCli.Run(dir, null, "pin", "--check");
        Assert.True(stale.ExitCode == 1, stale.StdOut + stale.StdErr);
        Assert.Contains($"Dockerfile:1:10: stale: {h}/app:1.0@{app} (ARG BASE default (FROM on line 2)): the tag 1.0 now points to {rebuilt}", stale.StdOut);
        Assert.Contains($"compose.yaml:6:13: stale: {h}/app:1.0@{app}", stale.StdOut);
        Assert.DoesNotContain("multi", stale.StdOut);
        Assert.Equal(Encoding.UTF8.GetBytes(expectedDockerfile), File.ReadAllBytes(Path.Combine(dir, "Dockerfile")));
    }

    [RegistryFact]
    public void An_image_without_the_platform_a_FROM_or_a_service_asks_for_is_reported_when_pinning_and_checking()
    {
        using var registry = LocalRegistry.Start();
        registry.Push("amdonly:1", "amd64 only");
        registry.Push("multi:2", "two platforms", "amd64", "arm64");
        string h = registry.Host;
        string dir = TempDirectory.Create();
        // arm64 from an amd64-only image: reported; from the two-platform index: fine; $BUILDPLATFORM: not known, not checked.
        File.WriteAllText(Path.Combine(dir, "Dockerfile"),
            $"FROM --platform=linux/arm64 {h}/amdonly:1 AS a\nFROM --platform=linux/aarch64 {h}/multi:2 AS b\nFROM --platform=$BUILDPLATFORM {h}/amdonly:1 AS c\n");
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), $"services:\n  pi:\n    image: {h}/multi:2\n    platform: linux/arm/v7\n  x86:\n    image: {h}/multi:2\n    platform: linux/amd64\n");

        var pin = PinCli.Run(dir, null, "pin");
        Assert.True(pin.ExitCode == 1, pin.StdOut + pin.StdErr);
        Assert.Contains($"Dockerfile:1:29: platform: {h}/amdonly:1 (FROM) has no linux/arm64 image (it offers linux/amd64)", pin.StdOut);
        Assert.Contains($"compose.yaml:3:12: platform: {h}/multi:2 (service pi image) has no linux/arm/v7 image (it offers linux/amd64, linux/arm64)", pin.StdOut);
        Assert.Equal(2, pin.StdOut.Split('\n').Count(l => l.Contains(": platform: ")));
        Assert.Contains("pin: 5 reference(s) pinned in 2 file(s)", pin.StdErr); // the pins are written all the same

        // Pinned now: --check reads the platforms of the pinned digests.
        var check = PinCli.Run(dir, null, "pin", "--check");
        Assert.True(check.ExitCode == 1, check.StdOut + check.StdErr);
        Assert.Contains($"Dockerfile:1:29: platform: {h}/amdonly:1@", check.StdOut);
        Assert.DoesNotContain("stale", check.StdOut);
    }

    [RegistryFact]
    public void Pins_the_sdk_container_base_image_in_project_files_and_Directory_Build_props()
    {
        using var registry = LocalRegistry.Start();
        registry.Push("aspnet:8.0", "aspnet");
        var (aspnet, _) = registry.Inspect("aspnet:8.0");
        string h = registry.Host;
        string dir = TempDirectory.Create();
        // CRLF and a BOM in the props file, the value on its own line; a property-built value in the project is skipped.
        string props = "\uFEFF<Project>\r\n  <PropertyGroup>\r\n    <ContainerBaseImage>\r\n      " + h + "/aspnet:8.0\r\n    </ContainerBaseImage>\r\n  </PropertyGroup>\r\n</Project>\r\n";
        string project = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <ContainerBaseImage Condition=\"'$(Os)' == 'alpine'\">$(Registry)/aspnet:8.0-alpine</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n";
        File.WriteAllBytes(Path.Combine(dir, "Directory.Build.props"), Encoding.UTF8.GetBytes(props));
        Directory.CreateDirectory(Path.Combine(dir, "src", "Web"));
        File.WriteAllText(Path.Combine(dir, "src", "Web", "Web.csproj"), project);

        var pin = PinCli.Run(dir, null, "pin");
        Assert.True(pin.ExitCode == 0, pin.StdOut + pin.StdErr);
        Assert.Contains("Directory.Build.props:4:7: pinned " + h + "/aspnet:8.0 to " + aspnet + " (ContainerBaseImage property)", pin.StdOut);
        Assert.Contains("Web.csproj:3:57: note: $(Registry)/aspnet:8.0-alpine not pinned: the image is built from MSBuild properties", pin.StdErr);
        Assert.Equal(Encoding.UTF8.GetBytes(props.Replace("/aspnet:8.0", "/aspnet:8.0@" + aspnet)), File.ReadAllBytes(Path.Combine(dir, "Directory.Build.props")));
        Assert.Equal(project, File.ReadAllText(Path.Combine(dir, "src", "Web", "Web.csproj")));

        var check = PinCli.Run(dir, null, "pin", "--check");
        Assert.True(check.ExitCode == 0, check.StdOut + check.StdErr);
        Assert.Contains("1 pinned reference(s) checked, none stale", check.StdErr);
    }

    [RegistryFact]
    public void Anonymous_bearer_token_flow_and_credentials_from_the_docker_config_for_the_token_service()
    {
        string dir = TempDirectory.Create();
        using var tokens = new TokenServer(dir);
        using var registry = LocalRegistry.Start(tokens.AuthYaml);
        registry.Push("secure/app:1", "secure");
        var (digest, _) = registry.Inspect("secure/app:1");
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {registry.Host}/secure/app:1\n");
        int before = tokens.Requests.Count;

        var pin = PinCli.Run(dir, null, "pin", "--dry-run");
        Assert.True(pin.ExitCode == 0, pin.StdOut + pin.StdErr + registry.Log);
        Assert.Contains($"+FROM {registry.Host}/secure/app:1@{digest}", pin.StdOut);
        var request = Assert.Single(tokens.Requests.Skip(before));
        Assert.Contains("service=" + TokenServer.Service, request);
        Assert.Contains("scope=repository%3Asecure%2Fapp%3Apull", request);
        Assert.EndsWith("Authorization: none", request);

        // The token service now wants a user: without one the image is not resolved, the file untouched.
        tokens.RequiredBasic = "alice:s3cret";
        var refused = PinCli.Run(dir, null, "pin");
        Assert.True(refused.ExitCode == 2, refused.StdOut + refused.StdErr);
        Assert.Contains("Dockerfile:1:6: error: cannot resolve", refused.StdErr);
        Assert.Contains("refused an anonymous token", refused.StdErr);
        Assert.Equal($"FROM {registry.Host}/secure/app:1\n", File.ReadAllText(Path.Combine(dir, "Dockerfile")));

        string config = WriteDockerConfig(dir, $"{{\"auths\":{{\"http://{registry.Host}/v2/\":{{\"auth\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"))}\"}}}}}}");
        var withCredential = PinCli.Run(dir, new Dictionary<string, string> { ["DOCKER_CONFIG"] = config }, "pin");
        Assert.True(withCredential.ExitCode == 0, withCredential.StdOut + withCredential.StdErr);
        Assert.Equal($"FROM {registry.Host}/secure/app:1@{digest}\n", File.ReadAllText(Path.Combine(dir, "Dockerfile")));
        Assert.EndsWith("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")), tokens.Requests[^1]);
    }

    [RegistryFact]
    public void Basic_auth_with_credentials_from_auths_and_from_a_credential_helper()
    {
        Assert.True(ExternalTool.FindOnPath("htpasswd") != null, "htpasswd (apache2-utils) is needed for the registry's bcrypt password file");
        string dir = TempDirectory.Create();
        string htpasswd = ExternalTool.Run(dir, null, "htpasswd", "-Bbn", "bob", "hunter2").EnsureSuccess("htpasswd").Output.Trim();
        File.WriteAllText(Path.Combine(dir, "htpasswd"), htpasswd + "\n");
        using var registry = LocalRegistry.Start($"  htpasswd:\n    realm: plimsoll-test\n    path: {Path.Combine(dir, "htpasswd")}\n", pushCredentials: "bob:hunter2");
        registry.Push("private:7", "private");
        var (digest, _) = registry.Inspect("private:7");
        string compose = $"services:\n  app:\n    image: {registry.Host}/private:7\n";
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), compose);

        var anonymous = PinCli.Run(dir, null, "pin");
        Assert.True(anonymous.ExitCode == 2, anonymous.StdOut + anonymous.StdErr);
        Assert.Contains($"compose.yaml:3:12: error: cannot resolve {registry.Host}/private:7: {registry.Host} refused access to private (HTTP 401", anonymous.StdErr);
        Assert.Contains("no credential for " + registry.Host, anonymous.StdErr);
        Assert.Equal(compose, File.ReadAllText(Path.Combine(dir, "compose.yaml")));

        string wrong = WriteDockerConfig(dir, $"{{\"auths\":{{\"{registry.Host}\":{{\"username\":\"bob\",\"password\":\"wrong\"}}}}}}");
        var refused = PinCli.Run(dir, new Dictionary<string, string> { ["DOCKER_CONFIG"] = wrong }, "pin");
        Assert.True(refused.ExitCode == 2, refused.StdOut + refused.StdErr);
        Assert.Contains("refused the credential of bob", refused.StdErr);

        // A credential helper: docker-credential-plimsolltest on PATH, answering the helper protocol.
        string bin = Path.Combine(dir, "bin");
        Directory.CreateDirectory(bin);
        string helper = Path.Combine(bin, "docker-credential-plimsolltest");
        File.WriteAllText(helper, "#!/bin/sh\nread server\necho \"$server\" >> \"$(dirname \"$0\")/asked\"\n" +
                                  "printf '{\"ServerURL\":\"%s\",\"Username\":\"bob\",\"Secret\":\"hunter2\"}' \"$server\"\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string withHelper = WriteDockerConfig(dir, $"{{\"credHelpers\":{{\"{registry.Host}\":\"plimsolltest\"}}}}");
        var pinned = PinCli.Run(dir, new Dictionary<string, string>
        {
            ["DOCKER_CONFIG"] = withHelper,
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        }, "pin");
        Assert.True(pinned.ExitCode == 0, pinned.StdOut + pinned.StdErr);
        Assert.Equal(registry.Host, File.ReadAllText(Path.Combine(bin, "asked")).Trim());
        Assert.Equal(compose.Replace("/private:7", "/private:7@" + digest), File.ReadAllText(Path.Combine(dir, "compose.yaml")));
    }

    [RegistryFact]
    public void Unknown_images_unreachable_and_silent_registries_leave_their_files_untouched_while_others_are_pinned()
    {
        using var registry = LocalRegistry.Start();
        using var silent = new ConnectionRecorder();
        int closed = FreePort.Next();
        registry.Push("good:1", "good");
        var (digest, _) = registry.Inspect("good:1");
        string dir = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(dir, "missing"));
        Directory.CreateDirectory(Path.Combine(dir, "silent"));
        Directory.CreateDirectory(Path.Combine(dir, "closed"));
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {registry.Host}/good:1\n");
        string missing = $"FROM {registry.Host}/good:1\nCOPY --from={registry.Host}/nothing:1 /a /b\n";
        File.WriteAllText(Path.Combine(dir, "missing", "Dockerfile"), missing);
        string silentCompose = $"services:\n  app:\n    image: 127.0.0.1:{silent.Port}/app:1\n";
        File.WriteAllText(Path.Combine(dir, "silent", "compose.yaml"), silentCompose);
        string closedFile = $"FROM localhost:{closed}/app:1\n";
        File.WriteAllText(Path.Combine(dir, "closed", "Dockerfile"), closedFile);

        var run = PinCli.Run(dir, null, "pin", "--timeout", "2");
        Assert.True(run.ExitCode == 2, run.StdOut + run.StdErr);
        Assert.Equal($"FROM {registry.Host}/good:1@{digest}\n", File.ReadAllText(Path.Combine(dir, "Dockerfile")));
        Assert.Equal(missing, File.ReadAllText(Path.Combine(dir, "missing", "Dockerfile")));
        Assert.Equal(silentCompose, File.ReadAllText(Path.Combine(dir, "silent", "compose.yaml")));
        Assert.Equal(closedFile, File.ReadAllText(Path.Combine(dir, "closed", "Dockerfile")));
        const string sep = "/";
        Assert.Contains($"missing{sep}Dockerfile:2:13: error: cannot resolve {registry.Host}/nothing:1: {registry.Host} has no manifest for nothing:1 (HTTP 404", run.StdErr);
        Assert.Contains($"missing{sep}Dockerfile: not changed: an image in it could not be resolved", run.StdErr);
        Assert.Contains($"silent{sep}compose.yaml:3:12: error: cannot resolve 127.0.0.1:{silent.Port}/app:1: no answer from 127.0.0.1:{silent.Port} within 2 s", run.StdErr);
        Assert.Contains($"closed{sep}Dockerfile:1:6: error: cannot resolve localhost:{closed}/app:1: cannot reach localhost:{closed}", run.StdErr);
        Assert.True(silent.Connections >= 1);
    }

    private static string WriteDockerConfig(string dir, string json)
    {
        string folder = Path.Combine(dir, "docker-config-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), json);
        return folder;
    }
}
