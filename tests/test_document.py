"""Documents: reading per docs/contract.md, offsets and line/column numbers, paragraphs and sentences."""

import re
import textwrap
from pathlib import Path

import pytest

from auditor.document import Document, DocumentError, Span, display_path, read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_000 = ROOT / "seeds" / "000_cc9fbfecd2e9dec7.txt"
SEED_002 = ROOT / "seeds" / "002_72c641db2ded9039.txt"
SEED_003 = ROOT / "seeds" / "003_447e080bb3bd39d4.txt"


def contract_text(path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def write(tmp_path, data: bytes, name="doc.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def sentences(text: str) -> list[str]:
    doc = Document("x", text)
    return [text[s.start : s.end] for s in doc.sentences]


def paragraphs(text: str) -> list[str]:
    doc = Document("x", text)
    return [text[p.start : p.end] for p in doc.paragraphs]


# -- reading -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seeds_read_exactly_as_the_contract_says(path):
    assert read_document(path).text == contract_text(path)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfAbout 2,800 fighters.\r\nThen 1,500.\r\n",
        b"one\rtwo\rthree 15 km\r",
        b"mixed\r\nendings\nand\rmore\r\n\r\n",
        b"a\xef\xbb\xbfb",  # a BOM that does not lead the file is text
        b"\xef\xbb\xbf\xef\xbb\xbfdouble",  # only the first BOM is dropped
        b"\xef\xbb\xbf",
        b"",
        "Около 20 километров\r\n".encode(),
    ],
)
def test_reading_matches_open_utf8_sig_newline_empty(tmp_path, data):
    p = write(tmp_path, data)
    doc = read_document(p)
    assert doc.text == contract_text(p)
    assert doc.path == str(p)


def test_bom_dropped_and_crlf_kept(tmp_path):
    p = write(tmp_path, b"\xef\xbb\xbfA 5 km\r\nB\r\n")
    text = read_document(p).text
    assert text == "A 5 km\r\nB\r\n"
    assert text.index("5 km") == 2  # offsets count characters after the BOM


def test_read_document_accepts_pathlike_and_str(tmp_path):
    p = write(tmp_path, b"x")
    assert read_document(p).text == read_document(str(p)).text == "x"


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    p = write(tmp_path, b"good text \xff more")
    with pytest.raises(DocumentError) as err:
        read_document(p)
    message = str(err.value)
    assert str(p) in message and "byte offset 10" in message and "0xff" in message
    assert "\n" not in message


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    # the byte offset is the file's, so a user can find it with a hex editor
    p = write(tmp_path, b"\xef\xbb\xbfab\xc3(")
    with pytest.raises(DocumentError, match=r"byte offset 5\b"):
        read_document(p)


