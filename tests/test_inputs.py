"""Command-line paths to documents: expand_paths and load_documents."""

import os
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.inputs import InputError, InputOptions, expand_paths, load_documents


def make(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


def rel(items, root: Path) -> list:
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append(("error", os.path.relpath(item.path, root), item.message))
        else:
            out.append(os.path.relpath(item, root))
    return out


def test_directory_expands_to_every_supported_format_sorted_recursive(tmp_path):
    make(tmp_path, {
        "b.txt": b"b", "a.md": b"a", "c.pdf": b"%PDF", "d.html": b"<p>d", "e.HTM": b"e", "f.docx": b"PK",
        "g.csv": b"1,2", "sub/z.TXT": b"z", "sub/deeper/y.txt": b"y",
        ".hidden.txt": b"h", ".git/x.txt": b"x", "notes": b"n",
    })
    got = rel(expand_paths([str(tmp_path)]), tmp_path)
    assert got == ["a.md", "b.txt", "c.pdf", "d.html", "e.HTM", "f.docx", "sub/z.TXT", "sub/deeper/y.txt"]


def test_file_paths_are_taken_as_given_whatever_the_suffix(tmp_path):
    make(tmp_path, {"report.pdf": b"%PDF-1.4", "plain": b"text"})
    paths = [str(tmp_path / "report.pdf"), str(tmp_path / "plain")]
    assert list(expand_paths(paths)) == paths


def test_order_of_arguments_is_kept(tmp_path):
    make(tmp_path, {"b.txt": b"b", "a.txt": b"a"})
    paths = [str(tmp_path / "b.txt"), str(tmp_path / "a.txt")]
    assert list(expand_paths(paths)) == paths


def test_missing_path(tmp_path):
    [item] = expand_paths([str(tmp_path / "missing.txt")])
    assert isinstance(item, InputError)
    assert item.message == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_empty_directory_and_directory_of_spreadsheets(tmp_path):
    (tmp_path / "empty").mkdir()
    make(tmp_path, {"sheets/a.csv": b"1,2", "sheets/b.xlsx": b"PK"})
    for name in ("empty", "sheets"):
        [item] = expand_paths([str(tmp_path / name)])
        assert isinstance(item, InputError)
        assert item.message == (f"{tmp_path / name}: directory has no files to check (looked for .txt, .text, "
                                ".md, .markdown, .html, .htm, .xhtml, .docx, .pdf)")


def test_broken_symlink(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    [item] = expand_paths([str(tmp_path / "dangling.txt")])
    assert isinstance(item, InputError) and "broken symbolic link" in item.message


def test_symlink_loop_is_reported_once(tmp_path):
    make(tmp_path, {"top/a.txt": b"a", "top/sub/b.txt": b"b"})
    (tmp_path / "top" / "sub" / "up").symlink_to(tmp_path / "top", target_is_directory=True)
    (tmp_path / "top" / "self").symlink_to(".", target_is_directory=True)
    got = rel(expand_paths([str(tmp_path / "top")]), tmp_path)
    files = [g for g in got if isinstance(g, str)]
    errors = [g for g in got if isinstance(g, tuple)]
    assert files == ["top/a.txt", "top/sub/b.txt"]
    assert sorted(e[1] for e in errors) == ["top/self", "top/sub/up"]
    for e in errors:
        assert "loop" in e[2] and "\n" not in e[2]


def test_two_links_to_one_directory_read_it_once_without_error(tmp_path):
    make(tmp_path, {"root/real/a.txt": b"a"})
    (tmp_path / "root" / "link1").symlink_to(tmp_path / "root" / "real", target_is_directory=True)
    (tmp_path / "root" / "link2").symlink_to(tmp_path / "root" / "real", target_is_directory=True)
    got = rel(expand_paths([str(tmp_path / "root")]), tmp_path)
    assert got == ["root/link1/a.txt"]


def test_symlinked_file_out_of_the_directory_is_read_with_follow_links(tmp_path):
    make(tmp_path, {"elsewhere/a.txt": b"About 5 km."})
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "link.txt").symlink_to(tmp_path / "elsewhere" / "a.txt")
    [doc] = load_documents([str(tmp_path / "dir")], InputOptions(follow_links=True))
    assert isinstance(doc, Document) and doc.text == "About 5 km."


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_subdirectory_is_reported_and_the_rest_read(tmp_path):
    make(tmp_path, {"d/a.txt": b"a", "d/locked/b.txt": b"b"})
    locked = tmp_path / "d" / "locked"
    locked.chmod(0)
    try:
        got = rel(expand_paths([str(tmp_path / "d")]), tmp_path)
    finally:
        locked.chmod(0o755)
    assert got[0] == "d/a.txt"
    assert got[1][0] == "error" and got[1][1] == "d/locked"


def test_load_documents_mixed(tmp_path):
    make(tmp_path, {"good.txt": b"About 2,800 fighters.", "bad.txt": b"ok \xff", "bin.txt": b"\x00\x01",
                    "empty.txt": b""})
    names = ["good.txt", "missing.txt", "bad.txt", "bin.txt", "empty.txt"]
    items = list(load_documents([str(tmp_path / n) for n in names]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "InputError",
                                                 "Document"]
    assert items[0].text == "About 2,800 fighters."
    assert items[4].text == ""
    for item, name in zip(items, names):
        if isinstance(item, InputError):
            assert item.path == str(tmp_path / name)
            assert item.message.startswith(f"{tmp_path / name}: ")
            assert "\n" not in item.message
    assert "byte offset 3" in items[2].message
    assert "binary" in items[3].message


def test_directory_given_as_a_file_argument_inside_load(tmp_path):
    make(tmp_path, {"d/a.md": b"# Title\n\n15 km"})
    [doc] = load_documents([str(tmp_path / "d")])
    assert doc.path == str(tmp_path / "d" / "a.md")


def test_message_for_a_name_with_a_newline_is_one_line(tmp_path):
    [item] = expand_paths([str(tmp_path / "bad\nname.txt")])
    assert isinstance(item, InputError)
    assert "\n" not in item.message and "bad\\nname.txt" in item.message
