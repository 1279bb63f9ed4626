"""Build examples/archive.warc.gz from the inline HTML page below.

Run with the project's virtualenv (needs warcio):

    /work/main/.venv/bin/python examples/make_warc.py

The archive holds, in order:
  1. a warcinfo record,
  2. a request record for the article page,
  3. a response record (HTTP/1.1 200, text/html; charset=utf-8) with the page
     of "The Prairie Evening Post", an almost verbatim copy of the
     Meridian Press Agency wire text (wire-agency.txt),
  4. a response record with Content-Type image/png (a 1x1 PNG) that a reader
     of articles must skip.

WARC-Date and WARC-Record-ID values are fixed, so the output is byte-for-byte
reproducible. All content is fictional (see README.md).
"""
import struct
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "archive.warc.gz"

PAGE_URL = "https://prairie-evening-post.example/news/world/2025/03/11/romania-dam-fails-14-killed"
IMAGE_URL = "https://prairie-evening-post.example/media/2025/03/pixel.png"

PAGE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>At least 14 killed as dam fails in Romania - The Prairie Evening Post</title>
  <meta property="og:site_name" content="The Prairie Evening Post">
  <meta property="og:title" content="At least 14 killed as dam fails in Romania">
  <meta name="author" content="Staff and wire reports">
  <meta property="article:published_time" content="2025-03-11T20:05:00+02:00">
  <link rel="canonical" href="https://prairie-evening-post.example/news/world/2025/03/11/romania-dam-fails-14-killed">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/news/world">World</a> <a href="/farm">Farm &amp; Ranch</a> <a href="/obituaries">Obituaries</a></nav>
  <article>
    <h1>At least 14 killed as dam fails in Romania</h1>
    <p class="byline">Staff and wire reports &middot; March 11, 2025</p>
    <p>REGHIN, Romania (MPA) &mdash; At least 14 people were killed and nine others are missing after a small earth dam gave way in central Romania before dawn on Tuesday, sending a wall of water through villages in the Gurghiu valley, the Mure&#537; County Inspectorate for Emergency Situations said.</p>
    <p>The inspectorate said the St&acirc;na Mare dam, an irrigation reservoir built in the 1970s, failed at around 4:30 a.m. after three days of heavy rain across the eastern Carpathians.</p>
    <p>Floodwater swept through the villages of Ib&#259;ne&#537;ti and Gurghiu and reached the outskirts of Reghin, about 40 kilometres (25 miles) downstream, by mid-morning. Houses, cars and livestock were carried away, and water covered a stretch of more than 12 km of the valley road.</p>
    <p>Authorities had ordered the evacuation of the Gurghiu valley villages and the riverside districts of Reghin on Monday evening, as the water behind the dam rose towards its crest. About 2,300 people were evacuated, the inspectorate said.</p>
    <p>The county health directorate said 40 people had been injured, six of them seriously. Most were taken to the county hospital in T&acirc;rgu Mure&#537;.</p>
    <p>"The water came down the valley faster than anyone expected," inspectorate spokesman Lieutenant Colonel Radu Mezei said. "Our teams are still searching house by house, and we fear the toll will rise."</p>
    <p>Ana Moldovan, a 58-year-old resident of Ib&#259;ne&#537;ti, said: "We heard a roar like a train and ran for the hill behind the church. When we looked back, our street was gone."</p>
    <p>Mure&#537; prefect Corina V&acirc;lceanu said on Tuesday that an official inquiry would examine the condition of the dam and whether residents had been warned in time. The dam's operator did not respond to requests for comment.</p>
    <p>The road bridge over the Gurghiu river at the village of Gurghiu was closed after floodwater damaged its supports, cutting off several communities further up the valley. Rescuers used boats and a helicopter to reach people stranded on rooftops.</p>
    <p>Reghin mayor Ioan B&acirc;rsan vowed to find shelter for every displaced family until they could return home. "Nobody in this town will sleep outside tonight," B&acirc;rsan said.</p>
    <p>Schools in the affected villages will stay closed for the rest of the week, and the army has sent two engineering units to help clear debris.</p>
    <p class="credit">Material from the Meridian Press Agency was used in this report.</p>
  </article>
  <aside><h2>Trending</h2><ul><li><a href="/farm/2025/03/10/calf-auction-record">Calf auction sets county record</a></li><li><a href="/news/2025/03/11/grain-elevator-fire-contained">Grain elevator fire contained overnight</a></li></ul></aside>
  <footer><p>&copy; 2025 The Prairie Evening Post. All rights reserved.</p></footer>
</body>
</html>
"""


def tiny_png():
    """A valid 1x1 transparent PNG, built with the standard library."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def main():
    html = PAGE_HTML.encode("utf-8")
    png = tiny_png()

    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        fields = (
            b"software: corroborate examples/make_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: Fictional sample crawl for the corroborate test suite\r\n"
            b"isPartOf: corroborate-examples\r\n"
        )
        writer.write_record(writer.create_warc_record(
            "", "warcinfo",
            payload=BytesIO(fields), length=len(fields),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000001>",
                "WARC-Date": "2025-03-11T18:30:00Z",
                "WARC-Filename": OUT.name,
            }))

        req_headers = StatusAndHeaders(
            "GET /news/world/2025/03/11/romania-dam-fails-14-killed HTTP/1.1",
            [("Host", "prairie-evening-post.example"),
             ("User-Agent", "corroborate-example-crawler/0.1"),
             ("Accept", "text/html,application/xhtml+xml")],
            is_http_request=True)
        writer.write_record(writer.create_warc_record(
            PAGE_URL, "request",
            http_headers=req_headers,
            warc_headers_dict={
                "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000002>",
                "WARC-Date": "2025-03-11T18:30:01Z",
                "WARC-Concurrent-To": "<urn:uuid:00000000-0000-4000-8000-000000000003>",
            }))

        resp_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"),
             ("Content-Length", str(len(html)))],
            protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            PAGE_URL, "response",
            payload=BytesIO(html), length=len(html),
            http_headers=resp_headers,
            warc_headers_dict={
                "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000003>",
                "WARC-Date": "2025-03-11T18:30:01Z",
            }))

        img_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "image/png"),
             ("Content-Length", str(len(png)))],
            protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            IMAGE_URL, "response",
            payload=BytesIO(png), length=len(png),
            http_headers=img_headers,
            warc_headers_dict={
                "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000004>",
                "WARC-Date": "2025-03-11T18:30:02Z",
            }))

    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
