namespace Plimsoll.Analysis;

/// <summary>The linters whose rules a Plimsoll rule declares as equivalents.</summary>
public enum PeerTool
{
    Hadolint,
    BuildKit,
    Checkov,
    Trivy,
    Kics,
    ComposeLint,
    Dclint,
}

/// <summary>
/// A rule of another tool that checks the same thing: its id as that tool writes it (hadolint <c>DL3006</c>, BuildKit
/// <c>SecretsUsedInArgOrEnv</c>, Checkov <c>CKV_DOCKER_7</c>, Trivy <c>DS-0001</c>, KICS query id, compose-lint
/// <c>CL-0004</c>, dclint rule name) and, where the id alone says little (KICS uuids), the tool's own title.
/// Declared only after reading the peer's definition; hadolint ids also drive <c># hadolint ignore=</c> and <c>.hadolint.yaml</c>.
/// </summary>
public sealed record PeerRule(PeerTool Tool, string Id, string? Title = null)
{
    public static PeerRule Hadolint(string id) => new(PeerTool.Hadolint, id);
    public static PeerRule BuildKit(string id) => new(PeerTool.BuildKit, id);
    public static PeerRule Checkov(string id) => new(PeerTool.Checkov, id);
    public static PeerRule Trivy(string id) => new(PeerTool.Trivy, id);
    public static PeerRule Kics(string id, string title) => new(PeerTool.Kics, id, title);
    public static PeerRule ComposeLint(string id) => new(PeerTool.ComposeLint, id);
    public static PeerRule Dclint(string id) => new(PeerTool.Dclint, id);

    /// <summary>The tool's name as people write it.</summary>
    public static string ToolName(PeerTool tool) => tool switch
    {
        PeerTool.Hadolint => "hadolint",
        PeerTool.BuildKit => "BuildKit",
        PeerTool.Checkov => "Checkov",
        PeerTool.Trivy => "Trivy",
        PeerTool.Kics => "KICS",
        PeerTool.ComposeLint => "compose-lint",
        PeerTool.Dclint => "dclint",
        _ => tool.ToString(),
    };

    /// <summary>The camelCase key of the tool in JSON and SARIF properties.</summary>
    public static string ToolKey(PeerTool tool) => tool switch
    {
        PeerTool.BuildKit => "buildkit",
        PeerTool.ComposeLint => "composeLint",
        _ => tool.ToString().ToLowerInvariant(),
    };
}
