"""Loading and validating YAML rule files.

A rule file holds `rules:` (a list of rules) and/or `classes:` (named word lists such as
`militants: [fighters, terrorists, боевики]`). Every problem is reported as `file:line:column: message`,
with the nearest valid key suggested for a typo; one bad rule never stops the others from loading.
See docs/rules.md for the language.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import re

from ..findings import SEVERITIES
from . import shipped_rules_dir
from .compiled import UnitError, compile_check
from .dimensions import DimensionError, RuleUnit
from .relation import RelationError
from .expr import Expression, ExpressionError, compile_expression
from .vocabulary import REGEX_TIMEOUT, SCOPES, Role, read_role, unknown
from .words import mixed_scripts

__all__ = ["REGEX_TIMEOUT", "Role", "Rule", "RuleError", "RuleSet", "RuleWarning", "load_rules"]

SHIPPED_CLASSES = "classes.yaml"  # the shipped word classes, in the shipped rules' folder
MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 32  # mappings and lists inside each other
MAX_NUMBER_DIGITS = 20  # in a number written in a rule file

RULE_KEYS = {"id", "severity", "title", "description", "rationale", "scope", "roles", "check", "tolerance",
             "message", "examples", "references", "claim", "units", "defers_to"}
EXAMPLE_KEYS = {"text", "spans"}


class RuleError(Exception):
    """A problem in a rule file, located at file:line:column."""

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass(frozen=True)
class RuleWarning:
    """Something in a rule file that still loads but should change (a deprecated key), at file:line:column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


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
    claims: tuple[str, ...] = ()  # every role that may be the claim (`claim: [a, b]`): the one stated last is
    units: dict[str, RuleUnit] = field(default_factory=dict)  # the units the rule names for its roles
    solved: dict = field(default_factory=dict)  # claim role → its relation.SolvedCheck
    defers_to: tuple[str, ...] = ()  # rules whose finding on the same claim makes this rule's redundant

    def claim_of(self, binding: dict) -> str:
        """The claim of one binding: the only claim role, or of several the one stated last in the text
        (a conclusion follows its premises)."""
        if len(self.claims) < 2:
            return self.claim
        return max(self.claims, key=lambda name: _start_of(binding.get(name)))

    @property
    def anchor(self) -> Role:
        return self.roles[0]

    @cached_property
    def stated(self) -> frozenset[str]:
        """The roles whose figures the check reads as written (`as_stated`)."""
        return frozenset(role.name for role in self.roles if role.as_stated)

    @property
    def binding_key(self) -> tuple:
        """What the matcher's bindings of this rule depend on: its claim and its roles' conditions. Rules
        with the same key (a newsroom's copy of a shipped rule with its own message or severity) bind the
        same quantities in a document."""
        return (self.claim, tuple(role.matching_key for role in self.roles))


@dataclass
class RuleSet:
    """Rules loaded from files, with every problem found on the way."""

    rules: list[Rule] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)
    warnings: list[RuleWarning] = field(default_factory=list)
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

    def located(self, line: int, column: int, message: str) -> RuleError:
        return RuleError(self.path, line, column, message)

    def warning(self, where: tuple, message: str) -> RuleWarning:
        """A warning at the key ending `where`."""
        error = self.error(where, message, key=True)
        return RuleWarning(error.path, error.line, error.column, message)


def load_rules(paths: list[str], classes: dict[str, list[str]] | None = None) -> RuleSet:
    """Load every rule file under `paths` (files or directories of .yaml/.yml files; a file named twice is
    read once). The files may use the word classes `classes` besides their own (default: the shipped
    ones, from the shipped `classes.yaml`), so a rule set means the same wherever it is loaded. With the
    shipped classes, the compiled rule set comes from the cache when it holds these very files (cache.py)."""
    if classes is None:
        from .cache import cached_rules

        return cached_rules(paths)
    return parse_rules(paths, classes)


