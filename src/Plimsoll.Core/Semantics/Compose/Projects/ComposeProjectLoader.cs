using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace.FileSystems;
using IOPath = System.IO.Path;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// Loads a <see cref="ComposeProject"/>: discovers files as <c>docker compose</c> does, reads each (merge keys,
/// interpolation), resolves <c>include</c> and <c>extends</c>, and merges the files in order. Never throws on bad
/// input: problems are PL9002 diagnostics in <see cref="ComposeProject.Diagnostics"/>; cycles are reported, not followed.
/// </summary>
public static class ComposeProjectLoader
{
    /// <summary>The names <c>docker compose</c> looks for, in order; the first found is the project file.</summary>
    public static readonly ImmutableArray<string> DefaultFileNames =
        ImmutableArray.Create("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    /// <summary>The override file that goes with each default name.</summary>
    public static readonly ImmutableArray<string> OverrideFileNames =
        ImmutableArray.Create("compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml");

    /// <summary>The files <c>docker compose</c> would use in <paramref name="directory"/>: the project file and its override, if any.</summary>
    public static ImmutableArray<string> FindProjectFiles(string directory, IFileSystem? fileSystem = null)
    {
        fileSystem ??= PhysicalFileSystem.Instance;
        for (int i = 0; i < DefaultFileNames.Length; i++)
        {
            string file = IOPath.Combine(directory, DefaultFileNames[i]);
            if (!fileSystem.FileExists(file)) continue;
            // compose pairs compose.yaml with compose.override.yaml and so on: the override of the same spelling.
            string overrideFile = IOPath.Combine(directory, OverrideFileNames[i]);
            return fileSystem.FileExists(overrideFile) ? ImmutableArray.Create(file, overrideFile) : ImmutableArray.Create(file);
        }
        return ImmutableArray<string>.Empty;
    }

    /// <summary>The project in <paramref name="directory"/>; with a PL9002 (no location) when it has no compose file.</summary>
    public static ComposeProject LoadDirectory(string directory, ComposeProjectOptions? options = null)
    {
        var files = FindProjectFiles(directory, (options ?? ComposeProjectOptions.Default).FileSystem);
        if (files.IsEmpty)
        {
            var project = new ProjectBuilder(options ?? ComposeProjectOptions.Default, isStack: false, Array.Empty<string>()).Build();
            return project.WithDiagnostic(Diagnostic.Create(SyntaxDiagnostics.ComposeSyntax, Location.None,
                "no configuration file provided: none of " + string.Join(", ", DefaultFileNames) + " in " + directory));
        }
        return LoadFiles(files, options);
    }

    /// <summary>Files given with <c>-f</c>, in order: later files override earlier ones.</summary>
    public static ComposeProject LoadFiles(IReadOnlyList<string> files, ComposeProjectOptions? options = null)
        => new ProjectBuilder(options ?? ComposeProjectOptions.Default, isStack: false, files).Build();

    /// <summary>A swarm stack file (<c>docker stack deploy -c FILE</c>): stack interpolation, no <c>.env</c>.</summary>
    public static ComposeProject LoadStack(string file, ComposeProjectOptions? options = null)
        => LoadStack(new[] { file }, options);

    /// <summary>Stack files given with repeated <c>-c</c>, in order.</summary>
    public static ComposeProject LoadStack(IReadOnlyList<string> files, ComposeProjectOptions? options = null)
        => new ProjectBuilder(options ?? ComposeProjectOptions.Default, isStack: true, files).Build();

    /// <summary>One file already in memory (for an editor, or a test), as a compose project or a stack.</summary>
    public static ComposeProject LoadText(string text, string path, bool isStack = false, ComposeProjectOptions? options = null)
        => LoadText(SourceText.From(text), path, isStack, options);

    /// <inheritdoc cref="LoadText(string, string, bool, ComposeProjectOptions?)"/>
    public static ComposeProject LoadText(SourceText text, string path, bool isStack = false, ComposeProjectOptions? options = null)
    {
        var tree = options?.Cache?.GetOrParse(ProjectBuilder.Full(path), text) ?? YamlSyntaxTree.Parse(text, path);
        return LoadFiles(new[] { path }, tree, isStack, options);
    }

    /// <summary>
    /// The project of <paramref name="files"/> in which one file is the already parsed <paramref name="document"/>
    /// (the document being linted, perhaps not saved; its values keep the path it was parsed with); the other
    /// files are read through the options' file system.
    /// </summary>
    public static ComposeProject LoadFiles(IReadOnlyList<string> files, YamlSyntaxTree document, bool isStack = false, ComposeProjectOptions? options = null)
    {
        options ??= ComposeProjectOptions.Default;
        var overlaid = new ComposeProjectOptions
        {
            Variables = options.Variables,
            VariableSource = options.VariableSource,
            FileSystem = WithDocument(options.FileSystem, document),
            Cache = options.Cache,
            Summaries = options.Summaries,
            Limits = options.Limits,
            CancellationToken = options.CancellationToken,
        };
        return new ProjectBuilder(overlaid, isStack, files, document).Build();
    }

    // The document being linted (perhaps unsaved) reads as its parsed text; every other file as the host's file system has it.
    private static IFileSystem WithDocument(IFileSystem fileSystem, YamlSyntaxTree document)
    {
        var overlay = new OverlayFileSystem(fileSystem);
        overlay.SetBuffer(ProjectBuilder.Full(document.Path), document.Text);
        return overlay;
    }
}

/// <summary>
/// Loads the files of one project; tracks the stacks of files and services being resolved, so cycles end. Each file is
/// read and resolved once (an include bomb costs its number of files, not their product), within <see cref="ComposeProjectLimits"/>.
/// </summary>
internal sealed class ProjectBuilder
{
    private readonly ComposeProjectOptions options;
    private readonly ComposeProjectLimits limits;
    private readonly bool isStack;
    private readonly IReadOnlyList<string> files;
    private readonly List<Diagnostic> diagnostics = new();
    private readonly Dictionary<string, YamlSyntaxTree?> trees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectMapping?> roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectMapping?> loaded = new(StringComparer.Ordinal);
    private int mergedEntries;
    private bool mergeLimitReported;
    private readonly Dictionary<(string File, string Service), ProjectMapping?> resolved = new();
    private readonly List<(string File, string Service, YamlNode Site)> extendsStack = new();
    private readonly List<(string File, YamlNode? Site)> includeStack = new();
    private readonly Dictionary<string, ComposeInterpolator> interpolators = new(StringComparer.Ordinal);
    private IVariableSource? variables;

