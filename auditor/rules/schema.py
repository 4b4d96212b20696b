"""Loading and validating YAML rule files.

A rule file holds `rules:` (a list of rules) and/or `classes:` (named word lists such as
`militants: [fighters, terrorists, боевики]`). Every problem is reported as `file:line:column: message`,
with the nearest valid key suggested for a typo; one bad rule never stops the others from loading.
See docs/rules.md for the language.
"""

from __future__ import annotations

import difflib
import math
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .expr import Expression, ExpressionError, compile_expression
from .patterns import pattern_problem
from .words import Phrases

SEVERITIES = ("error", "warning", "info")
SCOPES = ("sentence", "paragraph", "document")
KINDS = ("count", "measure", "money", "percent", "ratio", "fraction", "multiplier")
DIMENSIONS = ("count", "length", "area", "volume", "mass", "duration", "speed", "money", "percent",
              "temperature", "power", "energy", "rate", "ratio", "fraction", "multiplier")
QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range", "vague")
POSITIONS = ("before", "after", "any")
REFERENCE_FIGURES = ("area", "population", "exchange_rate")
REGEX_TIMEOUT = 0.05  # seconds per match of a rule author's regular expression
MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 32  # mappings and lists inside each other
MAX_NUMBER_DIGITS = 20  # in a number written in a rule file

RULE_KEYS = {"id", "severity", "title", "description", "rationale", "scope", "roles", "check", "tolerance",
             "message", "examples", "references", "claim"}
ROLE_KEYS = {"kind", "dimension", "counted", "not_counted", "words_before", "words_after", "words_around",
             "not_words_before",
             "not_words_after", "window", "qualifier", "many", "min", "within", "position", "between",
             "max_gap", "text", "reference", "same_dimension_as", "different_unit_from",
             "max_value", "min_value", "integer", "counted_like", "same_counted_as", "last", "follows",
             "rate_between", "counted_compatible_with", "not_between", "clause"}
EXAMPLE_KEYS = {"text", "spans"}


class RuleError(Exception):
    """A problem in a rule file, located at file:line:column."""

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass
class Role:
    """What one role of a rule binds (see docs/rules.md)."""

    name: str
    kind: frozenset[str] = frozenset()
    dimension: frozenset[str] = frozenset()
    counted: Phrases = Phrases(())
    not_counted: Phrases = Phrases(())
    words_before: Phrases = Phrases(())
    words_after: Phrases = Phrases(())
    words_around: Phrases = Phrases(())
    not_words_before: Phrases = Phrases(())
    not_words_after: Phrases = Phrases(())
    window: int = 8
    qualifier: frozenset[str] = frozenset()
    many: bool = False
    min: int = 2
    within: str = "sentence"
    position: str = "any"
    between: Any = None  # compiled regex: the text between the anchor and this role must contain it
    max_gap: int | None = None
    text: Any = None  # compiled regex the quantity's own text must match
    reference: str | None = None
    same_dimension_as: str | None = None
    different_unit_from: str | None = None
    max_value: float | None = None
    min_value: float | None = None
    integer: bool = False
    counted_like: tuple[str, int] | None = None  # ("ratio", 0): what the ratio's first term counts
    same_counted_as: str | None = None  # counts the same noun as another role ("passengers")
    last: bool = False  # the last quantity of its kind in its sentence ("... and 19% for others")
    follows: str | None = None  # comes after another role's quantity ("a conclusion after its premises")
    clause: bool = False  # words_after / not_words_after look only within the figure's clause
    counted_compatible_with: str | None = None  # when both count a noun, the same kind of thing as this role
    not_between: Any = None  # compiled regex: the text between the anchor and this role must not contain it
    rate_between: tuple[str, str] | None = None  # an exchange_rate reference: from one money role's currency to another's


@dataclass
class Example:
    text: str
    spans: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Rule:
    """One check: roles to bind, an expression over them, and how to report a failure."""

    id: str
    severity: str
    title: str
    description: str
    check: Expression
    roles: list[Role]
    message: str
    path: str
    line: int
    rationale: str = ""
    scope: str = "sentence"
    tolerance: float = 0.0
    fail_examples: list[Example] = field(default_factory=list)
    pass_examples: list[Example] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    claim: str = ""

    @property
    def anchor(self) -> Role:
        return self.roles[0]


@dataclass
class RuleSet:
    """Rules loaded from files, with every problem found on the way."""

    rules: list[Rule] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)
    classes: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


