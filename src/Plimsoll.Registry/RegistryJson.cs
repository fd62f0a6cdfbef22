using System.Text.Json.Serialization;

namespace Plimsoll.Registry;

/// <summary>The token endpoint's answer (distribution's token spec: <c>token</c>, or OAuth's <c>access_token</c>).</summary>
internal sealed class TokenResponse
{
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
}

/// <summary>The parts of the Docker CLI's <c>config.json</c> that hold credentials.</summary>
internal sealed class DockerConfigFile
{
    [JsonPropertyName("auths")] public Dictionary<string, DockerAuthEntry>? Auths { get; set; }
    [JsonPropertyName("credHelpers")] public Dictionary<string, string>? CredHelpers { get; set; }
    [JsonPropertyName("credsStore")] public string? CredsStore { get; set; }
}

internal sealed class DockerAuthEntry
{
    [JsonPropertyName("auth")] public string? Auth { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
    [JsonPropertyName("identitytoken")] public string? IdentityToken { get; set; }
}

/// <summary>What <c>docker-credential-NAME get</c> prints.</summary>
internal sealed class CredentialHelperOutput
{
    [JsonPropertyName("Username")] public string? Username { get; set; }
    [JsonPropertyName("Secret")] public string? Secret { get; set; }
}

/// <summary>The registry's error body (<c>{"errors":[{"code":…,"message":…}]}</c>).</summary>
internal sealed class RegistryErrors
{
    [JsonPropertyName("errors")] public List<RegistryError>? Errors { get; set; }
}

internal sealed class RegistryError
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

/// <summary>Source-generated serialisation: the tool is published Native AOT, where reflection-based JSON is unavailable.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(DockerConfigFile))]
[JsonSerializable(typeof(CredentialHelperOutput))]
[JsonSerializable(typeof(RegistryErrors))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext
{
}
