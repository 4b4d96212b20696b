"""The node tree of a rule file, with every node's position, parsed safely and fast.

libyaml (PyYAML's C parser) composes the tree when PyYAML was built with it; PyYAML's own loader, which
refuses aliases and deep nesting as it composes, takes what libyaml's pass refuses or cannot parse, so
reported errors keep its messages and positions. Imported only when rule files are read: a start that
finds its rules in the cache (cache.py) does not import PyYAML.
"""

from __future__ import annotations

import yaml

from .schema import MAX_YAML_DEPTH


def constructor() -> yaml.constructor.SafeConstructor:
    """A safe constructor for the values of a tree's scalars."""
    return yaml.constructor.SafeConstructor()


class RuleFileLoader(yaml.SafeLoader):
    """The safe loader, refusing what lets a few bytes of YAML cost minutes or the stack: aliases (the
    "billion laughs" and recursive structures) and nesting deeper than MAX_YAML_DEPTH."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in rule files",
                                              self.peek_event().start_mark)
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep",
                                              self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml's, when PyYAML was built with it


def compose(text: str):
    """The node tree of a rule file. libyaml composes it when present (about 20 times faster than PyYAML's
    own parser), after a pass over its events that refuses aliases and deep nesting as RuleFileLoader
    does; a file it refuses or cannot parse goes to RuleFileLoader, whose messages and positions the
    reported errors keep."""
    if _FAST_LOADER is not None:
        try:
            if _plain_yaml(text):
                return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=RuleFileLoader)


def _plain_yaml(text: str) -> bool:
    """Whether the file has no alias and its collections nest less deeply than RuleFileLoader allows
    (a scalar inside them is one level more), judged from libyaml's events without building anything."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, yaml.AliasEvent):
            return False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth >= MAX_YAML_DEPTH:
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True
