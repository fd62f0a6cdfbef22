namespace Plimsoll.Workspace;

/// <summary>What a file is, decided from its name as users name them.</summary>
public enum SourceFileKind
{
    Unknown,
    Dockerfile,
    Compose,
}

public static class SourceFileKinds
{
    /// <summary>
    /// Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile, Containerfile.*; compose.yaml/yml,
    /// compose.*.yaml/yml, docker-compose*.yaml/yml, *stack*.yaml/yml.
    /// </summary>
    public static SourceFileKind FromPath(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        if (IsDockerfileName(name)) return SourceFileKind.Dockerfile;
        if (IsComposeName(name)) return SourceFileKind.Compose;
        return SourceFileKind.Unknown;
    }

    public static bool IsDockerfileName(string name)
    {
        if (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase) || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)) return true;
        if (name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Containerfile.", StringComparison.OrdinalIgnoreCase)) return true;
        return name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsComposeName(string name)
    {
        string lower = name.ToLowerInvariant();
        bool yaml = lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal);
        if (!yaml) return false;
        string stem = lower.Substring(0, lower.LastIndexOf('.'));
        return stem == "compose" || stem.StartsWith("compose.", StringComparison.Ordinal)
            || stem.StartsWith("docker-compose", StringComparison.Ordinal) || stem.Contains("stack");
    }
}
