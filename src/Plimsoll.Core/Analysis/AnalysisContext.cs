using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Analysis;

/// <summary>Where an analyzer registers what it wants to inspect; the driver walks each file once and calls back.</summary>
public abstract class AnalysisContext
{
    /// <summary>Once per Dockerfile, with its tree and semantic model.</summary>
    public abstract void RegisterDockerfileAction(Action<DockerfileAnalysisContext> action);

    /// <summary>Once per build stage.</summary>
    public abstract void RegisterStageAction(Action<StageAnalysisContext> action);

    /// <summary>For each instruction of the given kinds (all kinds when none is given); ONBUILD triggers included.</summary>
    public abstract void RegisterInstructionAction(Action<InstructionAnalysisContext> action, params DockerfileSyntaxKind[] kinds);

    /// <summary>For each simple command inside a RUN's shell script (shell form and heredoc scripts, POSIX shells only).</summary>
    public abstract void RegisterShellCommandAction(Action<ShellCommandAnalysisContext> action);

    /// <summary>
    /// For each simple command (as above) whose name, once wrappers such as <c>sudo</c> or <c>env</c> are looked through
    /// (<see cref="ShellCommandAnalysisContext.Resolved"/>), <paramref name="runsFor"/> accepts: a rule about
    /// <c>apt-get</c> is then not called for every other command. <paramref name="runsFor"/> is asked once per name
    /// and must depend on the name only.
    /// </summary>
    public virtual void RegisterShellCommandAction(Action<ShellCommandAnalysisContext> action, Func<string, bool> runsFor)
    {
        if (runsFor == null) throw new ArgumentNullException(nameof(runsFor));
        RegisterShellCommandAction(context =>
        {
            if (context.Resolved?.Name is { } name && runsFor(name)) action(context);
        });
    }

    /// <summary>Once per compose file or stack file, with its model.</summary>
    public abstract void RegisterComposeProjectAction(Action<ComposeProjectAnalysisContext> action);

    /// <summary>For each service of a compose project.</summary>
    public abstract void RegisterComposeServiceAction(Action<ComposeServiceAnalysisContext> action);

    /// <summary>For each top-level network of a compose project.</summary>
    public abstract void RegisterComposeNetworkAction(Action<ComposeNetworkAnalysisContext> action);

    /// <summary>For each top-level secret and config of a compose project.</summary>
    public abstract void RegisterComposeSecretAction(Action<ComposeSecretAnalysisContext> action);

    /// <summary>Once per .NET project with SDK container settings (<c>ContainerBaseImage</c>, <c>ContainerUser</c>, ...).</summary>
    public abstract void RegisterContainerSettingsAction(Action<ContainerSettingsAnalysisContext> action);
}
