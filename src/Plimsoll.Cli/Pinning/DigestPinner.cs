using Plimsoll.Cli.Output;
using Plimsoll.Workspace.FileSystems;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Registry;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// <c>plimsoll pin</c>: finds the image references of Dockerfiles, compose files and MSBuild files (the .NET SDK's
/// <c>ContainerBaseImage</c>), asks their registries what
/// digest each tag points to now, and appends <c>@sha256:…</c> to every reference that has none. A file is written
/// only when every reference in it resolved; other files are still pinned. <c>--check</c> instead compares the
/// digests already pinned with their tags; <c>--dry-run</c> prints the diff and writes nothing.
/// A reference the file asks for in one platform (<c>FROM --platform=linux/arm64</c>, compose <c>platform:</c>) is
/// also checked against the platforms its image offers.
/// Exit: 0 done (or, with --check, every digest current); 1 with --check, a pinned digest is stale, or an image
/// offers no image for the platform asked for;
/// 2 an image could not be resolved, a file could not be read or written, or a path does not exist.
/// </summary>
internal sealed class DigestPinner(PinRequest request, TextWriter stdout, TextWriter stderr)
{
    private const int ParallelRequests = 4;

    private sealed record FileWork(string Path, SourceFileRewriter File, ReferenceSites References);

