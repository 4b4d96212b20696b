"""The names a quantity's clause holds (`same_name_as`): what ties a figure to one of another sentence."""

from auditor.document import Document
from auditor.extract import extract_text
from auditor.rules.matcher import DocumentIndex


def names(text: str) -> dict[str, frozenset[str]]:
    """Each quantity's text → the names of its clause."""
    doc = Document("t.txt", text)
    quantities = list(extract_text(text).quantities)
    ix = DocumentIndex(doc, quantities)
    return {q.text: ix.clause_names(i) for i, q in enumerate(quantities)}


def test_a_word_written_with_a_capital_inside_a_sentence_is_a_name_wherever_it_stands():
    found = names("Shares in Google have fallen 6.7%. Google shares fell $12.33. Shares closed at $170.")
    assert found == {"6.7%": ("google",), "$12.33": ("google",), "$170": ()}  # "Shares" starts sentences


def test_only_the_quantitys_own_clause_counts():
    found = names("Apple, the biggest company on the Nasdaq, fell $5 to $170. The Nasdaq fell 2.1%.")
    assert found["$5"] == () and found["2.1%"] == ("nasdaq",)


def test_names_are_compared_in_their_normal_form():
    found = names("Акции «Газпрома» подешевели на 6,7%. Бумаги «Газпрому» упали на 12 рублей.")
    assert found == {"6,7%": ("газпром",), "12 рублей": ("газпром",)}
    assert names("Акции Сбербанка на Мосбирже упали на 5 рублей. Индекс Мосбиржи снизился на 1,5%.") == {
        "5 рублей": ("сбербанк", "мосбиржа"), "1,5%": ("мосбиржа",)}  # in order: the first is the subject


def test_places_agencies_months_and_words_also_written_in_lower_case_name_nothing():
    found = names("Inflation in Russia rose 1.5% in May, Reuters said. The Shares of BP fell 12 pence. Its "
                  "shares rose 5%.")
    assert found == {"1.5%": (), "12 pence": ("bp",), "5%": ()}


def test_a_word_after_a_colon_or_a_quotation_mark_starts_a_sentence_and_a_headline_names_nothing():
    found = names('MARKETS SLIDE AS BP FALLS\n\nHe added: "The market fell 2%." The shares in BP fell 12p.')
    assert found == {"2%": (), "12p": ("bp",)}  # "BP" is a name from the body, not the headline
