"""The names a sentence holds (`same_name_as`): what ties a figure to one of an earlier sentence."""

from auditor.document import Document
from auditor.extract import extract_text
from auditor.rules.matcher import DocumentIndex


def names(text: str) -> list[frozenset[str]]:
    doc = Document("t.txt", text)
    ix = DocumentIndex(doc, list(extract_text(text).quantities))
    return [ix.sentence_names(s) for s in range(len(doc.sentences))]


def test_a_word_written_with_a_capital_inside_a_sentence_is_a_name_wherever_it_stands():
    found = names("Shares in Google have fallen 6.7%. Google shares fell $12.33. Shares closed lower.")
    assert found == [frozenset({"google"}), frozenset({"google"}), frozenset()]  # "Shares" starts sentences


def test_names_are_compared_in_their_normal_form():
    found = names("Экономика Сингапура выросла на 8,1%. Рост в Сингапуре замедлится вдвое.")
    assert found == [frozenset({"сингапур"}), frozenset({"сингапур"})]
    assert names("Singapore's economy grew. Growth in Singapore will halve.") == [frozenset({"singapore"})] * 2


def test_the_pronoun_titles_months_and_days_name_no_one():
    found = names("On Monday I said Mr Brown left in March. Sales fell 5% in March.")
    assert found == [frozenset({"brown"}), frozenset()]
