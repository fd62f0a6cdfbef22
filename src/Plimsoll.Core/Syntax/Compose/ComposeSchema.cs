using System.Text.Json;
using Plimsoll.Workspace.FileSystems;
#if NET
using Json.Schema;
#endif

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// A JSON schema for Compose files, built by JsonSchema.Net: by default the Compose Specification's own schema,
/// shipped inside the tool (<see cref="Default"/>), or one the user names (<c>--compose-schema FILE</c>).
/// Every regular expression it holds (<c>pattern</c>, <c>patternProperties</c>) runs with a time limit, so that a
/// catastrophic pattern stops with a reported problem instead of hanging the run.
/// </summary>
/// <remarks>
/// Only the net10.0 build validates: JsonSchema.Net needs System.Text.Json 10, which the compilers the
/// netstandard2.0 build is meant to run inside do not carry. There <see cref="IsSupported"/> is false,
/// <see cref="Default"/> is null and <see cref="Parse"/> throws <see cref="NotSupportedException"/>.
/// </remarks>
public sealed class ComposeSchema
{
#if NET
    public const bool IsSupported = true;
#else
    public const bool IsSupported = false;
#endif

    /// <summary>Reads a schema through <paramref name="fileSystem"/> (the disk when null).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="JsonException">It is not JSON, or not a schema that can be built (the message says why).</exception>
    public static ComposeSchema Load(string path, IFileSystem? fileSystem = null)
    {
        var read = (fileSystem ?? PhysicalFileSystem.Instance).ReadFile(path);
        if (!read.IsOk) throw new IOException(read.Message);
        return Parse(read.Content!.Text.ToString().TrimStart('\uFEFF'));
    }

#if !NET
    public static ComposeSchema? Default => null;

    public static ComposeSchema Parse(string json) => throw new NotSupportedException("Compose schema validation needs the net10.0 build of Plimsoll.Core.");

