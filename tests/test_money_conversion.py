"""Conversions between currencies against the ECB rates of the document's date; populations by year."""

from __future__ import annotations

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules import shipped_rules_dir
from auditor.rules.schema import load_rules

RULES = load_rules([shipped_rules_dir()])


def findings(text: str, date: str | None = None, rule: str | None = None):
    found = Engine(RULES, date).check(Document("t.txt", text)).findings
    return [f for f in found if rule is None or f.rule == rule]


def test_a_conversion_at_the_market_rate_holds():
    assert findings("Profits jumped 76% to $1.13bn (£600m) in the quarter.", "2005-01-14") == []


def test_a_wrong_rate_is_flagged_with_the_implied_and_the_market_rate():
    [f] = findings("The firm said it earned $10m (£19.2m) in the third quarter.", "2005-01-14")
    assert f.rule == "money.conversion" and f.severity == "error"
    assert [(s.role, s.text) for s in f.spans] == [("converted", "£19.2m"), ("original", "$10m")]
    assert f.message == "$10m (£19.2m) implies $0.52 to the pound; on 2005-01-14 it was $1.86-1.93"
    assert "ECB" in f.reference


def test_the_euro_rate_used_for_the_pound_is_found_only_when_the_date_says_so():
    text = "The minimum wage of $5.15 (£3.90) an hour has not risen."
    assert [f.severity for f in findings(text, "2005")] == ["error"]
    assert findings(text) == []  # any day since 1999: the pound has been worth $1.32


def test_several_currencies_in_one_bracket():
    [f] = findings("GM will pay Fiat 1.55bn euros ($2bn; £1.9bn).", "2005-02-14")
    assert (f.spans[0].text, f.spans[1].text) == ("£1.9bn", "$2bn")


def test_a_local_price_is_not_a_conversion():
    assert findings("It costs $99 (£69 in the UK).", "2005-01-14", "money.conversion") == []


def test_prices_set_for_each_market_are_not_a_conversion():
    # "$149 (£99)": two price points (ending in 9), the product's price in each market; only an info
    [f] = findings("The Mac mini went on sale for $149 (£99) on Tuesday.", "2005-01-14", "money.conversion")
    assert f.severity == "info" and "prices set for each market" in f.message
    [f] = findings("The game costs $29.99 (£19.99).", "2005-01-14", "money.conversion")
    assert f.severity == "info"
    # one price point and a converted figure is a conversion, checked as one
    [f] = findings("The fare will be $499 (£164).", "2005-01-14", "money.conversion")
    assert f.severity == "error"
    assert findings("The fare will be $499 (£264).", "2005-01-14", "money.conversion") == []


def test_local_prices_tell_no_rate_for_the_other_conversions():
    text = "The console costs $149 (£99). The firm made $10m (£5.3m) last year."
    # undated, "$10m (£5.3m)" would be compared with the $1.51 to the pound of "$149 (£99)"
    assert [f.severity for f in findings(text, rule="money.conversion")] == ["info"]


def test_a_year_named_in_the_sentence_widens_the_window():
    text = "Toyota made a 331bn yen ($2.7bn) profit in 2001."
    assert findings(text, "2005-06-01") == []
    assert findings("Toyota made a 331bn yen ($2.7bn) profit.", "2005-06-01")  # 2005: about 107 yen


def test_a_later_year_named_in_the_sentence_does_not_widen_the_window():
    # 2014 is still to come in 2004: in the 2008-09 slump the pound fell near $1.35, which $8bn (£6bn) needs
    [f] = findings("Turkey would contribute almost 6bn euros ($8bn; £6bn) to its budget by 2014.", "2004-12")
    assert (f.rule, f.spans[0].text, f.spans[1].text) == ("money.conversion", "£6bn", "$8bn")
    assert "2014" not in f.message


def test_a_currency_the_euro_replaced_converts_at_its_fixed_rate():
    text = "Преступники требовали у него миллион песет (9 тысяч 300 долларов)."
    [f] = findings(text, "2001-07-18")
    assert (f.rule, f.spans[0].text, f.spans[1].text) == ("money.conversion", "9 тысяч 300 долларов", "миллион песет")
    assert "108 pesetas to the dollar" in f.message
    assert findings("Преступники требовали у него миллион песет (5 тысяч 300 долларов).", "2001-07-18") == []


def test_before_1999_no_comparison_only_an_info():
    [f] = findings("Sales rose to $10m (£19.2m) last year.", "1987-03-02")
    assert f.severity == "info" and f.message.startswith("not checked: no ECB rate")


def test_amounts_in_two_currencies_are_never_compared_at_parity():
    text = "Shares rose 4p or nearly 1% in morning trading to 548p, on profits of $3.65bn."
    assert findings(text, "2005-02-08") == []


def test_population_of_the_documents_year():
    text = "Ирак, страна с населением 24 миллиона человек, готовится к выборам."
    assert findings(text, "2003-05-11", "reference.population") == []
    [f] = findings(text, "2024-01-01", "reference.population")
    assert "World Bank" in f.reference and "2024" in f.reference


