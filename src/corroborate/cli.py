"""The ``corroborate`` command: parses, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer

from corroborate import __version__
from corroborate.errors import CorroborateError

app = typer.Typer(
    help="Turn a pile of news reports into one cross-checked account.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

DEFAULT_DB = "corroborate.db"


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="CORROBORATE_DB",
        help="SQLite file of the store (created if missing). Env: CORROBORATE_DB.",
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output: text for people, json or jsonl for programs."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no notes; problems still shown.")
]
PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders (read recursively), glob patterns, or - for standard input."
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(help="Publication date (ISO 8601) for inputs that carry none, e.g. 2024-11-30."),
]
SourceOption = Annotated[str | None, typer.Option(help="Outlet name for inputs that carry none.")]
MaxSizeOption = Annotated[
    str, typer.Option("--max-size", help="Largest file (or WARC record) to read, e.g. 50MB, 500k.")
]
NoCleanOption = Annotated[
    bool, typer.Option("--no-clean", help="Keep every line: do not remove site junk.")
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"corroborate: {message}", err=True)
    return typer.Exit(code)


def _options(published: str | None, source: str | None, max_size: str, no_clean: bool) -> Any:
    from corroborate.config import ReadOptions, parse_size

    try:
        return ReadOptions(
            max_bytes=parse_size(max_size), published=published, source=source, clean=not no_clean
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@contextmanager
def _progress(quiet: bool, total: int) -> Iterator[Any]:
    """A rich progress bar on standard error, only when it is a terminal and not --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[articles]} stored"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        progress.add_task("reading", total=total, articles=0)
        yield progress


def _say(progress: Any, line: str) -> None:
    if progress is not None:
        progress.console.print(line, markup=False, highlight=False)
    else:
        typer.echo(line, err=True)


def _emit(data: Any, fmt: Format) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for row in data:
            typer.echo(json.dumps(row, ensure_ascii=False))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"corroborate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """corroborate: cross-check news reports of one event."""


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    published: PublishedOption = None,
    source: SourceOption = None,
    max_size: MaxSizeOption = "50MB",
    no_clean: NoCleanOption = False,
    no_stories: Annotated[
        bool, typer.Option("--no-stories", help="Do not assign new articles to stories now.")
    ] = False,
    fmt: FormatOption = Format.text,
    quiet: QuietOption = False,
) -> None:
    """Read articles, keep them in the store and assign the new ones to stories.

    Reads plain text and Markdown pastes, HTML pages, RSS/Atom feeds, WARC crawls and JSON Lines;
    an article already stored is not stored again. Inputs that cannot be read get one line each
    on standard error; the exit status is 1 only when nothing could be read.

    Example: corroborate ingest examples/ --db news.db
    """
    from corroborate.ingest import ingest as run
    from corroborate.read import Input, expand_paths
    from corroborate.store import Store

    options = _options(published, source, max_size, no_clean)
    items = list(expand_paths(paths))
    total = sum(isinstance(i, Input) for i in items)
    try:
        store = Store(db)
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    with store, _progress(quiet, total) as bar:

        def on_input(inp: Input) -> None:
            if bar is not None:
                task = bar.task_ids[0]
                done = bar.tasks[0].completed
                bar.update(task, description=_short(inp.name), completed=done + 1)

        def on_problem(problem: Any) -> None:
            if problem.level != "note" or not quiet:
                _say(bar, str(problem))

        def on_article(article: Any, is_new: bool) -> None:
            if bar is not None:
                bar.update(bar.task_ids[0], articles=bar.tasks[0].fields["articles"] + 1)

        try:
            report = run(
                items,
                store,
                options,
                on_input=on_input,
                on_problem=on_problem,
                on_article=on_article,
            )
        except CorroborateError as exc:
            raise _fail(str(exc)) from None
        update = None
        if not no_stories:  # also picks up articles an interrupted run left without a story
            from corroborate.assign import update_stories

            update = update_stories(store)
        stored = len(store)
    if fmt is Format.text:
        typer.echo(report.summary())
        if update is not None and update.assigned:
            typer.echo(f"stories: {update.summary()}")
        if not quiet:
            typer.echo(f"store: {db} ({stored} articles)")
    elif fmt is Format.json:
        data = report.to_dict()
        data["stories"] = None if update is None else update.to_dict()
        _emit(data, fmt)
    else:
        _emit(report.articles, fmt)
    if not report.ok:
        raise typer.Exit(1)


def _note_fallback() -> None:
    """Say so when the sentence model is missing and the lexical stand-in is used."""
    from corroborate.embed import LexicalEmbedder, get_embedder

    if isinstance(get_embedder(), LexicalEmbedder):
        typer.echo(
            "note: sentence-transformers is not installed: lexical stand-in, no paraphrase "
            "detection (pip install 'corroborate[embed]')",
            err=True,
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else "…" + name[-(width - 1) :]


def _summary_row(article: Any, ingested_at: str | None = None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "words": article.words,
        "paragraphs": len(article.paragraphs),
        "removed": len(article.removed),
        "input": article.input,
        "kind": article.kind,
        "ingested_at": ingested_at,
    }


@app.command("list")
def list_(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show what is stored, newest first.

    Example: corroborate list --db news.db --format jsonl
    """
    from corroborate.store import Store

    if not os.path.exists(db):
        raise _fail(f"{db}: no such store; run corroborate ingest first")
    try:
        with Store(db) as store:
            rows = [_summary_row(a, at) for a, at in store.articles_with_time(limit)]
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if fmt is not Format.text:
        _emit(rows, fmt)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} articles in {db}", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("source", max_width=24)
    table.add_column("published", no_wrap=True)
    for col in ("lang", "words", "junk"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("title or input", ratio=1)
    for r in rows:
        table.add_row(
            r["id"],
            r["source"] or "",
            (r["published"] or "")[:10],
            r["language"] or "",
            str(r["words"]),
            str(r["removed"]),
            r["title"] or r["input"],
        )
    width = None if sys.stdout.isatty() else shutil.get_terminal_size((120, 24)).columns
    Console(markup=False, highlight=False, width=width).print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.text,
) -> None:
    """Print one stored article: metadata, cleaned text and the junk lines removed from it.

    Example: corroborate show 3f2a9c --db news.db
    """
    from corroborate.store import Store

    if not os.path.exists(db):
        raise _fail(f"{db}: no such store; run corroborate ingest first")
    try:
        with Store(db) as store:
            article = store.get(article_id)
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if article is None:
        raise _fail(f"no article with id {article_id!r} (or the prefix is not unique)")
    if fmt is not Format.text:
        data = article.to_dict()
        _emit(data if fmt is Format.json else [data], fmt)
        return
    _print_article(article)