    private readonly YamlSyntaxTree? document;
    private readonly string? documentPath;

    public ProjectBuilder(ComposeProjectOptions options, bool isStack, IReadOnlyList<string> files, YamlSyntaxTree? document = null)
    {
        this.document = document;
        documentPath = document == null ? null : Full(document.Path);
        this.options = options;
        limits = options.Limits ?? ComposeProjectLimits.Default;
        this.isStack = isStack;
        this.files = files ?? Array.Empty<string>();
    }

    public ComposeProject Build()
    {
        var full = files.Select(Full).ToList();
        variables = LoadVariables(full.FirstOrDefault());
        ProjectMapping? merged = null;
        foreach (var file in full)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            includeStack.Clear();
            var root = LoadFile(file, site: null);
            if (root == null) continue;
            merged = merged == null ? root : ProjectMerger.Merge(merged, root, "", isStack) as ProjectMapping ?? merged;
        }
        return new ComposeProject(full.ToImmutableArray(), isStack, variables!, merged,
            full.Select(f => trees.TryGetValue(f, out var t) ? t : null).Where(t => t != null).Select(t => t!).ToImmutableArray(),
            trees.Values.Where(t => t != null).Select(t => t!).ToImmutableArray(),
            diagnostics.ToImmutableArray());
    }

    private IVariableSource LoadVariables(string? firstFile)
    {
        if (options.VariableSource != null) return options.VariableSource;
        if (firstFile == null) return ComposeVariables.Empty;
        var chain = ComposeVariables.Load(firstFile, options.Variables ?? (isStack ? ComposeVariablesOptions.ForStack() : ComposeVariablesOptions.Compose), options.FileSystem);
        diagnostics.AddRange(chain.Diagnostics);
        return chain;
    }

