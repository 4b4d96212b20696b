"""The document list: every input with its count of findings, or the error that kept it from being read."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..document import display_path
from .model import DocEntry
from .safe import printable

ALL_ID = "all"


def doc_id(index: int) -> str:
    """The option id of entry `index`."""
    return f"doc-{index}"


def entry_prompt(entry: DocEntry, reviewed: int, checked: bool) -> Text:
    """One line: the count of findings (✗ if unreadable, … until checked), the path, how many reviewed."""
    if entry.error is not None:
        text = Text.assemble(("   ✗  ", "bold"), (printable(entry.error), "italic"))
    elif not checked:
        text = Text.assemble(("   …  ", "dim"), display_path(entry.path))
    else:
        n = len(entry.findings)
        text = Text.assemble((f"{n:>4}  ", "bold" if n else "dim"), display_path(entry.path))
        if reviewed:
            text.append(f"  ({reviewed} reviewed)", style="dim")
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class FileList(OptionList):
    """The inputs in order, after an "All documents" line; selecting one filters the findings to it."""

    @staticmethod
    def _everything(entries: list[DocEntry]) -> Text:
        total = sum(len(e.findings) for e in entries)
        readable = sum(1 for e in entries if e.error is None)
        return Text.assemble((f"{total:>4}  ", "bold"), f"All documents ({readable} of {len(entries)} read)",
                             no_wrap=True, overflow="ellipsis")

    def fill(self, entries: list[DocEntry], reviewed: Callable[[int], int], checked: Callable[[int], bool],
             selected: int | None) -> None:
        """Show `entries`; `selected` (an entry index, or None for all) is highlighted."""
        options = [Option(self._everything(entries), id=ALL_ID)]
        options += [Option(entry_prompt(e, reviewed(i), checked(i)), id=doc_id(i))
                    for i, e in enumerate(entries)]
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if selected is not None:
            self.highlighted = selected + 1
        elif highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted
        else:
            self.highlighted = 0

    def update(self, entries: list[DocEntry], indices: list[int], reviewed: Callable[[int], int],
               checked: bool) -> None:
        """Redraw the entries `indices` and the "All documents" line (cheaper than `fill` for a few)."""
        self.replace_option_prompt(ALL_ID, self._everything(entries))
        for index in indices:
            self.replace_option_prompt(doc_id(index), entry_prompt(entries[index], reviewed(index), checked))

    def prompt_text(self, index: int) -> str:
        """The plain text shown for entry `index` (for tests)."""
        option = self.get_option(doc_id(index))
        prompt = option.prompt
        return prompt.plain if isinstance(prompt, Text) else str(prompt)
