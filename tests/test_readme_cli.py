"""The README's usage block and the command line stay in step: every option documented exists, and
every option the CLI offers is documented."""

import argparse
import re
from pathlib import Path

from auditor.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _usage_block() -> str:
    section = README.split("## Usage", 1)[1]
    return section.split("```sh", 1)[1].split("```", 1)[0]


def test_every_command_is_in_the_readme():
    usage = _usage_block()
    for name in _subparsers(build_parser()):
        assert re.search(rf"^auditor {name}\b", usage, re.M), f"`auditor {name}` is not in the README's usage"


def test_every_option_is_documented_and_exists():
    usage = _usage_block()
    documented = set(re.findall(r"--[a-z][a-z-]+", usage))
    parser = build_parser()
    offered = {o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"}
    for name, sub in _subparsers(parser).items():
        for action in sub._actions:
            offered.update(o for o in action.option_strings if o.startswith("--") and o != "--help")
        for nested in _subparsers(sub).values():
            for action in nested._actions:
                offered.update(o for o in action.option_strings if o.startswith("--") and o != "--help")
    assert documented - offered == set(), f"documented but not offered: {documented - offered}"
    assert offered - documented == set(), f"offered but not documented: {offered - documented}"
