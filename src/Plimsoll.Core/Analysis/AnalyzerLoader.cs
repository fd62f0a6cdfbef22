using System.Reflection;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif

namespace Plimsoll.Analysis;

/// <summary>
/// Finds analyzers in an assembly: public, non-abstract <see cref="PlimsollAnalyzer"/> subclasses marked
/// <see cref="PlimsollAnalyzerAttribute"/> with a parameterless constructor. The built-in rules are loaded
/// this way too, so a rule pack gets exactly the treatment the built-ins get.
/// </summary>
public static class AnalyzerLoader
{
#if NET
    [RequiresUnreferencedCode("Finds analyzer classes by reflection: not for trimmed or Native AOT builds, which name their analyzers.")]
#endif
    public static IReadOnlyList<PlimsollAnalyzer> FromAssembly(Assembly assembly)
    {
        var analyzers = new List<PlimsollAnalyzer>();
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t != null).ToArray()!;
        }
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || !typeof(PlimsollAnalyzer).IsAssignableFrom(type)) continue;
            if (type.GetCustomAttribute<PlimsollAnalyzerAttribute>() == null) continue;
            if (type.GetConstructor(Type.EmptyTypes) == null) continue;
            analyzers.Add((PlimsollAnalyzer)Activator.CreateInstance(type)!);
        }
        return analyzers;
    }

    /// <summary>Loads a rule pack from a file. Errors (missing file, not an assembly, no analyzers) come back as a message.</summary>
#if NET
    [RequiresUnreferencedCode("Loads an assembly at run time: not available in trimmed or Native AOT builds.")]
#endif
    public static IReadOnlyList<PlimsollAnalyzer> FromFile(string path, out string? error)
    {
        error = null;
        try
        {
            var assembly = Assembly.LoadFrom(Path.GetFullPath(path));
            var analyzers = FromAssembly(assembly);
            if (analyzers.Count == 0) error = $"{path}: no public [PlimsollAnalyzer] classes found";
            return analyzers;
        }
        catch (Exception e) when (e is IOException || e is BadImageFormatException || e is FileLoadException || e is UnauthorizedAccessException || e is ArgumentException || e is TargetInvocationException || e is MissingMethodException || e is TypeInitializationException || e is TypeLoadException)
        {
            error = $"{path}: cannot load rule pack: {Innermost(e)}";
            return Array.Empty<PlimsollAnalyzer>();
        }
    }

    // "Exception has been thrown by the target of an invocation" says nothing: show what the rule pack's constructor threw.
    private static string Innermost(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException != null) e = e.InnerException;
        return e is TargetInvocationException or TypeInitializationException || e is IOException or BadImageFormatException
            ? e.Message
            : $"{e.GetType().Name}: {e.Message}";
    }
}
