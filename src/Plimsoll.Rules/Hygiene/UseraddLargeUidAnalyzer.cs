using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Hygiene;

/// <summary>
/// PL6033: <c>useradd</c> with a UID of 100000 or more and without <c>-l</c>/<c>--no-log-init</c>. useradd writes the
/// user's record at offset UID×record-size of /var/log/lastlog and faillog; on disk the file is sparse, but the layer
/// stores it whole, tens of megabytes of zeros.
/// </summary>
[PlimsollAnalyzer]
public sealed class UseraddLargeUidAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage LargeLog = new("largeLog", "useradd with UID {uid} and without -l writes a /var/log/lastlog of about {size} MB into the layer: add -l (--no-log-init)");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6033", name: "UseraddLargeUid", title: "useradd with a large UID and no -l",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Warning,
        description: "useradd initialises lastlog and faillog records at an offset proportional to the UID; the sparse files become full-size in the image layer.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Hygiene],
        messages: [LargeLog],
        peers: [PeerRule.Hadolint("DL3046")],
        fix: FixApplicability.Safe);

    private const long LargeUid = 100000;

    // lastlog's record on glibc systems (time, line, host): 292 bytes.
    private const long LastlogRecordSize = 292;

    private static readonly ShellOptionSpec UseraddOptions = new("bcdefgGkKpsuUZR", new[] { "base-dir", "comment", "home-dir", "expiredate", "inactive", "gid", "groups", "skel", "key", "password", "shell", "uid", "selinux-user", "root", "prefix" });

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, name => name == "useradd");

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var resolved = context.Resolved;
        if (resolved?.Name != "useradd" || resolved.NameWord is not { } nameWord) return;
        var options = resolved.ParseOptions(UseraddOptions);
        if (options.Has('l', "no-log-init")) return;
        if (options.Find('u', "uid") is not { Value: { } text } uidOption) return;
        if (!long.TryParse(text.Trim('"', '\''), NumberStyles.None, CultureInfo.InvariantCulture, out long uid) || uid < LargeUid) return;
        long megabytes = uid * LastlogRecordSize / (1024 * 1024);
        context.Report(LargeLog, context.MapToSource(uidOption.Start, uidOption.Length), AddNoLogInit(context, nameWord),
            uid.ToString(CultureInfo.InvariantCulture), megabytes.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Inserts ` -l` after the command name. Safe: the records useradd would write are all zeros, which is what
    /// lastlog and faillog report for a user without records, so only the layer's size changes.
    /// </summary>
    private static CodeFix AddNoLogInit(ShellCommandAnalysisContext context, ShellWord nameWord)
    {
        var span = context.MapToSource(nameWord);
        return new CodeFix("Add -l", new TextChange(new TextSpan(span.End, 0), " -l"));
    }
}
