using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>Builds a <see cref="ComposeFile"/> from the syntax tree, spending one alias budget for the whole file.</summary>
internal sealed class ComposeReader
{
    private readonly YamlSyntaxTree tree;
    private readonly YamlAliasBudget budget;

    public ComposeReader(YamlSyntaxTree tree, YamlAliasBudget budget)
    {
        this.tree = tree;
        this.budget = budget;
    }

    public ComposeFile Read()
    {
        var file = new ComposeFile(tree);
        if (tree.Root?.Resolve() is not YamlMappingNode root) return file;
        file.Root = root;
        var top = Effective(root);
        file.Version = Scalar(top, "version");
        file.Name = Scalar(top, "name");
        file.IsLegacyV1 = ComposeFileFormat.IsLegacyV1(root);

        var serviceEntries = file.IsLegacyV1
            ? top?.Entries.Where(e => !e.Key.StartsWith("x-", StringComparison.Ordinal)) ?? Enumerable.Empty<YamlEffectiveEntry>()
            : Entries(top?["services"]);
        file.Services = serviceEntries.Select(ReadService).ToImmutableArray();

        if (!file.IsLegacyV1)
        {
            file.Networks = Entries(top?["networks"]).Select(e => ReadResource(new ComposeNetwork(e.Key, e.KeyNode, e.Value), e, (n, m) =>
            {
                n.Driver = Scalar(m, "driver");
                n.DriverOpts = Dictionary(m?["driver_opts"]);
                n.Internal = Scalar(m, "internal");
                n.Attachable = Scalar(m, "attachable");
            })).ToImmutableArray();
            file.Volumes = Entries(top?["volumes"]).Select(e => ReadResource(new ComposeVolume(e.Key, e.KeyNode, e.Value), e, (v, m) =>
            {
                v.Driver = Scalar(m, "driver");
                v.DriverOpts = Dictionary(m?["driver_opts"]);
            })).ToImmutableArray();
            file.Secrets = Entries(top?["secrets"]).Select(e => ReadResource(new ComposeSecret(e.Key, e.KeyNode, e.Value), e, (s, m) =>
            {
                s.File = Scalar(m, "file");
                s.Environment = Scalar(m, "environment");
            })).ToImmutableArray();
            file.Configs = Entries(top?["configs"]).Select(e => ReadResource(new ComposeConfig(e.Key, e.KeyNode, e.Value), e, (c, m) =>
            {
                c.File = Scalar(m, "file");
                c.Environment = Scalar(m, "environment");
                c.Content = Scalar(m, "content");
            })).ToImmutableArray();
        }

        file.BudgetExceeded = budget.IsExhausted;
        return file;
    }

    private ComposeService ReadService(YamlEffectiveEntry entry)
    {
        var m = Effective(entry.Value.Resolve() as YamlMappingNode);
        var service = new ComposeService(entry.Key, entry.KeyNode, entry.Value, m)
        {
            Image = Scalar(m, "image"),
            User = Scalar(m, "user"),
            Privileged = Scalar(m, "privileged"),
            ReadOnly = Scalar(m, "read_only"),
            NetworkMode = Scalar(m, "network_mode"),
            Pid = Scalar(m, "pid"),
            Ipc = Scalar(m, "ipc"),
            Uts = Scalar(m, "uts"),
            UsernsMode = Scalar(m, "userns_mode"),
            Cgroup = Scalar(m, "cgroup"),
            CgroupParent = Scalar(m, "cgroup_parent"),
            ContainerName = Scalar(m, "container_name"),
            Restart = Scalar(m, "restart"),
            Init = Scalar(m, "init"),
            PullPolicy = Scalar(m, "pull_policy"),
            Platform = Scalar(m, "platform"),
            Build = Scalar(m, "build"),
            Healthcheck = Scalar(m, "healthcheck"),
            CapAdd = List(m?["cap_add"]),
            CapDrop = List(m?["cap_drop"]),
            SecurityOpt = List(m?["security_opt"]),
            Devices = List(m?["devices"]),
            Ports = List(m?["ports"]),
        };
        service.Networks = ReadServiceNetworks(m?["networks"]);
        service.Volumes = List(m?["volumes"]).Select(ReadServiceVolume).ToImmutableArray();
        service.Secrets = List(m?["secrets"]).Select(ReadReference).ToImmutableArray();
        service.Configs = List(m?["configs"]).Select(ReadReference).ToImmutableArray();
        service.Environment = ReadEnvironment(m?["environment"]);
        return service;
    }