def test_truncated_multibyte_sequence_at_end(tmp_path):
    p = write(tmp_path, "15 тысяч".encode()[:-1])
    with pytest.raises(DocumentError, match="not valid UTF-8"):
        read_document(p)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"text\x00text", bytes(range(256))],
)
def test_binary_is_refused(tmp_path, data):
    p = write(tmp_path, data)
    with pytest.raises(DocumentError, match="binary") as err:
        read_document(p)
    assert str(err.value).startswith(str(p) + ": ")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_named(tmp_path, encoding):
    p = write(tmp_path, "About 5 km".encode(encoding))
    with pytest.raises(DocumentError, match=encoding.upper()):
        read_document(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        read_document(tmp_path)


def test_size_limit(tmp_path):
    p = write(tmp_path, b"x" * 101)
    with pytest.raises(DocumentError, match="too large"):
        read_document(p, max_bytes=100)
    assert read_document(p, max_bytes=101).text == "x" * 101


def test_display_path_is_one_printable_line():
    assert display_path("a/b c.txt") == "a/b c.txt"
    assert display_path("bad\nname.txt") == "bad\\nname.txt"
    assert display_path("x\udcff.txt") == "x\\xff.txt"  # a byte that is not UTF-8 (surrogateescape)
    assert display_path("кириллица.txt") == "кириллица.txt"


# -- lines and columns ---------------------------------------------------------------------------------

LINE_TEXTS = [
    "",
    "single line",
    "a\nbc\n\nd",
    "a\r\nbc\r\n\r\nd\r\n",
    "a\rbc\r\rd\r",
    "mixed\r\nend\nings\rhere",
    "\n\n",
    "\r\n",
]


def naive_line_col(text: str, offset: int) -> tuple[int, int]:
    line, start = 1, 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.end() <= offset:
            line, start = line + 1, m.end()
    return line, offset - start + 1


@pytest.mark.parametrize("text", LINE_TEXTS)
def test_line_col_and_offset_round_trip(text):
    doc = Document("x", text)
    for offset in range(len(text) + 1):
        line, col = doc.line_col(offset)
        assert (line, col) == naive_line_col(text, offset)
        assert doc.offset(line, col) == offset


def test_line_col_examples():
    doc = Document("x", "ab\r\ncd\ref\ngh")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(2) == (1, 3)  # the \r
    assert doc.line_col(3) == (1, 4)  # the \n of \r\n belongs to line 1
    assert doc.line_col(4) == (2, 1)
    assert doc.line_col(7) == (3, 1)  # after a lone \r
    assert doc.line_col(10) == (4, 1)
    assert doc.line_col(12) == (4, 3)  # end of text


@pytest.mark.parametrize("text", LINE_TEXTS)
def test_line_span_excludes_line_endings(text):
    doc = Document("x", text)
    lines = re.split(r"\r\n|\r|\n", text)
    assert len(doc.line_starts) == len(lines)
    for n, expected in enumerate(lines, 1):
        span = doc.line_span(n)
        assert text[span.start : span.end] == expected


def test_line_col_of_a_quantity_in_a_crlf_seed_copy(tmp_path):
    p = write(tmp_path, SEED_000.read_bytes().replace(b"\n", b"\r\n"))
    doc = read_document(p)
    offset = doc.text.index("at least 1,500")
    line, col = doc.line_col(offset)
    assert doc.text.split("\r\n")[line - 1][col - 1 :].startswith("at least 1,500")


# -- paragraphs ----------------------------------------------------------------------------------------

def test_blank_lines_separate_paragraphs():
    text = "First one.\n\nSecond one.\n   \t\nThird one.\n"
    assert paragraphs(text) == ["First one.", "Second one.", "Third one."]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_paragraphs_with_any_line_ending(eol):
    text = eol.join(["Title", "", "Body one.", "", "", "Body two."]) + eol
    assert paragraphs(text) == ["Title", "Body one.", "Body two."]


def test_russian_seed_each_line_is_a_paragraph():
    doc = read_document(SEED_002)
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == lines
    assert len(lines) == 7


PROSE = (
    "The operation to take Mosul has entered the stage of slippage. Successive victorious reports about "
    "the liberation of another suburb of this city were replaced by operational pauses. Videos are "
    "appearing on YouTube showing the explosions of the vaunted American M1A1 Abrams tanks by suicide "
    "vehicles and ATGMs. Footage shows at least a hundred units (!) of burning armored vehicles. Then, "
    "according to the talking heads, the coalition's losses per month should be at least 1,500 (!) "
    "military personnel (at the rate of 1 military to 2 militants)."
)
PROSE_2 = (
    "Official data indirectly speak of huge losses. Invited experts estimate the losses of the attackers "
    "as one coalition soldier to two ISIS terrorists. Such a ratio can only be justified by the high "
    "efficiency of pinpoint strikes against them by aviation and artillery."
)


@pytest.mark.parametrize("width", [45, 50, 60, 66, 72, 80, 100])
@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_hard_wrapped_prose_stays_one_paragraph(width, eol):
    blocks = [textwrap.fill(PROSE, width), textwrap.fill(PROSE_2, width)]
    text = (eol + eol).join(b.replace("\n", eol) for b in blocks) + eol
    paras = paragraphs(text)
    assert len(paras) == 2
    assert [" ".join(p.split()) for p in paras] == [PROSE, PROSE_2]


@pytest.mark.parametrize("width", [60, 72, 80])
def test_hard_wrapped_paragraphs_without_blank_lines(width):
    # a heading, then two wrapped paragraphs whose last lines are short
    text = "Coalition losses in Mosul\n" + textwrap.fill(PROSE, width) + "\n" + textwrap.fill(PROSE_2, width)
    assert [" ".join(p.split()) for p in paragraphs(text)] == ["Coalition losses in Mosul", PROSE, PROSE_2]


def test_unwrapped_long_line_running_on_after_a_comma():
    text = ("Education: from the Minsk Higher Engineering Anti-Aircraft Missile School (1976),\n"
            "Military Command Academy of Air Defense (1986).\nNext paragraph here.")
    assert paragraphs(text) == [text.rsplit("\n", 1)[0], "Next paragraph here."]


def test_list_item_starts_a_paragraph_after_an_unterminated_long_line():
    text = ("    But here Russia alone cannot do anything about it, and nobody wants to admit it out loud\n"
            "    3. Nyrobsky\n"
            "    Nyrobsky 6 December 2017 00: 54\n"
            "    Quote: NEXUS\n")
    assert paragraphs(text) == [
        "But here Russia alone cannot do anything about it, and nobody wants to admit it out loud",
        "3. Nyrobsky",
        "Nyrobsky 6 December 2017 00: 54",
        "Quote: NEXUS",
    ]


def test_comment_thread_paragraphs():
    doc = read_document(SEED_003)
    paras = [doc.text[p.start : p.end] for p in doc.paragraphs]
    i = paras.index("1. NEXUS")
    assert paras[i + 1] == "NEXUS 5 December 2017 16: 04"
    assert paras[i + 2].startswith("One of the constant new")
    # every comment header is a paragraph of its own, and every list number opens one
    headers = re.findall(r"^ *(\S.* \d{1,2} December 2017 \d\d: \d\d)$", doc.text, re.M)
    assert len(headers) >= 20
    for h in headers:
        assert h in paras
    for m in re.finditer(r"^ *(\d{1,2}\. \S.*)$", doc.text, re.M):
        assert m.group(1) in paras, m.group(1)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_paragraphs_and_sentences_are_ordered_trimmed_and_nested(path):
    doc = read_document(path)
    text = doc.text
    for spans in (doc.paragraphs, doc.sentences):
        assert spans
        for a, b in zip(spans, spans[1:]):
            assert a.end <= b.start
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)
            assert not text[s.start].isspace() and not text[s.end - 1].isspace()
    # every sentence lies within one paragraph
    for s in doc.sentences:
        p = doc.paragraphs[doc.paragraph_index(s.start)]
        assert p.start <= s.start and s.end <= p.end, text[s.start : s.end]
    # and every non-space character is in some paragraph and some sentence
    for spans in (doc.paragraphs, doc.sentences):
        covered = sum(s.end - s.start for s in spans)
        between = "".join(text[a.end : b.start] for a, b in zip([type(spans[0])(0, 0)] + spans, spans))
        assert not between.strip() and not text[spans[-1].end :].strip()
        assert covered <= len(text)