def test_a_currency_named_before_cents_is_that_currency():
    """"65 Canadian cents" is C$0.65, so its fall to C$1.90 is 25%, and 15 Canadian cents would not be."""
    text = "Shares in Bombardier lost {} Canadian cents or 25% on the news to 1.90 Canadian dollars."
    assert findings(text.format(65)) == []
    [f] = findings(text.format(15))
    assert f.rule == "change.amount-and-percent-down"
    assert f.message == "a fall of 15 Canadian cents to 1.90 Canadian dollars is 7.32% of the level before, not 25%"


def test_pence_and_foreign_cents_convert_at_their_currency_rate():
    from auditor.rules.exchange import currency_of

    assert [currency_of(u) for u in ("cent", "penny", "canadian_cent", "euro_cent", "GBP")] == \
        ["USD", "GBP", "CAD", "EUR", "GBP"]
    assert findings("The stamp costs 60p (110 US cents) now.", "2005-01-14") == []
    [f] = findings("The stamp costs 60p (310 US cents) now.", "2005-01-14", "money.conversion")
    assert f.severity == "error"


def test_a_share_of_a_country_named_by_its_people():
    """"one in four Turks - 48 million people" means 192 million Turks; Turkey had some 69 million in 2005."""
    text = "By 2014, one in four Turks - or about {} million people - will be aged 14 or less."
    assert findings(text.format(18), "2005-01-14", "reference.population-share") == []
    [f] = findings(text.format(48), "2005-01-14", "reference.population-share")
    assert [(s.role, s.text) for s in f.spans] == [("people", "about 48 million"), ("ratio", "one in four"),
                                                   ("official", "Turks")]
    assert f.message.startswith("about 48 million being one in four implies 192 million")


# -- a document's own conversions, when its date does not bound the market's rates ---------------------
TWO_RATES = ("Tourism revenues should double to $21bn (£10.8bn) in three years.\n\n"
             "Turkey would contribute almost 6bn euros ($8bn; £6bn) to the budget.")


def test_without_a_date_a_conversion_is_compared_with_the_documents_other_conversions():
    [f] = findings(TWO_RATES, rule="money.conversion")
    assert [(s.role, s.text) for s in f.spans] == [("converted", "£6bn"), ("original", "$8bn")]
    assert f.message == ("$8bn (£6bn) implies $1.33 to the pound; elsewhere in the text ($21bn (£10.8bn)) it "
                         "was $1.89-2.00")  # each figure with its rounding
    assert f.reference == "the document's other conversions between these currencies"
    # any day since 1999 allows $1.33 to the pound: without the other conversion nothing is flagged
    assert findings(TWO_RATES.split("\n\n")[1], rule="money.conversion") == []


def test_with_a_date_the_market_decides():
    [f] = findings(TWO_RATES, "2004-12", "money.conversion")
    assert "in 2004-12 it was" in f.message and "ECB" in f.reference


def test_of_conversions_that_disagree_the_odd_one_is_flagged():
    text = ("The film took $19.5m (£14.9m) in three days. The Aviator has taken $75m (£40m) so far, while "
            "Sideways has taken $46.8m (£24.8m).")
    [f] = findings(text, rule="money.conversion")
    assert f.spans[0].text == "£14.9m" and "$1.31 to the pound" in f.message
    assert "($75m (£40m); $46.8m (£24.8m))" in f.message


def test_conversions_that_agree_within_their_rounding_hold():
    text = "The Aviator took $7.6m (£4m), Sideways $28.5m (£15.2m) and Ray $2m (£1m)."
    assert findings(text, rule="money.conversion") == []


def test_a_conversion_in_a_sentence_naming_a_past_year_is_not_compared_with_the_others():
    text = ("Nissan's shares rose to $9.8bn (£5.2bn). It turned a 684bn yen ($6.4bn) loss in 2000 into a 331bn "
            "yen ($2.7bn) profit the following year.")
    assert findings(text, rule="money.conversion") == []  # 2000 and 2001 rates: 107 and 122 yen
    future = TWO_RATES.replace("to the budget.", "to the budget by 2014.")
    assert [f.spans[0].text for f in findings(future, rule="money.conversion")] == ["£6bn"]


def test_a_currency_the_ecb_does_not_quote_is_compared_with_the_documents_own_rate():
    text = "Экспорт составил 700 млрд тенге (4,7 млрд долларов). Импорт составил 300 млрд тенге (3 млрд долларов)."
    info, error = findings(text, "2015-02-12", "money.conversion")
    assert info.message == "not checked: the ECB publishes no rate for KZT"  # the first: nothing before it
    assert error.message == ("300 млрд тенге (3 млрд долларов) implies 100 tenge to the dollar; elsewhere in the "
                             "text (700 млрд тенге (4,7 млрд долларов)) it was 140-158 tenge")
    consistent = text.replace("3 млрд долларов", "2 млрд долларов")
    assert [f.severity for f in findings(consistent, "2015-02-12", "money.conversion")] == ["info"]  # it holds