    public int Run()
    {
        var finder = new SourceFileFinder(PhysicalFileSystem.Instance, new Cli.Workspace.GitTrackedFiles()) { AlsoTakeNamed = ProjectFileReferenceFinder.IsMSBuildFile };
        var search = finder.Find(request.Paths, forcedKind: null);
        var files = search.Files.Where(f => f.Kind != SourceFileKind.Unknown || ProjectFileReferenceFinder.IsMSBuildFile(Path.GetFileName(f.Path))).Select(f => (f.Path, f.Kind)).ToList();
        bool toolError = false;
        foreach (var (path, message) in search.Unreadable)
        {
            stderr.WriteLine($"plimsoll: {path}: {message}");
            toolError = true;
        }
        foreach (var path in search.Missing)
        {
            stderr.WriteLine($"plimsoll: {path}: no such file or directory");
            toolError = true;
        }

        var work = new List<FileWork>();
        foreach (var (path, kind) in files)
        {
            SourceFileRewriter file;
            try { file = SourceFileRewriter.Read(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Output.DisplayPaths.For(path)}: error: cannot be read: {e.Message}");
                toolError = true;
                continue;
            }
            var references = kind switch
            {
                SourceFileKind.Dockerfile => DockerfileReferenceFinder.Find(file.Text, path),
                SourceFileKind.Unknown => ProjectFileReferenceFinder.Find(file.Text, path),
                _ => ComposeReferenceFinder.Find(file.Text, path),
            };
            foreach (var skipped in references.Skipped)
                stderr.WriteLine($"{skipped.Location(Output.DisplayPaths.For(path))}: note: {skipped.Text} not pinned: {skipped.Reason}");
            work.Add(new FileWork(Output.DisplayPaths.For(path), file, references));
        }

        // One client for the run: the platform checks reuse the tokens the resolutions obtained.
        using var client = new RegistryClient(ClientOptions(), DockerConfigCredentials.FromEnvironment());
        var resolutions = ResolveAll(client, work.SelectMany(w => w.References.Sites).Select(Name).Where(NeedsRegistry).ToList());

        bool stale = false;
        int pinnedReferences = 0, writtenFiles = 0, checkedReferences = 0;
        var platformChecks = new List<PlatformCheck>();
        foreach (var item in work)
        {
            var changes = new List<TextChange>();
            bool fileFailed = false;
            foreach (var site in item.References.Sites)
            {
                var name = Name(site);
                if (request.Check && name.Digest != null && name.Tag == null)
                    stderr.WriteLine($"{site.Location(item.Path)}: note: {site.Reference} not checked: pinned without a tag to compare with");
                if (!NeedsRegistry(name))
                {
                    if (site.Platform != null && name.Digest != null) platformChecks.Add(new PlatformCheck(site, item.Path, name, name.Digest));
                    continue;
                }
                var resolution = resolutions[name.CanonicalTagReference];
                if (site.Platform != null && (request.Check ? name.Digest : resolution.Digest) is { } platformDigest)
                    platformChecks.Add(new PlatformCheck(site, item.Path, name, platformDigest));
                if (!resolution.Succeeded)
                {
                    stderr.WriteLine($"{site.Location(item.Path)}: error: cannot resolve {site.Reference}: {resolution.Message}");
                    fileFailed = true;
                    continue;
                }
                if (request.Check)
                {
                    checkedReferences++;
                    if (!string.Equals(name.Digest, resolution.Digest, StringComparison.OrdinalIgnoreCase))
                    {
                        stdout.WriteLine($"{site.Location(item.Path)}: stale: {site.Reference} ({site.Where}): the tag {name.EffectiveTag} now points to {resolution.Digest}");
                        stale = true;
                    }
                    continue;
                }
                changes.Add(new TextChange(new TextSpan(site.Span.End, 0), "@" + resolution.Digest));
                stdout.WriteLine($"{site.Location(item.Path)}: {(request.DryRun ? "would pin" : "pinned")} {site.Reference} to {resolution.Digest} ({site.Where})");
            }
            if (fileFailed)
            {
                toolError = true;
                if (!request.Check) stderr.WriteLine($"{item.Path}: not changed: an image in it could not be resolved");
                continue;
            }
            if (request.Check || changes.Count == 0) continue;
            var updated = item.File.Apply(changes);
            if (request.DryRun)
            {
                stdout.Write(UnifiedDiff.Create(item.Path, item.File.Text.ToString(), updated.ToString()));
                pinnedReferences += changes.Count;
                continue;
            }
            if (item.File.Write(updated) is { } problem)
            {
                stderr.WriteLine($"{item.Path}: error: {problem}");
                toolError = true;
                continue;
            }
            pinnedReferences += changes.Count;
            writtenFiles++;
        }

        bool platformMissing = CheckPlatforms(client, platformChecks, ref toolError);

        if (request.Check)
            stderr.WriteLine($"pin --check: {checkedReferences} pinned reference(s) checked, {(stale ? "some stale" : "none stale")}");
        else
            stderr.WriteLine(request.DryRun
                ? $"pin --dry-run: {pinnedReferences} reference(s) would be pinned; nothing written"
                : $"pin: {pinnedReferences} reference(s) pinned in {writtenFiles} file(s)");
        return toolError ? ExitCodes.UsageOrToolError : stale || platformMissing ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private sealed record PlatformCheck(ImageReferenceSite Site, string Path, RegistryImageName Name, string Digest)
    {
        /// <summary>The image asked about (the same digest of the same repository is asked once).</summary>
        public string Image => Name.Registry + "/" + Name.Repository + "@" + Digest;
    }

    /// <summary>
    /// BuildKit's InvalidBaseImagePlatform, before the build: an image a FROM --platform (or a compose platform:) asks
    /// for in a platform it does not offer fails the build or runs emulated. True when some image lacks its platform.
    /// </summary>
    private bool CheckPlatforms(RegistryClient client, List<PlatformCheck> checks, ref bool toolError)
    {
        if (checks.Count == 0) return false;
        var unique = checks.GroupBy(c => c.Image).Select(g => g.First()).ToList();
        var offered = new System.Collections.Concurrent.ConcurrentDictionary<string, ImagePlatforms>();
        Parallel.ForEachAsync(unique, new ParallelOptions { MaxDegreeOfParallelism = ParallelRequests }, async (check, token) =>
        {
            offered[check.Image] = await client.PlatformsAsync(check.Name, check.Digest, token).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        bool missing = false;
        foreach (var check in checks)
        {
            string location = check.Site.Location(check.Path);
            if (ImagePlatform.TryParse(check.Site.Platform!) is not { } wanted)
            {
                stderr.WriteLine($"{location}: note: platform '{check.Site.Platform}' of {check.Site.Reference} not checked: it is not os/architecture[/variant]");
                continue;
            }
            var platforms = offered[check.Image];
            if (!platforms.Succeeded)
            {
                stderr.WriteLine($"{location}: error: cannot read the platforms of {check.Site.Reference}: {platforms.Failure}");
                toolError = true;
                continue;
            }
            if (platforms.Platforms.Any(wanted.IsServedBy)) continue;
            string has = platforms.Platforms.Count == 0 ? "no platform" : string.Join(", ", platforms.Platforms.Select(p => p.ToString()).Distinct());
            stdout.WriteLine($"{location}: platform: {check.Site.Reference} ({check.Site.Where}) has no {wanted} image (it offers {has}): a build for {wanted} fails or runs another platform's image under emulation");
            missing = true;
        }
        return missing;
    }

    private RegistryClientOptions ClientOptions() => new()
    {
        Timeout = request.Timeout,
        InsecureRegistries = request.InsecureRegistries.ToArray(),
        UserAgent = "plimsoll/" + Program.Version.Split('+')[0],
    };

    private static RegistryImageName Name(ImageReferenceSite site) => RegistryImageName.TryParse(site.Reference)!;

    /// <summary>pin asks about references without a digest; --check about references with a digest and a tag to compare it with.</summary>
    private bool NeedsRegistry(RegistryImageName name) => request.Check ? name.Digest != null && name.Tag != null : name.Digest == null;

    private static Dictionary<string, DigestResolution> ResolveAll(RegistryClient client, IReadOnlyList<RegistryImageName> names)
    {
        var unique = names.GroupBy(n => n.CanonicalTagReference).Select(g => g.First()).ToList();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, DigestResolution>();
        if (unique.Count == 0) return new Dictionary<string, DigestResolution>();
        Parallel.ForEachAsync(unique, new ParallelOptions { MaxDegreeOfParallelism = ParallelRequests }, async (name, token) =>
        {
            results[name.CanonicalTagReference] = await client.ResolveAsync(name, token).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        return new Dictionary<string, DigestResolution>(results);
    }
}