def _print_article(article: Any) -> None:
    for key in ("id", "title", "source", "published", "url", "author", "language", "input", "kind"):
        value = getattr(article, key)
        if value:
            typer.echo(f"{key}: {value}")
    typer.echo("")
    typer.echo(article.text)
    if article.removed:
        typer.echo("")
        typer.echo(f"removed ({len(article.removed)} lines):")
        for r in article.removed:
            typer.echo(f"  line {r.line + 1} [{r.reason}] {r.text}")


@app.command()
def extract(
    paths: PathsArg,
    published: PublishedOption = None,
    source: SourceOption = None,
    max_size: MaxSizeOption = "50MB",
    no_clean: NoCleanOption = False,
    fmt: FormatOption = Format.text,
) -> None:
    """Read and clean articles without storing them; print them.

    With --format jsonl, one article per line (fields as in docs/formats.md): the entry point for
    benchmarks and other tools. Problems go to standard error.

    Example: corroborate extract page.html --format jsonl
    """
    from corroborate.read import read_inputs
    from corroborate.records import Problem

    options = _options(published, source, max_size, no_clean)
    articles = []
    read = 0
    for item in read_inputs(paths, options):
        if isinstance(item, Problem):
            typer.echo(str(item), err=True)
            continue
        read += 1
        if fmt is Format.jsonl:
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        elif fmt is Format.json:
            articles.append(item.to_dict())
        else:
            if read > 1:
                typer.echo("\n" + "-" * 72)
            _print_article(item)
    if fmt is Format.json:
        _emit(articles, fmt)
    if read == 0:
        raise typer.Exit(1)


