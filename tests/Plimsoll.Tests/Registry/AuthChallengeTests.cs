using Plimsoll.Registry;

namespace Plimsoll.Tests.Registry;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Parses_a_bearer_challenge_with_quoted_parameters_containing_commas()
    {
        var challenge = AuthChallenge.Parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");
        Assert.NotNull(challenge);
        Assert.True(challenge!.IsBearer);
        Assert.Equal("https://auth.example/token", challenge.Get("realm"));
        Assert.Equal("registry.example", challenge.Get("service"));
        Assert.Equal("repository:a/b:pull,push", challenge.Get("scope"));
    }

    [Fact]
    public void Parses_basic_with_unquoted_values_spaces_and_escapes()
    {
        var challenge = AuthChallenge.Parse("Basic realm = \"a \\\"quoted\\\" realm\" , charset=UTF-8");
        Assert.NotNull(challenge);
        Assert.True(challenge!.IsBasic);
        Assert.Equal("a \"quoted\" realm", challenge.Get("realm"));
        Assert.Equal("UTF-8", challenge.Get("charset"));
    }

    [Fact]
    public void An_empty_header_is_no_challenge() => Assert.Null(AuthChallenge.Parse("  "));
}
