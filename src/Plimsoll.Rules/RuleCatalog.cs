using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules;

/// <summary>
/// The registry of built-in rule ids (like Ruff's codes table): ids are fixed forever; families are
/// PL1xxx supply chain, PL2xxx privileges, PL3xxx network, PL4xxx secrets.
/// </summary>
public static class RuleCatalog
{
    private static string[] Ids(params string[] ids) => ids;

    public static readonly RuleDescriptor UnpinnedImageTag = new(
        "PL1001", "UnpinnedImageTag", "Image without a tag or with the 'latest' tag",
        "Image '{0}' {1}: pin a specific version tag",
        "SupplyChain", DiagnosticSeverity.Warning,
        "An image without a tag, or tagged 'latest', changes under you: builds and deployments stop being reproducible and a compromised or broken upstream release is pulled in silently.",
        securitySeverity: "5.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids("DL3006", "DL3007"), Ids(), Ids(), Ids("CKV_DOCKER_7"), Ids("DS001"), Ids()),
        new[] { "supply-chain", "reproducibility" });

    public static readonly RuleDescriptor ImageWithoutDigest = new(
        "PL1002", "ImageWithoutDigest", "Image not pinned by digest",
        "Image '{0}' is not pinned by an @sha256: digest",
        "SupplyChain", DiagnosticSeverity.Info,
        "Tags are mutable: the registry can serve different content under the same tag. Only a digest names exact content.",
        securitySeverity: "3.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "supply-chain", "reproducibility" });

    public static readonly RuleDescriptor InsecureTransport = new(
        "PL1003", "InsecureTransport", "Download over an insecure transport",
        "{0}",
        "SupplyChain", DiagnosticSeverity.Error,
        "Content fetched over plain HTTP, or with TLS certificate checks turned off, can be replaced by anyone on the network path.",
        securitySeverity: "7.5", RulePrecision.High,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids("CKV2_DOCKER_2", "CKV2_DOCKER_3"), Ids(), Ids()),
        new[] { "supply-chain", "tls" });

    public static readonly RuleDescriptor UnverifiedDownload = new(
        "PL1004", "UnverifiedDownload", "Remote content used without verification",
        "{0}",
        "SupplyChain", DiagnosticSeverity.Warning,
        "A download that is not checked against a known checksum or signature trusts the server and everything between it and the build.",
        securitySeverity: "5.9", RulePrecision.Medium,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "supply-chain", "integrity" });

    public static readonly RuleDescriptor DownloadPipedToShell = new(
        "PL1005", "DownloadPipedToShell", "Download piped into a shell",
        "'{0}' output is executed by '{1}' without being checked",
        "SupplyChain", DiagnosticSeverity.Error,
        "Piping a download into a shell runs whatever the server sends, with the build's privileges, and leaves nothing to review.",
        securitySeverity: "8.1", RulePrecision.High,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "supply-chain", "integrity" });

    public static readonly RuleDescriptor RunsAsRoot = new(
        "PL2001", "RunsAsRoot", "Container runs as root",
        "{0}",
        "Privileges", DiagnosticSeverity.Warning,
        "A process running as root inside the container is root on the host's kernel: a container escape or a writable host mount turns into full host compromise.",
        securitySeverity: "6.5", RulePrecision.Medium,
        new PeerRuleIds(Ids("DL3002"), Ids(), Ids(), Ids("CKV_DOCKER_8", "CKV_DOCKER_3"), Ids("DS002"), Ids()),
        new[] { "privileges" });

    public static readonly RuleDescriptor Privileged = new(
        "PL2002", "Privileged", "Privileged container or build step",
        "{0}",
        "Privileges", DiagnosticSeverity.Error,
        "Privileged mode gives the container every capability and access to all host devices: it is root on the host in all but name.",
        securitySeverity: "9.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "privileges" });

    public static readonly RuleDescriptor DangerousCapabilities = new(
        "PL2003", "DangerousCapabilities", "Dangerous capability or disabled confinement",
        "{0}",
        "Privileges", DiagnosticSeverity.Error,
        "Capabilities such as SYS_ADMIN, and turning off seccomp, AppArmor or SELinux labels, remove the walls that keep a compromised container from the host.",
        securitySeverity: "8.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "privileges" });

    public static readonly RuleDescriptor HostNamespaces = new(
        "PL2004", "HostNamespaces", "Host namespace shared with the container",
        "'{0}: host' shares the host's {1} namespace with the container",
        "Privileges", DiagnosticSeverity.Error,
        "Sharing the host's PID, IPC, UTS, user or cgroup namespace lets the container see and signal host processes, read shared memory, or escape user remapping.",
        securitySeverity: "8.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "privileges" });

    public static readonly RuleDescriptor RuntimeSocketMounted = new(
        "PL2005", "RuntimeSocketMounted", "Container runtime socket mounted",
        "'{0}' is mounted into the container: whoever controls the container controls the host",
        "Privileges", DiagnosticSeverity.Error,
        "The Docker, containerd or Podman socket lets its holder start privileged containers on the host.",
        securitySeverity: "9.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "privileges" });

    public static readonly RuleDescriptor HostNetwork = new(
        "PL3001", "HostNetwork", "Host networking",
        "{0}",
        "Network", DiagnosticSeverity.Warning,
        "With the host's network stack the container can reach every host service on localhost and bind any host port; network isolation is gone.",
        securitySeverity: "7.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "network" });

    public static readonly RuleDescriptor UnencryptedOverlayNetwork = new(
        "PL3002", "UnencryptedOverlayNetwork", "Overlay network without encryption",
        "Overlay network '{0}' does not encrypt traffic between nodes: set driver_opts.encrypted",
        "Network", DiagnosticSeverity.Warning,
        "Swarm overlay traffic between nodes is plain VXLAN unless the network is created with the 'encrypted' option.",
        securitySeverity: "5.3", RulePrecision.High,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "network", "swarm" });

    public static readonly RuleDescriptor UndefinedSecret = new(
        "PL4001", "UndefinedSecret", "Secret or config used but not defined",
        "Service '{0}' uses {1} '{2}', which is not defined at the top level",
        "Secrets", DiagnosticSeverity.Error,
        "A secret or config that the project does not define makes deployment fail, or is silently provided some other way (for example as a plain environment variable).",
        securitySeverity: "4.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "secrets" });

    public static readonly RuleDescriptor PlaintextCredential = new(
        "PL4002", "PlaintextCredential", "Credential in plain text",
        "{0}",
        "Secrets", DiagnosticSeverity.Error,
        "Values of ENV and ARG are stored in the image history and metadata, and compose environment values in the repository: anyone who can pull the image or read the file has the credential.",
        securitySeverity: "7.5", RulePrecision.Medium,
        new PeerRuleIds(Ids(), Ids("SecretsUsedInArgOrEnv"), Ids(), Ids(), Ids(), Ids()),
        new[] { "secrets" });

    public static readonly RuleDescriptor SecretFileMissing = new(
        "PL4003", "SecretFileMissing", "Secret or config file does not exist",
        "{0} '{1}' reads file '{2}', which does not exist",
        "Secrets", DiagnosticSeverity.Error,
        "A secret or config whose file is missing makes deployment fail, or, worse, is created empty by tooling that does not check.",
        securitySeverity: "3.0", RulePrecision.High,
        new PeerRuleIds(Ids(), Ids(), Ids(), Ids(), Ids(), Ids()),
        new[] { "secrets" });
}