    internal static string Full(string path)
    {
        try
        {
            return IOPath.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    private YamlSyntaxTree? Parse(string file, YamlNode? site)
    {
        if (trees.TryGetValue(file, out var known)) return known;
        options.CancellationToken.ThrowIfCancellationRequested();
        YamlSyntaxTree? tree = null;
        if (trees.Count >= limits.MaxFiles)
        {
            Report(site, "the project reads more than " + limits.MaxFiles + " files: " + file + " and the files after it are not loaded");
            return null;
        }
        var read = file == documentPath ? FileReadResult.Ok(new Plimsoll.Workspace.SourceFileContent(file, document!.Text, System.Text.Encoding.UTF8)) : options.FileSystem.ReadFile(file);
        if (!read.IsOk)
        {
            Report(site, "compose file " + file + " cannot be read: " + (read.Message ?? read.Status.ToString()));
        }
        else
        {
            var text = read.Content!.Text;
            tree = file == documentPath ? document! : options.Cache?.GetOrParse(file, text) ?? YamlSyntaxTree.Parse(text, file);
            diagnostics.AddRange(tree.Diagnostics);
        }
        trees[file] = tree;
        return tree;
    }

    /// <summary>The file's model with its includes merged in and its services' <c>extends</c> resolved.</summary>
    private ProjectMapping? LoadFile(string file, YamlNode? site)
    {
        // Once per project: a file included ten times (or by ten files) is resolved once.
        if (loaded.TryGetValue(file, out var done)) return done;
        var root = ReadRoot(file, site);
        if (root != null)
        {
            root = ApplyIncludes(file, root, site);
            root = ResolveExtends(file, root);
        }
        loaded[file] = root;
        return root;
    }

    private void Report(YamlNode? site, string message)
        => diagnostics.Add(site == null ? Diagnostic.Create(SyntaxDiagnostics.ComposeSyntax, Location.None, message) : At(site, message));

    /// <summary>Counts merged entries against the limit; false (reported once, at <paramref name="site"/>) when it is spent.</summary>
    private bool Spend(int entries, YamlNode site)
    {
        mergedEntries += entries;
        if (mergedEntries <= limits.MaxMergedEntries) return true;
        if (!mergeLimitReported)
        {
            mergeLimitReported = true;
            diagnostics.Add(At(site, "the project merges more than " + limits.MaxMergedEntries + " entries (include or extends repeated too often): the rest is not loaded"));
        }
        return false;
    }

    /// <summary>The file as read (no include, no extends), cached: <c>extends</c> may read a file many times.</summary>
    private ProjectMapping? ReadRoot(string file, YamlNode? site)
    {
        if (roots.TryGetValue(file, out var cached)) return cached;
        var tree = Parse(file, site);
        var root = tree == null ? null : ReadModel(file, tree);
        if (tree != null && root == null && site != null && !tree.HasErrors)
        {
            // An include or extends of a file that is not a compose file (empty, a scalar, a list): compose refuses it.
            diagnostics.Add(At(site, file + " is not a compose file: its top level is not a mapping"));
        }
        roots[file] = root;
        return root;
    }

    // The summary cache is used only when the variables are known by content (loaded here from .env files and the
    // environment the options name); variables handed in as an object are read with every time.
    private ProjectMapping? ReadModel(string file, YamlSyntaxTree tree)
    {
        var interpolator = InterpolatorFor(file);
        string? key = options.Summaries != null && variables is ComposeVariables { ContentKey: { } content } ? (isStack ? "stack|" : "compose|") + content : null;
        return key == null
            ? ProjectReader.Read(tree, interpolator, diagnostics)
            : options.Summaries!.GetOrRead(tree, key, made => ProjectReader.Read(tree, interpolator, made), diagnostics);
    }

    private ComposeInterpolator InterpolatorFor(string file)
    {
        if (!interpolators.TryGetValue(file, out var interpolator))
        {
            interpolator = new ComposeInterpolator(variables ?? ComposeVariables.Empty, isStack ? InterpolationDialect.Stack : InterpolationDialect.Compose);
            interpolators[file] = interpolator;
        }
        return interpolator;
    }

    // ---- include ----

    private ProjectMapping ApplyIncludes(string file, ProjectMapping root, YamlNode? site)
    {
        var include = root.FindEntry("include");
        if (include == null) return root;
        var withoutInclude = new ProjectMapping(root.Node, root.Entries.Where(e => e.Key != "include").ToImmutableArray());
        if (isStack)
        {
            diagnostics.Add(At(include.KeyNode, "docker stack does not support 'include'"));
            return withoutInclude;
        }
        if (includeStack.Count >= limits.MaxIncludeDepth)
        {
            diagnostics.Add(At(include.KeyNode, "include nested more than " + limits.MaxIncludeDepth + " levels deep"));
            return withoutInclude;
        }

        includeStack.Add((file, site));
        try
        {
            var result = withoutInclude;
            var items = include.Value is ProjectSequence list ? list.Items : ImmutableArray.Create(include.Value);
            foreach (var item in items)
            {
                var paths = new List<ProjectScalar>();
                switch (item)
                {
                    case ProjectScalar s when s.Text != null:
                        paths.Add(s);
                        break;
                    case ProjectMapping m when m["path"] is ProjectScalar p && p.Text != null:
                        paths.Add(p);
                        break;
                    case ProjectMapping m when m["path"] is ProjectSequence ps:
                        paths.AddRange(ps.Items.OfType<ProjectScalar>().Where(p => p.Text != null));
                        break;
                    default:
                        diagnostics.Add(At(item.Node, "an include item must be a path or a mapping with 'path'"));
                        continue;
                }
                var included = LoadIncluded(file, paths);
                if (included == null) continue;
                if (!Spend(CountEntries(included), item.Node)) break;
                result = AddIncluded(result, included, item);
            }
            return result;
        }
        finally
        {
            includeStack.RemoveAt(includeStack.Count - 1);
        }
    }

    /// <summary>An included project: its files merged, each resolved relative to the including file.</summary>
    private ProjectMapping? LoadIncluded(string includingFile, List<ProjectScalar> paths)
    {
        ProjectMapping? merged = null;
        string directory = IOPath.GetDirectoryName(includingFile) ?? ".";
        foreach (var path in paths)
        {
            string target = Full(IOPath.Combine(directory, path.Text!));
            int cycleAt = includeStack.FindIndex(f => f.File == target);
            if (cycleAt >= 0)
            {
                var first = includeStack.Count > cycleAt + 1 ? includeStack[cycleAt + 1].Site : null;
                diagnostics.Add(At(path.Node, "include cycle: " + string.Join(" -> ", includeStack.Skip(cycleAt).Select(f => IOPath.GetFileName(f.File)))
                    + " -> " + IOPath.GetFileName(target), first));
                continue;
            }
            var root = LoadFile(target, path.Node);
            if (root == null) continue;
            if (merged != null && !Spend(CountEntries(root), path.Node)) break;
            merged = merged == null ? root : ProjectMerger.Merge(merged, root, "", isStack) as ProjectMapping ?? merged;
        }
        return merged;
    }

    /// <summary>Adds the included project's services and resources; a name the including file also defines is a conflict.</summary>
    private ProjectMapping AddIncluded(ProjectMapping root, ProjectMapping included, ProjectNode site)
    {
        var entries = root.Entries.ToList();
        foreach (var section in new[] { "services", "networks", "volumes", "secrets", "configs" })
        {
            if (included[section] is not ProjectMapping add) continue;
            int index = entries.FindIndex(e => e.Key == section);
            var own = index >= 0 ? entries[index].Value as ProjectMapping : null;
            var sectionEntries = own?.Entries.ToList() ?? new List<ProjectEntry>();
            foreach (var entry in add.Entries)
            {
                var existing = sectionEntries.FirstOrDefault(e => e.Key == entry.Key);
                if (existing == null)
                {
                    sectionEntries.Add(entry);
                }
                else if (section == "services")
                {
                    diagnostics.Add(At(existing.KeyNode, "service '" + entry.Key + "' is also defined by an included file; compose rejects the conflict",
                        entry.KeyNode));
                }
            }
            var mapping = new ProjectMapping(own?.Node ?? add.Node, sectionEntries.ToImmutableArray());
            if (index >= 0) entries[index] = new ProjectEntry(section, entries[index].KeyNode, mapping);
            else entries.Add(new ProjectEntry(section, site.Node, mapping));
        }
        return new ProjectMapping(root.Node, entries.ToImmutableArray());
    }

    // ---- extends ----

    private ProjectMapping ResolveExtends(string file, ProjectMapping root)
    {
        if (root["services"] is not ProjectMapping services || !services.Entries.Any(e => e.Value is ProjectMapping m && m.FindEntry("extends") != null))
        {
            return root;
        }
        var resolvedServices = services.Entries.Select(e => e.Value is ProjectMapping
                ? new ProjectEntry(e.Key, e.KeyNode, ResolveService(file, e.Key, services, e.KeyNode) ?? e.Value)
                : e)
            .ToImmutableArray();
        var entries = root.Entries.Select(e => e.Key == "services" ? new ProjectEntry(e.Key, e.KeyNode, new ProjectMapping(services.Node, resolvedServices)) : e);
        return new ProjectMapping(root.Node, entries.ToImmutableArray());
    }

    /// <summary>The service with its <c>extends</c> chain applied; null when the service is not defined.</summary>
    private ProjectMapping? ResolveService(string file, string name, ProjectMapping services, YamlNode site)
    {
        options.CancellationToken.ThrowIfCancellationRequested();
        if (resolved.TryGetValue((file, name), out var done)) return done;
        if (services[name] is not ProjectMapping service) return null;
        var extends = service.FindEntry("extends");
        if (extends == null)
        {
            resolved[(file, name)] = service;
            return service;
        }

        int cycleAt = extendsStack.FindIndex(s => s.File == file && s.Service == name);
        if (cycleAt >= 0)
        {
            var chain = extendsStack.Skip(cycleAt).Select(s => s.Service).Concat(new[] { name });
            diagnostics.Add(At(extends.KeyNode, "extends cycle: " + string.Join(" -> ", chain), extendsStack[cycleAt].Site));
            return WithoutExtends(service);
        }

        if (extendsStack.Count >= limits.MaxExtendsDepth)
        {
            diagnostics.Add(At(extends.KeyNode, "extends chained more than " + limits.MaxExtendsDepth + " services deep"));
            return Store(file, name, WithoutExtends(service));
        }

        extendsStack.Add((file, name, extends.KeyNode));
        try
        {
            ProjectScalar? baseName = null, baseFile = null;
            if (extends.Value is ProjectScalar s) baseName = s;
            else if (extends.Value is ProjectMapping m)
            {
                baseName = m.Scalar("service");
                baseFile = m.Scalar("file");
            }
            if (baseName?.Text == null)
            {
                diagnostics.Add(At(extends.Value.Node, "extends needs the name of a service"));
                return Store(file, name, WithoutExtends(service));
            }

            string baseFilePath = file;
            ProjectMapping? baseServices = services;
            if (baseFile?.Text != null)
            {
                baseFilePath = Full(IOPath.Combine(IOPath.GetDirectoryName(file) ?? ".", baseFile.Text));
                if (baseFilePath != file)
                {
                    var otherRoot = ReadRoot(baseFilePath, baseFile.Node);
                    baseServices = otherRoot?["services"] as ProjectMapping;
                    if (otherRoot == null) return Store(file, name, WithoutExtends(service));
                }
            }
            var @base = baseServices == null ? null : ResolveService(baseFilePath, baseName.Text, baseServices, baseName.Node);
            if (@base == null)
            {
                diagnostics.Add(At(baseName.Node, "extends: service '" + baseName.Text + "' is not defined" + (baseFile?.Text == null ? "" : " in " + baseFile.Text)));
                return Store(file, name, WithoutExtends(service));
            }
            if (!Spend(ValueCount(@base), extends.KeyNode)) return Store(file, name, WithoutExtends(service));
            var merged = ProjectMerger.Merge(WithoutExtends(@base), WithoutExtends(service), "services.*", isStack) as ProjectMapping;
            return Store(file, name, merged ?? WithoutExtends(service));
        }
        finally
        {
            extendsStack.RemoveAt(extendsStack.Count - 1);
        }
    }

    // What merging a base into a service copies: every value of the base, however deep. Counting its keys alone let a
    // chain of services that each add to a list (secrets, depends_on) merge a number of values that grows with the
    // square of the chain: 4,000 services took 5 s and 590 MB.
    private static int ValueCount(ProjectNode node)
    {
        int count = 0;
        var pending = new Stack<ProjectNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            count++;
            if (value is ProjectMapping mapping) foreach (var entry in mapping.Entries) pending.Push(entry.Value);
            else if (value is ProjectSequence sequence) foreach (var item in sequence.Items) pending.Push(item);
        }
        return count;
    }

    private ProjectMapping Store(string file, string name, ProjectMapping service)
    {
        resolved[(file, name)] = service;
        return service;
    }

    /// <summary>The top two levels of a file's model (sections and their services or resources): what an include adds.</summary>
    private static int CountEntries(ProjectMapping root)
        => root.Entries.Length + root.Entries.Sum(e => e.Value is ProjectMapping m ? m.Entries.Length : 0);

    private static ProjectMapping WithoutExtends(ProjectMapping service)
        => service.FindEntry("extends") == null ? service : new ProjectMapping(service.Node, service.Entries.Where(e => e.Key != "extends").ToImmutableArray());

    private static Diagnostic At(YamlNode node, string message, YamlNode? other = null)
    {
        var location = PlimsollDiagnostic.CreateLocation(node.Tree.Path, node.Tree.Text, node.Span);
        var additional = other == null ? null : new[] { PlimsollDiagnostic.CreateLocation(other.Tree.Path, other.Tree.Text, other.Span) };
        return Diagnostic.Create(SyntaxDiagnostics.ComposeSyntax, location, additional, message);
    }
}
