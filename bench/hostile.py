"""Hostile inputs (issue 16): each case in a fresh process, with its time, peak memory, the line
the user got and what was stored.

Reader cases build their input in a temporary folder (bombs made without writing out what they
expand to) and run ``corroborate ingest --no-stories`` in the child process (the command line in
process, standard error captured) into a temporary SQLite store; the case then checks the store
and raises if anything wrong was stored (a page's URL with another page's text, a bomb's
expansion, an XXE's file...). The web cases of ``bench/hostile_web.py`` (when that file exists:
its ``CASES`` list of ``(name, callable)``, each callable given a fresh temporary folder and
returning ``(line the user got, what was stored)``) run in the same harness.

The parent runs ``python bench/hostile.py --child --case NAME`` for each case, takes the child's
peak resident memory from ``wait4`` (ru_maxrss: imports included) and the time the child reports
(for a reader case the ingest alone, after a warm-up ingest of one good page has paid for the
imports; for a web case the whole callable), and prints a table.
A case passes under 5 s and 300 MB with nothing wrong stored; the exit status is 1 otherwise.
Stories are not assigned (``--no-stories``): the readers are what is measured, not the models.

    .venv/bin/python bench/hostile.py [--case NAME ...] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MAX_SECONDS = 5.0
MAX_MB = 300
Case = Callable[[Path], tuple[str, str]]
_timed: list[float] = []  # the ingest's own time, when a case runs one

HTTP_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
TOWNS = ["Millbrook", "Eastford", "Oakham", "Lindholm", "Carrow"]


# -- building inputs ---------------------------------------------------------------------------


def gzip_member(parts: list[tuple[bytes, int]]) -> bytes:
    """One gzip member of ``part * times`` for each part, compressed once (a full flush makes
    blocks independent, so copies of one block inflate to copies of the part)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"]
    crc = size = 0
    for part, times in parts:
        out.append(comp.compress(part) + comp.flush(zlib.Z_FULL_FLUSH))
        if times > 1:
            again = comp.compress(part) + comp.flush(zlib.Z_FULL_FLUSH)
            out.append(again * (times - 1))
        for _ in range(times):
            crc = zlib.crc32(part, crc)
        size += len(part) * times
    out.append(comp.flush() + struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def page(town: str) -> tuple[str, str, bytes]:
    title = f"Dam gives way above {town}"
    body = "".join(
        f"<p>{s}</p>"
        for s in (
            f"Hundreds of residents of {town} were evacuated on Tuesday after a dam upstream "
            "gave way following three days of heavy rain, officials said.",
            f"The regional emergency service said 14 people were missing near {town} and that "
            "rescue teams were searching the valley with boats and helicopters.",
            "The reservoir held about 2 million cubic metres of water, according to the "
            "operator, which said the cause of the failure was not yet known.",
        )
    )
    html = (
        f"<!doctype html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    )
    return f"https://news.example.org/{town.lower()}", title, html.encode()


def warc_record(uri: str, payload: bytes, length: int | None = None) -> bytes:
    block = HTTP_HEAD + payload
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bench>\r\n"
        + f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-30T10:00:00Z\r\n".encode()
        + b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(block) if length is None else length}\r\n\r\n".encode()
        + block
        + b"\r\n\r\n"
    )


def bomb_warc_gz(expanded: int) -> bytes:
    blank = b" " * (1 << 20)
    times = expanded // len(blank)
    head = warc_record("https://bomb.example/", b"", len(HTTP_HEAD) + len(blank) * times)
    return gzip_member([(head[:-4], 1), (blank, times), (b"\r\n\r\n", 1)])


# -- running and checking ----------------------------------------------------------------------


def ingest(tmp: Path, *paths: Any, stdin: Callable[[int], None] | None = None) -> str:
    """``corroborate ingest --no-stories`` in this process; its standard error, timed. ``stdin``
    writes to the given pipe descriptor (in a thread) what standard input gets."""
    from corroborate.cli import app

    args = ["ingest", *map(str, paths), "--db", str(tmp / "store.db"), "--no-stories"]
    err = io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        read_fd, write_fd = os.pipe()
        threading.Thread(target=stdin, args=(write_fd,), daemon=True).start()
        sys.stdin = io.TextIOWrapper(os.fdopen(read_fd, "rb"))
    start = time.perf_counter()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            app(args, standalone_mode=False)
    except SystemExit:
        pass
    finally:
        _timed.append(time.perf_counter() - start)
        sys.stdin = saved
    return err.getvalue()