def parse_rules(paths: list[str], classes: dict[str, list[str]] | None = None) -> RuleSet:
    """Read, validate and compile every rule file under `paths` (as `load_rules`, without the cache),
    reporting each problem in `errors`."""
    import yaml

    ruleset = RuleSet(classes=dict(shipped_classes() if classes is None else classes))
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
                ruleset.errors.append(doc.error((key,), unknown(key, {"rules", "classes"}, "top-level key"),
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
                    ruleset.warnings += [doc.warning(("classes", name, n), problem) for n, word in enumerate(words)
                                         if (problem := mixed_scripts(word)) is not None]
        located.append(doc)
    seen: dict[str, str] = {}
    deferring = []  # (file, where, rule, rule deferred to) of each `defers_to` entry, checked once all are known
    for doc in located:
        rules = doc.data.get("rules") or []
        if not isinstance(rules, list):
            ruleset.errors.append(doc.error(("rules",), "'rules' must be a list of rules"))
            continue
        for i, raw in enumerate(rules):
            try:
                rule = _build_rule(doc, ("rules", i), raw, ruleset.classes,
                                   lambda where, message, doc=doc: ruleset.warnings.append(doc.warning(where, message)))
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
            deferring += [(doc, ("rules", i, "defers_to", n), rule.id, other)
                          for n, other in enumerate(rule.defers_to)]
    ruleset.warnings += [doc.warning(where, f"defers to rule '{other}', which is not loaded")
                         for doc, where, _, other in deferring if other not in seen]
    _refuse_deferral_cycles(ruleset, deferring)
    return ruleset


def _refuse_deferral_cycles(ruleset: RuleSet, deferring: list) -> None:
    """A rule that defers to itself, or through others back to itself, would drop its own findings: such
    a rule is an error at its `defers_to` entry, and is not loaded."""
    by_id = {rule.id: rule for rule in ruleset.rules}

    def leads_back(start: str, other: str) -> bool:
        seen, todo = set(), [other]
        while todo:
            rule_id = todo.pop()
            if rule_id == start:
                return True
            if rule_id not in seen and rule_id in by_id:
                seen.add(rule_id)
                todo += by_id[rule_id].defers_to
        return False

    cyclic = set()
    for doc, where, rule_id, other in deferring:
        if rule_id not in cyclic and leads_back(rule_id, other):
            cyclic.add(rule_id)
            ruleset.errors.append(doc.error(where, f"rule '{rule_id}' defers to '{other}', which defers back "
                                                   f"to it: each would drop the other's findings"
                                            if other != rule_id else f"rule '{rule_id}' defers to itself"))
    ruleset.rules = [rule for rule in ruleset.rules if rule.id not in cyclic]


@lru_cache(maxsize=1)
def _shipped_classes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    path = shipped_classes_file()
    classes = parse_rules([path], classes={}).classes if os.path.isfile(path) else {}
    return tuple((name, tuple(words)) for name, words in classes.items())


def shipped_classes_file() -> str:
    """The file of the shipped word classes."""
    return os.path.join(shipped_rules_dir(), SHIPPED_CLASSES)


def shipped_classes() -> dict[str, list[str]]:
    """The shipped word classes (`rules/classes.yaml`), which every rule file may name."""
    return {name: list(words) for name, words in _shipped_classes()}


def rule_files(paths: list[str]) -> list[str]:
    """The rule files `paths` name: files as given, and every .yaml/.yml file under a directory, each
    file once, where it is first named."""
    files: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(str(f) for f in Path(p).rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())
        elif os.path.exists(p):
            files.append(p)
    unique: dict[str, str] = {}
    for f in files:
        unique.setdefault(os.path.realpath(f), f)
    return list(unique.values())


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




def _build_rule(doc: _Located, where: tuple, raw, classes, warn) -> Rule:
    if not isinstance(raw, dict):
        raise doc.error(where, "a rule must be a mapping")
    for key in raw:
        if key not in RULE_KEYS:
            raise doc.error(where + (key,), unknown(key, RULE_KEYS, "rule key"), key=True)
    for key in ("id", "check", "roles", "message"):
        if key not in raw:
            raise doc.error(where, f"rule is missing '{key}'")
    rule_id = _string(doc, where, raw, "id")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9-]+)*", rule_id):
        raise doc.error(where + ("id",), f"rule id '{rule_id}' must be namespaced, like 'ratio.implied-count'")
    for key in ("title", "description", "rationale", "severity", "scope"):
        if key in raw and not isinstance(raw[key], str):
            raise doc.error(where + (key,), f"'{key}' must be a string")
    severity = raw.get("severity", "error")
    if severity not in SEVERITIES:
        raise doc.error(where + ("severity",), unknown(severity, SEVERITIES, "severity"))
    scope = raw.get("scope", "sentence")
    if scope not in SCOPES:
        raise doc.error(where + ("scope",), unknown(scope, SCOPES, "scope"))
    roles_raw = raw["roles"]
    if not isinstance(roles_raw, dict) or not roles_raw:
        raise doc.error(where + ("roles",), "'roles' must map role names to what they bind")
    for name in roles_raw:
        _check_role_name(doc, where + ("roles", name), name)
    roles = [read_role(doc, where + ("roles", name), str(name), spec, classes, scope, warn)
             for name, spec in roles_raw.items()]
    if roles[0].many:
        raise doc.error(where + ("roles", roles[0].name, "many"),
                        f"the first role, '{roles[0].name}', is the anchor every binding starts from, one "
                        "quantity: list a role with 'many' after it")
    for r in roles:
        if r.alternatives and (r is not roles[-1] or r.many or r is roles[0]):
            raise doc.error(where + ("roles", r.name, "alternatives"),
                            "'alternatives' is for the last role, and not one with 'many': the roles after it "
                            "are bound beside its nearest quantity")
    names = {r.name for r in roles}
    claims = _claims(doc, where, raw.get("claim", roles[0].name), names)
    claim = claims[0]
    for r in roles:
        for key, ref in r.references():
            if ref not in names:
                raise doc.error(where + ("roles", r.name, key), unknown(ref, names, "role"))
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
    try:
        units, solved = compile_check(check, roles, _rule_units(doc, where, raw.get("units"), names), claims)
    except UnitError as exc:
        raise doc.error(where + ("units", exc.role), exc.message) from None
    except (DimensionError, RelationError) as exc:  # at the part of the check that does not fit
        raise _expression_error(doc, where + ("check",), check_src, exc) from None
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
                claim=claim, claims=claims, units=units, solved=solved,
                defers_to=tuple(_strings(doc, where + ("defers_to",), raw.get("defers_to"))))
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise doc.error(where + ("examples",), "'examples' must have 'fail' and/or 'pass' lists")
    for key in examples:
        if key not in ("fail", "pass"):
            raise doc.error(where + ("examples", key), unknown(key, {"fail", "pass"}, "examples key"), key=True)
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
                        raise doc.error(ex_where + (key,), unknown(key, EXAMPLE_KEYS, "example key"), key=True)
                spans = _strings(doc, ex_where + ("spans",), ex.get("spans"))
                missing = [s for s in spans if str(s) not in ex["text"]]
                if missing:
                    raise doc.error(ex_where + ("spans",), f"span '{missing[0]}' does not occur in the example text")
                example = Example(ex["text"], [str(s) for s in spans], ex_line)
            else:
                raise doc.error(ex_where, "an example is a text, or a mapping with 'text' and 'spans'")
            (rule.fail_examples if kind == "fail" else rule.pass_examples).append(example)
    return rule


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


