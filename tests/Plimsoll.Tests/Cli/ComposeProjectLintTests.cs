using Plimsoll.Tests.Infrastructure;
namespace Plimsoll.Tests.Cli;

/// <summary>Compose files are judged as the project docker compose builds: base file plus override file.</summary>
[Trait("Tier", "Slow")]
public class ComposeProjectLintTests
{
    [Fact]
    public void Override_file_gets_its_own_findings_and_defines_secrets_for_the_base_file()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    secrets: [db, api]\n");
        File.WriteAllText(Path.Combine(dir, "compose.override.yaml"), "services:\n  web:\n    privileged: true\nsecrets:\n  db:\n    file: ./db.txt\n");
        File.WriteAllText(Path.Combine(dir, "db.txt"), "not a real secret");

        var result = CliProcess.Run(dir, null, "lint");

        Assert.Contains("compose.override.yaml:3:17: error PL2002 Service 'web' runs privileged", result.StdOut);
        Assert.Contains("compose.yaml:5:19: error PL4001 Service 'web' uses secret 'api', which is not defined at the top level", result.StdOut);
        Assert.DoesNotContain("secret 'db'", result.StdOut);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Stack_files_skip_keys_swarm_ignores_and_read_no_dotenv()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, ".env"), "TAG=latest\n");
        File.WriteAllText(Path.Combine(dir, "web-stack.yml"), "services:\n  web:\n    image: nginx:${TAG:-1.27}\n    privileged: true\n    pid: host\n    user: \"101\"\n");
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), "services:\n  web:\n    image: nginx:${TAG:-1.27}\n    user: \"101\"\n");

        var result = CliProcess.Run(dir, null, "lint");

        Assert.DoesNotContain("web-stack.yml:4", result.StdOut);               // privileged: ignored by swarm
        Assert.DoesNotContain("web-stack.yml:3:12: warning PL1001", result.StdOut); // .env not read: TAG falls back to 1.27
        Assert.Contains("compose.yaml:3:12: warning PL1001 Image 'nginx:latest'", result.StdOut); // compose reads .env
    }
}