def stored(tmp: Path) -> list[tuple[str, str, str]]:
    """(url, title, text) of every stored article."""
    db = tmp / "store.db"
    if not db.exists():
        return []
    with contextlib.closing(sqlite3.connect(db)) as con:
        return list(con.execute("SELECT url, title, text FROM articles ORDER BY input"))


def first_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    for line in lines:
        if any(c < " " and c != "\t" for c in line):
            raise AssertionError(f"a control character reached the terminal: {line!r}")
    return lines[0] if lines else "(nothing)"


def expect(rows: list[tuple[str, str, str]], n: int) -> str:
    if len(rows) != n:
        raise AssertionError(f"{len(rows)} articles stored, {n} expected")
    return f"{n} article{'s' * (n != 1)}"


def pages_match(rows: list[tuple[str, str, str]]) -> None:
    """Every stored page carries its own URL, title and text."""
    for url, title, text in rows:
        town = title.rsplit(" ", 1)[-1]
        if not url.endswith(town.lower()) or town not in text:
            raise AssertionError(f"{url} stored with title {title!r} and another page's text")


# -- the reader cases --------------------------------------------------------------------------


def case_gz_bomb_2gb(tmp: Path) -> tuple[str, str]:
    (tmp / "bomb.txt.gz").write_bytes(gzip_member([(b"word " * 209_715, 2048)]))
    line = first_line(ingest(tmp, tmp / "bomb.txt.gz"))
    return line, expect(stored(tmp), 0)


def case_warc_gz_bomb_64mb(tmp: Path) -> tuple[str, str]:
    (tmp / "bomb.warc.gz").write_bytes(bomb_warc_gz(64 << 20))
    line = first_line(ingest(tmp, tmp / "bomb.warc.gz"))
    return line, expect(stored(tmp), 0)


def case_warc_gz_bomb_2gb(tmp: Path) -> tuple[str, str]:
    (tmp / "bomb.warc.gz").write_bytes(bomb_warc_gz(2 << 30))
    line = first_line(ingest(tmp, tmp / "bomb.warc.gz"))
    return line, expect(stored(tmp), 0)