    private ImmutableArray<ComposeServiceNetwork> ReadServiceNetworks(YamlEffectiveEntry? entry)
    {
        var result = ImmutableArray.CreateBuilder<ComposeServiceNetwork>();
        switch (entry?.Value.Resolve())
        {
            case YamlSequenceNode list:
                foreach (var item in list.Items)
                {
                    if (item.Resolve() is YamlScalarNode { IsNull: false } name) result.Add(new ComposeServiceNetwork(name.Value, item, null));
                }
                break;
            case YamlMappingNode:
                foreach (var network in Entries(entry))
                {
                    var settings = Effective(network.Value.Resolve() as YamlMappingNode);
                    result.Add(new ComposeServiceNetwork(network.Key, network.KeyNode, settings == null ? null : network.Value)
                    {
                        Aliases = List(settings?["aliases"]),
                        Ipv4Address = Scalar(settings, "ipv4_address"),
                        Ipv6Address = Scalar(settings, "ipv6_address"),
                    });
                }
                break;
        }
        return result.ToImmutable();
    }

    private ComposeServiceVolume ReadServiceVolume(ComposeScalar item)
    {
        if (item.Resolved is YamlMappingNode mapping)
        {
            var m = Effective(mapping);
            var readOnly = Scalar(m, "read_only");
            var bind = Effective(m?["bind"]?.Value.Resolve() as YamlMappingNode);
            return new ComposeServiceVolume(item.Node, isShortSyntax: false)
            {
                Type = Scalar(m, "type")?.Value,
                Source = ComposeValue.From(Scalar(m, "source")),
                Target = ComposeValue.From(Scalar(m, "target")),
                ReadOnlyValue = readOnly,
                IsReadOnly = readOnly?.AsBoolean() == true,
                BindPropagation = Scalar(bind, "propagation"),
            };
        }

        var volume = new ComposeServiceVolume(item.Node, isShortSyntax: true);
        var text = item.Value;
        if (text == null) return volume;
        var parts = SplitVolume(text);
        (int Start, int Length)? source = null, target = null, mode = null;
        switch (parts.Count)
        {
            case 1:
                target = parts[0];
                break;
            case 2:
                source = parts[0];
                target = parts[1];
                break;
            default:
                source = parts[0];
                target = parts[1];
                mode = (parts[2].Start, text.Length - parts[2].Start);
                break;
        }
        ComposeValue? Part((int Start, int Length)? part)
            => part is { } p ? new ComposeValue(text.Substring(p.Start, p.Length), item, item.SpanOf(p.Start, p.Length)) : null;
        volume.Source = Part(source);
        volume.Target = Part(target);
        volume.Mode = Part(mode);
        volume.Type = volume.Source == null ? "volume" : IsHostPath(volume.Source.Value) ? "bind" : "volume";
        volume.IsReadOnly = volume.Mode != null && volume.Mode.Value.Split(',').Contains("ro");
        return volume;
    }

