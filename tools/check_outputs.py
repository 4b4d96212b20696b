#!/usr/bin/env python3
"""Run `auditor check` on a folder in every output format and fail if any output is invalid.

usage: check_outputs.py AUDITOR PATH
- text: a summary line at the end;
- json: one JSON object whose spans match the documents (docs/contract.md);
- sarif: valid against the SARIF 2.1.0 schema (tests/fixtures) and readable by sarif-tools;
- jsonl: one line per document, the json report's documents (in any order);
- github: every line a well-formed workflow command.
Exit codes of the runs must be 0 or 1 (ran; findings or not).
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                         r"title=[^,:]+::.+$")


def run(auditor: str, path: str, fmt: str) -> str:
    p = subprocess.run([auditor, "check", path, "--format", fmt], capture_output=True, text=True, timeout=600)
    if p.returncode not in (0, 1) or "Traceback" in p.stderr:
        sys.exit(f"{fmt}: exit code {p.returncode}: {p.stderr.strip()[-500:]}")
    return p.stdout


def main() -> None:
    auditor, path = sys.argv[1], sys.argv[2]
    text = run(auditor, path, "text")
    if not re.search(r"(no findings|\d+ (error|warning|info)s?.*) in \d+ documents?", text.splitlines()[-1]):
        sys.exit(f"text: no summary line: {text.splitlines()[-1]!r}")
    data = json.loads(run(auditor, path, "json"))
    spans = 0
    for doc in data["documents"]:
        content = open(doc["path"], encoding="utf-8-sig", newline="").read()
        for finding in doc["findings"]:
            for span in finding["spans"]:
                spans += 1
                if content[span["start"] : span["end"]] != span["text"]:
                    sys.exit(f"json: span {span} does not match {doc['path']}")
    lines = [json.loads(line) for line in run(auditor, path, "jsonl").splitlines()]
    if sorted(lines, key=lambda d: d["path"]) != sorted(data["documents"], key=lambda d: d["path"]):
        sys.exit("jsonl: its lines are not the json report's documents")
    sarif = run(auditor, path, "sarif")
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(json.loads(sarif), schema)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "out.sarif"
        log.write_text(sarif, encoding="utf-8")
        sarif_tool = Path(sys.executable).with_name("sarif")
        p = subprocess.run([str(sarif_tool), "summary", str(log)], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"sarif: sarif-tools could not read it: {p.stderr.strip()[-300:]}")
    lines = run(auditor, path, "github").splitlines()
    bad = [line for line in lines if not GITHUB_LINE.match(line)]
    if bad:
        sys.exit(f"github: malformed line {bad[0]!r}")
    findings = sum(len(d["findings"]) for d in data["documents"])
    print(f"outputs valid: text, json ({findings} findings, {spans} spans), jsonl, sarif, "
          f"github ({len(lines)} lines)")


main()
