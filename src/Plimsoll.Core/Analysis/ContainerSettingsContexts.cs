using Microsoft.CodeAnalysis;
using Plimsoll.Semantics.DotNet;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis;

/// <summary>
/// The SDK container settings of one .NET project. Settings come from several files (the project, a
/// <c>Directory.Build.props</c>, an import), so a finding is reported at a setting and lands in the file that defined it.
/// </summary>
public sealed class ContainerSettingsAnalysisContext
{
    private readonly List<(RuleDescriptor Rule, DiagnosticDescriptor Descriptor, ContainerSetting Setting, object?[] Args)> _reports;

    internal ContainerSettingsAnalysisContext(ContainerSettings settings, IRuleOptions options, IFileSystem fileSystem, CancellationToken cancellationToken,
        List<(RuleDescriptor, DiagnosticDescriptor, ContainerSetting, object?[])> reports)
    {
        Settings = settings;
        Options = options;
        FileSystem = fileSystem;
        CancellationToken = cancellationToken;
        _reports = reports;
    }

    public ContainerSettings Settings { get; }

    /// <summary>The options in force for the project file.</summary>
    public IRuleOptions Options { get; }

    public IFileSystem FileSystem { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Reports <paramref name="rule"/> at the element that defined <paramref name="setting"/>.</summary>
    public void Report(RuleDescriptor rule, ContainerSetting setting, params object?[] messageArgs)
    {
        lock (_reports) _reports.Add((rule, rule.Descriptor, setting, messageArgs));
    }

    /// <summary>Reports <paramref name="message"/> of its rule at the element that defines <paramref name="setting"/>, the values in the order of its holes.</summary>
    public void Report(RuleMessage message, ContainerSetting setting, params object?[] values)
    {
        if (values.Length != message.Holes.Length)
            throw new ArgumentException($"{message.Rule.Id} message '{message.Id}' has {message.Holes.Length} holes but was given {values.Length} values");
        lock (_reports) _reports.Add((message.Rule, message.Descriptor, setting, values));
    }
}