    /// <summary>
    /// Splits <c>[SOURCE:]TARGET[:MODE]</c> on colons, keeping a Windows drive letter (<c>C:\</c>) with its path
    /// and <c>${VAR:-default}</c> whole.
    /// </summary>
    internal static List<(int Start, int Length)> SplitVolume(string text)
    {
        var parts = new List<(int, int)>();
        int start = 0;
        int braces = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            // A colon inside ${VAR:-default} is part of the variable, not a separator.
            if (i + 1 < text.Length && text[i] == '$' && text[i + 1] == '{') braces++;
            else if (i < text.Length && text[i] == '}' && braces > 0) braces--;
            if (i < text.Length && (text[i] != ':' || braces > 0)) continue;
            // "C:\data:/data" or "C:/data:/data"; but "a:/data" is the named volume "a".
            bool driveLetter = i == start + 1 && i + 1 < text.Length && (text[i + 1] == '\\' || text[i + 1] == '/')
                && char.IsLetter(text[start]) && text.IndexOf(':', i + 1) >= 0;
            if (driveLetter && i < text.Length) continue;
            parts.Add((start, i - start));
            start = i + 1;
        }
        return parts;
    }

    private static bool IsHostPath(string source)
        => source.StartsWith("/", StringComparison.Ordinal) || source.StartsWith(".", StringComparison.Ordinal)
        || source.StartsWith("~", StringComparison.Ordinal) || source.StartsWith("\\", StringComparison.Ordinal)
        || source.StartsWith("$", StringComparison.Ordinal) && source.IndexOf('/') >= 0
        || (source.Length >= 2 && char.IsLetter(source[0]) && source[1] == ':');

    private ComposeServiceReference ReadReference(ComposeScalar item)
    {
        if (item.Resolved is YamlMappingNode mapping)
        {
            var m = Effective(mapping);
            return new ComposeServiceReference(item.Node, isShortSyntax: false)
            {
                Source = Scalar(m, "source"),
                Target = Scalar(m, "target"),
                Uid = Scalar(m, "uid"),
                Gid = Scalar(m, "gid"),
                Mode = Scalar(m, "mode"),
            };
        }
        return new ComposeServiceReference(item.Node, isShortSyntax: true) { Source = item };
    }

    private ImmutableArray<ComposeEnvironmentVariable> ReadEnvironment(YamlEffectiveEntry? entry)
    {
        var result = ImmutableArray.CreateBuilder<ComposeEnvironmentVariable>();
        switch (entry?.Value.Resolve())
        {
            case YamlMappingNode:
                foreach (var variable in Entries(entry))
                {
                    var value = new ComposeScalar(variable.Value, variable.KeyNode);
                    result.Add(new ComposeEnvironmentVariable(variable.Key, value.Value, variable.KeyNode, variable.KeyNode.Span,
                        value.Value == null ? null : value.Span));
                }
                break;
            case YamlSequenceNode:
                foreach (var item in List(entry))
                {
                    var text = item.Value;
                    if (text == null) continue;
                    int equals = text.IndexOf('=');
                    if (equals < 0)
                    {
                        result.Add(new ComposeEnvironmentVariable(text, null, item.Node, item.SpanOf(0, text.Length), null));
                    }
                    else
                    {
                        result.Add(new ComposeEnvironmentVariable(text.Substring(0, equals), text.Substring(equals + 1), item.Node,
                            item.SpanOf(0, equals), item.SpanOf(equals + 1, text.Length - equals - 1)));
                    }
                }
                break;
        }
        return result.ToImmutable();
    }

    private T ReadResource<T>(T resource, YamlEffectiveEntry entry, Action<T, YamlEffectiveMapping?> fill) where T : ComposeResource
    {
        var m = Effective(entry.Value.Resolve() as YamlMappingNode);
        resource.External = Scalar(m, "external");
        resource.ExternalName = Scalar(Effective(resource.External?.Resolved as YamlMappingNode), "name");
        resource.PlatformName = Scalar(m, "name");
        fill(resource, m);
        return resource;
    }

    private YamlEffectiveMapping? Effective(YamlMappingNode? mapping)
        => mapping == null ? null : YamlMerge.GetEffectiveEntries(mapping, budget);

    private IEnumerable<YamlEffectiveEntry> Entries(YamlEffectiveEntry? entry)
        => Effective(entry?.Value.Resolve() as YamlMappingNode)?.Entries ?? Enumerable.Empty<YamlEffectiveEntry>();

    private static ComposeScalar? Scalar(YamlEffectiveMapping? mapping, string key)
        => mapping?[key] is { } entry ? new ComposeScalar(entry.Value, entry.KeyNode) : null;

    /// <summary>Items of a list; a single scalar counts as a one-item list.</summary>
    private static ImmutableArray<ComposeScalar> List(YamlEffectiveEntry? entry)
    {
        if (entry == null) return ImmutableArray<ComposeScalar>.Empty;
        return entry.Value.Resolve() switch
        {
            YamlSequenceNode list => list.Items.Select(item => new ComposeScalar(item, null)).ToImmutableArray(),
            YamlScalarNode { IsNull: false } => ImmutableArray.Create(new ComposeScalar(entry.Value, entry.KeyNode)),
            _ => ImmutableArray<ComposeScalar>.Empty,
        };
    }

    private ImmutableDictionary<string, ComposeScalar> Dictionary(YamlEffectiveEntry? entry)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, ComposeScalar>(StringComparer.Ordinal);
        foreach (var item in Entries(entry))
        {
            builder[item.Key] = new ComposeScalar(item.Value, item.KeyNode);
        }
        return builder.ToImmutable();
    }
}