    public void BuildInBackground() { }
#else
    /// <summary>How long one regular expression of the schema may take on one value.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private const string EmbeddedResourceName = "Plimsoll.compose-spec.json";
    // The shipped schema names draft 7 by the id without '#': that one dialect is made for it. A schema of the user's
    // may name any standard dialect: all are made, on first such schema (each costs reflection over its keywords).
    private static readonly Uri ShippedDialectId = new("https://json-schema.org/draft-07/schema");
    private static readonly Lazy<BuildOptions> s_shippedOptions = new(CreateShippedOptions, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<BuildOptions> s_anyDialectOptions = new(CreateAnyDialectOptions, LazyThreadSafetyMode.ExecutionAndPublication);

    // The shipped schema is known to build: it is built on first use, so that runs without compose files never pay for it.
    private static readonly ComposeSchema s_default = new(new Lazy<(JsonDocument, JsonSchema)>(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication));

    private readonly Lazy<(JsonDocument Document, JsonSchema Schema)> _built;
    private int _buildQueued;

    private ComposeSchema(Lazy<(JsonDocument, JsonSchema)> built)
    {
        _built = built;
    }

    /// <summary>The Compose Specification's schema shipped with Plimsoll (built on first use).</summary>
    public static ComposeSchema? Default => s_default;

    /// <summary>The schema's JSON, for the words of messages (expected types, allowed values).</summary>
    internal JsonDocument Document => _built.Value.Document;

    internal JsonSchema Schema => _built.Value.Schema;

    /// <summary>
    /// Starts building the schema on a pool thread, so that it is ready (or nearly) when the first compose file has
    /// been read and parsed; a failure is left for the first real use to report.
    /// </summary>
    public void BuildInBackground()
    {
        // Queued once: a second work item would only wait on the first, holding a pool thread the linting needs.
        if (_built.IsValueCreated || Interlocked.Exchange(ref _buildQueued, 1) == 1) return;
        ThreadPool.UnsafeQueueUserWorkItem(static built =>
        {
            try { _ = built.Value; }
            catch (Exception) { } // the same exception reaches the first validation, which reports it
        }, _built, preferLocal: false);
    }

    /// <summary>Builds a schema from its JSON text.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not a schema JsonSchema.Net can build (the message says why).</exception>
    public static ComposeSchema Parse(string json)
    {
        // A schema of the user's may refer to the standard meta-schemas: JsonSchema.Net's are made first.
        JsonSchemaNetInitialization.Ensure(withMetaSchemas: true);
        var built = Build(JsonDocument.Parse(json, DocumentOptions), s_anyDialectOptions);
        return new ComposeSchema(new Lazy<(JsonDocument, JsonSchema)>(() => built));
    }

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static (JsonDocument, JsonSchema) Build(JsonDocument document, Lazy<BuildOptions> dialects)
    {
        try
        {
            // Each schema gets its own registry: two schemas with the same $id must not collide.
            var options = new BuildOptions
            {
                Dialect = dialects.Value.Dialect,
                DialectRegistry = dialects.Value.DialectRegistry,
                SchemaRegistry = new SchemaRegistry(),
            };
            return (document, JsonSchema.Build(document.RootElement, options));
        }
        catch (Exception e) when (e is JsonSchemaException || e is ArgumentException || e is InvalidOperationException || e is KeyNotFoundException || e is UriFormatException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>Resolves a JSON pointer such as <c>/definitions/service</c> in the schema's JSON; null if it does not resolve.</summary>
    internal JsonElement? Resolve(string pointer)
    {
        var current = Document.RootElement;
        foreach (var part in pointer.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, out int index) && index >= 0 && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }

    private static (JsonDocument, JsonSchema) LoadEmbedded()
    {
        using var stream = typeof(ComposeSchema).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException("The Compose schema is missing from " + typeof(ComposeSchema).Assembly.GetName().Name);
        // Parsed from its UTF-8 bytes as stored: no string in between.
        var utf8 = new byte[stream.Length];
        stream.ReadExactly(utf8);
        return Build(JsonDocument.Parse(utf8, DocumentOptions), s_shippedOptions);
    }

    // The standard dialects with time-limited regular expressions (and two faster keywords with the library's results),
    // registered under their ids; draft 7 also under
    // the id the Compose schema writes ("https://json-schema.org/draft-07/schema", without '#').
    private static BuildOptions CreateAnyDialectOptions()
    {
        JsonSchemaNetInitialization.Ensure(withMetaSchemas: false);
        var registry = new DialectRegistry();
        Dialect? draft7 = null;
        foreach (var dialect in new[] { Dialect.Draft06, Dialect.Draft07, Dialect.Draft201909, Dialect.Draft202012 })
        {
            var limited = WithRegexTimeouts(dialect, dialect.Id!);
            registry.Register(limited);
            if (dialect == Dialect.Draft07) draft7 = limited;
        }
        registry.Register(WithRegexTimeouts(Dialect.Draft07, ShippedDialectId));
        return new BuildOptions { Dialect = draft7!, DialectRegistry = registry };
    }

    private static BuildOptions CreateShippedOptions()
    {
        JsonSchemaNetInitialization.Ensure(withMetaSchemas: false);
        var draft7 = WithRegexTimeouts(Dialect.Draft07, ShippedDialectId);
        var registry = new DialectRegistry();
        registry.Register(draft7);
        return new BuildOptions { Dialect = draft7, DialectRegistry = registry };
    }

    private static Dialect WithRegexTimeouts(Dialect dialect, Uri id)
    {
        var handlers = new IKeywordHandler[]
        {
            new TimeLimitedRegexKeyword(Json.Schema.Keywords.PatternKeyword.Instance, RegexTimeout),
            new TimeLimitedPatternPropertiesKeyword(RegexTimeout),
            IndexedPropertiesKeyword.Instance,
            PassFailTypeKeyword.Instance,
        };
        return dialect.With(handlers, id);
    }
#endif
}
