#!/usr/bin/env python3
"""Measures how often Plimsoll agrees with peer linters' own test cases.

Reads a case manifest (cases.tsv: tool, peer_rule_id, expect, file, note), asks Plimsoll which of its
rules declare each peer rule as an equivalent ('rules --format json'), lints every case file in a few
processes and reports, per peer tool and per peer rule, how many cases agree. See README.md beside this file.
"""
import argparse
import collections
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

# The keys of a rule's 'peers' object, which are also the tool names the manifest uses.
PEER_TOOLS = ["hadolint", "kics", "trivy", "checkov", "buildkit", "composeLint", "dclint"]
COMPOSE_EXTENSIONS = (".yaml", ".yml")
# A manifest note naming a configuration the harness cannot express: such cases are listed, not scored.
UNEXPRESSIBLE = "needs-config"
# A manifest note carrying an .editorconfig setting the case needs, e.g. 'config:plimsoll.trusted_registries=docker.io'.
CONFIG_TOKEN = re.compile(r"config:([A-Za-z0-9_.]+)=(\S+)")
LINT_BATCH = 300


def repository_root():
    return os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def default_plimsoll():
    dll = os.path.join(repository_root(), "src", "Plimsoll.Cli", "bin", "Release", "net10.0", "plimsoll.dll")
    return "dotnet " + shlex.quote(dll)


def normalise_peer_id(tool, peer_id):
    """One spelling per peer rule, so 'DS001', 'AVD-DS-0001' and 'DS-0001' meet."""
    peer_id = peer_id.strip()
    if tool == "trivy":
        match = re.fullmatch(r"(?:AVD-)?DS-?0*(\d+)", peer_id, re.I)
        if match:
            return "DS-%04d" % int(match.group(1))
    if tool == "kics":
        return peer_id.lower()
    if tool in ("hadolint", "trivy", "checkov", "composeLint"):
        return peer_id.upper()
    return peer_id


def read_rules(plimsoll):
    output = subprocess.run(shlex.split(plimsoll) + ["rules", "--format", "json"],
                            check=True, capture_output=True, text=True).stdout
    rules = json.loads(output)
    return rules if isinstance(rules, list) else rules["rules"]


def peer_map(rules):
    """(tool, peer id) -> the Plimsoll rule ids that declare that peer rule as an equivalent."""
    mapping = collections.defaultdict(set)
    for rule in rules:
        for tool, peers in (rule.get("peers") or {}).items():
            for peer in peers or []:
                peer_id = peer["id"] if isinstance(peer, dict) else peer
                mapping[(tool, normalise_peer_id(tool, peer_id))].add(rule["id"])
    return mapping


