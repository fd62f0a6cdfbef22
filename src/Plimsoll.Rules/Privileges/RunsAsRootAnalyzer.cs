using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2001: the final stage's effective USER is unset, root or 0; compose <c>user: root</c>, <c>0</c>, <c>0:0</c>.</summary>
[PlimsollAnalyzer]
public sealed class RunsAsRootAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoUser = new("noUser", "The final stage sets no USER, so the container runs as root: add a USER with a non-root user");
    public static readonly RuleMessage NoUserInNamedStage = new("noUserInNamedStage", "The final stage '{stage}' sets no USER, so the container runs as root: add a USER with a non-root user");
    public static readonly RuleMessage RootUser = new("rootUser", "USER {user} makes the final stage run as root: switch to a non-root user");
    public static readonly RuleMessage InheritedRootUser = new("inheritedRootUser", "USER {user} (inherited from stage '{stage}') makes the final stage run as root: switch to a non-root user");
    public static readonly RuleMessage ServiceRunsAsRoot = new("serviceRunsAsRoot", "Service '{service}' runs as root (user: {user}): use a non-root user");
    public static readonly RuleMessage ContainerUserRoot = new("containerUserRoot", "ContainerUser '{user}' makes the published container run as root: remove it (the SDK's default user is non-root) or name a non-root user");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2001", name: "RunsAsRoot", title: "Container runs as root",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A process running as root inside the container is root on the host's kernel: a container escape or a writable host mount turns into full host compromise.",
        securitySeverity: "6.5", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [NoUser, NoUserInNamedStage, RootUser, InheritedRootUser, ServiceRunsAsRoot, ContainerUserRoot],
        peers:
        [
            PeerRule.Hadolint("DL3002"),
            PeerRule.Kics("67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae", "Last User Is 'root'"),
            PeerRule.Kics("fd54f200-402c-4333-a5a4-36ef6709af2f", "Missing User Instruction"),
            PeerRule.Checkov("CKV_DOCKER_3"), PeerRule.Checkov("CKV_DOCKER_8"), PeerRule.Trivy("DS-0002"),
            PeerRule.ComposeLint("CL-0018"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            var final = file.Model.FinalStage;
            if (final == null) return;
            var user = final.EffectiveUser;
            // gosu/su-exec in the start command: the application itself does not run as root.
            if ((user == null || user.IsRoot) && PrivilegeDropCommand.TargetUser(final) != null) return;
            if (user == null)
            {
                if (final.Name == null) file.Report(NoUser, final.From.Span);
                else file.Report(NoUserInNamedStage, final.From.Span, final.Name);
            }
            else if (user.IsRoot)
            {
                if (user.DeclaringStage == final) file.Report(RootUser, user.Instruction.Span, user.Value);
                else file.Report(InheritedRootUser, user.Instruction.Span, user.Value, user.DeclaringStage.DisplayName);
            }
        });
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.User is not { } scalar || service.KnownValue(scalar) is not { } user) return;
            if (Plimsoll.Semantics.Dockerfile.UserSetting.IsRootUser(user))
                service.Report(ServiceRunsAsRoot, scalar, service.Service.Name, user);
        });
        // The SDK's .NET 8+ base images run as the non-root 'app' user by default: only an explicit root is a finding.
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.User is not { } setting) return;
            if (Plimsoll.Semantics.Dockerfile.UserSetting.IsRootUser(setting.Value))
                project.Report(ContainerUserRoot, setting, setting.Value);
        });
    }
}
