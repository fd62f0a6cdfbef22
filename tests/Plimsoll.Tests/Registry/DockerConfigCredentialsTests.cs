using System.Text;
using Plimsoll.Registry;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Registry;

public sealed class DockerConfigCredentialsTests
{
    private static DockerConfigCredentials Config(string json)
    {
        string path = Path.Combine(TempDirectory.Create(), "config.json");
        File.WriteAllText(path, json);
        return new DockerConfigCredentials(path);
    }

    [Fact]
    public void Reads_base64_auths_with_scheme_and_path_keys_and_docker_hub_aliases()
    {
        string alice = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:pa:ss"));
        var config = Config($"{{\"auths\":{{\"https://index.docker.io/v1/\":{{\"auth\":\"{alice}\"}},\"http://registry.example:5000/v2/\":{{\"username\":\"bob\",\"password\":\"pw\"}}}}}}");
        var hub = config.Get("docker.io");
        Assert.Equal(("alice", "pa:ss"), (hub!.Username, hub.Password));
        var other = config.Get("registry.example:5000");
        Assert.Equal(("bob", "pw"), (other!.Username, other.Password));
        Assert.Null(config.Get("registry.example"));
    }

    [Fact]
    public void No_file_means_no_credential() => Assert.Null(new DockerConfigCredentials(Path.Combine(TempDirectory.Create(), "none.json")).Get("docker.io"));

    [Fact]
    public void A_broken_file_or_entry_is_a_credential_error_naming_the_file()
    {
        var broken = Config("{ not json");
        var e = Assert.Throws<CredentialException>(() => broken.Get("docker.io"));
        Assert.Contains("config.json: not valid JSON", e.Message);
        var badEntry = Config("{\"auths\":{\"registry.example\":{\"auth\":\"%%%\"}}}");
        Assert.Contains("not valid base64", Assert.Throws<CredentialException>(() => badEntry.Get("registry.example")).Message);
    }

    [Fact]
    public void A_missing_credential_helper_is_a_credential_error()
    {
        var config = Config("{\"credsStore\":\"plimsoll-no-such-helper\"}");
        var e = Assert.Throws<CredentialException>(() => config.Get("registry.example"));
        Assert.Contains("docker-credential-plimsoll-no-such-helper", e.Message);
    }
}