# -- YAML with positions ------------------------------------------------------------------------------
class _Located:
    """Plain data from a YAML node tree, with a position for each value's path."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.styles: dict[tuple, str | None] = {}
        from . import yaml_tree  # PyYAML is imported only when rule files are read, not from the cache

        self._constructor = yaml_tree.constructor()
        self.data = self._convert(yaml_tree.compose(text), ())

    def _convert(self, node, where: tuple):
        if node is None:
            return None
        self.positions[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.id == "mapping":
            out = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                self.positions[where + ("<key>", key)] = (key_node.start_mark.line + 1,
                                                          key_node.start_mark.column + 1)
                if key in out:
                    raise RuleError(self.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                    f"duplicate key '{key}'")
                out[key] = self._convert(value_node, where + (key,))
            return out
        if node.id == "sequence":
            return [self._convert(item, where + (i,)) for i, item in enumerate(node.value)]
        self.styles[where] = node.style
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            digits = sum(ch.isdigit() for ch in node.value)
            if digits > MAX_NUMBER_DIGITS:
                key = next((str(k) for k in reversed(where) if isinstance(k, str)), "a value")
                raise RuleError(self.path, node.start_mark.line + 1, node.start_mark.column + 1,
                                f"'{key}' holds a number of {digits:,} digits (at most {MAX_NUMBER_DIGITS}; "
                                "quote it if it is text)")
        return self._constructor.construct_object(node)

    def scalar_position(self, where: tuple, offset: int) -> tuple[int, int]:
        """The file line and column of character `offset` of a scalar's value (quoted, plain or block)."""
        line, column = self.positions.get(where, (1, 1))
        style = self.styles.get(where)
        if style in ('"', "'"):
            return line, column + 1 + offset
        if style not in ("|", ">"):
            return line, column + offset
        # a block scalar: its lines follow the key's line; each line break reads as one character
        body = self.lines[line:]
        indent = next((len(l) - len(l.lstrip()) for l in body if l.strip()), 0)
        for n, raw in enumerate(body):
            if raw.strip() and len(raw) - len(raw.lstrip()) < indent:
                break
            content = raw[indent:]
            if offset <= len(content):
                return line + 1 + n, indent + 1 + offset
            offset -= len(content) + 1
        return line, column

    def error(self, where: tuple, message: str, key: bool = False, offset: int = 0) -> RuleError:
        pos = None
        if key and where:
            pos = self.positions.get(where[:-1] + ("<key>", where[-1]))
        probe = where
        while pos is None and probe:
            pos = self.positions.get(probe)
            probe = probe[:-1]
        line, column = pos or self.positions.get((), (1, 1))
        return RuleError(self.path, line, column + offset, message)


def load_rules(paths: list[str]) -> RuleSet:
    """Load every rule file under `paths` (files or directories of .yaml/.yml files), from the cache of
    compiled rule sets when it holds these very files (see cache.py)."""
    from .cache import cached_rules

    return cached_rules(paths)


def parse_rules(paths: list[str]) -> RuleSet:
    """Read, validate and compile every rule file under `paths`, reporting each problem in `errors`."""
    import yaml

    ruleset = RuleSet()
    files = rule_files(paths)
    ruleset.errors += [RuleError(p, 1, 1, "no such rule file or directory") for p in paths
                       if not os.path.exists(p)]
    located = []
    for f in files:
        ruleset.files.append(f)
        try:
            text = _read_rule_file(f)
            doc = _Located(f, text)
        except RuleError as exc:
            ruleset.errors.append(exc)
            continue
        except UnicodeDecodeError as exc:
            ruleset.errors.append(RuleError(f, 1, 1, f"not valid UTF-8 (byte offset {exc.start})"))
            continue
        except OSError as exc:
            ruleset.errors.append(RuleError(f, 1, 1, f"cannot be read ({exc.strerror})"))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            ruleset.errors.append(RuleError(f, line, col, f"invalid YAML: {problem}"))
            continue
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            ruleset.errors.append(doc.error((), "a rule file must be a mapping with 'rules:' and/or 'classes:'"))
            continue
        for key in doc.data:
            if key not in ("rules", "classes"):
                ruleset.errors.append(doc.error((key,), _unknown(key, {"rules", "classes"}, "top-level key"),
                                                key=True))
        classes = doc.data.get("classes") or {}
        if not isinstance(classes, dict):
            ruleset.errors.append(doc.error(("classes",), "'classes' must map names to word lists"))
        else:
            for name, words in classes.items():
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    ruleset.errors.append(doc.error(("classes", name), f"class '{name}' must be a list of words"))
                else:
                    ruleset.classes[str(name)] = words
        located.append(doc)
    seen: dict[str, str] = {}
    for doc in located:
        rules = doc.data.get("rules") or []
        if not isinstance(rules, list):
            ruleset.errors.append(doc.error(("rules",), "'rules' must be a list of rules"))
            continue
        for i, raw in enumerate(rules):
            try:
                rule = _build_rule(doc, ("rules", i), raw, ruleset.classes)
            except RuleError as exc:
                ruleset.errors.append(exc)
                continue
            except (TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError) as exc:
                # a shape no check above foresaw: it costs this rule, named at its position, not the run
                ruleset.errors.append(doc.error(("rules", i), f"rule cannot be read ({type(exc).__name__}: "
                                                               f"{exc}); please report it"))
                continue
            if rule.id in seen:
                ruleset.errors.append(doc.error(("rules", i, "id"), f"rule id '{rule.id}' is already defined "
                                                                     f"in {seen[rule.id]}"))
                continue
            seen[rule.id] = f"{rule.path}:{rule.line}"
            ruleset.rules.append(rule)
    return ruleset