def test_a_later_figure_of_a_bracket_is_checked_against_the_amount_before_it():
    # no pound-dollar rate decides it without a date, but a pound was never worth less than 1.02 euros
    text = "Allied Domecq has a capitalisation of £8.7bn ($10.7bn; 8.2bn euros)."
    [f] = findings(text)
    assert f.rule == "money.conversion-later-in-bracket" and f.severity == "warning"  # 0.94 euros; at least 1.02
    # dated, the dollars disagree with the pounds too (the figure before the bracket is the wrong one)
    assert {(f.rule, f.severity) for f in findings(text, "2005-01-14")} == \
        {("money.conversion", "error"), ("money.conversion-later-in-bracket", "error")}
    assert [(s.role, s.text) for s in f.spans] == [("converted", "8.2bn euros"), ("original", "£8.7bn")]
    assert f.message.startswith("£8.7bn (…; 8.2bn euros) implies")
    assert findings("Allied Domecq has a capitalisation of £5.7bn ($10.7bn; 8.2bn euros).", "2005-01-14") == []


def test_a_currency_word_several_countries_use_is_not_compared_with_one_countrys_rate():
    """Sri Lanka's rupee traded at half India's: "5bn rupees ($50m; £27m)" is right in Colombo."""
    text = "The bank has 5bn rupees ($50m; £27m) set aside to lend to those who lost property."
    assert {(f.severity, f.message) for f in findings(text, "2005-01-03")} == \
        {("info", "not checked: '5bn rupees' may be in the currency of several countries")}
    # a document that names India, and no other country of the rupee, speaks of India's
    india = "India's central bank has set aside 5bn rupees ($10m) for loans."
    assert [(f.rule, f.severity) for f in findings(india, "2012-06")] == [("money.conversion", "error")]
    assert {f.severity for f in findings(india.replace("India's", "Sri Lanka's"), "2012-06")} == {"info"}
    assert {f.severity for f in findings(india + " Pakistan gave as much.", "2012-06")} == {"info"}
    # the document's own conversions still decide
    both = "It has 5bn rupees ($50m) for loans, and a further 9bn rupees ($190m) for repairs."
    [f] = [f for f in findings(both, "2005-01-03") if f.severity != "info"]
    assert f.spans[0].text == "$190m" and "elsewhere in the text" in f.message


def test_one_wrong_figure_of_a_bracket_gets_one_finding():
    """£1.9bn is wrong against both the dollars and the euros: money.conversion's finding stands alone."""
    [f] = findings("GM will pay Fiat 1.55bn euros ($2bn; £1.9bn).", "2005-02-14")
    assert (f.rule, f.spans[0].text, f.spans[1].text) == ("money.conversion", "£1.9bn", "$2bn")


def test_another_rules_note_that_it_could_not_check_a_figure_does_not_hide_an_error_on_it():
    # money.conversion can only say that the rupee figure, and the euros after it, were not checked; the
    # euros against the pounds are wrong (a pound bought 1.41-1.45 euros then)
    found = findings("Allied Domecq has a capitalisation of £8.7bn (500bn rupees; 8.2bn euros).", "2005-01-14")
    assert ("money.conversion-later-in-bracket", "error", "8.2bn euros") in \
        {(f.rule, f.severity, f.spans[0].text) for f in found}
    assert {f.severity for f in found if f.rule == "money.conversion"} == {"info"}


def test_a_conversion_restates_the_number_not_its_bound():
    """'up to', 'more than', 'at most' apply to both figures of a conversion: the numbers are converted."""
    [f] = findings("The console will sell for at most $499 (£164) in the spring.", rule="money.conversion")
    assert (f.spans[0].text, f.spans[1].text) == ("£164", "at most $499")
    assert "implies $3.04 to the pound" in f.message
    assert findings("The console will sell for at most $499 (£264) in the spring.", "2005-03") == []
    # and such a conversion gives the document's own rate when its date is unknown
    text = "The bid is worth up to $35bn (£18.8bn). The rival offer was $8bn (£6bn)."
    [f] = findings(text, rule="money.conversion")
    assert f.spans[0].text == "£6bn" and "elsewhere in the text (up to $35bn (£18.8bn))" in f.message


def test_a_bound_of_the_conversions_own_is_a_bound():
    # "over £5m" is true of the £7.3m that $10m was worth: only the figure converted is read as written
    assert findings("The company was fined $10m (over £5m) by the watchdog.", "2021-10-01") == []
    assert findings("The stadium cost £100m (under $200m) to build.", "2012-06-01") == []
    [f] = findings("The company was fined $10m (over £9m) by the watchdog.", "2021-10-01")
    assert f.spans[0].text == "over £9m"


def test_a_currency_the_ecb_no_longer_quotes_is_compared_with_the_documents_own_rate():
    # the ECB stopped quoting the rouble in March 2022: a dated document's own conversions still decide
    text = "Сделка оценивается в 50 млн долларов (4,5 млрд рублей). Штраф составит 10 млн долларов (90 млн рублей)."
    [f] = [f for f in findings(text, "2024-06-03", "money.conversion") if f.severity != "info"]
    assert f.spans[0].text == "90 млн рублей" and "elsewhere in the text" in f.message
