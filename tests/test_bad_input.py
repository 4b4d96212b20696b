"""Bad and awkward inputs through the real command line: `auditor extract PATH... --format json|text`.

Whatever the input, the program must not crash: JSON output stays valid, each unreadable input gets
exactly one `auditor: error: PATH: ...` line on stderr, the readable inputs are still reported, the exit
code is 2 when any input could not be read (docs/contract.md), and there is never a traceback.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "seeds" / "000_cc9fbfecd2e9dec7.txt"
SEED_002 = ROOT / "seeds" / "002_72c641db2ded9039.txt"
_SCRIPT = Path(sys.executable).with_name("auditor")
AUDITOR = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "auditor"]


class Run:
    def __init__(self, proc: subprocess.CompletedProcess, seconds: float):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.seconds = seconds

    @property
    def json(self) -> dict:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def auditor(*args, cwd=None, env=None, timeout=120) -> Run:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*AUDITOR, *map(str, args)], capture_output=True, text=True, encoding="utf-8", errors="replace",
        cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout,
    )
    run = Run(proc, time.perf_counter() - t0)
    assert "Traceback" not in run.err, run.err
    return run


def extract_json(*paths, **kw) -> Run:
    run = auditor("extract", *paths, "--format", "json", **kw)
    data = run.json  # valid JSON, whatever happened
    assert isinstance(data["documents"], list)
    return run


def assert_one_error(run: Run, path, *fragments: str) -> str:
    """Exactly one stderr line names `path`; it has the contract's prefix and every fragment."""
    prefix = f"auditor: error: {path}: "
    lines = [line for line in run.err_lines if line.startswith(prefix)]
    assert len(lines) == 1, run.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# -- unreadable inputs, one at a time -----------------------------------------------------------------

def test_missing_path(tmp_path):
    run = extract_json("missing.txt", cwd=tmp_path)
    assert run.rc == 2
    assert run.err_lines == ["auditor: error: missing.txt: no such file or directory"]
    assert run.json["documents"] == []


def test_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    run = extract_json("empty", cwd=tmp_path)
    assert run.rc == 2
    assert run.err_lines == ["auditor: error: empty: directory has no files to check (looked for .txt, .text, "
                             ".md, .markdown, .html, .htm, .xhtml, .docx, .pdf)"]


def test_directory_of_truncated_pdfs_gives_one_line_each(tmp_path):
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "a.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (tmp_path / "pdfs" / "b.pdf").write_bytes(b"%PDF-1.7\n")
    run = extract_json("pdfs", cwd=tmp_path)
    assert run.rc == 2
    assert len(run.err_lines) == 2
    for name, line in zip(("a.pdf", "b.pdf"), run.err_lines):
        assert line.startswith(f"auditor: error: pdfs/{name}: is not a readable PDF file (")


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", b"About 5 km\x00\x00\x00 of road"],
    ids=["png", "nul"],
)
def test_binary_file(tmp_path, data):
    (tmp_path / "image.txt").write_bytes(data)
    run = extract_json("image.txt", cwd=tmp_path)
    assert run.rc == 2
    assert_one_error(run, "image.txt", "binary")
    assert len(run.err_lines) == 1


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Около 20 км, café".encode("utf-8")[:-2] + b"\xe9 and more")
    offset = len("Около 20 км, caf".encode())
    run = extract_json("latin1.txt", cwd=tmp_path)
    assert run.rc == 2
    assert_one_error(run, "latin1.txt", f"byte offset {offset}", "UTF-8")


def test_utf16_file(tmp_path):
    (tmp_path / "wide.txt").write_bytes("About 2,800 fighters".encode("utf-16"))
    run = extract_json("wide.txt", cwd=tmp_path)
    assert run.rc == 2
    assert_one_error(run, "wide.txt", "UTF-16")


