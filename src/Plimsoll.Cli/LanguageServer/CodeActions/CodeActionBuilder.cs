using System.Text.Json;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Cli.LanguageServer.Protocol;
using Range = Plimsoll.Cli.LanguageServer.Protocol.Range;

namespace Plimsoll.Cli.LanguageServer.CodeActions;

/// <summary>The code actions offered for Plimsoll's diagnostics in a range, and "fix all" for a document.</summary>
internal static class CodeActionBuilder
{
    /// <summary>Client command (the VS Code extension) that inserts a snippet and leaves the cursor at its placeholder.</summary>
    public const string InsertSnippetCommand = "plimsoll.insertSnippet";
    /// <summary>Server command: open a rule's page (through <c>window/showDocument</c>).</summary>
    public const string ShowDocumentationCommand = "plimsoll.showDocumentation";

    public static List<CodeAction> ForRange(OpenDocument document, CodeActionParams parameters, CodeActionSettings settings, IReadOnlyList<Diagnostic> currentDiagnostics)
    {
        var actions = new List<CodeAction>();
        bool wantsQuickFixes = Wants(parameters.Context.Only, CodeActionKinds.QuickFix);
        var ours = parameters.Context.Diagnostics.Where(d => d.Source == LspDiagnostics.Source && d.Code != null).ToList();

        if (wantsQuickFixes)
        {
            foreach (var diagnostic in ours)
            {
                if (diagnostic.Data is { FixEdits: { Length: > 0 } edits } data)
                {
                    var title = data.FixIsSafe ? $"Fix {diagnostic.Code}: {data.FixTitle}" : $"Fix {diagnostic.Code} (unsafe: check the result): {data.FixTitle}";
                    actions.Add(new CodeAction(title, CodeActionKinds.QuickFix, new[] { diagnostic }, data.FixIsSafe, Edit(document, edits), null));
                }
            }
            var seenRules = new HashSet<string>(StringComparer.Ordinal);
            foreach (var diagnostic in ours)
            {
                if (!seenRules.Add(diagnostic.Code! + ":" + diagnostic.Range.Start.Line)) continue;
                if (settings.DisableRuleComment)
                {
                    int line = SuppressionEdits.LineFor(document, diagnostic.Range.Start.Line);
                    var indent = SuppressionEdits.IndentationOf(document.Text, line);
                    actions.Add(Insert(document, settings, $"Suppress {diagnostic.Code} on this line", diagnostic, line, indent, SuppressionEdits.NextLineComment(diagnostic.Code!)));
                    actions.Add(Insert(document, settings, $"Suppress {diagnostic.Code} in this file", diagnostic, SuppressionEdits.FileCommentLine(document), "", SuppressionEdits.FileComment(diagnostic.Code!)));
                }
                if (settings.ShowDocumentation && diagnostic.CodeDescription is { } description && seenRules.Add("doc:" + diagnostic.Code))
                {
                    actions.Add(new CodeAction($"Show documentation for {diagnostic.Code}", CodeActionKinds.QuickFix, new[] { diagnostic }, null, null,
                        new Command($"Show documentation for {diagnostic.Code}", ShowDocumentationCommand, new[] { JsonSerializer.SerializeToElement(description.Href, LspJsonContext.Default.String) })));
                }
            }
        }

        if (Wants(parameters.Context.Only, CodeActionKinds.SourceFixAllPlimsoll) && parameters.Context.Only != null)
        {
            var fixAll = FixAll(document, currentDiagnostics);
            if (fixAll != null) actions.Add(fixAll);
        }
        return actions;
    }

    /// <summary>
    /// Every safe fix of the document in one edit (<c>source.fixAll.plimsoll</c>, for "fix on save"); fixes that overlap
    /// an earlier one are left for the next round. Null when there is nothing to fix.
    /// </summary>
    public static CodeAction? FixAll(OpenDocument document, IReadOnlyList<Diagnostic> diagnostics)
    {
        var chosen = new List<TextEdit>();
        var taken = new List<(int Start, int End)>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Range.Start.Line).ThenBy(d => d.Range.Start.Character))
        {
            if (diagnostic.Data is not { FixEdits: { Length: > 0 } edits, FixIsSafe: true }) continue;
            var spans = edits.Select(e => DocumentStore.ToSpan(document.Text, e.Range)).Select(s => (s.Start, s.End)).ToList();
            if (spans.Any(s => taken.Any(t => s.Start < t.End && t.Start < s.End || (s.Start == s.End && s.Start == t.Start)))) continue;
            taken.AddRange(spans);
            chosen.AddRange(edits);
        }
        if (chosen.Count == 0) return null;
        return new CodeAction("Fix all safe Plimsoll findings", CodeActionKinds.SourceFixAllPlimsoll, null, null, Edit(document, chosen.ToArray()), null);
    }

    // "only" lists kinds the client wants; a kind matches itself and its sub-kinds (source.fixAll ⊃ source.fixAll.plimsoll).
    private static bool Wants(string[]? only, string kind)
        => only == null || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));

    private static WorkspaceEdit Edit(OpenDocument document, TextEdit[] edits)
        => new(new Dictionary<string, TextEdit[]> { [document.Uri] = edits });

    // With the VS Code extension the comment is a snippet, so the cursor waits where the reason goes; other clients get
    // the plain text edit.
    private static CodeAction Insert(OpenDocument document, CodeActionSettings settings, string title, Diagnostic diagnostic, int line, string indent, string comment)
    {
        var at = new Position(line, 0);
        if (settings.ClientInsertsSnippets)
        {
            var arguments = new[]
            {
                JsonSerializer.SerializeToElement(document.Uri, LspJsonContext.Default.String),
                JsonSerializer.SerializeToElement(line, LspJsonContext.Default.Int32),
                JsonSerializer.SerializeToElement(indent + comment.Replace("$", "\\$") + "${1:reason}\n", LspJsonContext.Default.String),
            };
            return new CodeAction(title, CodeActionKinds.QuickFix, new[] { diagnostic }, null, null, new Command(title, InsertSnippetCommand, arguments));
        }
        return new CodeAction(title, CodeActionKinds.QuickFix, new[] { diagnostic }, null,
            Edit(document, new[] { new TextEdit(new Range(at, at), indent + comment + "\n") }), null);
    }
}

/// <summary>Which optional code actions the user wants (<c>plimsoll.codeAction.*</c>), and what the client can do.</summary>
internal sealed record CodeActionSettings(bool DisableRuleComment, bool ShowDocumentation, bool ClientInsertsSnippets)
{
    public static CodeActionSettings Default { get; } = new(true, true, false);
}
