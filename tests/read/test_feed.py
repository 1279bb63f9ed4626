"""RSS and Atom feeds: one article per entry, with its link, date, author and content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate import Article, Problem
from corroborate.read.feed import fragment_to_text

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]

VALLEY = [
    (
        "Gurghiu valley flood: residents say the warning came too late",
        "https://valley-radio.example/news/2025/03/12/gurghiu-valley-flood-warning-came-too-late",
        "2025-03-12T05:30:00+00:00",
        9,
    ),
    (
        "Târgu Mureș county library extends weekend opening hours",
        "https://valley-radio.example/news/2025/03/11/county-library-weekend-hours",
        "2025-03-11T08:15:00+00:00",
        2,
    ),
    (
        "Sovata youth choir wins regional singing contest",
        "https://valley-radio.example/news/2025/03/10/sovata-youth-choir-wins-contest",
        "2025-03-10T14:40:00+00:00",
        2,
    ),
]


def test_valley_radio_rss(read_all: ReadAll, examples: Path) -> None:
    path = examples / "feeds" / "valley-radio.xml"
    articles, problems = read_all([path])
    assert problems == []
    assert len(articles) == 3
    for n, (art, (title, link, published, paragraphs)) in enumerate(
        zip(articles, VALLEY, strict=True), 1
    ):
        assert art.kind == "feed"
        assert art.input == f"{path}#entry{n}"
        assert art.title == title
        assert art.url == link
        assert art.input_id == link  # the guid
        assert art.published == published
        assert art.source == "Valley Radio News"
        assert art.author == "Valley Radio newsroom"
        assert art.language == "en"
        assert len(art.paragraphs) == paragraphs
        assert art.removed == []
    first = articles[0]
    # the full text comes from content:encoded, not the short description
    assert first.paragraphs[0].startswith("More than a dozen people have died in the flood")
    assert "The inspectorate said 3,200 people were evacuated on Tuesday" in first.text
    assert "—" in first.text  # em dash kept
    assert "<p>" not in first.text
    assert len({a.id for a in articles}) == 3


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Millbrook Gazette</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2024-11-30T12:00:00Z</updated>
  <entry>
    <title>Dam gives way above Millbrook</title>
    <link href="https://millbrook.example/2024/11/30/dam"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-11-30T09:15:00+01:00</published>
    <updated>2024-11-30T11:00:00Z</updated>
    <author><name>Jo Ellis</name></author>
    <summary>Short summary that is not the article.</summary>
    <content type="html">
      &lt;p&gt;Fourteen people died when an earth dam gave way above Millbrook.&lt;/p&gt;
      &lt;p&gt;Rescue teams searched the streets while the army cleared the road.&lt;/p&gt;
      &lt;script&gt;track()&lt;/script&gt;
    </content>
  </entry>
  <entry>
    <title>Library opens on Sundays</title>
    <link href="https://millbrook.example/2024/11/29/library"/>
    <id>urn:uuid:2</id>
    <updated>2024-11-29T08:00:00Z</updated>
    <summary>The town library will open on Sundays from December, the council said.</summary>
  </entry>
  <entry>
    <title>Photo gallery</title>
    <link href="https://millbrook.example/2024/11/29/gallery"/>
    <id>urn:uuid:3</id>
    <updated>2024-11-29T07:00:00Z</updated>
  </entry>
</feed>
"""


def test_atom_feed(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("gazette.atom", ATOM)
    (dam, library), problems = read_all([path])
    assert dam.title == "Dam gives way above Millbrook"
    assert dam.url == "https://millbrook.example/2024/11/30/dam"
    assert dam.input_id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert dam.published == "2024-11-30T08:15:00+00:00"  # <published>, in UTC
    assert dam.author == "Jo Ellis"
    assert dam.source == "Millbrook Gazette"
    assert dam.paragraphs == [
        "Fourteen people died when an earth dam gave way above Millbrook.",
        "Rescue teams searched the streets while the army cleared the road.",
    ]
    assert dam.input == f"{path}#entry1"
    # an entry without content falls back to its summary; <updated> when not <published>
    assert library.paragraphs == [
        "The town library will open on Sundays from December, the council said."
    ]
    assert library.published == "2024-11-29T08:00:00+00:00"
    assert library.author is None
    # an entry with no text at all is skipped, said once
    assert problems == [Problem(f"{path}#entry3", "feed entry has no text", "skipped")]


def test_feed_is_sniffed_whatever_the_name(read_all: ReadAll, write: Callable[..., Path]) -> None:
    articles, _ = read_all([write("feed.txt", ATOM)])
    assert [a.kind for a in articles] == ["feed", "feed"]


def test_entry_source_element_wins_over_feed_title(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    rss = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Aggregator</title>
<item><title>Dam gives way</title><link>https://a.example/1</link>
<source url="https://wire.example/rss">Meridian Wire</source>
<description>Fourteen people died when an earth dam gave way above Millbrook on Saturday,
officials said.</description>
</item></channel></rss>"""
    (art,), _ = read_all([write("agg.rss", rss)], source="Fallback")
    assert art.source == "Meridian Wire"
    assert art.published is None


def test_feed_options_fill_only_missing_metadata(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    (dam, library), _ = read_all([write("gazette.xml", ATOM)], published="2000-01-01")
    assert dam.published == "2024-11-30T08:15:00+00:00"
    assert library.published == "2024-11-29T08:00:00+00:00"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("Plain text stays as it is.", ["Plain text stays as it is."]),
        ("<p>One</p><p>Two</p>", ["One", "Two"]),
        ("Line<br>break<br/>here", ["Line", "break", "here"]),
        ("<p>Kept</p><script>dropped()</script><style>p{}</style>", ["Kept"]),
        ("<ul><li>a</li><li>b</li></ul><h2>Sub</h2>tail", ["a", "b", "Sub", "tail"]),
        ("<p>Inline <b>bold</b> and <a href='x'>link</a></p>", ["Inline bold and link"]),
    ],
)
def test_fragment_to_text(fragment: str, expected: list[str]) -> None:
    lines = [line for line in fragment_to_text(fragment).split("\n") if line.strip()]
    assert lines == expected


def test_newline_inside_an_html_paragraph_is_white_space(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    first = (
        "Fourteen people died when an earth dam gave way above Millbrook on Saturday morning, "
        "the regional fire service said in a statement issued late on Saturday evening."
    )
    second = (
        "Rescue teams searched the flooded streets for survivors throughout the day while "
        "soldiers cleared debris from the main road into the town."
    )
    wrapped = first.replace("in a statement ", "in a statement\n")
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item>'
        f"<title>Dam</title><description><![CDATA[<p>{wrapped}</p>\n<p>{second}</p>]]>"
        "</description></item></channel></rss>"
    )
    (art,), _ = read_all([write("wrapped.xml", rss)])
    assert art.paragraphs == [first, second]
