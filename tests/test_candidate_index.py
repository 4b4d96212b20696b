"""The matcher's candidate index (auditor/rules/candidates.py) changes what is tested, never what is
found: the same findings with and without it, and its prefilter keeps every quantity the tests accept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules.matcher import Matcher
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([str(ROOT / "rules")]))


def _documents(engine) -> list[Document]:
    docs = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    examples = [ex.text for r in engine.ruleset.rules for ex in r.fail_examples + r.pass_examples]
    docs.append(Document("examples.txt", "\n\n".join(examples)))
    return docs


def _findings(engine, docs) -> list:
    return [(d.path, f.rule, f.severity, f.message, [(s.start, s.end, s.role) for s in f.spans])
            for d in docs for f in engine.check(d).findings]


def test_the_same_findings_with_and_without_the_index(engine, monkeypatch):
    docs = _documents(engine)
    indexed = _findings(engine, docs)
    monkeypatch.setattr(Matcher, "prefilter", False)
    assert _findings(engine, docs) == indexed
    assert len({f[1] for f in indexed}) >= 15  # most rules find something here: the comparison says something


def test_the_prefilter_keeps_every_accepted_quantity(engine):
    for doc in _documents(engine):
        index, _, _ = engine.index(doc)
        for rule in engine.ruleset.rules:
            matcher = Matcher(rule, index, engine.classes)
            for role in rule.roles:
                if role.reference:
                    continue
                accepted = [i for i in range(len(index.quantities)) if matcher.accepts(role, i)]
                possible = set(index.candidates.possible(role))
                assert set(accepted) <= possible, (rule.id, role.name)
                assert index.candidates.accepted(role, matcher.tests) == accepted


def test_roles_with_the_same_conditions_share_one_verdict(engine):
    rules = engine.ruleset
    change, decrease = rules.get("percent.change"), rules.get("percent.decrease")
    old_up, old_down = change.roles[1], decrease.roles[1]
    assert old_up.signature == old_down.signature  # "old" is the same in both rules
    assert change.anchor.signature != decrease.anchor.signature



def test_rules_that_bind_alike_share_one_search(tmp_path, monkeypatch):
    """A copy of a shipped rule with its own id, message and severity finds what the original finds,
    from the original's search of the document; rules whose roles differ search on their own."""
    (original,) = [r for r in yaml.safe_load((ROOT / "rules" / "part_whole.yaml").read_text(encoding="utf-8"))["rules"]
                   if r["id"] == "area.part-exceeds-whole"]
    copy = dict(original, id="local.part-exceeds-whole", severity="warning",
                message="our house style: {part} is more than the whole, {whole}")
    (tmp_path / "local.yaml").write_text(yaml.safe_dump({"rules": [copy]}, allow_unicode=True), encoding="utf-8")
    ruleset = load_rules([str(ROOT / "rules"), str(tmp_path)])
    assert not ruleset.errors
    engine = Engine(ruleset)
    searched: list[str] = []
    real = Matcher.bindings

    def counting(self):
        searched.append(self.rule.id)
        return real(self)

    monkeypatch.setattr(Matcher, "bindings", counting)
    text = ("Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres. "
            "Of the 800 detainees, 200, about 40%, were released.")
    findings = engine.check(Document("doc.txt", text)).findings
    by_rule = {f.rule: f for f in findings}
    assert by_rule["local.part-exceeds-whole"].message == \
        "our house style: 52,000 square kilometres is more than the whole, 48,000 square kilometres"
    assert by_rule["local.part-exceeds-whole"].severity == "warning"
    assert [(s.text, s.role) for s in by_rule["local.part-exceeds-whole"].spans] == \
        [(s.text, s.role) for s in by_rule["area.part-exceeds-whole"].spans]
    assert "area.part-exceeds-whole" in searched and "local.part-exceeds-whole" not in searched
    assert "percent.of" in searched and "percent.of" in by_rule  # other rules search as before
    monkeypatch.setattr(Engine, "share_searches", False)
    searched.clear()
    assert [(f.rule, f.message) for f in engine.check(Document("doc.txt", text)).findings] == \
        [(f.rule, f.message) for f in findings]
    assert "local.part-exceeds-whole" in searched


def test_a_rule_authors_pattern_runs_only_where_a_binding_reaches_it(tmp_path, monkeypatch):
    """A rule with a role nothing can fill binds no anchor, found before any anchor is tried; a user's
    `text:` pattern on a later role is not run over the document for that (it counts against the rule's
    time budget), only where a binding reaches its role: here never."""
    (tmp_path / "r.yaml").write_text(r"""rules:
  - id: user.never-reached
    title: a rule whose second role never binds
    severity: error
    claim: other
    roles:
      total: {kind: count}
      part: {kind: count, between: zzzneverzzz}
      other: {kind: count, text: '\d+'}
    check: other <= total
    message: "{other} exceeds {total}"
    examples:
      fail: ["zzzneverzzz"]
      pass: ["zzzneverzzz"]
""", encoding="utf-8")
    ruleset = load_rules([str(tmp_path / "r.yaml")])
    assert not ruleset.errors, ruleset.errors
    rule = ruleset.get("user.never-reached")
    searched = []
    real_search = Matcher.search

    def search(self, pattern, text):
        searched.append(pattern is rule.roles[2].text)
        return real_search(self, pattern, text)

    monkeypatch.setattr(Matcher, "search", search)
    result = Engine(ruleset).check(Document("d.txt", "There were 10 cats, 4 dogs and 5 birds. " * 50), [rule])
    assert result.findings == []
    assert searched and not any(searched)  # `between` was tried, `text` never


def test_word_lists_pickle_as_their_phrases_alone():
    """A rule set crosses to a cluster's workers pickled; a word list pickled by another version of the
    class (other lookups) must load with this version's."""
    import pickle

    from auditor.rules.words import Phrases

    phrases = Phrases.of(["up from", "rose", "по сравнению с"])
    copy = pickle.loads(pickle.dumps(phrases))
    assert copy.phrases == phrases.phrases
    assert copy.find(["sales", "rose"]) and copy.find(["up", "from"]) and not copy.find(["up"])
    assert phrases.__reduce__() == (Phrases, (phrases.phrases,))
