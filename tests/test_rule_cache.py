"""The compiled rule set kept on disk: used when the rule files are the same, rebuilt when they changed
or the entry is damaged, never an error; libyaml parses rule files and errors keep file:line:column."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules import cache, schema, yaml_tree
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def _no_parsing(monkeypatch):
    def refuse(paths):
        raise AssertionError("the rule files were parsed again")

    monkeypatch.setattr(schema, "parse_rules", refuse)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_a_second_load_comes_from_the_cache(cache_dir, rules_copy, monkeypatch):
    fresh = load_rules([str(rules_copy)])
    assert len(_entries(cache_dir)) == 1
    _no_parsing(monkeypatch)
    cached = load_rules([str(rules_copy)])
    assert [r.id for r in cached.rules] == [r.id for r in fresh.rules]
    assert [r.check.source for r in cached.rules] == [r.check.source for r in fresh.rules]
    assert cached.classes == fresh.classes and cached.files == fresh.files and not cached.errors


def test_cached_rules_find_what_fresh_rules_find(cache_dir):
    fresh = schema.parse_rules([str(RULES)])
    load_rules([str(RULES)])
    cached = load_rules([str(RULES)])
    texts = [e.text for r in fresh.rules for e in r.fail_examples + r.pass_examples]
    found = [[(f.rule, f.severity, f.message, f.derivation, [(s.start, s.end, s.role) for s in f.spans])
              for f in Engine(ruleset).check(Document("x.txt", text)).findings]
             for ruleset in (fresh, cached) for text in texts]
    half = len(texts)
    assert found[:half] == found[half:]
    assert sum(map(bool, found[:half])) >= len(fresh.rules)  # every rule's failing examples fire


def test_a_rule_edit_invalidates_the_entry(cache_dir, rules_copy):
    load_rules([str(rules_copy)])
    rule_file = next(f for f in sorted(rules_copy.rglob("*.yaml")) if "message:" in f.read_text(encoding="utf-8"))
    ruleset = load_rules([str(rule_file)])
    first = ruleset.rules[0]
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text.replace(f"id: {first.id}", f"id: {first.id}-edited", 1), encoding="utf-8")
    assert load_rules([str(rule_file)]).rules[0].id == f"{first.id}-edited"
    rule_file.write_text(text, encoding="utf-8")
    assert load_rules([str(rule_file)]).rules[0].id == first.id


def test_a_new_rule_file_in_the_folder_invalidates_the_entry(cache_dir, rules_copy):
    before = len(load_rules([str(rules_copy)]).rules)
    some = next(f for f in sorted(rules_copy.rglob("*.yaml")) if "rules" in yaml.safe_load(f.read_text(encoding="utf-8")))
    text = some.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data.pop("classes", None)
    for rule in data["rules"]:
        rule["id"] += "-copy"
    (rules_copy / "zz-copy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert len(load_rules([str(rules_copy)]).rules) == before + len(data["rules"])


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("wrong key", None, {})),
                                    pickle.dumps({"a": 1}), None], ids=["empty", "garbage", "stale", "other", "truncated"])
def test_a_damaged_or_stale_entry_is_rebuilt(cache_dir, rules_copy, damage):
    fresh = load_rules([str(rules_copy)])
    (entry,) = _entries(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2] if damage is None else damage)
    rebuilt = load_rules([str(rules_copy)])
    assert [r.id for r in rebuilt.rules] == [r.id for r in fresh.rules] and not rebuilt.errors
    assert pickle.loads(entry.read_bytes())[0] == pickle.loads(good)[0]  # written again, whole


def test_an_unusable_cache_folder_is_no_error(tmp_path, monkeypatch, rules_copy):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert load_rules([str(rules_copy)]).rules
    monkeypatch.setenv(cache.CACHE_ENV, "")  # turned off
    assert cache.cache_dir() is None
    assert load_rules([str(rules_copy)]).rules


def test_an_entry_others_may_write_is_not_loaded(cache_dir, rules_copy, monkeypatch):
    load_rules([str(rules_copy)])
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    _no_parsing(monkeypatch)
    with pytest.raises(AssertionError, match="parsed again"):
        load_rules([str(rules_copy)])


def test_rule_files_with_errors_are_not_cached_and_keep_their_positions(cache_dir, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x.y\n    severity: eror\n", encoding="utf-8")
    for _ in range(2):
        errors = [str(e) for e in load_rules([str(bad)]).errors]
        assert errors and errors[0].startswith(f"{bad}:2:")
    assert not _entries(cache_dir)


def test_libyaml_parses_valid_rule_files(monkeypatch):
    if yaml_tree._FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")

    def refuse(self, parent, index):
        raise AssertionError("PyYAML's own loader parsed a valid file")

    monkeypatch.setattr(yaml_tree.RuleFileLoader, "compose_node", refuse)
    ruleset = schema.parse_rules([str(RULES)])
    assert ruleset.rules and not ruleset.errors


@pytest.mark.parametrize("text, where, problem", [
    ("rules:\n  - id: [a, b\n    x: 1\n", (3, 6), "expected ',' or ']', but got ':'"),
    ("rules: &r\n  - *r\n", (2, 5), "alias"),
    ("rules:\n  - id: a\n    check: x\n  - id: b\n   check: y\n", (5, 4), "invalid YAML"),
])
def test_yaml_errors_keep_pyyaml_messages_and_positions(tmp_path, text, where, problem):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    (error,) = schema.parse_rules([str(bad)]).errors
    assert (error.line, error.column) == where and problem in error.message, str(error)


def test_a_warm_start_opens_no_russian_dictionary(cache_dir, tmp_path):
    """With the rules cached, checking English text needs neither pymorphy3 nor pint."""
    doc = tmp_path / "doc.txt"
    doc.write_text("Of the 800 detainees, 900 were released on Monday.\n", encoding="utf-8")
    load_rules([str(RULES)])
    code = ("import sys\nfrom auditor.rules.schema import load_rules\nfrom auditor.engine import Engine\n"
            "from auditor.document import read_document\n"
            "result = Engine(load_rules([sys.argv[1]])).check(read_document(sys.argv[2]))\n"
            "print([f.rule for f in result.findings], sorted({'pymorphy3', 'pint'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code, str(RULES), str(doc)], capture_output=True, text=True,
                         env={**__import__("os").environ, cache.CACHE_ENV: str(cache_dir)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['count.part-exceeds-whole'] []"


def test_the_shipped_lemma_table_is_what_the_tool_writes_today():
    import json

    sys.path.insert(0, str(ROOT / "tools"))
    from rule_lemmas import table  # tools/rule_lemmas.py

    from auditor.rules import words

    assert table() == json.loads(words.SHIPPED_LEMMAS.read_text(encoding="utf-8")), \
        "auditor/rules/lemmas.json is stale: run python tools/rule_lemmas.py"


def test_a_cold_load_of_the_shipped_rules_opens_no_russian_dictionary(tmp_path):
    code = ("import sys\nfrom auditor.rules.schema import load_rules\nruleset = load_rules([sys.argv[1]])\n"
            "print(len(ruleset.rules), len(ruleset.errors), 'pymorphy3' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, str(RULES)], capture_output=True, text=True,
                         env={**__import__("os").environ, cache.CACHE_ENV: str(tmp_path / "empty")})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[1:] == ["0", "False"] and int(run.stdout.split()[0]) > 10


def test_a_warm_start_imports_no_yaml_parser(cache_dir):
    load_rules([str(RULES)])
    code = ("import sys\nfrom auditor.rules.schema import load_rules\nruleset = load_rules([sys.argv[1]])\n"
            "print(len(ruleset.rules), 'yaml' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, str(RULES)], capture_output=True, text=True,
                         env={**__import__("os").environ, cache.CACHE_ENV: str(cache_dir)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[1] == "False"


def test_the_shipped_build_is_current():
    """The compiled shipped rules match the rule files and the source of auditor/rules, so a run with an
    empty cache uses them."""
    root = str(RULES)
    key = cache._content_key(["."], [*schema.rule_files([root]), schema.shipped_classes_file()], relative_to=root)
    assert cache._read(cache.SHIPPED_BUILD, key, relative_to=root) is not None, \
        "auditor/rules/shipped_rules.pickle is stale: run python tools/shipped_rules.py"


def test_an_empty_cache_takes_the_shipped_rules_from_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "empty"))
    fresh = schema.parse_rules([str(RULES)])
    _no_parsing(monkeypatch)
    built = load_rules([str(RULES)])
    assert [(r.id, r.path, r.line, r.binding_key) for r in built.rules] == \
        [(r.id, r.path, r.line, r.binding_key) for r in fresh.rules]
    assert built.files == fresh.files and built.classes == fresh.classes
    assert all(r.path.startswith(str(RULES)) for r in built.rules)  # rooted here, wherever it was built
    assert not (tmp_path / "empty").exists()  # nothing parsed, so nothing written to the cache
    texts = [e.text for r in fresh.rules for e in r.fail_examples]
    found = [[(f.rule, f.message, f.derivation, [(s.start, s.end) for s in f.spans])
              for f in Engine(ruleset).check(Document("x.txt", text)).findings] for ruleset in (fresh, built)
             for text in texts]
    assert found[: len(texts)] == found[len(texts):] and all(found[: len(texts)])


def test_a_stale_or_damaged_build_is_parsed_instead(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "")
    stale = tmp_path / "shipped_rules.pickle"
    stale.write_bytes(pickle.dumps(("another key", None, {})))
    monkeypatch.setattr(cache, "SHIPPED_BUILD", stale)
    assert len(load_rules([str(RULES)]).rules) == len(schema.parse_rules([str(RULES)]).rules)
    stale.write_bytes(cache.SHIPPED_BUILD.read_bytes()[:100])
    assert load_rules([str(RULES)]).rules


def test_the_build_is_used_only_for_the_shipped_rules_alone(tmp_path, monkeypatch, rules_copy):
    monkeypatch.setenv(cache.CACHE_ENV, "")
    _no_parsing(monkeypatch)
    with pytest.raises(AssertionError, match="parsed again"):
        load_rules([str(rules_copy)])  # a copy elsewhere is a user's rule folder
    with pytest.raises(AssertionError, match="parsed again"):
        load_rules([str(RULES), str(rules_copy / "ratio.yaml")])


_SEARCHES = ("import sys\nfrom auditor.rules.patterns import UserPattern\n"
             "from auditor.rules.schema import load_rules\nfrom auditor.engine import Engine\n"
             "from auditor.document import Document\n"
             "trusted = []\nsearch = UserPattern.search\n"
             "UserPattern.search = lambda self, text, timeout=None: trusted.append(self.trusted) or "
             "search(self, text, timeout)\n"
             "text = 'Sales doubled from 200 to 500 tonnes last year. Prices rose 10% from $50 to $75.'\n"
             "result = Engine(load_rules(sys.argv[1:])).check(Document('d.txt', text))\n"
             "print(sorted(f.rule for f in result.findings), len(trusted) > 0, sorted(set(trusted)), "
             "'regex' in sys.modules)")


def _searches(rule_paths: list[str], cache_folder: str) -> str:
    """What _SEARCHES prints for a run of these rules with this cache folder ("" turns the cache off)."""
    run = subprocess.run([sys.executable, "-c", _SEARCHES, *rule_paths], capture_output=True, text=True,
                         env={**__import__("os").environ, cache.CACHE_ENV: cache_folder})
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_the_shipped_rules_search_without_the_regex_module(tmp_path):
    """The shipped patterns are the package's own: compiled with `re`, so a run of the shipped rules alone
    never imports `regex` (a fifth of the start-up), from the build or parsed."""
    expected = "['multiple.change', 'percent.change'] True [True] False"
    assert _searches([str(RULES)], str(tmp_path / "empty")) == expected
    # the shipped files named one by one, with the cache turned off: parsed, not taken from the build
    assert _searches([str(p) for p in sorted(RULES.glob("*.yaml"))], "") == expected


def test_a_rule_authors_pattern_is_searched_with_its_time_limit(tmp_path, rules_copy):
    """The same rules copied into a folder of the user's are a rule author's: `regex`, with its limits."""
    shipped = sorted(p.name for p in RULES.glob("*.yaml"))
    assert _searches([str(rules_copy / name) for name in shipped], str(tmp_path / "empty")) == \
        "['multiple.change', 'percent.change'] True [False] True"


def test_user_patterns_are_cached_as_their_text():
    from auditor.rules.patterns import UserPattern

    ruleset = schema.parse_rules([str(RULES)])
    patterns = [p for r in ruleset.rules for role in r.roles for p in (role.text, role.between, role.not_between)
                if p is not None]
    assert patterns and all(isinstance(p, UserPattern) for p in patterns)
    data = pickle.dumps(patterns)
    assert b"_regex" not in data  # nothing of the regex module's compiled code
    again = pickle.loads(data)
    assert again == patterns and all(p._compiled is None for p in again)
    sample = "prices rose 5% to 20, or by 3 points"
    assert [bool(p.search(sample)) for p in again] == [bool(p.search(sample)) for p in patterns]


def test_a_cached_expression_is_parsed_again_only_when_used():
    from auditor.rules.expr import compile_expression
    from auditor.rules.interval import Interval

    expression = compile_expression("total <= 2 * part", {"total", "part"})
    again = pickle.loads(pickle.dumps(expression))
    assert again == expression and again._parsed is None
    assert again.segment(again.tree.left) == "total" and again._parsed is not None
    env = {"total": Interval.point(5.0), "part": Interval.point(2.0)}
    assert again.evaluate(env) == expression.evaluate(env)


def test_the_roles_keys_a_build_holds_are_those_worked_out_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "empty"))
    built = load_rules([str(RULES)])
    fresh = schema.parse_rules([str(RULES)])
    assert [r.id for r in built.rules] == [r.id for r in fresh.rules]
    for mine, theirs in zip(built.rules, fresh.rules):
        assert "signature" in mine.roles[0].__dict__  # stored, not worked out on this load
        assert [(r.signature, r.matching_key) for r in mine.roles] == \
            [(r.signature, r.matching_key) for r in theirs.roles]
