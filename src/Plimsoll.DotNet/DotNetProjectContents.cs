using System.Collections.Immutable;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.DotNet;

namespace Plimsoll.DotNet;

/// <summary>What of one evaluated .NET project Plimsoll lints: its Dockerfiles, its compose files (a <c>.dcproj</c>), its SDK container settings.</summary>
public sealed record DotNetProjectContents(string ProjectPath, ImmutableArray<string> Dockerfiles, ImmutableArray<string> ComposeFiles, ContainerSettings ContainerSettings);

/// <summary>The projects of a lint target (solution, project or folder), and what could not be evaluated (located).</summary>
public sealed record DotNetTargetEvaluation(ImmutableArray<DotNetProjectContents> Projects, ImmutableArray<ToolNotification> Notifications);