@app.command()
def stories(
    story: Annotated[
        str | None, typer.Argument(help="Show only this story (id or unique id prefix).")
    ] = None,
    db: DbOption = DEFAULT_DB,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Cluster every article afresh.")
    ] = False,
    limit: Annotated[
        int, typer.Option(help="Show at most this many stories, newest first (0: all).")
    ] = 20,
    groups: Annotated[
        bool,
        typer.Option(
            "--groups/--no-groups",
            help="Work out each story's independence groups (sentence model; slower).",
        ),
    ] = True,
    fmt: FormatOption = Format.text,
) -> None:
    """Group the stored articles into stories and show them, newest first.

    Assigns articles not yet in a story (all of them with --rebuild). Each story shows its
    label, time span, articles and independence groups (articles derived from one text; worked
    out with the sentence model for the stories shown, then cached). --format jsonl prints the
    whole assignment, one {"article", "story"} object per line.

    Example: corroborate stories --db news.db --format json
    """
    from corroborate.assign import story_report, update_stories
    from corroborate.store import Store

    if not os.path.exists(db):
        raise _fail(f"{db}: no such store; run corroborate ingest first")
    try:
        with Store(db) as store:
            update = update_stories(store, rebuild=rebuild)
            if fmt is Format.jsonl:
                for article_id, story_id in sorted(store.story_of().items()):
                    typer.echo(json.dumps({"article": article_id, "story": story_id}))
                return
            report = story_report(store, groups=groups, limit=limit or None, story_id=story)
            if groups:
                _note_fallback()
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if story is not None and len(report) != 1:
        raise _fail(f"no story with id {story!r} (or the prefix is not unique)")
    if fmt is Format.json:
        _emit({"update": update.to_dict(), "stories": report}, fmt)
        return
    typer.echo(update.summary())
    for entry in report:
        span = " to ".join(sorted({(d or "")[:10] for d in (entry["first"], entry["last"]) if d}))
        typer.echo("")
        typer.echo(f"{entry['id']}  {entry['label']}")
        parts = [_count(len(entry["articles"]), "article")]
        if entry["groups"]:
            parts.append(_count(len(entry["groups"]), "independent source"))
        if span:
            parts.append(span)
        typer.echo("  " + ", ".join(parts))
        for group_no, group in enumerate(entry["groups"] or [[a["id"] for a in entry["articles"]]]):
            for article_id in group:
                a = next(x for x in entry["articles"] if x["id"] == article_id)
                mark = f"[{group_no + 1}]" if entry["groups"] else "  -"
                typer.echo(f"    {mark} {a['id']}  {a['label']}")