def rule_files(paths: list[str]) -> list[str]:
    """The rule files `paths` name: files as given, and every .yaml/.yml file under a directory."""
    files: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(str(f) for f in Path(p).rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())
        elif os.path.exists(p):
            files.append(p)
    return files


def _read_rule_file(path: str) -> str:
    """The text of a rule file: a regular file (a FIFO or device would block or never end) of at most
    MAX_RULE_FILE_BYTES, as UTF-8 with an optional byte-order mark. Raises RuleError or OSError."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise RuleError(path, 1, 1, "not a regular file (a rule file must be a plain file)")
    if st.st_size > MAX_RULE_FILE_BYTES:
        raise RuleError(path, 1, 1, f"rule file is too large ({st.st_size:,} bytes; the limit is "
                                    f"{MAX_RULE_FILE_BYTES:,})")
    with open(path, "rb") as f:
        data = f.read(MAX_RULE_FILE_BYTES + 1)
    if len(data) > MAX_RULE_FILE_BYTES:
        raise RuleError(path, 1, 1, f"rule file is too large (more than {MAX_RULE_FILE_BYTES:,} bytes)")
    return data.decode("utf-8-sig")


def _unknown(key: str, valid, what: str) -> str:
    hint = difflib.get_close_matches(str(key), sorted(valid), n=1, cutoff=0.6)
    return f"unknown {what} '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else
                                        f" (valid: {', '.join(sorted(valid))})")


def _build_rule(doc: _Located, where: tuple, raw, classes) -> Rule:
    if not isinstance(raw, dict):
        raise doc.error(where, "a rule must be a mapping")
    for key in raw:
        if key not in RULE_KEYS:
            raise doc.error(where + (key,), _unknown(key, RULE_KEYS, "rule key"), key=True)
    for key in ("id", "check", "roles", "message"):
        if key not in raw:
            raise doc.error(where, f"rule is missing '{key}'")
    rule_id = _string(doc, where, raw, "id")
    if not regex.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9-]+)*", rule_id):
        raise doc.error(where + ("id",), f"rule id '{rule_id}' must be namespaced, like 'ratio.implied-count'")
    for key in ("title", "description", "rationale", "severity", "scope", "claim"):
        if key in raw and not isinstance(raw[key], str):
            raise doc.error(where + (key,), f"'{key}' must be a string")
    severity = raw.get("severity", "error")
    if severity not in SEVERITIES:
        raise doc.error(where + ("severity",), _unknown(severity, SEVERITIES, "severity"))
    scope = raw.get("scope", "sentence")
    if scope not in SCOPES:
        raise doc.error(where + ("scope",), _unknown(scope, SCOPES, "scope"))
    roles_raw = raw["roles"]
    if not isinstance(roles_raw, dict) or not roles_raw:
        raise doc.error(where + ("roles",), "'roles' must map role names to what they bind")
    for name in roles_raw:
        _check_role_name(doc, where + ("roles", name), name)
    roles = [_build_role(doc, where + ("roles", name), str(name), spec, classes, scope)
             for name, spec in roles_raw.items()]
    names = {r.name for r in roles}
    claim = str(raw.get("claim", roles[0].name))
    if claim not in names:
        raise doc.error(where + ("claim",), _unknown(claim, names, "role"))
    for r in roles:
        if r.counted_like and r.counted_like[0] not in names:
            raise doc.error(where + ("roles", r.name, "counted_like"), _unknown(r.counted_like[0], names, "role"))
        for ref in (r.same_dimension_as, r.different_unit_from, r.same_counted_as, r.follows, r.counted_compatible_with,
                    *(r.rate_between or ())):
            if ref is not None and ref not in names:
                raise doc.error(where + ("roles", r.name), _unknown(ref, names, "role"))
    for n, r in enumerate(roles):
        if r.rate_between and not set(r.rate_between) <= {x.name for x in roles[:n]}:
            raise doc.error(where + ("roles", r.name, "rate_between"),
                            "'rate_between' must name roles listed before this one")
    scalar = [r.name for r in roles if not r.many]
    lists = [r.name for r in roles if r.many]
    check_src = raw["check"]
    if not isinstance(check_src, str):
        raise doc.error(where + ("check",), "'check' must be an expression, like 'part <= whole'")
    _check_identifiers(doc, where + ("check",), check_src)
    try:
        check = compile_expression(check_src, scalar, list_names=lists)
    except ExpressionError as exc:
        raise _expression_error(doc, where + ("check",), check_src, exc) from None
    if not check.is_predicate:
        raise doc.error(where + ("check",), "'check' must be a comparison, like 'part <= whole'")
    _check_dimensions(doc, where, roles, check_src)
    tolerance = raw.get("tolerance", 0)
    if isinstance(tolerance, str) and tolerance.strip().endswith("%"):
        try:
            tolerance = float(tolerance.strip()[:-1]) / 100
        except ValueError:
            raise doc.error(where + ("tolerance",), f"tolerance '{tolerance}' is not a percentage") from None
    if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or not 0 <= tolerance <= 1:
        raise doc.error(where + ("tolerance",), "tolerance must be a fraction from 0 to 1, or a percentage like '5%'")
    message = _string(doc, where, raw, "message")
    _check_template(doc, where + ("message",), message, names,
                    {r.name for r in roles if r.reference == "exchange_rate"})
    line = doc.positions.get(where, (1, 1))[0]
    rule = Rule(id=rule_id, severity=severity, title=str(raw.get("title", rule_id)),
                description=str(raw.get("description", "")).strip(), rationale=str(raw.get("rationale", "")).strip(),
                check=check, roles=roles, message=message, path=doc.path, line=line, scope=scope,
                tolerance=float(tolerance), references=_strings(doc, where + ("references",), raw.get("references")),
                claim=claim)
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise doc.error(where + ("examples",), "'examples' must have 'fail' and/or 'pass' lists")
    for key in examples:
        if key not in ("fail", "pass"):
            raise doc.error(where + ("examples", key), _unknown(key, {"fail", "pass"}, "examples key"), key=True)
    for kind in ("fail", "pass"):
        if not isinstance(examples.get(kind) or [], list):
            raise doc.error(where + ("examples", kind), f"'{kind}' must be a list of examples")
        for j, ex in enumerate(examples.get(kind) or []):
            ex_where = where + ("examples", kind, j)
            ex_line = doc.positions.get(ex_where, (0, 0))[0]
            if isinstance(ex, str):
                example = Example(ex, [], ex_line)
            elif isinstance(ex, dict) and isinstance(ex.get("text"), str):
                for key in ex:
                    if key not in EXAMPLE_KEYS:
                        raise doc.error(ex_where + (key,), _unknown(key, EXAMPLE_KEYS, "example key"), key=True)
                spans = _strings(doc, ex_where + ("spans",), ex.get("spans"))
                missing = [s for s in spans if str(s) not in ex["text"]]
                if missing:
                    raise doc.error(ex_where + ("spans",), f"span '{missing[0]}' does not occur in the example text")
                example = Example(ex["text"], [str(s) for s in spans], ex_line)
            else:
                raise doc.error(ex_where, "an example is a text, or a mapping with 'text' and 'spans'")
            (rule.fail_examples if kind == "fail" else rule.pass_examples).append(example)
    return rule


def _build_role(doc: _Located, where: tuple, name: str, spec, classes, scope: str) -> Role:
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise doc.error(where, f"role '{name}' must be a mapping of conditions")
    for key in spec:
        if key not in ROLE_KEYS:
            raise doc.error(where + (key,), _unknown(key, ROLE_KEYS, "role key"), key=True)
    role = Role(name=name, within=scope)
    role.kind = _choices(doc, where, spec, "kind", KINDS)
    role.dimension = _choices(doc, where, spec, "dimension", DIMENSIONS)
    role.qualifier = _choices(doc, where, spec, "qualifier", QUALIFIERS)
    for key in ("counted", "not_counted", "words_before", "words_after", "words_around", "not_words_before",
                "not_words_after"):
        if key in spec:
            setattr(role, key, Phrases.of(_words(doc, where + (key,), spec[key], classes)))
    for key in ("window", "min", "max_gap"):
        if key in spec:
            if not isinstance(spec[key], int) or isinstance(spec[key], bool) or spec[key] < 0:
                raise doc.error(where + (key,), f"'{key}' must be a whole number")
            setattr(role, key, spec[key])
    for key in ("max_value", "min_value"):
        if key in spec:
            if not isinstance(spec[key], (int, float)) or isinstance(spec[key], bool) or \
                    not math.isfinite(spec[key]):
                raise doc.error(where + (key,), f"'{key}' must be a finite number")
            setattr(role, key, float(spec[key]))
    for key in ("many", "integer", "last", "clause"):
        if key in spec:
            if not isinstance(spec[key], bool):
                raise doc.error(where + (key,), f"'{key}' must be true or false")
            setattr(role, key, spec[key])
    if "within" in spec:
        if spec["within"] not in SCOPES:
            raise doc.error(where + ("within",), _unknown(spec["within"], SCOPES, "scope"))
        role.within = spec["within"]
    if "position" in spec:
        if spec["position"] not in POSITIONS:
            raise doc.error(where + ("position",), _unknown(spec["position"], POSITIONS, "position"))
        role.position = spec["position"]
    if "reference" in spec:
        if spec["reference"] not in REFERENCE_FIGURES:
            raise doc.error(where + ("reference",), _unknown(spec["reference"], REFERENCE_FIGURES, "reference figure"))
        role.reference = spec["reference"]
    for key in ("same_dimension_as", "different_unit_from", "same_counted_as", "follows", "counted_like",
                "counted_compatible_with"):
        if key in spec and not isinstance(spec[key], str):
            raise doc.error(where + (key,), f"'{key}' must name a role")
    for key in ("same_dimension_as", "different_unit_from", "same_counted_as", "follows", "counted_compatible_with"):
        if key in spec:
            setattr(role, key, spec[key])
    for key in ("between", "not_between", "text"):
        if key in spec:
            setattr(role, key, _user_regex(doc, where + (key,), spec[key]))
    if "rate_between" in spec:
        pair = spec["rate_between"]
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise doc.error(where + ("rate_between",), "'rate_between' names two money roles, like [original, converted]")
        role.rate_between = (pair[0], pair[1])
    if role.reference == "exchange_rate" and role.rate_between is None:
        raise doc.error(where + ("reference",), "an exchange_rate reference needs 'rate_between: [from, to]'")
    if "counted_like" in spec:
        other, _, term = str(spec["counted_like"]).partition(".")
        if term not in ("first", "second"):
            raise doc.error(where + ("counted_like",), "'counted_like' names a ratio role's term, like 'ratio.first'")
        role.counted_like = (other, 0 if term == "first" else 1)
    return role


def _user_regex(doc: _Located, where: tuple, pattern):
    """Compile a rule author's regular expression within the bounds of `patterns.pattern_problem`."""
    if not isinstance(pattern, str):
        raise doc.error(where, "a pattern must be a string")
    problem = pattern_problem(pattern)
    if problem is not None:
        offset, reason = problem
        line, column = doc.scalar_position(where, offset)
        raise RuleError(doc.path, line, column, f"in pattern '{_shown(pattern)}': {reason}")
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except (regex.error, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        offset = getattr(exc, "pos", None) or 0
        line, column = doc.scalar_position(where, offset)
        raise RuleError(doc.path, line, column, f"invalid regular expression '{_shown(pattern)}': {exc}") from None


def _shown(pattern: str, limit: int = 80) -> str:
    return pattern if len(pattern) <= limit else pattern[:limit] + "…"


def _choices(doc, where, spec, key, valid) -> frozenset[str]:
    if key not in spec:
        return frozenset()
    value = spec[key]
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, str):
            raise doc.error(where + (key,), f"'{key}' must be one of {', '.join(valid)}, or a list of them")
        if item not in valid:
            raise doc.error(where + (key,), _unknown(item, valid, key))
    return frozenset(items)


