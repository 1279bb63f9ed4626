"""Small generated inputs shared by several test modules (not fixtures: plain values)."""

from __future__ import annotations

# A small made-up page, used by the WARC and JSON Lines tests.
PAGE_PARAGRAPHS = [
    "Fourteen people died when an earth dam gave way in the hills above Millbrook on Saturday, "
    "the regional fire service said.",
    "Rescue teams in boats searched flooded streets for survivors while soldiers cleared debris "
    "from the main road into the town.",
    "The mayor promised shelter for every family that had lost its home and asked residents to "
    "stay away from the river banks.",
]
PAGE_TITLE = "Dam gives way above Millbrook"


def page_html(title: str = PAGE_TITLE, paragraphs: list[str] = PAGE_PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


# A short English article paste (every line a paragraph longer than 100 characters).
ARTICLE_LINES = [
    "Fourteen people died when an earth dam gave way in the hills above Millbrook on Saturday "
    "morning, the regional fire service said in a statement.",
    "Rescue teams in boats searched flooded streets for survivors throughout the day while "
    "soldiers cleared debris from the main road into the town.",
    "The mayor promised shelter for every family that had lost its home and asked residents to "
    "stay away from the river banks until the water receded.",
]
HEADLINE = "Dam gives way above Millbrook, killing fourteen"

GERMAN = (
    "Bei einem Dammbruch in Rumänien sind mindestens vierzehn Menschen ums Leben gekommen. "
    "Neun weitere werden noch vermisst, teilten die Behörden am Dienstag mit.\n"
    "Die Feuerwehr suchte den ganzen Tag in den überfluteten Dörfern nach Überlebenden, während "
    "der Regen in den Bergen weiter anhielt.\n"
)
FRENCH = (
    "Au moins quatorze personnes sont mortes après la rupture d'un barrage en Roumanie mardi "
    "matin, selon les autorités locales.\n"
    "Les secours continuaient de chercher les disparus dans les villages inondés de la vallée, "
    "où la pluie n'a pas cessé de tomber.\n"
)
