using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>
/// The variable chain a compose file is interpolated with: the process environment (when used) over the env files
/// (<c>--env-file</c> files, or else the <c>.env</c> beside the compose file). The first source that defines a name wins.
/// </summary>
public sealed class ComposeVariables : IVariableSource
{
    public ComposeVariables(IEnumerable<IVariableSource> sourcesByPrecedence, IEnumerable<DotEnvFile>? envFiles = null, IEnumerable<Diagnostic>? diagnostics = null)
    {
        Sources = (sourcesByPrecedence ?? Enumerable.Empty<IVariableSource>()).Where(s => s is not null).ToImmutableArray();
        EnvFiles = (envFiles ?? Enumerable.Empty<DotEnvFile>()).ToImmutableArray();
        Diagnostics = EnvFiles.SelectMany(f => f.Diagnostics).Concat(diagnostics ?? Enumerable.Empty<Diagnostic>()).ToImmutableArray();
    }

    public static ComposeVariables Empty { get; } = new(Array.Empty<IVariableSource>());

    /// <summary>Highest precedence first.</summary>
    public ImmutableArray<IVariableSource> Sources { get; }

    /// <summary>The env files that were read, in order.</summary>
    public ImmutableArray<DotEnvFile> EnvFiles { get; }

    /// <summary>PL9002 for malformed env file lines and for <c>--env-file</c> files that do not exist.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public VariableDefinition? Find(string name)
    {
        foreach (var source in Sources)
        {
            var definition = source.Find(name);
            if (definition is not null) return definition;
        }
        return null;
    }

    /// <summary>Only the given environment (what <c>docker stack config</c> sees, for example).</summary>
    public static ComposeVariables FromEnvironment(IEnumerable<KeyValuePair<string, string>> environment)
        => new(new IVariableSource[] { new EnvironmentVariableSource(environment) });

    /// <summary>
    /// Env files already in memory (for example from an editor), read in order; each is parsed with the process
    /// environment (when given) and the files before it as its lookup environment, as compose does.
    /// </summary>
    public static ComposeVariables FromEnvFiles(IEnumerable<(SourceText Text, string Path)> files, ValueOrigin origin, IEnumerable<KeyValuePair<string, string>>? processEnvironment = null)
    {
        var environment = processEnvironment is null ? null : new EnvironmentVariableSource(processEnvironment);
        var parsed = new List<DotEnvFile>();
        foreach (var (text, path) in files)
        {
            var before = new EnvFileVariableSource(parsed, origin);
            IVariableSource lookup = environment is null ? before : new ComposeVariables(new IVariableSource[] { environment, before });
            parsed.Add(DotEnvFile.Parse(text, path, lookup));
        }
        var sources = new List<IVariableSource>();
        if (environment is not null) sources.Add(environment);
        sources.Add(new EnvFileVariableSource(parsed, origin));
        return new ComposeVariables(sources, parsed);
    }

    /// <summary>
    /// Builds the chain for <paramref name="composeFilePath"/>, reading env files through <paramref name="fileSystem"/>
    /// (the disk when null). Never throws on missing or unreadable files.
    /// </summary>
    public static ComposeVariables Load(string composeFilePath, ComposeVariablesOptions? options = null, IFileSystem? fileSystem = null)
    {
        options ??= ComposeVariablesOptions.Compose;
        fileSystem ??= PhysicalFileSystem.Instance;
        IEnumerable<KeyValuePair<string, string>>? environment = null;
        if (options.UseProcessEnvironment)
        {
            environment = options.ProcessEnvironment ?? Array.Empty<KeyValuePair<string, string>>();
        }

        var diagnostics = new List<Diagnostic>();
        var files = new List<(SourceText, string)>();
        ValueOrigin origin;
        if (options.EnvFiles is { Count: > 0 })
        {
            origin = ValueOrigin.EnvFile;
            foreach (var envFile in options.EnvFiles)
            {
                var text = TryRead(fileSystem, FullPath(envFile), out var error);
                if (text is null) diagnostics.Add(Diagnostic.Create(SyntaxDiagnostics.ComposeSyntax, Location.None, "env file " + envFile + " cannot be read: " + error));
                else files.Add((text, envFile));
            }
        }
        else
        {
            origin = ValueOrigin.DotEnv;
            if (options.ReadDotEnv)
            {
                string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(composeFilePath)) ?? ".";
                string dotEnv = System.IO.Path.Combine(directory, ".env");
                // A missing .env is normal; compose says nothing either.
                if (fileSystem.FileExists(dotEnv))
                {
                    var text = TryRead(fileSystem, dotEnv, out var error);
                    if (text is null) diagnostics.Add(Diagnostic.Create(SyntaxDiagnostics.ComposeSyntax, Location.None, ".env file " + dotEnv + " cannot be read: " + error));
                    else files.Add((text, dotEnv));
                }
            }
        }

        var loaded = FromEnvFiles(files, origin, environment);
        return new ComposeVariables(loaded.Sources, loaded.EnvFiles, diagnostics)
        {
            ContentKey = ContentKeyOf(origin, files, options),
        };
    }

    /// <summary>
    /// What these variables were made from, as text (env files by path and checksum, the environment by its entries):
    /// equal keys give equal interpolation. Null when the variables were not loaded from options.
    /// </summary>
    internal string? ContentKey { get; private init; }

    private static string ContentKeyOf(ValueOrigin origin, List<(SourceText Text, string Path)> files, ComposeVariablesOptions options)
    {
        var key = new System.Text.StringBuilder(origin.ToString());
        foreach (var (text, path) in files)
        {
            key.Append('|').Append(path).Append('#');
            foreach (var b in text.GetChecksum()) key.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        key.Append("|env:");
        if (!options.UseProcessEnvironment) key.Append("none");
        else if (options.ProcessEnvironment == null) key.Append("empty");
        else
        {
            foreach (var pair in options.ProcessEnvironment.OrderBy(p => p.Key, StringComparer.Ordinal))
                key.Append(pair.Key).Append('\0').Append(pair.Value).Append('\0');
        }
        return key.ToString();
    }

    private static SourceText? TryRead(IFileSystem fileSystem, string path, out string? error)
    {
        var read = fileSystem.ReadFile(path);
        error = read.Message;
        if (!read.IsOk) return null;
        var text = read.Content!.Text;
        // An env file's byte-order mark is not part of its first name (a stream read drops it too).
        return text.Length > 0 && text[0] == '\uFEFF' ? SourceText.From(text.ToString(TextSpan.FromBounds(1, text.Length))) : text;
    }

    private static string FullPath(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return path;
        }
    }
}
