#!/usr/bin/env bash
# Scaffolds a rule: its analyzer (descriptor beside it) and its page with example cases.
#   bash tools/new-rule.sh PL1006 AddForLocalFile Images "ADD used for a local file"
# Then: write the analyzer, the page's examples (noncompliant with markers, compliant), and run
#   PLIMSOLL_BLESS_RULE_PAGES=1 dotnet test tests/Plimsoll.Tests --filter "FullyQualifiedName~RulePageTests|FullyQualifiedName~RuleDocsTests"
# which fills in the markers, fixed blocks, the page header and the README table; review the diff. Nothing else to
# register: the source generator adds the analyzer to the built-in list.
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: $0 ID Name Folder \"Title\"   (e.g. PL1006 AddForLocalFile Images \"ADD used for a local file\")" >&2
  exit 2
fi
id=$1 name=$2 folder=$3 title=$4
root=$(cd "$(dirname "$0")/.." && pwd)
[[ $id =~ ^PL[0-9]{4}$ ]] || { echo "$0: the id must look like PL1234" >&2; exit 2; }
[[ $name =~ ^[A-Z][A-Za-z0-9]+$ ]] || { echo "$0: the name must be PascalCase" >&2; exit 2; }
analyzer="$root/src/Plimsoll.Rules/$folder/${name}Analyzer.cs"
page="$root/rules/$id.md"
for f in "$analyzer" "$page"; do [ ! -e "$f" ] || { echo "$0: $f exists" >&2; exit 2; }; done
grep -rq "\"$id\"" "$root/src/Plimsoll.Rules" && { echo "$0: $id is taken" >&2; exit 2; }
mkdir -p "$(dirname "$analyzer")"
cat > "$analyzer" <<CS
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.$folder;

/// <summary>$id: TODO what the rule flags, in one sentence.</summary>
[PlimsollAnalyzer]
public sealed class ${name}Analyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Finding = new("finding", "TODO a sentence with named holes such as '{thing}'");

    public static readonly RuleDescriptor Rule = new(
        id: "$id", name: "$name", title: "$title",
        category: "TODO", defaultSeverity: DiagnosticSeverity.Warning,
        description: "TODO why it matters, in one sentence.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Finding],
        peers: []);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            // TODO: instruction.Report(Finding, span, thing);
        }, DockerfileSyntaxKind.RunInstruction);
    }
}
CS
cat > "$page" <<MD
# $id: $title

| | |
|---|---|
| Applies to | TODO |

## What it flags

TODO

## Why it matters

TODO

## Noncompliant

\`\`\`dockerfile
FROM alpine:3.20
\`\`\`

## Compliant

\`\`\`dockerfile
FROM alpine:3.20
\`\`\`

## How to fix

TODO

## Equivalent rules in other tools

TODO where Plimsoll differs from each peer.
MD
echo "created $analyzer"
echo "created $page"