def _words(doc, where, value, classes) -> list[str]:
    """A word list, where an item naming a class (`militants`) stands for the class's words."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if not isinstance(item, str):
            raise doc.error(where, "word lists hold strings")
        if item.startswith("class:"):
            name = item[len("class:"):].strip()
            if name not in classes:
                raise doc.error(where, _unknown(name, classes, "class"))
            out += classes[name]
        else:
            out.append(item)
    return out


def _strings(doc, where, value) -> list[str]:
    """A list of strings (absent: empty); anything else is an error at `where`."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.error(where, f"'{where[-1]}' must be a list of strings")
    return value


def _check_role_name(doc, where, name) -> None:
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise doc.error(where, f"role name '{name}' must be a word of letters, digits and '_' (like 'part')",
                        key=True)
    _check_identifiers(doc, where, name, key=True)


_IDENTIFIER = regex.compile(r"[^\W\d]\w*")


def _check_identifiers(doc, where, source: str, key: bool = False) -> None:
    """Refuse identifiers that are not in NFKC normal form. Python (which parses the checks) reads "ｐart"
    or "ﬁle" as "part" or "file", so a look-alike would silently name another role: the rule author
    must write the plain form."""
    for m in _IDENTIFIER.finditer(source):
        plain = unicodedata.normalize("NFKC", m.group())
        if plain != m.group():
            message = f"identifier '{m.group()}' is not in NFKC normal form (it reads as '{plain}'); write '{plain}'"
            if key:
                raise doc.error(where, message, key=True)
            line, column = doc.scalar_position(where, m.start())
            raise RuleError(doc.path, line, column, message)


