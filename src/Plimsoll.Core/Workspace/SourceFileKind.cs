using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Workspace;

/// <summary>What a file is, decided from its name as users name them (see <see cref="SourceFileKinds.Classify"/>).</summary>
public enum SourceFileKind
{
    Unknown,
    Dockerfile,
    /// <summary>A <c>docker compose</c> file: judged in its project (override, include, extends) with the <c>.env</c> beside it.</summary>
    Compose,
    /// <summary>A swarm stack file (<c>docker stack deploy</c>): no <c>.env</c>, keys swarm ignores are not judged.</summary>
    Stack,
}

/// <summary>
/// The one place that decides a document's kind. The README and <c>.pre-commit-hooks.yaml</c> state the same rule
/// (a test compares the hook's <c>files:</c> pattern with <see cref="Classify"/>).
/// </summary>
public static class SourceFileKinds
{
    /// <summary>
    /// Dockerfile: <c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.Dockerfile</c>, <c>*.dockerfile</c>, <c>Containerfile</c>,
    /// <c>Containerfile.*</c>. Compose: <c>compose.yaml|yml</c>, <c>compose.*.yaml|yml</c>, <c>docker-compose*.yaml|yml</c>.
    /// Stack: <c>*stack*.yaml|yml</c> (a compose name containing "stack" is a stack too; so is any file read as compose
    /// with "stack" in its name). A name that says nothing is Compose when <paramref name="text"/> has a top-level
    /// <c>services:</c> or <c>include:</c> key, otherwise Unknown: a directory walk skips it; for a file named
    /// explicitly see <see cref="ClassifyNamed"/>.
    /// </summary>
    /// <param name="forced">The kind the user imposed (<c>--kind</c>): Compose still becomes Stack for a stack name.</param>
    public static SourceFileKind Classify(string path, SourceText? text = null, SourceFileKind? forced = null)
    {
        // The name as a span of the path: a directory walk classifies every file it meets.
        var name = FileName(path);
        switch (forced)
        {
            case SourceFileKind.Dockerfile:
            case SourceFileKind.Stack:
                return forced.Value;
            case SourceFileKind.Compose:
                return IsStackName(name) ? SourceFileKind.Stack : SourceFileKind.Compose;
        }
        if (IsDockerfileName(name)) return SourceFileKind.Dockerfile;
        if (IsComposeName(name)) return IsStackName(name) ? SourceFileKind.Stack : SourceFileKind.Compose;
        if (text != null && LooksLikeCompose(text)) return IsStackName(name) ? SourceFileKind.Stack : SourceFileKind.Compose;
        return SourceFileKind.Unknown;
    }

    /// <summary>
    /// The kind of a file a user named explicitly (on the command line, or an editor's document): as
    /// <see cref="Classify"/>, and a name that says nothing is compose when it ends in <c>.yaml</c>/<c>.yml</c>,
    /// otherwise a Dockerfile. Never Unknown.
    /// </summary>
    public static SourceFileKind ClassifyNamed(string path, SourceText? text = null, SourceFileKind? forced = null)
    {
        var kind = Classify(path, text, forced);
        if (kind != SourceFileKind.Unknown) return kind;
        string name = System.IO.Path.GetFileName(path);
        bool yaml = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return yaml ? SourceFileKind.Compose : SourceFileKind.Dockerfile;
    }

    /// <summary>The kind from the name alone.</summary>
    public static SourceFileKind FromPath(string path) => Classify(path);

    /// <summary>Compose or Stack: read as YAML.</summary>
    public static bool IsComposeFamily(this SourceFileKind kind) => kind is SourceFileKind.Compose or SourceFileKind.Stack;

    public static bool IsDockerfileName(string name) => IsDockerfileName(name.AsSpan());

    public static bool IsComposeName(string name) => IsComposeName(name.AsSpan());

    /// <summary>A name containing "stack" (any case) is read with swarm semantics.</summary>
    public static bool IsStackName(string name) => IsStackName(name.AsSpan());

    private static bool IsDockerfileName(ReadOnlySpan<char> name)
    {
        if (name.Equals("Dockerfile".AsSpan(), StringComparison.OrdinalIgnoreCase) || name.Equals("Containerfile".AsSpan(), StringComparison.OrdinalIgnoreCase)) return true;
        if (name.StartsWith("Dockerfile.".AsSpan(), StringComparison.OrdinalIgnoreCase) || name.StartsWith("Containerfile.".AsSpan(), StringComparison.OrdinalIgnoreCase)) return true;
        return name.EndsWith(".Dockerfile".AsSpan(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsComposeName(ReadOnlySpan<char> name)
    {
        bool yaml = name.EndsWith(".yaml".AsSpan(), StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml".AsSpan(), StringComparison.OrdinalIgnoreCase);
        if (!yaml) return false;
        var stem = name.Slice(0, name.LastIndexOf('.'));
        return stem.Equals("compose".AsSpan(), StringComparison.OrdinalIgnoreCase) || stem.StartsWith("compose.".AsSpan(), StringComparison.OrdinalIgnoreCase)
            || stem.StartsWith("docker-compose".AsSpan(), StringComparison.OrdinalIgnoreCase) || IsStackName(name);
    }

    private static bool IsStackName(ReadOnlySpan<char> name) => name.IndexOf("stack".AsSpan(), StringComparison.OrdinalIgnoreCase) >= 0;

    // The last segment of a path, cut as System.IO.Path.GetFileName cuts it (without a string on .NET).
    private static ReadOnlySpan<char> FileName(string path)
#if NET
        => System.IO.Path.GetFileName(path.AsSpan());
#else
        => System.IO.Path.GetFileName(path).AsSpan();
#endif

    // A top-level (unindented) "services:" or "include:" key within the first lines: compose's two ways to define a project.
    private static bool LooksLikeCompose(SourceText text)
    {
        int lines = Math.Min(text.Lines.Count, 200);
        for (int i = 0; i < lines; i++)
        {
            string line = text.Lines[i].ToString();
            if (line.StartsWith("services:", StringComparison.Ordinal) || line.StartsWith("include:", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