@app.command()
def claims(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Inputs to read and parse without storing them; leave out to use the store."
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    article: Annotated[
        str | None, typer.Option(help="Only this stored article (id or unique id prefix).")
    ] = None,
    limit: Annotated[
        int, typer.Option(help="Show the claims of at most this many stored articles (0: all).")
    ] = 0,
    published: PublishedOption = None,
    source: SourceOption = None,
    max_size: MaxSizeOption = "50MB",
    no_clean: NoCleanOption = False,
    model: Annotated[
        str | None,
        typer.Option(
            envvar="CORROBORATE_SPACY_MODEL",
            help="spaCy model: package name or pipeline folder. Env: CORROBORATE_SPACY_MODEL.",
        ),
    ] = None,
    fmt: FormatOption = Format.text,
    quiet: QuietOption = False,
) -> None:
    """Break articles into claims: who did what, how many, when, where, according to whom.

    With PATHS, reads those inputs (any format ingest reads) and prints their claims without
    storing anything; a JSON Lines input keeps each line's own "id" on its claims as input_id.
    Without PATHS, parses the stored articles that have no claims yet, stores their claims and
    prints the claims of the store (or of one --article). Fields: docs/formats.md.

    Example: corroborate claims --db news.db --format jsonl
    """
    from corroborate.claims import extract_many, update_claims
    from corroborate.read import Input, expand_paths, read_inputs
    from corroborate.records import Problem
    from corroborate.store import Store

    results: list[tuple[Any, list[Any]]] = []
    try:
        if paths:
            options = _options(published, source, max_size, no_clean)
            items = list(expand_paths(paths))
            total = sum(isinstance(i, Input) for i in items)
            articles = []
            with _progress(quiet, total) as bar:
                for item in read_inputs(items, options):
                    if isinstance(item, Problem):
                        if item.level != "note" or not quiet:
                            _say(bar, str(item))
                        continue
                    articles.append(item)
            if not articles:
                raise _fail("no article could be read", 1)
            from corroborate.claims import other_language, too_long

            with _progress(quiet, len(articles)) as bar:

                def failed(art: Any, exc: Exception) -> None:
                    _say(bar, _failed_line(art, f"{type(exc).__name__}: {exc}"))

                for found in extract_many(articles, model=model, on_error=failed):
                    results.append(found)
                    _advance(bar, found[1])
                    if not quiet and other_language(found[0]):
                        _say(bar, _language_note(found[0]))
                    elif not quiet and too_long(found[0]):
                        _say(bar, _too_long_note(found[0]))
        else:
            if not os.path.exists(db):
                raise _fail(f"{db}: no such store; run corroborate ingest first or give PATHS")
            with Store(db) as store:
                from corroborate.claims import extractor_name

                only = None
                if article is not None:
                    found_article = store.get(article)
                    if found_article is None:
                        raise _fail(f"no article with id {article!r} (or the prefix is not unique)")
                    only = [found_article.id]
                todo = 1 if only else store.count_without_claims(extractor_name(model))
                with _progress(quiet, todo) as bar:
                    update = update_claims(
                        store,
                        model=model,
                        on_article=lambda a, c: _advance(bar, c),
                        article_ids=only,
                    )
                for bad, reason in update.failed:
                    typer.echo(_failed_line(bad, reason), err=True)
                if not quiet:
                    for skipped in update.other_language:
                        typer.echo(_language_note(skipped), err=True)
                    for skipped in update.too_long:
                        typer.echo(_too_long_note(skipped), err=True)
                if update.articles and not quiet and fmt is Format.text:
                    typer.echo(f"claims: {update.summary()}", err=True)
                if only is not None:
                    chosen = store.articles_by_id(only)
                else:
                    chosen = list(store.articles())[::-1]  # ingest order
                    if limit > 0:
                        chosen = chosen[:limit]
                for art in chosen:
                    results.append((art, list(store.claims([art.id]))))
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if fmt is Format.jsonl:
        for _, found_claims in results:
            for claim in found_claims:
                typer.echo(json.dumps(claim.to_dict(), ensure_ascii=False))
    elif fmt is Format.json:
        _emit(
            [
                {
                    "article": art.id,
                    "label": art.label,
                    "input_id": art.input_id,
                    "claims": [c.to_dict() for c in found_claims],
                }
                for art, found_claims in results
            ],
            fmt,
        )
    else:
        for number, (art, found_claims) in enumerate(results):
            if number:
                typer.echo("")
            _print_claims(art, found_claims)