def _string(doc, where, raw, key) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise doc.error(where + (key,), f"'{key}' must be a non-empty string")
    return value.strip()


def _expression_error(doc: _Located, where: tuple, source: str, exc: ExpressionError) -> RuleError:
    line, column = doc.scalar_position(where, exc.offset)
    return RuleError(doc.path, line, column, f"in check: {exc}")


_TEMPLATE_FIELD = regex.compile(r"\{([^{}]*)\}")
TEMPLATE_EXTRAS = {"expected", "relation", "left", "right"}
TEMPLATE_ATTRIBUTES = ("value", "low", "high", "terms")  # {role.value} ...: nothing else of a role is reachable
RATE_ATTRIBUTES = ("implied", "market", "when")  # an exchange_rate role's words: "$1.88 to the pound" ...


def _check_template(doc, where, template: str, names: set[str], rate_roles: set[str] = frozenset()) -> None:
    for m in _TEMPLATE_FIELD.finditer(template):
        field_name, dot, attribute = m.group(1).partition(".")
        if field_name not in names and field_name not in TEMPLATE_EXTRAS:
            raise doc.error(where, _unknown(field_name, names | TEMPLATE_EXTRAS, "placeholder"))
        if dot and field_name in rate_roles and attribute in RATE_ATTRIBUTES:
            continue
        if dot and (field_name in TEMPLATE_EXTRAS or attribute not in TEMPLATE_ATTRIBUTES):
            raise doc.error(where, f"placeholder '{{{m.group(1)}}}' is not allowed: a role's placeholders are "
                                   f"{{role}} and {', '.join('{role.' + a + '}' for a in TEMPLATE_ATTRIBUTES)}")


def _check_dimensions(doc, where, roles: list[Role], source: str) -> None:
    """Reject, at load time, a comparison or sum of roles whose declared dimensions differ."""
    import ast

    declared = {r.name: r.dimension for r in roles if len(r.dimension) == 1}
    tree = ast.parse(" ".join(source.split()), mode="eval")

    def dim(node):
        if isinstance(node, ast.Name):
            return next(iter(declared[node.id])) if node.id in declared else None
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("sum", "min", "max") and node.args:
            return dim(node.args[0])
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            left, right = dim(node.left), dim(node.right)
            if left and right and left != right:
                raise doc.error(where + ("check",), f"cannot add or subtract {left} and {right} "
                                                    f"('{ast.unparse(node)}')")
            return left or right
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            dims = [dim(o) for o in operands]
            known = [(d, o) for d, o in zip(dims, operands) if d]
            for d, o in known[1:]:
                if d != known[0][0] and "count" not in (d, known[0][0]):
                    raise doc.error(where + ("check",), f"cannot compare {known[0][0]} with {d} "
                                                        f"('{ast.unparse(node)}'): the units are not comparable")
        elif isinstance(node, ast.BinOp):
            dim(node)
