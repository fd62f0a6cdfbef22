namespace Plimsoll.Registry;

/// <summary>A user name and password (or token) for one registry, and where it came from (for messages; never the secret).</summary>
public sealed record RegistryCredential(string Username, string Password, string Source)
{
    public string ToBasicHeaderValue()
        => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));

    public override string ToString() => Username + " (" + Source + ")";
}

/// <summary>Where credentials for a registry host come from.</summary>
public interface ICredentialSource
{
    /// <summary>The credential for <paramref name="registry"/> (host with port, <c>docker.io</c> for Docker Hub), or null.</summary>
    RegistryCredential? Get(string registry);
}