_IDENTIFIER = re.compile(r"[^\W\d]\w*")


def _check_identifiers(doc, where, source: str, key: bool = False) -> None:
    """Refuse identifiers that are not in NFKC normal form. Python (which parses the checks) reads "ｐart"
    or "ﬁle" as "part" or "file", so a look-alike would silently name another role: the rule author
    must write the plain form."""
    for m in _IDENTIFIER.finditer(source):
        if m.group().isascii():  # always in normal form
            continue
        import unicodedata

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


def _expression_error(doc: _Located, where: tuple, source: str, exc: ValueError) -> RuleError:
    line, column = doc.scalar_position(where, exc.offset)
    return RuleError(doc.path, line, column, f"in check: {exc}")


_TEMPLATE_FIELD = re.compile(r"\{([^{}]*)\}")
TEMPLATE_EXTRAS = {"expected", "relation", "left", "right", "claim"}
TEMPLATE_ATTRIBUTES = ("value", "low", "high", "terms")  # {role.value} ...: nothing else of a role is reachable
RATE_ATTRIBUTES = ("implied", "market", "when")  # an exchange_rate role's words: "$1.88 to the pound" ...


def _check_template(doc, where, template: str, names: set[str], rate_roles: set[str] = frozenset()) -> None:
    for m in _TEMPLATE_FIELD.finditer(template):
        field_name, dot, attribute = m.group(1).partition(".")
        if field_name not in names and field_name not in TEMPLATE_EXTRAS:
            raise doc.error(where, unknown(field_name, names | TEMPLATE_EXTRAS, "placeholder"))
        if dot and field_name in rate_roles and attribute in RATE_ATTRIBUTES:
            continue
        if dot and (field_name in TEMPLATE_EXTRAS or attribute not in TEMPLATE_ATTRIBUTES):
            raise doc.error(where, f"placeholder '{{{m.group(1)}}}' is not allowed: a role's placeholders are "
                                   f"{{role}} and {', '.join('{role.' + a + '}' for a in TEMPLATE_ATTRIBUTES)}")


def _claims(doc, where, value, names: set[str]) -> tuple[str, ...]:
    """The claim role, or several (`claim: [first, second]`: the one a binding states last)."""
    items = value if isinstance(value, list) and value else [value]
    for item in items:
        if not isinstance(item, str):
            raise doc.error(where + ("claim",), "'claim' must name a role, or list roles")
        if item not in names:
            raise doc.error(where + ("claim",), unknown(item, names, "role"))
    return tuple(items)


def _rule_units(doc, where, value, names: set[str]) -> dict[str, str]:
    """`units: {role: unit}`: the unit a role's figure is read in when the text gives none (read by pint
    in compiled.py)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise doc.error(where + ("units",), "'units' must map role names to units, like {density: per km²}")
    units = {}
    for name, text in value.items():
        if name not in names:
            raise doc.error(where + ("units", name), unknown(name, names, "role"), key=True)
        if not isinstance(text, str):
            raise doc.error(where + ("units", name), f"the unit of '{name}' must be text, like 'per km²'")
        units[str(name)] = text
    return units


def _start_of(bound) -> int:
    bound = bound[0] if isinstance(bound, list) and bound else bound
    start = getattr(bound, "start", None)
    return -1 if start is None else start