def read_cases(cases_dir):
    with open(os.path.join(cases_dir, "cases.tsv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    cases = []
    for row in rows:
        tool = row["tool"].strip()
        cases.append({
            "tool": tool,
            "peer": normalise_peer_id(tool, row["peer_rule_id"]),
            "expect": row["expect"].strip(),
            "file": row["file"].strip(),
            "note": (row.get("note") or "").strip(),
        })
    return cases


def case_settings(note):
    return tuple(sorted(CONFIG_TOKEN.findall(note)))


def editorconfig_text(rules, settings):
    # Opt-in rules are off until their own severity setting turns them on.
    lines = ["root = true", "", "[*]"]
    for rule in rules:
        if rule.get("enabledByDefault") is False:
            lines.append("dotnet_diagnostic.%s.severity = warning" % rule["id"])
    for key, value in settings:
        lines.append("%s = %s" % (key, value))
    return "\n".join(lines) + "\n"


def kind_of(path):
    return "compose" if path.lower().endswith(COMPOSE_EXTENSIONS) else "dockerfile"


def lint(plimsoll, cases_dir, files, kind, config_path):
    """Findings and notifications per case file (paths as in the manifest), for one kind and one config."""
    findings = collections.defaultdict(list)
    failures = {}
    for start in range(0, len(files), LINT_BATCH):
        batch = files[start:start + LINT_BATCH]
        command = shlex.split(plimsoll) + ["lint", "--format", "json", "--severity-threshold", "none",
                                           "--kind", kind, "--config", config_path] + batch
        result = subprocess.run(command, cwd=cases_dir, capture_output=True, text=True)
        try:
            report = json.loads(result.stdout)
        except ValueError:
            # One bad file must not lose the batch: lint its files one at a time to find out which.
            if len(batch) > 1:
                for single in batch:
                    more_findings, more_failures = lint(plimsoll, cases_dir, [single], kind, config_path)
                    findings.update(more_findings)
                    failures.update(more_failures)
            else:
                reason = (result.stderr or result.stdout).strip().splitlines()
                failures[batch[0]] = "plimsoll exited %d: %s" % (result.returncode, reason[-1] if reason else "no output")
            continue
        for finding in report.get("findings", []):
            findings[os.path.normpath(finding["path"])].append(finding)
        for note in report.get("notifications", []):
            if note.get("level") == "error" and note.get("path"):
                failures[os.path.normpath(note["path"])] = note.get("message", "error")
    return findings, failures


def has_from(cases_dir, relative):
    try:
        with open(os.path.join(cases_dir, relative), encoding="utf-8", errors="replace") as handle:
            return any(re.match(r"\s*FROM\s", line, re.I) for line in handle)
    except OSError:
        return False


def parse_problems(cases_dir, relative, findings):
    """Error-level PL9xxx findings, except the missing-FROM complaint about a fragment that has no FROM at all
    (peers' unit tests are often single instructions; Plimsoll still runs its rules on them)."""
    problems = []
    for finding in findings:
        if not finding["ruleId"].startswith("PL9") or finding.get("severity") != "error":
            continue
        if "FROM" in finding.get("message", "") and kind_of(relative) == "dockerfile" and not has_from(cases_dir, relative):
            continue
        problems.append("%s line %s: %s" % (finding["ruleId"], finding.get("startLine"), finding.get("message")))
    return problems


def speaks_for(finding, case):
    """True when a finding of a declaring rule may stand for the case's peer rule: it names no peer rules at all
    ('peerRules' absent from the JSON report), or it names the case's one. A rule covering several peer rules (PL2003
    over compose-lint's capability tiers) says per finding which of them it is, as a complete list ({} for none)."""
    named = finding.get("peerRules")
    if named is None:
        return True
    return any(normalise_peer_id(case["tool"], peer) == case["peer"] for peer in named.get(case["tool"], []))


def judge(case, mapped, findings, failure, problems):
    """(agrees, why) for one case."""
    if failure:
        return False, "not linted: " + failure
    fired = sorted({f["ruleId"] + (" (suppressed)" if f.get("suppressed") else "")
                    for f in findings if f["ruleId"] in mapped and speaks_for(f, case)})
    if case["expect"] == "fires":
        if fired:
            return True, ", ".join(fired)
        reason = "none of %s fired" % "/".join(sorted(mapped))
        if problems:
            reason += "; parse: " + " | ".join(problems)
        return False, reason
    if fired:
        return False, "fired: " + ", ".join(fired)
    if problems:
        # Silence about a file Plimsoll could not read says nothing.
        return False, "could not parse: " + " | ".join(problems)
    return True, ""


def percent(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "n/a"


def markdown_cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def report(cases, mapping, results, skipped, tools_seen, out):
    write = out.write
    write("# Plimsoll agreement with peers' own test cases\n\n")
    scored = [r for r in results]
    write("| Peer tool | Peer rules scored | Cases | Agree | Agreement | Peer rules not declared | Cases not scored |\n")
    write("|---|---:|---:|---:|---:|---:|---:|\n")
    total_cases = total_agree = 0
    for tool in tools_seen:
        mine = [r for r in scored if r["case"]["tool"] == tool]
        agree = sum(1 for r in mine if r["agrees"])
        peers_scored = len({r["case"]["peer"] for r in mine})
        undeclared = {c["peer"] for c in cases if c["tool"] == tool and (tool, c["peer"]) not in mapping}
        not_scored = sum(1 for c in cases if c["tool"] == tool and (tool, c["peer"]) not in mapping) + \
            sum(1 for c in skipped if c["tool"] == tool)
        total_cases += len(mine)
        total_agree += agree
        write("| %s | %d | %d | %d | %s | %d | %d |\n" % (tool, peers_scored, len(mine), agree, percent(agree, len(mine)),
                                                    len(undeclared), not_scored))
    write("| **all** | | %d | %d | %s | | |\n\n" % (total_cases, total_agree, percent(total_agree, total_cases)))

    for tool in tools_seen:
        mine = [r for r in scored if r["case"]["tool"] == tool]
        if not mine:
            continue
        write("## %s\n\n" % tool)
        write("| Peer rule | Plimsoll rules | Cases | Agree | Agreement | Missed (should fire) | Extra (should be silent) |\n")
        write("|---|---|---:|---:|---:|---:|---:|\n")
        by_peer = collections.OrderedDict()
        for r in sorted(mine, key=lambda r: r["case"]["peer"]):
            by_peer.setdefault(r["case"]["peer"], []).append(r)
        for peer, rows in by_peer.items():
            agree = sum(1 for r in rows if r["agrees"])
            missed = sum(1 for r in rows if not r["agrees"] and r["case"]["expect"] == "fires")
            extra = sum(1 for r in rows if not r["agrees"] and r["case"]["expect"] == "silent")
            write("| %s | %s | %d | %d | %s | %d | %d |\n" % (peer, ", ".join(sorted(mapping[(tool, peer)])), len(rows), agree,
                                                         percent(agree, len(rows)), missed, extra))
        write("\n")

    write("## Disagreements\n\n")
    disagreements = [r for r in scored if not r["agrees"]]
    if not disagreements:
        write("None.\n\n")
    else:
        write("| Tool | Peer rule | Plimsoll rules | File | Expected | What happened | All findings in the file | Note |\n")
        write("|---|---|---|---|---|---|---|---|\n")
        for r in sorted(disagreements, key=lambda r: (r["case"]["tool"], r["case"]["peer"], r["case"]["file"])):
            c = r["case"]
            write("| %s | %s | %s | %s | %s | %s | %s | %s |\n" % (
                c["tool"], c["peer"], ", ".join(sorted(r["mapped"])), c["file"], c["expect"], markdown_cell(r["why"]),
                markdown_cell(", ".join(r["all_rules"]) or "none"), markdown_cell(c["note"])))
        write("\n")

    if skipped:
        write("## Not scored: configuration the harness cannot express\n\n")
        write("| Tool | Peer rule | File | Note |\n|---|---|---|---|\n")
        for c in skipped:
            write("| %s | %s | %s | %s |\n" % (c["tool"], c["peer"], c["file"], markdown_cell(c["note"])))
        write("\n")

    write("## Peer rules with cases but no declared Plimsoll equivalent (not scored)\n\n")
    undeclared = collections.Counter((c["tool"], c["peer"]) for c in cases if (c["tool"], c["peer"]) not in mapping)
    titles = {}
    for c in cases:
        titles.setdefault((c["tool"], c["peer"]), c["note"].split(";")[0] if c["tool"] == "kics" else "")
    if not undeclared:
        write("None.\n\n")
    else:
        write("| Tool | Peer rule | Cases | Title |\n|---|---|---:|---|\n")
        for (tool, peer), count in sorted(undeclared.items()):
            write("| %s | %s | %d | %s |\n" % (tool, peer, count, markdown_cell(titles.get((tool, peer), ""))))
        write("\n")

    write("## Declared peer rules with no collected case\n\n")
    with_cases = {(c["tool"], c["peer"]) for c in cases}
    missing = sorted(key for key in mapping if key not in with_cases)
    if not missing:
        write("None.\n")
    else:
        write("| Tool | Peer rule | Plimsoll rules |\n|---|---|---|\n")
        for tool, peer in missing:
            write("| %s | %s | %s |\n" % (tool, peer, ", ".join(sorted(mapping[(tool, peer)]))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", default=os.environ.get("PLIMSOLL_PEER_CASES"),
                        help="folder holding cases.tsv and the case files (default: $PLIMSOLL_PEER_CASES)")
    parser.add_argument("--plimsoll", default=default_plimsoll(),
                        help="command that runs Plimsoll (default: %(default)s)")
    parser.add_argument("--tool", action="append", choices=PEER_TOOLS, help="only this peer tool (repeatable)")
    parser.add_argument("-o", "--output", help="write the Markdown report here instead of standard output")
    parser.add_argument("--json", help="also write every judged case as JSON here")
    args = parser.parse_args()
    if not args.cases:
        parser.error("give the cases folder or set PLIMSOLL_PEER_CASES")
    cases_dir = os.path.abspath(args.cases)

    rules = read_rules(args.plimsoll)
    mapping = peer_map(rules)
    cases = [c for c in read_cases(cases_dir) if not args.tool or c["tool"] in args.tool]
    skipped = [c for c in cases if UNEXPRESSIBLE in c["note"] and (c["tool"], c["peer"]) in mapping]
    scorable = [c for c in cases if (c["tool"], c["peer"]) in mapping and UNEXPRESSIBLE not in c["note"]]

    findings, failures = {}, {}
    groups = collections.defaultdict(list)
    for case in scorable:
        groups[(case_settings(case["note"]), kind_of(case["file"]))].append(os.path.normpath(case["file"]))
    with tempfile.TemporaryDirectory(prefix="plimsoll-peer-") as scratch:
        for number, ((settings, kind), files) in enumerate(sorted(groups.items())):
            config_path = os.path.join(scratch, "config-%d.editorconfig" % number)
            with open(config_path, "w", encoding="utf-8") as handle:
                handle.write(editorconfig_text(rules, settings))
            unique = sorted(set(files))
            group_findings, group_failures = lint(args.plimsoll, cases_dir, unique, kind, config_path)
            for path in unique:
                findings[(settings, path)] = group_findings.get(path, [])
                if path in group_failures:
                    failures[(settings, path)] = group_failures[path]

    results = []
    for case in scorable:
        key = (case_settings(case["note"]), os.path.normpath(case["file"]))
        mapped = mapping[(case["tool"], case["peer"])]
        file_findings = findings.get(key, [])
        problems = parse_problems(cases_dir, case["file"], file_findings)
        agrees, why = judge(case, mapped, file_findings, failures.get(key), problems)
        results.append({"case": case, "mapped": sorted(mapped), "agrees": agrees, "why": why,
                        "all_rules": sorted({f["ruleId"] for f in file_findings})})

    tools_seen = [t for t in PEER_TOOLS if any(c["tool"] == t for c in cases)]
    tools_seen += sorted({c["tool"] for c in cases} - set(tools_seen))
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        report(cases, mapping, results, skipped, tools_seen, out)
    finally:
        if args.output:
            out.close()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
