using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Diagnostics;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>What <c>docker stack deploy</c> does with a service key: uses it, ignores it, or rejects the file.</summary>
public enum SwarmKeySupport
{
    Supported,

    /// <summary>Accepted but not applied (docker prints "Ignoring unsupported options" or "Ignoring deprecated options", or, for <c>depends_on</c>, nothing).</summary>
    Ignored,

    /// <summary>docker refuses the file ("Configuration contains forbidden properties").</summary>
    Forbidden,

    /// <summary>Not in the version 3 schema docker stack validates against: the file is rejected ("Additional property ... is not allowed").</summary>
    Unknown,
}

/// <summary>
/// Knowledge of swarm stacks (docker/cli as of 28.x). Ignored keys follow docker/cli's unsupported and deprecated
/// property lists: <c>cap_add</c>/<c>cap_drop</c> are supported since 20.10, <c>sysctls</c> since 19.03,
/// <c>ulimits</c> since 23.0; <c>depends_on</c> is ignored by swarm (services start in no order).
/// </summary>
public static class SwarmSupport
{
    /// <summary>Accepted by the schema, not applied to the swarm service.</summary>
    public static readonly ImmutableHashSet<string> IgnoredServiceKeys = ImmutableHashSet.Create(StringComparer.Ordinal,
        "build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links", "ipc", "links", "mac_address",
        "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "userns_mode",
        // deprecated in the version 3 format, ignored with a warning
        "container_name", "expose",
        // accepted, but swarm has no start order
        "depends_on");

    /// <summary>docker stack refuses a file that uses one of these.</summary>
    public static readonly ImmutableHashSet<string> ForbiddenServiceKeys = ImmutableHashSet.Create(StringComparer.Ordinal,
        "extends", "volume_driver", "volumes_from", "cpu_quota", "cpu_shares", "cpuset", "mem_limit", "memswap_limit");

    /// <summary>The service keys of the version 3 schema that docker stack validates against (latest 3.x).</summary>
    public static readonly ImmutableHashSet<string> SchemaServiceKeys = ImmutableHashSet.Create(StringComparer.Ordinal,
        "build", "cap_add", "cap_drop", "cgroupns_mode", "cgroup_parent", "command", "configs", "container_name", "credential_spec",
        "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose",
        "external_links", "extra_hosts", "gpus", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "links",
        "logging", "mac_address", "network_mode", "networks", "pid", "ports", "privileged", "read_only", "restart", "secrets",
        "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "sysctls", "tmpfs", "tty", "ulimits",
        "user", "userns_mode", "volumes", "working_dir");

    /// <summary>Top-level keys docker stack accepts (besides <c>x-</c> extensions).</summary>
    public static readonly ImmutableHashSet<string> TopLevelKeys = ImmutableHashSet.Create(StringComparer.Ordinal,
        "version", "services", "networks", "volumes", "secrets", "configs");

    /// <summary>True when <c>docker stack deploy</c> does not apply the key: ignored, or the whole file is refused.</summary>
    public static bool IsIgnoredBySwarm(string serviceKey) => Classify(serviceKey) != SwarmKeySupport.Supported;

    public static SwarmKeySupport Classify(string serviceKey)
    {
        if (serviceKey == null) return SwarmKeySupport.Unknown;
        if (ForbiddenServiceKeys.Contains(serviceKey)) return SwarmKeySupport.Forbidden;
        if (IgnoredServiceKeys.Contains(serviceKey)) return SwarmKeySupport.Ignored;
        if (SchemaServiceKeys.Contains(serviceKey) || serviceKey.StartsWith("x-", StringComparison.Ordinal)) return SwarmKeySupport.Supported;
        return SwarmKeySupport.Unknown;
    }