def _cut_crawl(gz: bool) -> bytes:
    records = [warc_record(uri, html) for uri, _, html in map(page, TOWNS)]
    records[2] = records[2][: len(records[2]) // 2]
    return b"".join(gzip.compress(r) if gz else r for r in records)


def case_warc_cut_record(tmp: Path) -> tuple[str, str]:
    (tmp / "cut.warc").write_bytes(_cut_crawl(gz=False))
    line = first_line(ingest(tmp, tmp / "cut.warc"))
    rows = stored(tmp)
    pages_match(rows)
    return line, expect(rows, 4) + ", each with its own URL"


def case_warc_gz_cut_record(tmp: Path) -> tuple[str, str]:
    (tmp / "cut.warc.gz").write_bytes(_cut_crawl(gz=True))
    line = first_line(ingest(tmp, tmp / "cut.warc.gz"))
    rows = stored(tmp)
    pages_match(rows)
    return line, expect(rows, 4) + ", each with its own URL"


def case_warc_gz_truncated(tmp: Path) -> tuple[str, str]:
    data = b"".join(gzip.compress(warc_record(u, h)) for u, _, h in map(page, TOWNS))
    (tmp / "end.warc.gz").write_bytes(data[:-300])
    line = first_line(ingest(tmp, tmp / "end.warc.gz"))
    rows = stored(tmp)
    pages_match(rows)
    return line, expect(rows, 4)


def case_jsonl_deep_line(tmp: Path) -> tuple[str, str]:
    good = [json.dumps({"text": html.decode(), "url": url}) for url, _, html in map(page, TOWNS)]
    deep = '{"text": ' + "[" * 200_000 + "]" * 200_000 + "}"
    (tmp / "deep.jsonl").write_text("\n".join([good[0], deep, good[1]]) + "\n")
    line = first_line(ingest(tmp, tmp / "deep.jsonl"))
    return line, expect(stored(tmp), 2)


def case_mixed_encodings(tmp: Path) -> tuple[str, str]:
    text = (
        "Café owners in Millbrook reopened on Tuesday after the flood, the mayor said.\n"
        "The river crested at 4.2 metres — the highest in a century, officials said.\n"
    ).encode() + "Le Café du Port was the last to reopen, its owner said.\n".encode("latin-1")
    (tmp / "mixed.txt").write_bytes(text)
    line = first_line(ingest(tmp, tmp / "mixed.txt"))
    rows = stored(tmp)
    if not rows or rows[0][2].count("Café") != 2:
        raise AssertionError("Café was not decoded on every line")
    return line, expect(rows, 1) + ", Café twice"


def case_utf16_no_bom(tmp: Path) -> tuple[str, str]:
    text = "Café owners in Millbrook reopened on Tuesday after the flood, the mayor said.\n"
    (tmp / "wide.txt").write_bytes((text * 4).encode("utf-16-le"))
    line = first_line(ingest(tmp, tmp / "wide.txt"))
    rows = stored(tmp)
    if not rows or "Café owners" not in rows[0][2]:
        raise AssertionError("UTF-16 text not decoded")
    return line, expect(rows, 1)


def case_hostile_names(tmp: Path) -> tuple[str, str]:
    folder = tmp / "in"
    folder.mkdir()
    (folder / "\x1b]0;pwned\x07\x1b[2J.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "a\nfailed: forged.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    err = ingest(tmp, folder)
    line = first_line(err)  # raises on a raw control character
    if len(err.splitlines()) != 2:
        raise AssertionError(f"{len(err.splitlines())} lines for 2 files")
    return line, expect(stored(tmp), 0)


def case_huge_stdin(tmp: Path) -> tuple[str, str]:
    chunk = b"The ferry to Lindholm resumed on Tuesday, the operator said. " * 16_000

    def feed(fd: int) -> None:
        with contextlib.suppress(OSError), os.fdopen(fd, "wb") as pipe:
            for _ in range(400_000_000 // len(chunk)):  # 400 MB
                pipe.write(chunk)

    line = first_line(ingest(tmp, "-", stdin=feed))
    return line, expect(stored(tmp), 0)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
)


def case_billion_laughs_xxe_feed(tmp: Path) -> tuple[str, str]:
    items = "".join(
        f"<item><title>{title}</title><link>{url}</link><description>{html.decode()} &j; &xxe;"
        "</description></item>"
        for url, title, html in map(page, TOWNS[:2])
    )
    (tmp / "laughs.xml").write_text(
        LAUGHS + f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    )
    line = first_line(ingest(tmp, tmp / "laughs.xml"))
    rows = stored(tmp)
    for _, _, text in rows:
        if "lollollol" * 4 in text or "root:" in text:
            raise AssertionError("an entity was expanded into a stored article")
    return line, f"{len(rows)} articles, no entity expanded"


def case_deep_html(tmp: Path) -> tuple[str, str]:
    _, _, html = page("Millbrook")
    (tmp / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 100_000 + html)
    line = first_line(ingest(tmp, tmp / "deep.html"))
    return line, f"{len(stored(tmp))} articles"


def case_folder_walk(tmp: Path) -> tuple[str, str]:
    folder = tmp / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(
        "The ferry to Lindholm resumed on Tuesday after a week of storms, the operator said.\n"
    )
    for name in ("a.pdf", "b.docx", "c.bin"):
        (folder / name).write_bytes(b"%PDF-1.4")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "loop", folder / "loop")
    err = ingest(tmp, folder)
    lines = [line for line in err.splitlines() if line.startswith("skipped:")]
    if len(lines) != 3:
        raise AssertionError(f"{len(lines)} skipped lines: {err!r}")
    return first_line(err), expect(stored(tmp), 1)


READER_CASES: dict[str, Case] = {
    "gz-bomb-2GB": case_gz_bomb_2gb,
    "warc.gz-bomb-64MB": case_warc_gz_bomb_64mb,
    "warc.gz-bomb-2GB": case_warc_gz_bomb_2gb,
    "warc-cut-record": case_warc_cut_record,
    "warc.gz-cut-record": case_warc_gz_cut_record,
    "warc.gz-truncated": case_warc_gz_truncated,
    "jsonl-deep-line": case_jsonl_deep_line,
    "mixed-encodings": case_mixed_encodings,
    "utf16-no-bom": case_utf16_no_bom,
    "hostile-names": case_hostile_names,
    "stdin-400MB": case_huge_stdin,
    "laughs-xxe-feed": case_billion_laughs_xxe_feed,
    "deep-html": case_deep_html,
    "folder-walk": case_folder_walk,
}


def all_cases() -> dict[str, Case]:
    """The reader cases, then bench/hostile_web.py's when it is there."""
    cases = dict(READER_CASES)
    web = HERE / "hostile_web.py"
    if web.exists():
        spec = importlib.util.spec_from_file_location("hostile_web", web)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["hostile_web"] = module
        spec.loader.exec_module(module)
        for name, case in module.CASES:
            cases[f"web:{name}"] = case
    return cases


# -- the harness -------------------------------------------------------------------------------


def warm_up() -> None:
    """Read one good page first, so that a case's time is its input's, not the imports' and
    the language model's loading."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="hostile-warm-") as tmp:
        _, _, html = page("Millbrook")
        (Path(tmp) / "page.html").write_bytes(html)
        (Path(tmp) / "page.txt").write_text("The ferry to Lindholm resumed on Tuesday.\n")
        ingest(Path(tmp), Path(tmp) / "page.html", Path(tmp) / "page.txt")
    _timed.clear()


def run_case(name: str) -> None:
    """In the child: run one case in a fresh temporary folder, print its result as JSON."""
    import tempfile

    case = all_cases()[name]
    if name in READER_CASES:
        warm_up()
    elif "hostile_web" in sys.modules:
        sys.modules["hostile_web"].warm()  # the app's imports are not the case's time
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        start = time.perf_counter()
        try:
            line, what = case(Path(tmp))
            ok, error = True, ""
        except Exception as exc:
            line, what, ok, error = "", "", False, f"{type(exc).__name__}: {exc}"
        seconds = _timed[-1] if _timed else time.perf_counter() - start
    print(json.dumps({"line": line, "stored": what, "ok": ok, "error": error,
                      "seconds": seconds}))  # fmt: skip


def measure(name: str) -> dict[str, Any]:
    """Run one case in a child process; its result, time and peak memory (from wait4)."""
    import tempfile

    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", "--case", name], stdout=out, stderr=err, env=env
        )
        timer = threading.Timer(600, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    result: dict[str, Any] = {"case": name, "mb": usage.ru_maxrss / 1024, "wall": wall}
    try:
        result.update(json.loads(stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        result.update(ok=False, line="", stored="", seconds=wall,
                      error=f"the child died: {stderr[-300:]}")  # fmt: skip
    result["pass"] = bool(
        result["ok"] and result["seconds"] < MAX_SECONDS and result["mb"] < MAX_MB
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", nargs="*", help="run these cases only")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_case(args.case[0])
        return 0
    names = args.case or list(all_cases())
    results = [measure(name) for name in names]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'case':<28} {'time':>7} {'peak MB':>8}  {'result':<6} line the user got / stored")
        for r in results:
            print(f"{r['case']:<28} {r['seconds']:>6.2f}s {r['mb']:>8.0f}  "
                  f"{'PASS' if r['pass'] else 'FAIL':<6} {r['line'][:110]}")  # fmt: skip
            print(f"{'':<54} stored: {r['stored'] or r['error']}")
        failed = [r["case"] for r in results if not r["pass"]]
        print(f"\n{len(results) - len(failed)} of {len(results)} cases pass "
              f"(under {MAX_SECONDS:.0f} s and {MAX_MB} MB, nothing wrong stored)"
              + (f"; failing: {', '.join(failed)}" if failed else ""))  # fmt: skip
    return 1 if any(not r["pass"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