@app.command()
def report(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Inputs to read (not stored); leave out to report on stored stories."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    story: Annotated[
        str | None, typer.Option(help="Only this stored story (id or unique id prefix).")
    ] = None,
    out: Annotated[
        str, typer.Option("--out", "-o", help="Folder for report.json, report.md, report.html.")
    ] = "corroborate-report",
    words: Annotated[
        int, typer.Option(min=20, max=2000, help="Length of the brief, in words.")
    ] = 200,
    one_story: Annotated[
        bool,
        typer.Option("--one-story", help="Treat all PATHS as one story (do not cluster them)."),
    ] = False,
    min_articles: Annotated[
        int,
        typer.Option(
            min=1, help="With several stories, report only those with at least this many articles."
        ),
    ] = 2,
    limit: Annotated[
        int, typer.Option(help="Stored stories: at most this many, newest first (0: all).")
    ] = 20,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh", help="Stored stories: remake reports the store keeps from earlier runs."
        ),
    ] = False,
    published: PublishedOption = None,
    source: SourceOption = None,
    max_size: MaxSizeOption = "50MB",
    no_clean: NoCleanOption = False,
    model: Annotated[
        str | None,
        typer.Option(
            envvar="CORROBORATE_SPACY_MODEL",
            help="spaCy model: package name or pipeline folder. Env: CORROBORATE_SPACY_MODEL.",
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="text: a summary for people; json: report.json."),
    ] = Format.text,
    quiet: QuietOption = False,
) -> None:
    """Cross-check the articles of a story: corroborated facts, conflicts, unique claims, brief.

    With PATHS, reads those inputs (any format ingest reads) without storing them, groups them
    into stories (unless --one-story) and reports on each. Without PATHS, reports on the stored
    stories (or one --story), extracting and storing claims they lack, and keeps each report
    in the store until the story's articles, the models or --words change. One story gives
    OUT/report.json, report.md and report.html; several give OUT/<story id>/ each and an
    index (index.html, .md, .json). Fields of report.json: docs/report.md.

    Example: corroborate report ../shared/data/seeds/ --out aleppo
    """
    from rich.console import Console

    from corroborate.report.terminal import print_report
    from corroborate.report.write import index_entry, write_index, write_report

    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    docs: list[dict[str, Any]] = []

    def note(line: str) -> None:
        if not quiet:
            err.print(line, markup=False, highlight=False)

    def failed(article: Any, reason: str) -> None:
        err.print(_failed_line(article, reason), markup=False, highlight=False)

    try:
        if paths:
            if story is not None:
                raise _fail("--story picks a stored story; give PATHS or --story, not both", 2)
            groups = _report_inputs(paths, published, source, max_size, no_clean, one_story, quiet)
            kept = [g for g in groups if len(g) >= min_articles] if len(groups) > 1 else groups
            if len(kept) < len(groups):
                skipped = len(groups) - len(kept)
                note(f"{skipped} stor{'ies' if skipped != 1 else 'y'} with fewer than "
                     f"{min_articles} articles left out (--min-articles)")  # fmt: skip
            if not kept:
                raise _fail("no story has enough articles for a report (see --min-articles)", 1)
            from corroborate.report.build import build_report

            for number, articles in enumerate(kept, 1):
                if len(kept) > 1:
                    note(f"report {number}/{len(kept)}: {len(articles)} articles")
                built = build_report(articles, words=words, model=model, on_error=failed)
                docs.append(built.to_dict())
        else:
            docs = _report_stored(
                db, story, words, model, limit, min_articles, note, failed, refresh
            )
    except CorroborateError as exc:
        raise _fail(str(exc)) from None

    single = len(docs) == 1
    try:
        entries = []
        for doc in docs:
            folder = out if single else os.path.join(out, str(doc["story"]["id"]))
            written = write_report(doc, folder)
            for doc_note in doc.get("notes") or []:
                note(f"note: {doc_note}")
            entries.append(index_entry(doc, "report.html" if single else
                                       f"{doc['story']['id']}/report.html"))  # fmt: skip
            if single:
                files = written
        if not single:
            files = write_index(entries, out, f"{len(docs)} stories")
    except OSError as exc:
        raise _fail(f"{out}: cannot write the report ({exc.strerror or exc})") from None

    if fmt is Format.json:
        payload = docs[0] if single else docs
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt is Format.jsonl:
        for doc in docs:
            typer.echo(json.dumps(doc, ensure_ascii=False))
    elif single:
        print_report(docs[0], console)
    else:
        for entry in entries:
            console.print(
                f"{entry['id']}  {entry['sources']} sources, {entry['independent']} independent, "
                f"{entry['facts']} facts, {entry['conflicts']} conflicts, {entry['unique']} unique"
                f"  {entry['label']}",
                markup=False,
            )
    note("wrote " + ", ".join(str(f) for f in files))


def _report_inputs(
    paths: list[str],
    published: str | None,
    source: str | None,
    max_size: str,
    no_clean: bool,
    one_story: bool,
    quiet: bool,
) -> list[list[Any]]:
    """The readable articles of ``paths`` (problems said, copies of one input once), grouped
    into stories."""
    from corroborate.read import Input, expand_paths, read_inputs
    from corroborate.records import Problem

    options = _options(published, source, max_size, no_clean)
    items = list(expand_paths(paths))
    total = sum(isinstance(i, Input) for i in items)
    articles: dict[str, Any] = {}
    with _progress(quiet, total) as bar:
        for item in read_inputs(items, options):
            if isinstance(item, Problem):
                if item.level != "note" or not quiet:
                    _say(bar, str(item))
                continue
            if item.id in articles:
                if not quiet:
                    _say(bar, f"note: {item.input}: same text as {articles[item.id].input}; "
                              "read once")  # fmt: skip
                continue
            articles[item.id] = item
    if not articles:
        raise _fail("no article could be read", 1)
    if one_story:
        return [list(articles.values())]
    from corroborate.report.build import split_stories

    return split_stories(list(articles.values()))


