"""`corroborate report`: files written, terminal summary, several stories with an index, stored
stories, bad inputs and untrusted text. Uses the models (loaded once per test session)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_seeds_give_one_report(run_cli: Run, seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "aleppo"
    result = run_cli("report", seeds, "--out", out)
    assert result.exit_code == 0, result.output
    for name in ("report.json", "report.md", "report.html"):
        assert (out / name).stat().st_size > 1000, name
    doc = json.loads((out / "report.json").read_text())
    assert len(doc["sources"]) == 5 and len(doc["independence_groups"]) == 3
    assert "Brief" in result.stdout and "Conflicts" in result.stdout
    assert "copies of one text, counted once" in result.stdout
    assert "wrote" in result.stderr and str(out / "report.html") in result.stderr
    md = (out / "report.md").read_text()
    assert "## Brief" in md and "## Conflicts" in md and "over 300 people" in md


def test_words_and_json_output(run_cli: Run, seeds: Path, tmp_path: Path) -> None:
    result = run_cli("report", seeds, "--out", tmp_path / "r", "--words", "60", "-f", "json", "-q")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["brief"]["words"] <= 60 or len(doc["brief"]["sentences"]) == 1
    assert result.stderr == ""


def test_several_stories_give_an_index(
    run_cli: Run, seeds: Path, examples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "many"
    result = run_cli("report", seeds, examples, "--out", out)
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert len(index["stories"]) == 2, index
    labels = " ".join(s["label"] for s in index["stories"])
    assert "Aleppo" in labels and "dam" in labels.lower()
    for story in index["stories"]:
        folder = out / str(story["id"])
        assert (folder / "report.html").is_file() and (folder / "report.md").is_file()
        assert story["path"] == f"{story['id']}/report.html"
    assert (out / "index.html").is_file() and (out / "index.md").is_file()
    assert "with fewer than 2 articles left out" in result.stderr  # the unrelated items
    dam = next(s for s in index["stories"] if "dam" in s["label"].lower())
    check_example_conflicts(json.loads((out / dam["id"] / "report.json").read_text()))


def check_example_conflicts(doc: dict[str, Any]) -> None:
    """The conflicts examples/README.md lists, as the report finds them."""
    values = {f"{c['kind']}: " + " | ".join(s["value"] for s in c["sides"])
              for c in doc["conflicts"]}  # fmt: skip
    assert any("2,300" in v and "3,200" in v for v in values), values  # evacuated
    assert any("40" in v and "47" in v for v in values), values  # injured, other source and days
    assert "day: Tuesday | Wednesday" in values  # the prefect's announcement
    assert any(v.startswith("day: Monday | Tuesday") for v in values)  # evacuation order
    assert any(v.startswith("state: bridge closed") and "collapsed" in v for v in values)
    injured = next(c for c in doc["conflicts"] if "47" in c["sides"][-1]["value"])
    assert "different sources" in injured["note"] and injured["confidence"] < 0.9


def test_bad_inputs_are_named_and_the_rest_goes_on(
    run_cli: Run, seed_files: list[Path], write: Callable[[str, bytes | str], Path], tmp_path: Path
) -> None:
    binary = write("photo.txt", bytes(range(256)) * 20)
    empty = write("empty.txt", "")
    out = tmp_path / "r"
    result = run_cli("report", *seed_files, binary, empty, "--out", out, "--one-story")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "photo.txt" in line]
    assert len(lines) == 1 and lines[0].startswith("failed:")
    assert sum("empty.txt" in line for line in result.stderr.splitlines()) == 1
    assert len(json.loads((out / "report.json").read_text())["sources"]) == 5


def test_nothing_readable_is_an_error(
    run_cli: Run, write: Callable[[str, bytes | str], Path], tmp_path: Path
) -> None:
    empty = write("empty.txt", "")
    result = run_cli("report", empty, "--out", tmp_path / "r")
    assert result.exit_code == 1
    assert "no article could be read" in result.stderr
    assert not (tmp_path / "r").exists()


def test_unwritable_out_is_one_clear_line(
    run_cli: Run, seed_files: list[Path], write: Callable[[str, bytes | str], Path]
) -> None:
    blocker = write("taken", "a file where the folder should be")
    result = run_cli("report", *seed_files[:2], "--out", blocker, "-q")
    assert result.exit_code == 1
    assert f"{blocker}: cannot write the report" in result.stderr
    assert "Traceback" not in result.output


HOSTILE = (
    "Rebels [bold red]seized[/] the airport of Newtown on Monday, the army said. "
    "<script>document.title='PWNED'</script> At least 12 people were killed, officials said. "
    "*Officials* said the [airport](javascript:alert(1)) was closed | shut."
)


def test_untrusted_text_is_escaped_in_markdown_and_terminal(
    run_cli: Run, write: Callable[[str, bytes | str], Path], tmp_path: Path
) -> None:
    a = write("a.txt", "Attack on Newtown\n" + HOSTILE)
    b = write(
        "b.txt",
        "Newtown attack\nAt least 12 people were killed in Newtown on Monday, "
        "the army said. <img src=x onerror=alert(1)> The airport was closed on Monday.",
    )
    out = tmp_path / "r"
    result = run_cli("report", a, b, "--out", out, "--one-story")
    assert result.exit_code == 0, result.output
    md = (out / "report.md").read_text()
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md or "script" not in md
    assert "[airport](javascript:" not in md  # brackets escaped: no link can form
    html = (out / "report.html").read_text()
    assert "<script>document" not in html and "<img src=x" not in html


def test_stored_story(
    run_cli: Run, examples: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("ingest", examples, "--db", db_path, "-q").exit_code == 0
    out = tmp_path / "stored"
    result = run_cli("report", "--db", db_path, "--out", out)
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "report.json").read_text())
    assert len(doc["sources"]) >= 5 and doc["story"]["id"].startswith("s")
    story = doc["story"]["id"]
    # the report is kept in the store: a second run reads it back, --refresh remakes it
    import corroborate.report.build as build

    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the cached report should have been used")

    monkeypatch.setattr(build, "build_stored_report", fail)
    again = run_cli("report", "--db", db_path, "--story", story[:6], "--out", tmp_path / "again")
    assert again.exit_code == 0, again.output
    assert json.loads((tmp_path / "again" / "report.json").read_text()) == doc
    monkeypatch.undo()
    fresh = run_cli("report", "--db", db_path, "--story", story, "--out", tmp_path / "fresh",
                    "--refresh", "-q")  # fmt: skip
    assert fresh.exit_code == 0, fresh.output
    assert json.loads((tmp_path / "fresh" / "report.json").read_text())["brief"] == doc["brief"]
    missing = run_cli("report", "--db", db_path, "--story", "nosuch")
    assert missing.exit_code == 1 and "no story with id 'nosuch'" in missing.stderr


def test_story_and_paths_together_is_a_usage_error(run_cli: Run, seed_files: list[Path]) -> None:
    result = run_cli("report", seed_files[0], "--story", "s123")
    assert result.exit_code == 2 and "not both" in result.stderr
