using Plimsoll.Tests.Infrastructure;
using Plimsoll.Semantics.Compose.Interpolation;

namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

public sealed class ComposeVariablesTests
{
    private readonly string dir = TempDirectory.Create();

    public ComposeVariablesTests()
    {
        File.WriteAllText(Path.Combine(dir, "compose.yaml"), "services: {}\n");
        File.WriteAllText(Path.Combine(dir, ".env"), "TAG=from-dotenv\nONLY_DOTENV=1\n");
        File.WriteAllText(Path.Combine(dir, "prod.env"), "TAG=from-env-file\n");
    }


    private string ComposeFile => Path.Combine(dir, "compose.yaml");

    [Fact]
    public void Dotenv_beside_the_compose_file_is_read_by_default()
    {
        var variables = ComposeVariables.Load(ComposeFile);
        var tag = variables.Find("TAG")!;
        Assert.Equal("from-dotenv", tag.Value);
        Assert.Equal(ValueOrigin.DotEnv, tag.Origin);
        Assert.Equal(Path.Combine(dir, ".env"), tag.Path);
        Assert.Equal(0, tag.Line);
        Assert.Empty(variables.Diagnostics);
    }

    [Fact]
    public void Env_files_replace_dotenv()
    {
        var variables = ComposeVariables.Load(ComposeFile, new ComposeVariablesOptions { EnvFiles = new[] { Path.Combine(dir, "prod.env") } });
        Assert.Equal("from-env-file", variables.Find("TAG")!.Value);
        Assert.Equal(ValueOrigin.EnvFile, variables.Find("TAG")!.Origin);
        Assert.Null(variables.Find("ONLY_DOTENV"));
    }

    [Fact]
    public void Missing_env_file_is_a_diagnostic()
    {
        var variables = ComposeVariables.Load(ComposeFile, new ComposeVariablesOptions { EnvFiles = new[] { Path.Combine(dir, "nope.env") } });
        Assert.Equal("PL9002", Assert.Single(variables.Diagnostics).Id);
    }

    [Fact]
    public void Stack_reads_no_dotenv()
    {
        var variables = ComposeVariables.Load(ComposeFile, ComposeVariablesOptions.ForStack());
        Assert.Null(variables.Find("TAG"));
        var withEnv = ComposeVariables.Load(ComposeFile, ComposeVariablesOptions.ForStack(true, new Dictionary<string, string> { ["TAG"] = "shell" }));
        Assert.Equal("shell", withEnv.Find("TAG")!.Value);
        Assert.Equal(ValueOrigin.Environment, withEnv.Find("TAG")!.Origin);
    }

    [Fact]
    public void Process_environment_is_used_only_when_asked_and_wins()
    {
        var environment = new Dictionary<string, string> { ["TAG"] = "shell" };
        Assert.Equal("from-dotenv", ComposeVariables.Load(ComposeFile, new ComposeVariablesOptions { ProcessEnvironment = environment }).Find("TAG")!.Value);
        Assert.Equal("shell", ComposeVariables.Load(ComposeFile, new ComposeVariablesOptions { UseProcessEnvironment = true, ProcessEnvironment = environment }).Find("TAG")!.Value);
    }
}