def _report_stored(
    db: str,
    story_id: str | None,
    words: int,
    model: str | None,
    limit: int,
    min_articles: int,
    note: Any,
    failed: Any,
    refresh: bool,
) -> list[dict[str, Any]]:
    from corroborate.assign import update_stories
    from corroborate.report.build import stored_report
    from corroborate.store import Store

    if not os.path.exists(db):
        raise _fail(f"{db}: no such store; run corroborate ingest first or give PATHS")
    docs = []
    with Store(db) as store:
        update = update_stories(store)
        if update.assigned:
            note(f"stories: {update.summary()}")
        stories = store.stories()
        if story_id is not None:
            stories = [s for s in stories if s.id.startswith(story_id)]
            if len(stories) != 1:
                raise _fail(f"no story with id {story_id!r} (or the prefix is not unique)")
        elif len(stories) > 1:
            stories = [s for s in stories if len(s.articles) >= min_articles]
            if not stories:
                raise _fail("no stored story has enough articles for a report (--min-articles)")
            stories = stories[: limit or None]
        for number, chosen in enumerate(stories, 1):
            if len(stories) > 1:
                note(f"report {number}/{len(stories)}: {chosen.id} ({len(chosen.articles)} "
                     "articles)")  # fmt: skip
            docs.append(stored_report(store, chosen, words=words, model=model, on_error=failed,
                                      refresh=refresh))  # fmt: skip
    return docs


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. The default serves this machine only."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_size: MaxSizeOption = "50MB",
    max_files: Annotated[int, typer.Option(min=1, help="Most files one upload may carry.")] = 20,
    background: Annotated[
        bool,
        typer.Option(
            "--background/--no-background",
            help="Make the reports of stories that get new articles right away, in the background.",
        ),
    ] = True,
) -> None:
    """Serve the store as a local web app (stories, reports, articles, add) and a JSON API.

    Pages at http://HOST:PORT/, the API under /api/ (documented at /api/docs, schema at
    /api/openapi.json). Listens on 127.0.0.1 only, unless --host says otherwise: --host 0.0.0.0
    lets anyone who can reach this machine read the store and add articles to it.

    Example: corroborate serve --db news.db --port 8080
    """
    from corroborate.config import parse_size

    try:
        limit = parse_size(max_size)
    except ValueError as exc:
        raise _fail(f"--max-size: {exc}", 2) from None
    try:
        import uvicorn

        from corroborate.web.app import create_app

        application = create_app(db, max_upload_bytes=limit, max_files=max_files,
                                 background=background)  # fmt: skip
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(
            f"note: listening on {host}: anyone who can reach this machine can read {db} and add "
            "articles to it",
            err=True,
        )
    import logging

    errors = logging.StreamHandler()  # the app's failures (a 500, a background report) with
    errors.setFormatter(logging.Formatter("%(levelname)s: %(name)s: %(message)s"))  # tracebacks
    logging.getLogger("corroborate").addHandler(errors)
    logging.getLogger("corroborate").setLevel(logging.WARNING)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    typer.echo(f"serving {db} at {url} (API: {url}api/, docs: {url}api/docs); Ctrl-C stops",
               err=True)  # fmt: skip
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _failed_line(article: Any, reason: str) -> str:
    return f"failed: {article.input or article.id}: claims could not be extracted ({reason})"


def _too_long_note(article: Any) -> str:
    from corroborate.claims.extract import MAX_ARTICLE_CHARS

    return (
        f"note: {article.input or article.id}: {len(article.text):,} characters, over the "
        f"{MAX_ARTICLE_CHARS:,} parsed for claims: no claims"
    )


def _language_note(article: Any) -> str:
    return (
        f"note: {article.input or article.id}: written in {article.language!r}: no claims "
        "(the parser reads English)"
    )


def _advance(bar: Any, found: list[Any]) -> None:
    if bar is not None:
        task = bar.tasks[0]
        bar.update(
            bar.task_ids[0],
            description="parsing",
            completed=task.completed + 1,
            articles=task.fields["articles"] + len(found),
        )


def _print_claims(article: Any, claims: list[Any]) -> None:
    """Claims for people: one block a claim, its slots indented under it."""
    typer.echo(f"{article.id}  {article.label}  ({_count(len(claims), 'claim')})")
    for claim in claims:
        core = " | ".join(part or "-" for part in (claim.subject, _predicate(claim), claim.object))
        notes = []
        if claim.attribution is not None:
            who = claim.attribution.source or "unnamed source"
            notes.append(f"source: {who} ({claim.attribution.cue})")
        if claim.hedge:
            notes.append(f"hedge: {claim.hedge}")
        typer.echo(
            f"  s{claim.sentence + 1:<3} {core}" + (f"   [{'; '.join(notes)}]" if notes else "")
        )
        pad = "       "
        if claim.quantities:
            typer.echo(pad + "figures: " + "; ".join(_figure(q) for q in claim.quantities))
        if claim.times:
            typer.echo(pad + "when: " + "; ".join(_when(t) for t in claim.times))
        if claim.places:
            typer.echo(
                pad
                + "where: "
                + "; ".join(
                    f"{p.text}" + (f" ({p.name}, {p.country})" if p.country else "")
                    for p in claim.places
                )
            )
        if claim.actors:
            typer.echo(pad + "actors: " + "; ".join(f"{a.text} ({a.type})" for a in claim.actors))
        for quote in claim.quotes:
            words = quote.text if len(quote.text) <= 70 else quote.text[:69] + "…"
            mark = f"“{words}”" if quote.kind == "direct" else f"(indirect) {words}"
            typer.echo(pad + f"quote: {mark} — {quote.speaker or 'speaker unknown'}")


