"""Which rules a run uses: the shipped ones, the user's (`--rules DIR` adds to them; `--no-default-rules`
uses the user's alone), and the word classes every rule file may name (the shipped `classes.yaml` and
those of the other files beside it), so a file gives the same result alone as within its set."""

from __future__ import annotations

import os

from . import shipped_rules_dir
from .schema import RuleSet, load_rules


def load_rule_set(user_paths: list[str] | None = None, default_rules: bool = True) -> RuleSet:
    """The shipped rules plus those under `user_paths`, or (`default_rules=False`) the user's alone; user
    rules may name the shipped word classes either way."""
    user_paths = list(user_paths or [])
    if default_rules:
        return load_rules([shipped_rules_dir(), *user_paths])
    return load_rules(user_paths, classes=shipped_classes())


def load_for_testing(paths: list[str]) -> RuleSet:
    """The rules of `paths` (default: the shipped set), each file with the word classes of its rule set:
    the shipped ones and those of the other files of its folder (`rules test rules/ratio.yaml` relies on
    `rules/classes.yaml`, as the whole set does)."""
    if not paths:
        return load_rules([shipped_rules_dir()])
    return load_rules(paths, classes=classes_for(paths))


def shipped_classes() -> dict[str, list[str]]:
    """The word classes the shipped rule files define."""
    return load_rules([shipped_rules_dir()]).classes


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
