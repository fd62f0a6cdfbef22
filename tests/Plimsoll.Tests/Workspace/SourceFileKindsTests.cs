using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Workspace;

namespace Plimsoll.Tests.Workspace;

/// <summary>One rule decides a file's kind; the pre-commit hook and the README state the same rule.</summary>
public class SourceFileKindsTests
{
    private static readonly string[] SampleNames =
    {
        "compose.yaml", "compose.yml", "compose.override.yaml", "compose.prod.yml", "Compose.YAML", "docker-compose.yml",
        "docker-compose.override.yaml", "docker-compose-dev.yml", "stack.yml", "web-stack.yaml", "docker-stack.yml",
        "compose.stack.yml", "app.stack.yaml", "STACK.yml", "values.yaml", "compose.json", "compose", "my-compose.yml",
        "compose-dev.yaml", "docker-compose", "stack.json", "backstack.yml", ".github/workflows/ci.yml", "k8s/deploy.yaml",
        "sub/dir/compose.yaml", "sub/dir/web-stack.yml", "Dockerfile", "Dockerfile.dev", "app.Dockerfile", "compose.yaml.bak",
    };

    [Fact]
    public void The_pre_commit_compose_hook_selects_exactly_the_files_the_classifier_reads_as_compose_or_stack()
    {
        var pattern = HookPattern("plimsoll-compose");

        foreach (var name in SampleNames)
        {
            // pre-commit also requires `types: [yaml]`, which is the .yaml/.yml extension.
            bool yaml = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            bool hook = yaml && pattern.IsMatch(name);
            bool classifier = SourceFileKinds.Classify(name).IsComposeFamily();
            Assert.True(hook == classifier, $"{name}: the hook {(hook ? "selects" : "skips")} it, the classifier says {SourceFileKinds.Classify(name)}");
        }
    }

    [Fact]
    public void The_pre_commit_Dockerfile_hook_selects_exactly_the_files_the_classifier_reads_as_Dockerfiles()
    {
        var pattern = HookPattern("plimsoll");
        foreach (var name in SampleNames.Concat(new[] { "Containerfile", "containerfile.prod", "dockerfile", "build/x.dockerfile", "Dockerfiles/readme.md", "MyDockerfile" }))
        {
            bool hook = pattern.IsMatch(name);
            bool classifier = SourceFileKinds.Classify(name) == SourceFileKind.Dockerfile;
            Assert.True(hook == classifier, $"{name}: the hook {(hook ? "selects" : "skips")} it, the classifier says {SourceFileKinds.Classify(name)}");
        }
    }

    private static Regex HookPattern(string id)
    {
        string hooks = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"));
        var match = Regex.Match(hooks, @"id: " + Regex.Escape(id) + @"\n.*?\n\s*files: (?<pattern>[^\n]+)", RegexOptions.Singleline);
        Assert.True(match.Success, "no files: pattern for the " + id + " hook");
        return new Regex(match.Groups["pattern"].Value.Trim());
    }

    [Theory]
    [InlineData("compose.yaml", SourceFileKind.Compose)]
    [InlineData("docker-compose.override.yml", SourceFileKind.Compose)]
    [InlineData("web-stack.yml", SourceFileKind.Stack)]
    [InlineData("docker-compose.stack.yml", SourceFileKind.Stack)]
    [InlineData("Containerfile", SourceFileKind.Dockerfile)]
    [InlineData("build/app.dockerfile", SourceFileKind.Dockerfile)]
    [InlineData("values.yaml", SourceFileKind.Unknown)]
    [InlineData("README.md", SourceFileKind.Unknown)]
    public void Names_decide_the_kind(string path, SourceFileKind expected) => Assert.Equal(expected, SourceFileKinds.Classify(path));

    [Fact]
    public void A_forced_compose_kind_still_reads_a_stack_name_as_a_stack()
    {
        Assert.Equal(SourceFileKind.Stack, SourceFileKinds.Classify("prod-stack.txt", null, SourceFileKind.Compose));
        Assert.Equal(SourceFileKind.Compose, SourceFileKinds.Classify("prod.txt", null, SourceFileKind.Compose));
        Assert.Equal(SourceFileKind.Dockerfile, SourceFileKinds.Classify("compose.yaml", null, SourceFileKind.Dockerfile));
    }

    [Fact]
    public void A_named_file_whose_name_says_nothing_is_read_by_its_content_then_its_extension()
    {
        Assert.Equal(SourceFileKind.Compose, SourceFileKinds.ClassifyNamed("deploy/app", SourceText.From("# app\nservices:\n  web:\n    image: nginx\n")));
        Assert.Equal(SourceFileKind.Dockerfile, SourceFileKinds.ClassifyNamed("deploy/app", SourceText.From("FROM ubuntu\n")));
        Assert.Equal(SourceFileKind.Compose, SourceFileKinds.ClassifyNamed("values.yaml"));
        Assert.Equal(SourceFileKind.Dockerfile, SourceFileKinds.ClassifyNamed("build.docker"));
    }
}
