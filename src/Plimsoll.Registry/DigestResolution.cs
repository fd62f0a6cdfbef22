namespace Plimsoll.Registry;

/// <summary>Why a tag could not be resolved: the kinds a user acts on differently.</summary>
public enum ResolutionFailure
{
    None,
    /// <summary>The registry has no such repository or tag (404).</summary>
    NotFound,
    /// <summary>The registry refused the credentials, or none were found (401/403).</summary>
    Unauthorized,
    /// <summary>No connection (DNS, refused, TLS).</summary>
    Unreachable,
    /// <summary>No answer within the timeout.</summary>
    Timeout,
    /// <summary>Any other answer: unexpected status, a digest that does not match the body, a refused plain-HTTP realm.</summary>
    Protocol,
    /// <summary>The Docker config file or a credential helper failed.</summary>
    Credentials,
}

/// <summary>The digest a registry gives for a tag, or why it gave none.</summary>
public sealed record DigestResolution(string? Digest, string? MediaType, ResolutionFailure Failure, string? Message)
{
    public bool Succeeded => Digest != null;

    public static DigestResolution Resolved(string digest, string? mediaType) => new(digest, mediaType, ResolutionFailure.None, null);

    public static DigestResolution Failed(ResolutionFailure failure, string message) => new(null, null, failure, message);
}
