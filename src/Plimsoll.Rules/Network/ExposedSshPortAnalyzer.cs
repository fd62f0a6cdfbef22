using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Network;

/// <summary>PL3020: EXPOSE 22: the image declares an SSH port, so it runs (or invites running) an SSH server.</summary>
[PlimsollAnalyzer]
public sealed class ExposedSshPortAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Ssh = new("ssh", "EXPOSE {port} declares the SSH port: a container needs no SSH server (use 'docker exec'), and one adds keys, passwords and a daemon to attack");

    public static readonly RuleMessage SshContainerPort = new("sshContainerPort", "ContainerPort {port} declares the SSH port: a container needs no SSH server (use 'docker exec'), and one adds keys, passwords and a daemon to attack");

    public static readonly RuleDescriptor Rule = new(
        id: "PL3020", name: "ExposedSshPort", title: "SSH port 22 exposed",
        category: "Network", defaultSeverity: DiagnosticSeverity.Warning,
        description: "An SSH server in a container is an extra network service with its own credentials; 'docker exec' and orchestrator tooling give the same access without it.",
        securitySeverity: "4.0", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [Ssh, SshContainerPort],
        peers:
        [
            PeerRule.Trivy("DS-0004"),
            PeerRule.Checkov("CKV_DOCKER_1"),
            PeerRule.Kics("5907595b-5b6d-4142-b173-dbb0e73fbff8", "Exposing Port 22 (SSH)"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            foreach (var word in instruction.Instruction.Arguments.OfType<WordSyntax>())
            {
                var resolved = instruction.Model.Resolve(instruction.Instruction, word.Value);
                if (!resolved.IsKnown) continue;
                string port = resolved.Value!;
                // The container port of a mapping, without its protocol; SSH runs over TCP.
                string container = port.Substring(port.LastIndexOf(':') + 1);
                int slash = container.IndexOf('/');
                string protocol = slash < 0 ? "tcp" : container.Substring(slash + 1);
                if (slash >= 0) container = container.Substring(0, slash);
                if (container.TrimStart('0') == "22" && protocol.Equals("tcp", StringComparison.OrdinalIgnoreCase))
                    instruction.Report(Ssh, word.Token.Span, port);
            }
        }, DockerfileSyntaxKind.ExposeInstruction);
        // The .NET SDK's ContainerPort items are the published image's EXPOSE (Type: tcp unless said otherwise).
        context.RegisterContainerSettingsAction(project =>
        {
            foreach (var port in project.Settings.ItemsOf("ContainerPort"))
            {
                string type = port.GetMetadata("Type")?.Trim() ?? "tcp";
                if (port.Value.Trim().TrimStart('0') == "22" && type.Equals("tcp", StringComparison.OrdinalIgnoreCase))
                    project.Report(SshContainerPort, port, port.Value.Trim());
            }
        });
    }
}
