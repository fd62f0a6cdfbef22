using System.Collections.Immutable;

namespace Plimsoll.Analysis;

/// <summary>
/// A rule (or a family of rules): declares its descriptors, then registers callbacks for what it inspects.
/// Built-in rules and third-party rule packs use exactly this API; a pack is an assembly with public
/// non-abstract subclasses marked <see cref="PlimsollAnalyzerAttribute"/>.
/// </summary>
public abstract class PlimsollAnalyzer
{
    public abstract ImmutableArray<RuleDescriptor> SupportedRules { get; }

    public abstract void Initialize(AnalysisContext context);
}

/// <summary>Marks a class that the loader should instantiate as an analyzer (like Roslyn's <c>[DiagnosticAnalyzer]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PlimsollAnalyzerAttribute : Attribute
{
}