    /// <summary>PL9002 for what docker stack rejects: an old version, forbidden or unknown keys, <c>depends_on</c> as a mapping, boolean environment values.</summary>
    internal static IEnumerable<Diagnostic> Check(ComposeProject project)
    {
        foreach (var tree in project.Trees)
        {
            if (tree.Root?.Resolve() is YamlMappingNode legacy && ComposeFileFormat.IsLegacyV1(legacy))
            {
                yield return At(legacy, "docker stack does not support version 1 files (services at the top level): put them under 'services'");
            }
        }
        var root = project.Root;
        if (root == null) yield break;
        foreach (var network in project.Networks)
        {
            // The version 3 schema allows only 'subnet' in an IPAM pool.
            if (network.Get("ipam") is ProjectMapping { } ipam && ipam["config"] is ProjectSequence pools)
            {
                foreach (var key in pools.Items.OfType<ProjectMapping>().SelectMany(p => p.Entries).Where(e => e.Key != "subnet"))
                {
                    yield return At(key.KeyNode, "docker stack allows only 'subnet' in an IPAM config, not '" + key.Key + "' (network '" + network.Name + "')");
                }
            }
        }
        foreach (var entry in root.Entries)
        {
            if (entry.Key == "version" && entry.Value is ProjectScalar { Text: { } version } v && !IsVersion3(version))
            {
                yield return At(v.Node, "unsupported Compose file version: " + version + " (docker stack supports version 3 and later)");
            }
            else if (!TopLevelKeys.Contains(entry.Key) && !entry.Key.StartsWith("x-", StringComparison.Ordinal) && entry.Key != "include")
            {
                yield return At(entry.KeyNode, "docker stack does not allow the top-level key '" + entry.Key + "'");
            }
        }

        foreach (var service in project.Services)
        {
            if (service.Mapping == null) continue;
            foreach (var entry in service.Mapping.Entries)
            {
                switch (Classify(entry.Key))
                {
                    case SwarmKeySupport.Forbidden:
                        yield return At(entry.KeyNode, "docker stack forbids '" + entry.Key + "' (service '" + service.Name + "')");
                        break;
                    case SwarmKeySupport.Unknown:
                        yield return At(entry.KeyNode, "docker stack does not allow the service key '" + entry.Key + "' (service '" + service.Name + "')");
                        break;
                }
            }
            if (service.GetWritten("depends_on") is { } dependsOn && dependsOn.Node.Resolve() is YamlMappingNode)
            {
                yield return At(dependsOn.Node, "docker stack needs 'depends_on' as a list of service names (service '" + service.Name + "')");
            }
            foreach (var volume in service.Volumes.Select(v => v.Node).OfType<ProjectScalar>())
            {
                // After interpolation an unset source leaves ":/target", which docker refuses.
                if (volume.Text is { } spec && (spec.StartsWith(":", StringComparison.Ordinal) || spec.IndexOf("::", StringComparison.Ordinal) >= 0))
                {
                    yield return At(volume.Node, "invalid volume spec '" + spec + "' after interpolation: empty section between colons (service '" + service.Name + "')");
                }
            }
            foreach (var variable in service.Environment)
            {
                if (variable.Value?.Node.Resolve() is YamlScalarNode { Style: YamlScalarStyle.Plain, Tag: null } plain && IsYamlBoolean(plain.Value)
                    && variable.Value.KeyNode != null)
                {
                    yield return At(plain, "docker stack needs environment values as strings, numbers or null: quote '" + plain.Value + "' (" + variable.Name + ")");
                }
            }
        }
    }

    private static bool IsVersion3(string version)
    {
        int dot = version.IndexOf('.');
        var major = dot < 0 ? version : version.Substring(0, dot);
        return int.TryParse(major, out var n) && n >= 3;
    }

    // YAML 1.1 booleans as docker's YAML reader resolves them.
    private static bool IsYamlBoolean(string value) => value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
        or "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "Y" or "n" or "N";

    private static Diagnostic At(YamlNode node, string message)
        => PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, node.Tree.Path, node.Tree.Text, node.Span, message);
}
