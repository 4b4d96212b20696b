"""Markdown: the text without its markup, with a map from each character back into the file.

markdown-it-py parses the file. Its tokens carry line ranges but not character offsets, so each piece of
text is found in the source lines of its block, in order: text is verbatim, entities and backslash
escapes are looked up by their source form (`&amp;`, `\\*`). Headings, paragraphs, list items, quotes
and table rows become paragraphs; code blocks, raw HTML and images are left out (numbers in them are
not claims); code spans keep their text. YAML front matter gives the title and date.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from ..document import Document
from .dates import iso_date
from .origin import SourceText
from .textmap import TextBuilder

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # text_join would merge decoded entities and escapes into the text around them, losing their source
    return MarkdownIt("commonmark").enable("table").disable("text_join")


def read_markdown(name: str, source: str) -> Document:
    """The text of Markdown `source` as a Document whose origin maps it back into the file."""
    title = published = None
    body = source
    m = _FRONT_MATTER.match(source)
    if m:
        title, published = _front_matter(m.group(1))
        # blank the front matter's lines, so that the parser's line numbers stay the file's
        body = "\n" * len(_LINE_BREAK.findall(m.group())) + source[m.end():]
    line_starts = [0] + [b.end() for b in _LINE_BREAK.finditer(source)] + [len(source)]
    out = TextBuilder()
    row_open = False
    for token in _parser().parse(body):
        if token.type == "tr_open":
            row_open = True
            _paragraph_break(out)
        elif token.type == "tr_close":
            row_open = False
        elif token.type == "inline" and token.map:
            region = line_starts[token.map[0]], line_starts[min(token.map[1], len(line_starts) - 1)]
            if row_open and out.last_char not in ("", "\n"):
                _cell_break(out, source, region[1])
            elif not row_open:
                _paragraph_break(out)
            _inline(out, source, token.children or [], *region)
    text, offsets = out.build()
    return Document(name, text, title=title, published=published,
                    origin=SourceText("markdown", source, offsets))


class _FrontMatterLoader(yaml.SafeLoader):
    """The safe loader without aliases: a document's metadata must not cost more than its size ("billion
    laughs")."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases are not read in front matter",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


MAX_FRONT_MATTER = 64 * 1024  # characters; a longer block is not metadata anyone reads


def _front_matter(block: str) -> tuple[str | None, str | None]:
    """`title:` (a string or number) and `date:` of a front matter block; None for what it lacks."""
    if len(block) > MAX_FRONT_MATTER:
        return None, None
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return None, None
    if not isinstance(meta, dict):
        return None, None
    title = meta.get("title")
    title = str(title) if isinstance(title, (str, int, float)) and not isinstance(title, bool) else None
    return title, iso_date(meta.get("date"))


def _paragraph_break(out: TextBuilder) -> None:
    if out.length and out.last_char != "\n":
        out.put("\n\n", out.source_end, out.source_end)


def _cell_break(out: TextBuilder, source: str, limit: int) -> None:
    """" | " between two cells of a table row, standing for the pipe that separates them."""
    pipe = source.find("|", out.source_end, limit)
    at = pipe if pipe >= 0 else out.source_end
    out.put(" | ", at, at + (pipe >= 0))


def _inline(out: TextBuilder, source: str, children, start: int, end: int) -> None:
    """Append the text of one block's inline tokens, each found in `source[start:end]` in order."""
    cursor = start
    for child in children:
        kind = child.type
        if kind == "image":
            continue  # its alt text is not prose (and its children are not in `children`)
        if kind in ("text", "code_inline"):
            at = source.find(child.content, cursor, end) if child.content else -1
            if at >= 0:
                out.copy(child.content, at)
                cursor = at + len(child.content)
            elif child.content:  # a code span broken over lines: the whole span stands for its text
                at = source.find(child.markup or child.content[:1], cursor, end)
                at = cursor if at < 0 else at
                out.put(child.content, at, at)
        elif kind == "text_special":
            at = source.find(child.markup, cursor, end)
            if at < 0:
                at = cursor
            out.put(child.content, at, at + len(child.markup))
            cursor = at + len(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            at = source.find("\n", cursor, end)
            at = cursor if at < 0 else at
            out.put("\n", at, at + 1)
            cursor = at + 1