# -- sentences -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith arrived. He left.", ["Mr. Smith arrived.", "He left."]),
        ("U.S. forces struck. Gen. Nicholson said so.", ["U.S. forces struck.", "Gen. Nicholson said so."]),
        ("Это, т. е. всё. Потом ушёл.", ["Это, т. е. всё.", "Потом ушёл."]),
        ("A. Sidorov wrote it. Then he left.", ["A. Sidorov wrote it.", "Then he left."]),
        ("Вице-премьер В. В. Путин заявил. Все согласились.",
         ["Вице-премьер В. В. Путин заявил.", "Все согласились."]),
        ("There were at least 1,500 (!) military personnel. Nobody knew.",
         ["There were at least 1,500 (!) military personnel.", "Nobody knew."]),
        ('He said "Go home." Then he left.', ['He said "Go home."', "Then he left."]),
        ('He said "Go home!" and left.', ['He said "Go home!" and left.']),
        ('He said: "Yes." "No," she said.', ['He said: "Yes."', '"No," she said.']),
        ("Он сказал: «Уходите.» Потом ушёл.", ["Он сказал: «Уходите.»", "Потом ушёл."]),
        ("The value rose 1.5 times. It fell to 2,7.", ["The value rose 1.5 times.", "It fell to 2,7."]),
        ("It cost $1.5 billion. About 1.5 thousand tons.",
         ["It cost $1.5 billion.", "About 1.5 thousand tons."]),
        ("Is it? Yes! Really...", ["Is it?", "Yes!", "Really..."]),
        ("What a caliphate !? We defeated him.", ["What a caliphate !?", "We defeated him."]),
        ("Wait... what happened?", ["Wait... what happened?"]),
        ("See p. 5 and fig. 3. Done.", ["See p. 5 and fig. 3.", "Done."]),
        ("In 2017. The war ended.", ["In 2017.", "The war ended."]),
        ("They left at 6 a.m. and came back.", ["They left at 6 a.m. and came back."]),
        ("The price was 5 руб. за штуку.", ["The price was 5 руб. за штуку."]),
        ("the supporters .. ..", ["the supporters .. .."]),
        ("prepares terrorists. ” The same Nicholson stated it.",
         ["prepares terrorists. ”", "The same Nicholson stated it."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("1. NEXUS", ["1. NEXUS"]),
        ("  2. Same lech", ["2. Same lech"]),
        # pasted text with no space after a full stop
        ("The toll rose to 24 which includes infants.On May 12 gunmen attacked.",
         ["The toll rose to 24 which includes infants.", "On May 12 gunmen attacked."]),
        ("Погибли 24 человека.В их числе дети.", ["Погибли 24 человека.", "В их числе дети."]),
        ("He flew to St.Petersburg via the U.S.A. and Amazon.com, e.g.Paris.",
         ["He flew to St.Petersburg via the U.S.A. and Amazon.com, e.g.Paris."]),
    ],
)
def test_sentence_texts(text, expected):
    assert sentences(text) == expected


