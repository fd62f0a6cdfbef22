using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Privileges;

/// <summary>PL2006 on the folders that hold Docker's state: writing /var or /var/lib writes /var/lib/docker.</summary>
public class WritableHostRootMountTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static bool Fires(string mount)
        => RuleRunner.Run(Registry, "yaml", $"services:\n  backup:\n    image: restic/restic:0.17.3\n    volumes:\n      - \"{mount}\"\n", withSchema: false)
            .Any(f => f.Id == "PL2006");

    [Theory]
    [InlineData("/var/lib:/data")]
    [InlineData("/var/lib/:/data:rw")]
    [InlineData("/var:/hostvar")]
    [InlineData("/srv/../var/lib:/data")]
    public void Writable_ancestors_of_the_container_stores_are_flagged(string mount) => Assert.True(Fires(mount));

    [Theory]
    [InlineData("/var/lib:/data:ro")]
    [InlineData("/var/log:/logs")]
    [InlineData("/var/lib/postgresql/data:/data")]
    public void Read_only_or_siblings_of_the_stores_are_not(string mount) => Assert.False(Fires(mount));
}
