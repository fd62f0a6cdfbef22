using System.Collections.Immutable;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2005: the Docker, containerd, CRI-O or Podman socket (or the directory holding it) mounted into a container.</summary>
[PlimsollAnalyzer]
public sealed class RuntimeSocketMountedAnalyzer : PlimsollAnalyzer
{
    private static readonly string[] Sockets =
    {
        "/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/podman/podman.sock", "/run/podman/podman.sock",
        "/run/k3s/containerd/containerd.sock", "/var/run/cri-dockerd.sock",
    };

    private static readonly string[] SocketDirectories = { "/var/run", "/run", "/var/run/docker", "/run/containerd", "/var/run/containerd", "/run/podman", "/var/run/podman" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.RuntimeSocketMounted);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var volume in service.Service.Volumes)
            {
                if (volume.Source?.KnownText is not { } source) continue;
                string path = source.TrimEnd('/');
                if (IsRuntimeSocket(path))
                    service.Report(RuleCatalog.RuntimeSocketMounted, volume.Source, source);
            }
        });
    }

    internal static bool IsRuntimeSocket(string path)
        => Sockets.Contains(path, StringComparer.Ordinal)
           || SocketDirectories.Contains(path, StringComparer.Ordinal)
           || (path.StartsWith("/run/user/", StringComparison.Ordinal) && path.EndsWith("/podman/podman.sock", StringComparison.Ordinal))
           || path.EndsWith("/docker.sock", StringComparison.Ordinal);
}