def test_sentences_do_not_cross_paragraphs():
    text = "A heading without a stop\n\nThe body starts here. It goes on\n\nAnother paragraph."
    assert sentences(text) == ["A heading without a stop", "The body starts here.", "It goes on",
                               "Another paragraph."]


def test_sentence_in_wrapped_prose_spans_lines():
    text = textwrap.fill(PROSE, 60)
    got = sentences(text)
    assert len(got) == 5
    expected = "Footage shows at least a hundred units (!) of burning armored vehicles."
    assert " ".join(got[3].split()) == expected


def test_comment_thread_sentences():
    doc = read_document(SEED_003)
    text = doc.text
    sents = [text[s.start : s.end] for s in doc.sentences]
    assert "NEXUS 5 December 2017 16: 04" in sents
    assert "1. NEXUS" in sents
    # no sentence boundary inside a comment header's date
    for m in re.finditer(r"\d{1,2} December 2017 \d\d: \d\d", text):
        i = doc.sentence_index(m.start())
        s = doc.sentences[i]
        assert s.start <= m.start() and m.end() <= s.end, text[s.start : s.end]
    # a comment's text is not glued to the next comment's list number
    for s in sents:
        assert not re.search(r"\n\s*\d{1,2}\.\s", s), s


def test_503_thousand_sentence_boundaries():
    doc = read_document(SEED_003)
    text = doc.text
    i = text.index("503 thousand 223 square kilometers")
    s = doc.sentences[doc.sentence_index(i)]
    assert text[s.start : s.end] == (
        '"998 freed cities and settlements, the freed area is 503 thousand 223 square kilometers.'
    )
    nxt = doc.sentences[doc.sentence_index(i) + 1]
    assert text[nxt.start : nxt.end] == (
        "(The total area of Syria is 185 180 square kilometers, which is approximately 2,7 times less than "
        "the figure announced by Shoigu.)"
    )


