using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2005: the Docker, containerd, CRI-O or Podman socket (or the directory holding it) mounted into a container.</summary>
[PlimsollAnalyzer]
public sealed class RuntimeSocketMountedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SocketMounted = new("socketMounted", "'{path}' is mounted into the container: whoever controls the container controls the host");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2005", name: "RuntimeSocketMounted", title: "Container runtime socket mounted",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Error,
        description: "The Docker, containerd or Podman socket lets its holder start privileged containers on the host.",
        securitySeverity: "9.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [SocketMounted],
        peers:
        [
            PeerRule.Kics("d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b", "Docker Socket Mounted In Container"), PeerRule.ComposeLint("CL-0001"),
            PeerRule.ComposeLint("CL-0013"),
        ]);

    // compose-lint's CL-0001 is every control socket; its CL-0013 (sensitive paths) also covers whatever is under /run.
    private static readonly PeerRule KicsSocket = PeerRule.Kics("d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b", "Docker Socket Mounted In Container");
    private static readonly PeerAttribution SocketOnly = PeerAttribution.Of(KicsSocket, PeerRule.ComposeLint("CL-0001"));
    private static readonly PeerAttribution SocketUnderRun = PeerAttribution.Of(KicsSocket, PeerRule.ComposeLint("CL-0001"), PeerRule.ComposeLint("CL-0013"));

    private static readonly string[] Sockets =
    {
        "/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/podman/podman.sock", "/run/podman/podman.sock",
        "/run/k3s/containerd/containerd.sock", "/var/run/cri-dockerd.sock",
    };

    private static readonly string[] SocketDirectories = { "/var/run", "/run", "/var/run/docker", "/run/containerd", "/var/run/containerd", "/run/podman", "/var/run/podman" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var volume in service.Service.Volumes)
            {
                if (volume.Source?.KnownText is not { } source) continue;
                string path = source.TrimEnd('/');
                if (IsRuntimeSocket(path))
                    service.Report(SocketMounted, volume.Source, IsUnderRun(path) ? SocketUnderRun : SocketOnly, source);
            }
        });
    }

    private static bool IsUnderRun(string path)
        => path is "/run" or "/var/run" || path.StartsWith("/run/", StringComparison.Ordinal) || path.StartsWith("/var/run/", StringComparison.Ordinal);

    internal static bool IsRuntimeSocket(string path)
        => Sockets.Contains(path, StringComparer.Ordinal)
           || SocketDirectories.Contains(path, StringComparer.Ordinal)
           || (path.StartsWith("/run/user/", StringComparison.Ordinal) && path.EndsWith("/podman/podman.sock", StringComparison.Ordinal))
           || path.EndsWith("/docker.sock", StringComparison.Ordinal);
}
