"""Sources: local paths and fsspec URLs/globs expand to document names, are read with the same one-line
errors as local files, and the optional extras are imported only when asked for; `--format jsonl`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from cli_runner import ROOT, run

from auditor.document import DocumentError, read_document
from auditor.inputs import InputError, expand_paths, input_bytes, read_input
from auditor.sources import content_hash, is_url

pytest.importorskip("fsspec", reason="the dask extra is not installed")


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Of the 800 detainees, 900 were released on Monday.\n")
    (tmp_path / "a" / "two.md").write_text("Bread rose from 50 to 75 cents, a 25% increase.\n")
    (tmp_path / "a" / "skip.csv").write_text("1,2\n")
    (tmp_path / "a" / ".hidden.txt").write_text("2 of 3\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "three.txt").write_text("no numbers\n")
    return tmp_path


def test_urls_are_told_from_paths():
    assert is_url("s3://bucket/2017/a.txt") and is_url("file:///tmp/x") and is_url("gs://b/**/*.html")
    assert not is_url("archive/2017/a.txt") and not is_url("/tmp/x") and not is_url("C:\\docs\\a.txt")


def test_a_url_directory_and_a_glob_expand_like_local_paths(tree):
    local = list(expand_paths([str(tree)]))
    assert [os.path.basename(p) for p in local] == ["one.txt", "two.md", "three.txt"]
    assert list(expand_paths([f"file://{tree}"])) == [f"file://{p}" for p in local]
    assert list(expand_paths([f"file://{tree}/**/*.txt"])) == [f"file://{tree}/a/one.txt",
                                                                 f"file://{tree}/b/three.txt"]


def test_urls_that_give_nothing_are_one_line_errors(tree):
    [missing] = expand_paths([f"file://{tree}/nowhere"])
    url = f"file://{tree}/nowhere"
    assert missing == InputError(url, f"{url}: no such file or directory")
    [unmatched] = expand_paths([f"file://{tree}/*.pdf"])
    assert unmatched.message == f"file://{tree}/*.pdf: no file matches"
    [unknown] = expand_paths(["nosuchscheme://bucket/a.txt"])
    assert unknown.message.startswith("nosuchscheme://bucket/a.txt: cannot be opened (")


def _bad_files(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("5 \xa3".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01 200 of 800")
    (tmp_path / "utf16.txt").write_bytes("200 of 800".encode("utf-16"))
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    return [tmp_path / name for name in ("latin1.txt", "binary.txt", "utf16.txt", "folder.txt", "pipe.txt",
                                         "missing.txt")]


def test_reading_fails_with_the_messages_read_document_gives(tmp_path):
    for path in _bad_files(tmp_path):
        with pytest.raises(DocumentError) as expected:
            read_document(str(path))
        with pytest.raises(DocumentError) as got:
            read_input(str(path), data=input_bytes(str(path)))
        assert str(got.value) == str(expected.value)
        with pytest.raises(DocumentError) as remote:  # the same file through fsspec, under its own name
            read_input(f"file://{path}", data=input_bytes(f"file://{path}"))
        assert str(remote.value) == str(expected.value).replace(str(path), f"file://{path}", 1)


def test_a_document_read_from_bytes_is_the_one_read_document_gives(tmp_path):
    seed = next((ROOT / "seeds").glob("003_*.txt"))
    data = input_bytes(str(seed))
    assert read_input(str(seed), data=data).text == read_document(str(seed)).text
    assert input_bytes(f"file://{seed}") == data
    assert content_hash(data) != content_hash(data + b" ")


def test_a_plain_check_imports_neither_distributed_nor_fsspec():
    # (pint itself imports `dask` when it is installed, for its dask arrays; auditor does not use it)
    code = ("import sys; from auditor.cli import main;"
            "main(['check', 'seeds', '--format', 'json', '-j', '1']);"
            "print(sorted(m for m in ('distributed', 'fsspec') if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "[]"
    assert json.loads(result.stdout)["summary"]["documents"] == 4


def test_jsonl_is_one_document_per_line_with_errors_last(tree):
    result = run("check", tree / "a", tree / "missing.txt", "--format", "jsonl", "--jobs", "1")
    assert result.returncode == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    reference = json.loads(run("check", tree / "a", "--format", "json", "--jobs", "1").stdout)
    assert lines[:-1] == reference["documents"]
    assert lines[-1] == {"path": str(tree / "missing.txt"),
                         "error": f"{tree / 'missing.txt'}: no such file or directory"}


def test_the_jsonl_reporter_writes_each_document_as_it_comes():
    from auditor.document import Document
    from auditor.engine import DocumentResult
    from auditor.report import RunSummary, reporter_for

    out = io.StringIO()
    reporter = reporter_for("jsonl", out)
    reporter.begin(None)
    reporter.document(DocumentResult(Document("a.txt", "text"), [], []))
    assert out.getvalue() == '{"path": "a.txt", "findings": [], "date": {"value": null, "source": "unknown"}}\n'
    reporter.end(RunSummary(input_errors=[InputError("b.txt", "b.txt: no such file")]))
    assert out.getvalue().splitlines()[1] == '{"path": "b.txt", "error": "b.txt: no such file"}'