def test_exclamation_in_brackets_does_not_split_seed_000():
    doc = read_document(SEED_000)
    text = doc.text
    for m in re.finditer(re.escape("at least 1,500 (!) military personnel"), text):
        s = doc.sentences[doc.sentence_index(m.start())]
        assert s.start <= m.start() and m.end() <= s.end
        assert text[s.start : s.end].startswith("Then, according to")


def test_general_nicholson_is_not_split():
    doc = read_document(SEED_003)
    sents = [doc.text[s.start : s.end] for s in doc.sentences]
    assert any(s.startswith("Mr. Nicholson is sure:") for s in sents)
    assert any(s.startswith("General John Nicholson, commander") for s in sents)


def test_sentence_and_paragraph_index():
    doc = Document("x", "One. Two.\n\nThree.")
    assert doc.sentence_index(0) == 0
    assert doc.sentence_index(5) == 1
    assert doc.sentence_index(4) == 0  # the space between belongs to the sentence before
    assert doc.sentence_index(len(doc.text)) == 2
    assert doc.paragraph_index(11) == 1
    assert Document("x", "").sentence_index(0) == 0


@pytest.mark.parametrize("text, headline", [
    ("Shares in Google fall 6.7%\n\nShares in Google have fallen 6.7%.", "Shares in Google fall 6.7%"),
    ("Акции Сбербанка подорожали на 12 процентов\n\nАкции подорожали.", "Акции Сбербанка подорожали на 12 процентов"),
    ("Shares fell 5%.\n\nThey fell by 9%.", None),  # a sentence, not a headline
    ("Shares fall 5%", None),  # nothing after it
    ("x" * 201 + "\n\nText.", None),
])
def test_a_first_line_reads_as_a_headline(text, headline):
    doc = Document("t.txt", text)
    assert (doc.text[doc.headline.start : doc.headline.end] if doc.headline else None) == headline


def test_only_the_part_at_the_start_of_a_document_has_its_headline():
    doc = Document("t.txt", "Shares fall 5%\n\nShares fell 5% on Monday.\n\nThey rose again on Tuesday.")
    first, later = doc.part(Span(0, 41)), doc.part(Span(43, len(doc.text)))
    assert first.headline == doc.headline and later.headline is None


def test_a_line_break_inside_a_paragraph_reads_as_a_space_for_the_extractor():
    """Wire copy runs a paragraph over several lines, and a figure and its unit may lie on two ("the support
    of 39\\npct"): the extractor reads the paragraph unwrapped, offsets unchanged, each span's text as written."""
    from auditor.resilient import extract_document

    line = "The party had the support of many voters in the north of the country, said the pollster, who "
    text = (line + "put it at 39\npct of the voters. " + line + "said output rose to 95\nmln dlrs last year.\n\n"
            "Shr 30 cts\nNet 12 mln\n")
    doc = Document("wire.txt", text)
    assert len(doc.unwrapped_text) == len(text) and "39 pct" in doc.unwrapped_text
    assert doc.unwrapped_text.endswith("Shr 30 cts\nNet 12 mln\n")  # short lines are paragraphs of their own
    found = {q.text: q for q in extract_document(doc)[0].quantities}
    assert found["39\npct"].unit == "percent" and found["39\npct"].value == 39
    assert found["95\nmln dlrs"].value == 95e6 and found["95\nmln dlrs"].unit == "USD"
    for q in found.values():
        assert text[q.start : q.end] == q.text
    assert Document("one.txt", "No line break here: 39 pct.").unwrapped_text == "No line break here: 39 pct."
