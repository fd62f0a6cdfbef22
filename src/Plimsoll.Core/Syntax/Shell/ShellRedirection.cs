namespace Plimsoll.Syntax.Shell;

public enum ShellRedirectionKind
{
    /// <summary>`&lt;`</summary>
    Input,
    /// <summary>`&gt;`</summary>
    Output,
    /// <summary>`&gt;&gt;`</summary>
    Append,
    /// <summary>`&gt;|`</summary>
    Clobber,
    /// <summary>`&lt;&gt;`</summary>
    ReadWrite,
    /// <summary>`&lt;&amp;`</summary>
    DuplicateInput,
    /// <summary>`&gt;&amp;` (as in `2&gt;&amp;1`)</summary>
    DuplicateOutput,
    /// <summary>bash `&amp;&gt;`: stdout and stderr</summary>
    OutputAndError,
    /// <summary>bash `&amp;&gt;&gt;`</summary>
    AppendOutputAndError,
    /// <summary>`&lt;&lt;`</summary>
    HereDocument,
    /// <summary>`&lt;&lt;-`: leading tabs stripped</summary>
    HereDocumentStripTabs,
    /// <summary>bash `&lt;&lt;&lt;`</summary>
    HereString,
}

/// <summary>`[n]op target`, e.g. `2&gt;&amp;1`, `&gt;&gt;log`, `&lt;&lt;'EOF'`.</summary>
public sealed class ShellRedirection : ShellNode
{
    internal ShellRedirection(int start, int length, int? fileDescriptor, ShellRedirectionKind kind, int operatorStart,
        int operatorLength, ShellWord? target)
        : base(start, length)
    {
        FileDescriptor = fileDescriptor;
        Kind = kind;
        OperatorStart = operatorStart;
        OperatorLength = operatorLength;
        Target = target;
        Adopt(target);
    }

    /// <summary>The explicit descriptor number (`2` in `2&gt;&amp;1`), else null.</summary>
    public int? FileDescriptor { get; }

    public ShellRedirectionKind Kind { get; }
    public int OperatorStart { get; }
    public int OperatorLength { get; }

    /// <summary>The file, descriptor or here-document delimiter word; null when missing (a syntax error).</summary>
    public ShellWord? Target { get; }

    /// <summary>
    /// The body, for here-documents; null when missing. Not among <see cref="ChildNodes"/>: the body follows the
    /// command line, outside this redirection's span. Its <see cref="ShellNode.Parent"/> is this redirection.
    /// </summary>
    public ShellHereDocument? HereDocument
    {
        get => _hereDocument;
        internal set
        {
            _hereDocument = value;
            Adopt(value);
        }
    }

    private ShellHereDocument? _hereDocument;

    public bool IsHereDocument => Kind is ShellRedirectionKind.HereDocument or ShellRedirectionKind.HereDocumentStripTabs;

    public override IEnumerable<ShellNode> ChildNodes() => One(Target);

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Target);
}

/// <summary>The body of a here-document: the lines after the command line, up to the delimiter line.</summary>
public sealed class ShellHereDocument : ShellNode
{
    internal ShellHereDocument(int start, int length, string delimiter, bool isQuoted, string body, bool isTerminated)
        : base(start, length)
    {
        Delimiter = delimiter;
        IsQuoted = isQuoted;
        Body = body;
        IsTerminated = isTerminated;
    }

    /// <summary>The delimiter after quote removal.</summary>
    public string Delimiter { get; }

    /// <summary>A quoted delimiter (`&lt;&lt;'EOF'`) disables expansion in the body.</summary>
    public bool IsQuoted { get; }

    /// <summary>The body text (the span covers it; the delimiter line is not included).</summary>
    public string Body { get; }

    /// <summary>False when the input ended before the delimiter line.</summary>
    public bool IsTerminated { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Enumerable.Empty<ShellNode>();

    internal override void PushChildren(Stack<ShellNode> stack) { }
}
