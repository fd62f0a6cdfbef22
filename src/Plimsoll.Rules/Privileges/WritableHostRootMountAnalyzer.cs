using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2006: a host path where writing is root on the host (<c>/</c>, <c>/etc</c>, <c>/root</c>, <c>/boot</c>, <c>/proc</c>,
/// <c>/usr</c>, <c>/var/lib/docker</c>, …) bind-mounted writable. The read-only mount of the same path is PL2007's.
/// </summary>
[PlimsollAnalyzer]
public sealed class WritableHostRootMountAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage WritableRootPath = new("writableRootPath",
        "Host path '{path}' is mounted writable: writing to {exposes} is root on the host");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2006", name: "WritableHostRootMount", title: "Root-equivalent host path mounted writable",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Error,
        description: "A writable bind mount of /, /etc, /root, /boot, /proc, /usr or Docker's state directory lets a container take over the host with ordinary file writes.",
        securitySeverity: "9.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [WritableRootPath],
        peers:
        [
            PeerRule.ComposeLint("CL-0025"),
            PeerRule.ComposeLint("CL-0013"),
            PeerRule.ComposeLint("CL-0001"),
            PeerRule.Kics("1c1325ff-831d-43a1-973e-839ae57dfcc0", "Volume Has Sensitive Host Directory"),
        ],
        fix: FixApplicability.Unsafe);

    // compose-lint grades a writable mount of a root-equivalent path as CL-0025 and the whole root as CL-0001 (the root
    // holds the runtime sockets); its CL-0013 (sensitive paths, before CL-0025 was split out of it) covers both.
    private static readonly PeerRule KicsSensitive = PeerRule.Kics("1c1325ff-831d-43a1-973e-839ae57dfcc0", "Volume Has Sensitive Host Directory");
    private static readonly PeerAttribution RootEquivalentPath = PeerAttribution.Of(PeerRule.ComposeLint("CL-0025"), PeerRule.ComposeLint("CL-0013"), KicsSensitive);
    private static readonly PeerAttribution WholeRoot = PeerAttribution.Of(PeerRule.ComposeLint("CL-0001"), PeerRule.ComposeLint("CL-0013"), KicsSensitive);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var volume in service.Service.Volumes)
            {
                if (volume.IsReadOnly || HostPaths.BoundHostPath(volume) is not { } path) continue;
                if (RuntimeSocketMountedAnalyzer.IsRuntimeSocket(path)) continue;
                if (HostPaths.Classify(path, readOnly: false) is not { RootWhenWritable: true } area) continue;
                var part = volume.Source!;
                service.Report(WritableRootPath, part.GetLocation(), MakeReadOnly(volume), path == "/" ? WholeRoot : RootEquivalentPath, part.KnownText, area.Exposes);
            }
        });
    }

    /// <summary>Short syntax only: <c>/etc:/host/etc</c> becomes <c>/etc:/host/etc:ro</c>; <c>:rw</c> becomes <c>:ro</c>.</summary>
    private static CodeFix? MakeReadOnly(ProjectServiceVolume volume)
    {
        if (!volume.IsShortSyntax || volume.Target is not { } target) return null;
        // Spans of parts are exact only when the value is written verbatim; otherwise they cover the whole value.
        if (target.Span.Length != target.Raw.Length) return null;
        const string title = "Mount it read-only";
        if (volume.Mode is not { } mode)
            return new CodeFix(title, new TextChange(new TextSpan(target.Span.End, 0), ":ro"));
        if (mode.Span.Length != mode.Raw.Length) return null;
        var options = mode.Raw.Split(',');
        int rw = Array.IndexOf(options, "rw");
        if (rw >= 0)
        {
            int offset = options.Take(rw).Sum(o => o.Length + 1);
            return new CodeFix(title, new TextChange(new TextSpan(mode.Span.Start + offset, 2), "ro"));
        }
        return new CodeFix(title, new TextChange(new TextSpan(mode.Span.Start, 0), "ro,"));
    }
}
