using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Secrets;

/// <summary>
/// PL4002 on names and values the rule page does not show: counts and durations given to credential-sounding names,
/// words run together, compose escapes and defaults, and the same names in a Dockerfile.
/// </summary>
public class PlaintextCredentialTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static bool FiresInCompose(string name, string value)
        => RuleRunner.Run(Registry, "yaml", $"services:\n  web:\n    image: shop/web:3.2\n    environment:\n      {name}: {value}\n", withSchema: false)
            .Any(f => f.Id == "PL4002");

    private static bool FiresInDockerfile(string instruction)
        => RuleRunner.Run(Registry, "dockerfile", $"FROM alpine:3.20\n{instruction}\n").Any(f => f.Id == "PL4002");

    [Theory]
    [InlineData("SESSION_TOKEN_LIFETIME_HOURS", "12")]
    [InlineData("LLM_MAX_TOKENS", "4096")]
    [InlineData("PASSWORD_MIN_LENGTH", "\"14\"")]
    [InlineData("PASSWORD_HASH_ROUNDS", "12")]
    [InlineData("UPLOAD_SECRET_MAX_SIZE", "2048")]
    [InlineData("REFRESH_TOKEN_TTL", "48h")]
    [InlineData("REFRESH_TOKEN_TTL", "PT30M")]
    [InlineData("API_TOKEN_TIMEOUT", "1m30s")]
    [InlineData("SALT_ROUNDS", "10")]
    [InlineData("ADMIN_PASSWORD", "\"${ADMIN_PASSWORD}\"")]
    [InlineData("ADMIN_PASSWORD", "\"$${ADMIN_PASSWORD}\"")]
    [InlineData("RATE_LIMIT_TOKEN_TTL", "\"${RATE_TTL:-90}\"")]
    public void A_count_a_duration_or_an_interpolation_is_not_a_credential(string name, string value)
        => Assert.False(FiresInCompose(name, value));

    [Theory]
    [InlineData("ADMIN_PASSWORD", "4711")]
    [InlineData("REFRESH_TOKEN_TTL", "s3cr3t-value")]
    [InlineData("BOT_TOKENS", "abc,def")]
    [InlineData("STRIPEAPIKEY", "sk_live_x")]
    [InlineData("clientSecret", "x9f2")]
    [InlineData("MARIADB_PWD", "rootpw")]
    [InlineData("HASH_SALT", "pepper")]
    [InlineData("DATA_ENCRYPTION_KEY", "0123abcd")]
    [InlineData("ADMIN_PASSWORD", "\"pa$$word\"")]
    [InlineData("ADMIN_PASSWORD", "\"${ADMIN_PASSWORD:-changeme}\"")]
    public void A_literal_or_a_shipped_default_under_a_credential_name_is_one(string name, string value)
        => Assert.True(FiresInCompose(name, value));

    [Theory]
    [InlineData("PWD", "/srv")]
    [InlineData("DB_PASSWORD", "\"${DB_PASSWORD:-}\"")]
    [InlineData("DB_PASSWORD", "\"prefix-${DB_PASSWORD}\"")]
    public void A_working_directory_an_empty_default_or_an_unset_variable_is_not_a_credential(string name, string value)
        => Assert.False(FiresInCompose(name, value));

    [Theory]
    [InlineData("ENV JWT_EXPIRY=3600", false)]
    [InlineData("ENV SESSION_TOKEN_TTL=15m", false)]
    [InlineData("ARG TOKEN_TTL", false)]
    [InlineData("ARG TOKEN_TTL=30", false)]
    [InlineData("ENV TOKEN_TTL=notaduration", true)]
    [InlineData("ENV ROOT_PASSWORD=1234", true)]
    [InlineData("ARG GITHUBTOKEN", true)]
    [InlineData("ENV PWD=/app", false)]
    public void Dockerfile_names_follow_the_same_words(string instruction, bool fires)
        => Assert.Equal(fires, FiresInDockerfile(instruction));
}
