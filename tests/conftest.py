"""Shared fixtures: where the sample and real data live, a store on tmp_path, a CLI runner.

The real data (``../shared/data``) is read in place, never copied into the repository.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from corroborate import Article, Problem, ReadOptions, Store, read_inputs
from corroborate.read import Input

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"


@pytest.fixture(scope="session")
def examples() -> Path:
    assert (EXAMPLES / "README.md").is_file(), f"sample inputs missing: {EXAMPLES}"
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds() -> Path:
    assert SEEDS.is_dir(), f"the real data must sit beside the repository: {SEEDS} is missing"
    return SEEDS


@pytest.fixture(scope="session")
def seed_files(seeds: Path) -> list[Path]:
    files = sorted(seeds.glob("*.txt"))
    assert len(files) == 5, files
    return files


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.db") as s:
        yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """``run_cli("ingest", path, "--db", db, input=b"...")``: the typer app, stderr kept apart.

    Runs in tmp_path (pass absolute paths) so that a default ``corroborate.db`` never lands in
    the repository.
    """
    from corroborate.cli import app

    monkeypatch.delenv("CORROBORATE_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: Any, input: bytes | str | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


@pytest.fixture
def read_all() -> Callable[..., tuple[list[Article], list[Problem]]]:
    """Read paths (or :class:`Input` objects) and split what comes back."""

    def read(
        paths: Iterable[str | Path | Input], **options: Any
    ) -> tuple[list[Article], list[Problem]]:
        items = [p if isinstance(p, Input) else str(p) for p in paths]
        out = list(read_inputs(items, ReadOptions(**options)))
        articles = [a for a in out if isinstance(a, Article)]
        problems = [p for p in out if isinstance(p, Problem)]
        assert len(articles) + len(problems) == len(out)
        return articles, problems

    return read


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write a small generated input under tmp_path (bytes as given, str as UTF-8)."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def make_warc() -> Callable[..., bytes]:
    """WARC bytes (gzipped or not) from ``(uri, content_type, payload, status)`` responses,
    preceded by a warcinfo and, for each response, a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def build(
        responses: list[tuple[str, str, bytes, str]],
        *,
        gzip: bool = False,
        date: str = "2024-11-30T10:00:00Z",
    ) -> bytes:
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=gzip)
        info = b"software: corroborate tests\r\n"
        writer.write_record(
            writer.create_warc_record(
                "", "warcinfo", payload=io.BytesIO(info), length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={"WARC-Date": date},
            )
        )  # fmt: skip
        for uri, ctype, payload, status in responses:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    uri, "request", http_headers=request, warc_headers_dict={"WARC-Date": date}
                )
            )
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(payload), length=len(payload),
                    http_headers=headers, warc_headers_dict={"WARC-Date": date},
                )
            )  # fmt: skip
        return buf.getvalue()

    return build
