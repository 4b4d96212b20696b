"""Which rules a run uses: the shipped ones and the user's (`--rules DIR` adds to them;
`--no-default-rules` uses the user's alone). Every rule file may name the shipped word classes
(`load_rules` gives them to every file), and a file tested alone also gets those of the other files of
its folder, so it gives the result it gives within its set."""

from __future__ import annotations

import os

from . import shipped_rules_dir
from .schema import RuleSet, load_rules, shipped_classes


def rule_paths(user_paths: list[str] | None = None, default_rules: bool = True) -> list[str]:
    """The rule files and folders of a run: the shipped folder (unless `default_rules` is False), then
    `user_paths`."""
    return ([shipped_rules_dir()] if default_rules else []) + list(user_paths or [])


def load_rule_set(user_paths: list[str] | None = None, default_rules: bool = True) -> RuleSet:
    """The shipped rules plus those under `user_paths`, or (`default_rules=False`) the user's alone."""
    return load_rules(rule_paths(user_paths, default_rules))


def load_for_testing(paths: list[str]) -> RuleSet:
    """The rules of `paths` (default: the shipped set), each file with the word classes of its rule set:
    the shipped ones and those of the other files of its folder (`rules test rules/ratio.yaml` relies on
    `rules/classes.yaml`, as the whole set does)."""
    if not paths:
        return load_rules([shipped_rules_dir()])
    return load_rules(paths, classes=classes_for(paths))


def classes_for(paths: list[str]) -> dict[str, list[str]]:
    """The shipped word classes, overridden by those of the other rule files beside each file in `paths`."""
    classes = shipped_classes()
    for path in paths:
        if os.path.isdir(path):
            continue
        folder = os.path.dirname(os.path.abspath(path))
        siblings = [os.path.join(folder, name) for name in sorted(os.listdir(folder))
                    if name.endswith((".yaml", ".yml")) and not os.path.samefile(os.path.join(folder, name), path)]
        classes.update(load_rules(siblings).classes)
    return classes