def _predicate(claim: Any) -> str | None:
    if claim.predicate is None:
        return None
    return f"not {claim.predicate}" if claim.negated else claim.predicate


def _figure(q: dict[str, Any]) -> str:
    parts = [q["text"]]
    if q.get("counted"):
        parts.append(q["counted"])
    extra = [x for x in (q.get("qualifier"), q.get("role")) if x and x != "exact"]
    if q.get("between"):
        extra.append(" to ".join(q["between"]))
    return " ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def _when(t: Any) -> str:
    resolved = t.date or t.weekday or t.clock
    if t.end_date:
        resolved = f"{t.date}..{t.end_date}"
    if t.clock and t.kind == "time":
        resolved = (
            t.clock + (f" {t.zone}" if t.zone else "") + (f" = {t.also_as}" if t.also_as else "")
        )
    return (
        f"{t.text} ({t.kind}" + (f": {resolved}" if resolved and resolved != t.text else "") + ")"
    )


@app.command()
def duplicates(
    db: DbOption = DEFAULT_DB,
    threshold: Annotated[
        float, typer.Option(help="Least estimated Jaccard similarity of 5-word shingles.")
    ] = 0.5,
    fmt: FormatOption = Format.text,
) -> None:
    """List near-duplicate articles across the whole store (MinHash LSH, no all-pairs compare).

    Finds copies of one text under different outlets or URLs, however many articles are stored.

    Example: corroborate duplicates --db news.db --threshold 0.8
    """
    from corroborate.reuse import ReuseConfig, near_duplicates
    from corroborate.store import Store

    if not os.path.exists(db):
        raise _fail(f"{db}: no such store; run corroborate ingest first")
    try:
        config = ReuseConfig(lsh_threshold=threshold)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        with Store(db) as store:
            articles = list(store.articles())
            pairs = near_duplicates(reversed(articles), config)
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    labels = {a.id: a.label for a in articles}
    rows: list[dict[str, Any]] = [{"a": a, "b": b, "jaccard": round(j, 3)} for a, b, j in pairs]
    if fmt is not Format.text:
        _emit(rows, fmt)
        return
    typer.echo(f"{_count(len(rows), 'near-duplicate pair')} among {len(articles)} articles")
    for row in rows:
        typer.echo(f"  {row['jaccard']:.2f}  {row['a']} {labels[row['a']]}")
        typer.echo(f"        {row['b']} {labels[row['b']]}")


@app.command()
def similarity(
    a: Annotated[str, typer.Argument(help="First input (file, or - for standard input).")],
    b: Annotated[str, typer.Argument(help="Second input.")],
    fmt: FormatOption = Format.text,
) -> None:
    """Print how likely two articles report the same story: 0 (unrelated) to 1 (same story).

    Each input is read like ingest reads it; the first article of each is compared.

    Example: corroborate similarity examples/wire-agency.txt examples/daily-ledger.txt
    """
    from corroborate.read import read_inputs
    from corroborate.records import Article, Problem
    from corroborate.similarity import similarity as score

    found = []
    for path in (a, b):
        article = None
        for item in read_inputs([path]):
            if isinstance(item, Problem):
                typer.echo(str(item), err=True)
            else:
                article = item
                break
        if not isinstance(article, Article):
            raise _fail(f"{path}: no article could be read")
        found.append(article)
    value = score(found[0], found[1])
    _note_fallback()
    if fmt is Format.text:
        typer.echo(f"{value:.4f}")
    else:
        row = {"a": found[0].input, "b": found[1].input, "score": value}
        _emit(row if fmt is Format.json else [row], fmt)


def main() -> None:
    app()