def test_empty_file_works(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    run = extract_json("empty.txt", cwd=tmp_path)
    assert run.rc == 0 and run.err == ""
    [doc] = run.json["documents"]
    assert doc["path"] == "empty.txt" and doc["quantities"] == [] and doc["ignored"] == []


def test_bom_only_and_whitespace_only_files_work(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "blank.md").write_bytes(b"\r\n \n\t\n")
    run = extract_json("bom.txt", "blank.md", cwd=tmp_path)
    assert run.rc == 0 and run.err == ""
    assert [d["quantities"] for d in run.json["documents"]] == [[], []]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_file_without_read_permission(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("About 5 km.")
    p.chmod(0)
    try:
        run = extract_json("secret.txt", cwd=tmp_path)
    finally:
        p.chmod(0o644)
    assert run.rc == 2
    assert_one_error(run, "secret.txt", "permission denied")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_is_refused_not_read_forever():
    run = extract_json("/dev/zero", timeout=60)
    assert run.rc == 2
    assert_one_error(run, "/dev/zero")


def test_symlink_loop_reported_once(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "a.txt").write_text("About 2,800 fighters.")
    (tmp_path / "d" / "sub" / "b.txt").write_text("At least 1,500 soldiers.")
    (tmp_path / "d" / "sub" / "up").symlink_to(tmp_path / "d", target_is_directory=True)
    run = extract_json("d", cwd=tmp_path, timeout=60)
    assert run.rc == 2
    assert_one_error(run, os.path.join("d", "sub", "up"), "loop")
    assert len(run.err_lines) == 1
    docs = run.json["documents"]
    assert [d["path"] for d in docs] == ["d/a.txt", "d/sub/b.txt"]
    assert all(len(d["quantities"]) == 1 for d in docs)


def test_error_message_for_a_name_with_a_newline_is_one_line(tmp_path):
    run = extract_json("bad\nname.txt", cwd=tmp_path)
    assert run.rc == 2
    assert run.err_lines == ["auditor: error: bad\\nname.txt: no such file or directory"]


# -- mixed inputs -----------------------------------------------------------------------------------------

@pytest.fixture
def mixed(tmp_path):
    (tmp_path / "good.txt").write_text("About 2,800 ISIS fighters held the city.\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_bytes("\ufeffОколо 20 километров\r\n".encode())
    (tmp_path / "bad.txt").write_bytes(b"12 km \xff\xfe")
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 16)
    (tmp_path / "empty").mkdir()
    args = ["good.txt", "missing.txt", "bad.txt", "ru.txt", "bin.txt", "empty"]
    return tmp_path, args


def test_mixed_good_and_bad_json(mixed):
    cwd, args = mixed
    run = extract_json(*args, cwd=cwd)
    assert run.rc == 2
    assert len(run.err_lines) == 4
    for bad in ("missing.txt", "bad.txt", "bin.txt", "empty"):
        assert_one_error(run, bad)
    data = run.json
    docs = {d["path"]: d for d in data["documents"]}
    assert list(docs) == ["good.txt", "ru.txt"]
    [q] = docs["good.txt"]["quantities"]
    assert (q["text"], q["start"], q["end"], q["value"]) == ("About 2,800", 0, 11, 2800)
    [q] = docs["ru.txt"]["quantities"]
    text = (cwd / "ru.txt").open(encoding="utf-8-sig", newline="").read()
    assert text[q["start"] : q["end"]] == q["text"] == "Около 20 километров"
    assert len(data.get("errors", [])) == 4


def test_mixed_good_and_bad_text_format(mixed):
    cwd, args = mixed
    run = auditor("extract", *args, cwd=cwd)
    assert run.rc == 2
    assert len(run.err_lines) == 4
    assert "good.txt: 1 quantities" in run.out and "ru.txt: 1 quantities" in run.out


def test_all_inputs_good_exit_zero(tmp_path):
    (tmp_path / "a.txt").write_text("About 2,800 fighters.")
    run = extract_json("a.txt", cwd=tmp_path)
    assert run.rc == 0 and run.err == ""


@pytest.mark.parametrize("args", [["extract"], ["extract", "x.txt", "--format", "xml"], ["--bogus"], []])
def test_usage_errors_exit_2_without_traceback(tmp_path, args):
    run = auditor(*args, cwd=tmp_path)
    assert run.rc == 2
    assert run.err.strip()


def test_file_name_that_is_not_utf8(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as f:
        f.write(b"About 5 km of road.")
    run = extract_json("d", cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    assert run.rc == 0
    [doc] = run.json["documents"]
    assert len(doc["quantities"]) == 1


# -- big inputs -------------------------------------------------------------------------------------------

def report_timing(capsys, what: str, run: Run, size: int) -> None:
    with capsys.disabled():
        print(f"\n{what}: {size / 1e6:.1f} MB in {run.seconds:.1f} s "
              f"(exit {run.rc}, {len(run.out) / 1e6:.1f} MB of JSON)")


def news_block() -> str:
    """Realistic news prose with plenty of numbers, English and Russian."""
    return SEED_000.read_text(encoding="utf-8") + "\n\n" + SEED_002.read_text(encoding="utf-8") + "\n\n"


def test_20_mb_file(tmp_path, capsys):
    from auditor.extract import extract_text

    block = news_block()
    copies = 20 * 1024 * 1024 // len(block.encode()) + 1
    (tmp_path / "big.txt").write_text(block * copies, encoding="utf-8")
    size = (tmp_path / "big.txt").stat().st_size
    run = extract_json("big.txt", cwd=tmp_path, timeout=120)
    report_timing(capsys, "20 MB file", run, size)
    if run.rc == 2:  # refused: then with one clear line
        assert_one_error(run, "big.txt")
        assert len(run.err_lines) == 1
    else:
        assert run.rc == 0 and run.err == ""
        [doc] = run.json["documents"]
        per_block = len(extract_text(block).quantities)
        assert len(doc["quantities"]) >= copies * per_block * 0.95
        text = block * copies
        for q in doc["quantities"][:: max(1, len(doc["quantities"]) // 500)] + doc["quantities"][-1:]:
            assert text[q["start"] : q["end"]] == q["text"]
    assert run.seconds < 30


def test_1_mb_single_line(tmp_path, capsys):
    line = news_block().replace("\n", " ")
    text = line * (1024 * 1024 // len(line.encode()) + 1)
    assert "\n" not in text
    (tmp_path / "line.txt").write_text(text, encoding="utf-8")
    run = extract_json("line.txt", cwd=tmp_path, timeout=120)
    report_timing(capsys, "1 MB single line", run, len(text.encode()))
    assert run.rc == 0 and run.err == ""
    [doc] = run.json["documents"]
    assert doc["quantities"]
    for q in doc["quantities"][:: max(1, len(doc["quantities"]) // 200)]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["line"] == 1 and q["column"] == q["start"] + 1
    assert run.seconds < 30


def test_one_cyrillic_word_does_not_slow_english_text_down():
    # once, a single Cyrillic character switched the whole text to the Russian anchor regex: 10x slower
    from auditor.extract import extract_text

    english = SEED_000.read_text(encoding="utf-8") * 12  # about 430 kB
    extract_text("warm-up 5 km и 5 км")

    def seconds(text: str) -> float:
        t0 = time.perf_counter()
        extract_text(text)
        return time.perf_counter() - t0

    plain = seconds(english)
    mixed = seconds(english + "\n\nСлово.")
    assert mixed < 3 * plain + 0.5, f"English only {plain:.2f} s, with one Russian word {mixed:.2f} s"
