using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>
/// A clone of this repository at HEAD, used as a pre-commit hook repository; pre-commit installs the tool from it
/// once (it runs `dotnet pack` on the clone) and every test reuses that environment through PRE_COMMIT_HOME.
/// Only committed changes are seen: pre-commit checks out <c>rev:</c>, not the working tree.
/// </summary>
public sealed class PreCommitHookRepository
{
    public string HookRepository { get; }
    public string Revision { get; }
    public string PreCommitHome { get; }

    public PreCommitHookRepository()
    {
        string root = TempDirectory.Create();
        HookRepository = Path.Combine(root, "hook-repo");
        PreCommitHome = Path.Combine(root, "pre-commit-home");
        Revision = ExternalTool.Run(TestPaths.RepoRoot, null, "git", "-C", TestPaths.RepoRoot, "rev-parse", "HEAD").EnsureSuccess("git rev-parse").Output.Trim();
        ExternalTool.Run(root, null, "git", "clone", "--quiet", "--no-checkout", TestPaths.RepoRoot, HookRepository).EnsureSuccess("git clone");
        ExternalTool.Run(HookRepository, null, "git", "checkout", "--quiet", Revision).EnsureSuccess("git checkout");
    }
}

/// <summary>The hooks of .pre-commit-hooks.yaml through Debian's real pre-commit, in a throwaway git repository.</summary>
[Trait("Tier", "Slow")]
public class PreCommitTests : IClassFixture<PreCommitHookRepository>
{
    private readonly PreCommitHookRepository _hooks;

    public PreCommitTests(PreCommitHookRepository hooks) => _hooks = hooks;

    private string NewUserRepository(params string[] hookIds)
    {
        if (ExternalTool.FindOnPath("pre-commit") is null)
            Assert.Fail("CI=true but pre-commit is not on PATH: install it (apt-get install -y pre-commit) so the pre-commit hooks are tested");
        string repo = TempDirectory.Create();
        Git(repo, "init", "--quiet");
        Git(repo, "config", "user.email", "test@example.com");
        Git(repo, "config", "user.name", "Plimsoll tests");
        Git(repo, "config", "commit.gpgsign", "false");
        File.WriteAllText(Path.Combine(repo, ".pre-commit-config.yaml"),
            "repos:\n" +
            $"- repo: {_hooks.HookRepository}\n" +
            $"  rev: {_hooks.Revision}\n" +
            "  hooks:\n" +
            string.Concat(hookIds.Select(id => $"  - id: {id}\n")));
        PreCommit(repo, "install").EnsureSuccess("pre-commit install");
        Git(repo, "add", ".pre-commit-config.yaml");
        return repo;
    }

    private Dictionary<string, string> Environment => new() { ["PRE_COMMIT_HOME"] = _hooks.PreCommitHome };

    private ExternalTool.Result PreCommit(string repo, params string[] args) => ExternalTool.Run(repo, Environment, "pre-commit", args);

    private ExternalTool.Result Commit(string repo, string message) => ExternalTool.Run(repo, Environment, "git", "commit", "-m", message);

    private static void Git(string repo, params string[] args) => ExternalTool.Run(repo, null, "git", args).EnsureSuccess("git " + string.Join(" ", args));

    [PreCommitFact]
    public void Dockerfile_hook_refuses_an_insecure_commit_and_accepts_a_clean_one()
    {
        string repo = NewUserRepository("plimsoll");
        File.Copy(Path.Combine(TestPaths.RepoRoot, "examples", "insecure", "Dockerfile"), Path.Combine(repo, "Dockerfile"));
        Git(repo, "add", "Dockerfile");
        var refused = Commit(repo, "insecure");
        Assert.True(refused.ExitCode != 0, "the commit should have been refused:\n" + refused.Output);
        Assert.Contains("Dockerfile:2:6: warning PL1001 ", refused.Output);
        Assert.Contains("Dockerfile:6:16: error PL1003 ", refused.Output);
        Assert.Contains("Failed", refused.Output);
        Assert.NotEqual(0, ExternalTool.Run(repo, null, "git", "rev-parse", "--verify", "--quiet", "HEAD").ExitCode); // nothing committed

        File.Copy(Path.Combine(TestPaths.RepoRoot, "examples", "secure", "Dockerfile"), Path.Combine(repo, "Dockerfile"), overwrite: true);
        Git(repo, "add", "Dockerfile");
        var accepted = Commit(repo, "clean");
        Assert.True(accepted.ExitCode == 0, "the clean commit should have been accepted:\n" + accepted.Output);
        Assert.Contains("Passed", accepted.Output);
    }

    [PreCommitFact]
    public void Compose_hook_checks_compose_files_and_ignores_other_yaml()
    {
        string repo = NewUserRepository("plimsoll-compose");
        File.Copy(Path.Combine(TestPaths.RepoRoot, "examples", "insecure", "compose.yaml"), Path.Combine(repo, "docker-compose.prod.yml"));
        File.WriteAllText(Path.Combine(repo, "values.yaml"), "services: {x: {privileged: true}}\n"); // not a compose file name
        Git(repo, "add", "docker-compose.prod.yml", "values.yaml");
        var refused = Commit(repo, "insecure compose");
        Assert.True(refused.ExitCode != 0, "the commit should have been refused:\n" + refused.Output);
        Assert.Contains("docker-compose.prod.yml:", refused.Output);
        Assert.DoesNotContain("values.yaml:", refused.Output);
    }
}
