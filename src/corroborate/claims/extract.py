"""From articles to claims: split, parse, then read every slot of every clause.

Each sentence is parsed once (spaCy, in batches). Its claims are its main clauses: the root verb,
verbs joined to it by "and" (each with its own or the shared subject), and, when the root
reports ("the army said that...", "SOHR confirmed that..."), the reported clause in its place,
with the reporting frame as its attribution. A sentence without a verb (a headline, a caption)
gives one claim when it names, counts or dates something, none otherwise.

Every token of a sentence belongs to the nearest claim above it in the parse (the reporting
frame to the clause it reports); quantities, times, places, actors and quotes go to the claim
that owns their first token. So in "SOHR said the fighting, which started on Wednesday, has
killed over 300 people", the day, the figure and the attribution all land on one claim.

Quantities get a ``role``: the lemma of the verb they are a figure of ("kill", "die", "claim"),
found by climbing the parse from the number past "including" / "among". A length between two
places ("Idlib, 55 km from Aleppo") keeps the two places in ``between``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from corroborate.claims.actors import article_mentions, phrase, predicate_of, subject_object
from corroborate.claims.attribution import (
    attribution_for,
    hedge_of,
    indirect_quotes,
    is_reporting,
    source_type,
)
from corroborate.claims.events import (
    LEXICON_WORDS,
    LIGHT_VERBS,
    event_class,
    event_key,
    is_event_noun,
    is_event_word,
    word_background,
)
from corroborate.claims.nlp import get_nlp, lemma, model_name, parse, text_of
from corroborate.claims.places import find_places, resolve_place
from corroborate.claims.quantities import extract_quantities
from corroborate.claims.quotes import find_quotes
from corroborate.claims.tense import tense_reader
from corroborate.claims.times import anchor_narrative, extract_times
from corroborate.records import (
    Article,
    Attribution,
    Claim,
    EventWord,
    Mention,
    Place,
    Quote,
    Sentence,
)
from corroborate.sentences import split_sentences

if TYPE_CHECKING:
    from corroborate.store import Store

__all__ = [
    "CLAIMS_VERSION",
    "ClaimsUpdate",
    "extract_claims",
    "extract_many",
    "extractor_name",
    "other_language",
    "too_long",
    "update_claims",
]

# Bump when a change to the extractor changes its output: stored claims of an older version are
# then made again.
CLAIMS_VERSION = 3  # 2: times resolved by tense, with granularity; 3: event anchors

log = logging.getLogger(__name__)

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LENGTH_UNITS = frozenset({"km", "mi", "m", "ft", "yd"})
_PASS_THROUGH = frozenset({"include", "among", "including"})
# Adverbial and relative clauses; not a participle on a noun ("27 civilians killed in the past
# three days"), which describes the noun and stays with its figure.
_SUBORDINATE = frozenset({"advcl", "relcl"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "prep", "npadvmod", "attr"})
# Subordinate verbs that describe the main event rather than tell another one: its duration
# ("extending through Sunday", "lasting three days"), its source or name.
_LIGHT_SUBORDINATE = frozenset(
    {"include", "accord", "base", "follow", "use", "know", "call", "extend", "last", "span",
     "run", "mean", "make", "bring", "mark", "say"}
)  # fmt: skip
_MAX_SENTENCE_CHARS = 2000  # longer "sentences" (lists, tables) are cut before parsing


def extract_claims(article: Article, *, model: str | None = None) -> list[Claim]:
    """The claims of one article (see :func:`extract_many` for many)."""
    return next(extract_many([article], model=model))[1]


def extract_many(
    articles: Iterable[Article],
    *,
    batch_size: int = 64,
    model: str | None = None,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[tuple[Article, list[Claim]]]:
    """(article, claims) for each article, in order; sentences are parsed ``batch_size`` at a time
    across articles.

    An article detected as written in another language than the model's gets no claims (an
    English parse of it would be noise): see :func:`other_language`. So does an article longer
    than ``MAX_ARTICLE_CHARS`` (a whole book pasted as one input). When the claim stages fail on
    an article, ``on_error`` is told and the article gets no claims; without ``on_error`` the
    error is raised.
    """
    nlp = get_nlp(model)
    language = str(nlp.lang)
    iterator = iter(articles)
    while True:
        chunk = list(islice(iterator, max(1, batch_size // 8)))
        if not chunk:
            return
        split = [
            [] if other_language(a, language) or too_long(a) else list(split_sentences(a.text))
            for a in chunk
        ]
        texts = [_for_parse(s.text) for sentences in split for s in sentences]
        docs = parse(nlp, texts, batch_size)
        for article, sentences in zip(chunk, split, strict=True):
            parsed = [next(docs) for _ in sentences]
            for sentence, doc in zip(sentences, parsed, strict=True):
                # Slots are cut from the text as written, not from the parser's copy.
                doc.user_data["corroborate.text"] = sentence.text[:_MAX_SENTENCE_CHARS]
            try:
                claims = _article_claims(article, sentences, parsed)
            except Exception as exc:  # one bad article must not stop a run of thousands
                if on_error is None:
                    raise
                log.debug("claims failed on %s", article.id, exc_info=True)
                on_error(article, exc)
                claims = []
            yield article, claims


MAX_ARTICLE_CHARS = 200_000  # about 35,000 words: longer inputs are not parsed for claims
_TRUSTED_LANGUAGE = 0.9  # the reader's own threshold (config.ReadOptions.min_language_score)


def other_language(article: Article, language: str = "en") -> bool:
    """The article is confidently detected as written in another language than ``language``.

    A short English text is often guessed as another language with a low score: only a
    detection the reader trusts counts.
    """
    return (
        bool(article.language)
        and article.language != language
        and (article.language_score or 0.0) >= _TRUSTED_LANGUAGE
    )


def too_long(article: Article) -> bool:
    return len(article.text) > MAX_ARTICLE_CHARS


_GLUED_QUOTE = re.compile(r"(?<=\w)[“”\"](?=\w)")


def _for_parse(text: str) -> str:
    """The sentence as the parser gets it: a quotation mark glued between two words
    ("penetrated“large") becomes a space, so the words are not read as one. Same length, so
    offsets hold."""
    return _GLUED_QUOTE.sub(" ", text[:_MAX_SENTENCE_CHARS])


def _article_claims(article: Article, sentences: list[Sentence], docs: list[Any]) -> list[Claim]:
    actors = article_mentions(sentences, docs)
    quotes = find_quotes(article.text, sentences, docs, actors)
    context = _countries(docs)
    claims: list[Claim] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        claims.extend(
            _sentence_claims(article, sentence, doc, actors, quotes, context, len(claims))
        )
    anchor_narrative([t for claim in claims for t in claim.times])
    return claims


def _countries(docs: list[Any]) -> list[str]:
    """ISO codes of the countries an article names: the context for ambiguous town names."""
    found: list[str] = []
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                place = resolve_place(ent.text)
                if (
                    place is not None
                    and place.kind == "country"
                    and place.country
                    and place.country not in found
                ):
                    found.append(place.country)
    return found


def extractor_name(model: str | None = None) -> str:
    """What stored claims were made with: the spaCy model and the extractor's version."""
    return f"{model_name(model)}/claims-{CLAIMS_VERSION}"


@dataclass(slots=True)
class ClaimsUpdate:
    """What :func:`update_claims` did."""

    articles: int = 0
    claims: int = 0
    other_language: list[Article] = field(default_factory=list)  # given no claims
    too_long: list[Article] = field(default_factory=list)  # given no claims
    failed: list[tuple[Article, str]] = field(default_factory=list)  # (article, reason)

    def summary(self) -> str:
        text = f"{self.articles} articles parsed, {self.claims} claims stored"
        skipped = [
            f"{len(self.other_language)} in another language" if self.other_language else "",
            f"{len(self.too_long)} too long" if self.too_long else "",
            f"{len(self.failed)} failed" if self.failed else "",
        ]
        if any(skipped):
            text += f" ({', '.join(s for s in skipped if s)}: no claims)"
        return text


def update_claims(
    store: Store,
    *,
    model: str | None = None,
    batch: int = 50,
    on_article: Callable[[Article, list[Claim]], None] | None = None,
    article_ids: Iterable[str] | None = None,
) -> ClaimsUpdate:
    """Extract and store the claims of every stored article (or of ``article_ids``) that has
    none from this extractor.

    Claims are committed ``batch`` articles at a time: an interrupted run keeps what it
    committed and the next run goes on from there.
    """
    name = extractor_name(model)
    done = ClaimsUpdate()
    pending: list[tuple[str, list[Claim]]] = []
    language = str(get_nlp(model).lang)

    def failed(article: Article, exc: Exception) -> None:
        done.failed.append((article, f"{type(exc).__name__}: {exc}"))

    if article_ids is None:
        articles: Iterable[Article] = store.articles_without_claims(name)
    else:
        wanted = [i for i in article_ids if not store.has_claims(i, name)]
        articles = store.articles_by_id(wanted)
    for article, claims in extract_many(articles, model=model, on_error=failed):
        # Stored even when empty, so a failed or skipped article is not parsed again and again.
        pending.append((article.id, claims))
        done.articles += 1
        done.claims += len(claims)
        if other_language(article, language):
            done.other_language.append(article)
        elif too_long(article):
            done.too_long.append(article)
        if on_article is not None:
            on_article(article, claims)
        if len(pending) >= batch:
            store.save_claims(name, pending)
            pending = []
    if pending:
        store.save_claims(name, pending)
    return done


def _heads(doc: Any) -> tuple[list[Any], dict[int, int]]:
    """Claim heads of a sentence and, for reporting verbs, the clause they stand for."""
    heads: list[Any] = []
    stand_for: dict[int, int] = {}

    def add(verb: Any) -> None:
        content = None
        if is_reporting(verb):
            # "X said that ...", and "rebels were reported to have ..." / "X claims to have ...".
            deps: tuple[str, ...] = ("ccomp", "parataxis")
            if _passive(verb) or lemma(verb) in ("claim", "allege"):
                deps = ("ccomp", "parataxis", "xcomp")
            content = next(
                (c for c in verb.children if c.dep_ in deps and c.pos_ in ("VERB", "AUX")),
                None,
            )
        if content is not None:
            stand_for[verb.i] = content.i
            add(content)
        elif verb not in heads:
            heads.append(verb)
        for child in verb.children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child not in heads:
                add(child)

    for token in doc:
        if token.dep_ == "ROOT" and token.pos_ in ("VERB", "AUX"):
            add(token)
    # A subordinate clause that reports a news event is a claim of its own: "..., killing 22
    # people", "the quake, which destroyed 300 homes, ...", "after police arrested him".
    for token in doc:
        if (
            token.dep_ in _SUBORDINATE
            and token.pos_ == "VERB"
            and token not in heads
            and token.i not in stand_for.values()
            and lemma(token) not in _LIGHT_SUBORDINATE
            and lemma(token) not in LIGHT_VERBS  # "which started on Wednesday": the noun's
            and not is_reporting(token)
            and any(c.dep_ in _ARGUMENTS for c in token.children)
            # Only a news event of the lexicon ("..., killing 22 people", "after police
            # arrested him"); a clause of circumstance or comment ("as civilians fled", "...,
            # underscoring the risks") stays with its main clause.
            and lemma(token) in LEXICON_WORDS
        ):
            add(token)
    return heads, stand_for


def _sentence_claims(
    article: Article,
    sentence: Sentence,
    doc: Any,
    actors: list[Mention],
    quotes: list[Quote],
    context: list[str],
    first_index: int,
) -> list[Claim]:
    base = sentence.start
    published = article.published or ""
    year = int(published[:4]) if published[:4].isdigit() else None
    heads, stand_for = _heads(doc)
    head_ids = [h.i for h in heads]
    tokens = list(doc)
    owner = _owners(tokens, head_ids, stand_for)

    starts = [base + token.idx for token in tokens]

    def claim_of(position: int) -> int:
        """Index (into heads) of the claim that owns the character at article ``position``."""
        at = bisect_right(starts, position) - 1
        return owner[at] if at >= 0 else 0

    count = max(1, len(heads))
    slots: list[dict[str, list[Any]]] = [
        {"actors": [], "quantities": [], "times": [], "places": [], "quotes": []}
        for _ in range(count)
    ]
    for mention in actors:
        if base <= mention.start < sentence.end:
            slots[claim_of(mention.start)]["actors"].append(mention)

    places = _places(sentence, actors, context)
    for place in places:
        slots[claim_of(place.start)]["places"].append(place)
    for quantity in extract_quantities(sentence.text, base):
        data = asdict(quantity)
        data["also_as"] = [list(pair) for pair in quantity.also_as]
        data["role"] = _role(tokens, starts, quantity.start)
        if quantity.unit in _LENGTH_UNITS:
            between = _between(sentence, places, quantity.start, quantity.end)
            if between:
                data["between"] = between
        slots[claim_of(quantity.start)]["quantities"].append(data)
    for time in extract_times(sentence.text, base, article.published, tense=tense_reader(doc)):
        slots[claim_of(time.start)]["times"].append(time)
    quoted = [(q.start, q.end) for q in quotes]
    for quote in quotes:
        if base <= quote.start < sentence.end + 1:
            slots[claim_of(quote.start)]["quotes"].append(quote)
    reporting = [t for t in tokens if is_reporting(t)]
    for quote in indirect_quotes(reporting, base, quoted, actors):
        slots[claim_of(quote.start)]["quotes"].append(quote)

    claims = []
    if not heads:
        found = slots[0]
        words = _event_words(tokens, base, None, year)
        if not any(found[slot] for slot in ("actors", "quantities", "times", "places", "quotes")):
            return []
        claims.append(
            Claim(
                article=article.id,
                index=first_index,
                sentence=sentence.index,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                actors=found["actors"],
                quantities=found["quantities"],
                times=found["times"],
                places=found["places"],
                quotes=found["quotes"],
                input_id=article.input_id,
                attribution=_quoted_attribution(found["quotes"], actors),
                **_anchor_fields(words),
            )
        )
        return claims

    for k, head in enumerate(heads):
        own = [t for t in tokens if owner[t.i] == k]
        start = base + min(t.idx for t in own)
        end = base + max(t.idx + len(t.text) for t in own)
        subject, obj, _passive = subject_object(head)
        found = slots[k]
        attribution = attribution_for(head, base, actors)
        words = _event_words(own, base, head, year)
        when = _anchor_times(found["times"], words, tokens, starts, article.published)
        if attribution is None:
            attribution = _inside_quote(start, end, quotes, actors)
        claims.append(
            Claim(
                article=article.id,
                index=first_index + k,
                sentence=sentence.index,
                start=start,
                end=end,
                text=article.text[start:end],
                subject=_text(subject),
                predicate=predicate_of(head),
                object=_text(obj),
                negated=any(c.dep_ == "neg" for c in head.children),
                actors=found["actors"],
                quantities=found["quantities"],
                times=found["times"],
                places=found["places"],
                attribution=attribution,
                hedge=hedge_of(own),
                quotes=found["quotes"],
                input_id=article.input_id,
                **_anchor_fields(words, when),
            )
        )
    return claims


_EARLIER_DAYS = 30  # an event dated this long before publication is an earlier event


def _anchor_times(
    times: list[Any], words: list[EventWord], tokens: list[Any], starts: list[int],
    published: str | None,
) -> tuple[list[str], bool]:
    """The written dates and weekdays of the times that belong to the claim's anchor, and
    whether one of them is well before publication. A time belongs to the anchor unless the
    nearest event word above it in the parse is another event noun ("the worst since the 2004
    tsunami": 2004 is the tsunami's)."""
    from datetime import date, timedelta

    anchors = {w.start for w in words if w.anchor}
    nouns = {w.start for w in words if w.noun and not w.anchor}
    out: list[str] = []
    earlier = False
    limit = None
    if published and len(published) >= 10:
        try:
            limit = (date.fromisoformat(published[:10]) - timedelta(days=_EARLIER_DAYS)).isoformat()
        except (ValueError, OverflowError):
            limit = None
    for t in times:
        at = bisect_right(starts, t.start) - 1
        node = tokens[max(at, 0)]
        for _ in range(12):
            position = starts[node.i]
            if position in anchors or position in nouns or node.head.i == node.i:
                break
            node = node.head
        if starts[node.i] in nouns:
            continue
        # What two reports of one event can be compared by: a written date, else the weekday
        # as written (a weekday resolved against two publication dates can differ by a week).
        value = t.weekday if t.kind == "weekday" else t.date if t.kind == "date" else None
        if value and value not in out:
            out.append(value)
        if t.date and limit and t.date[:10] < limit and (t.end_date or t.date)[:10] < limit:
            earlier = True
    return out, earlier


def _anchor_fields(
    words: list[EventWord], when: tuple[list[str], bool] = ([], False)
) -> dict[str, Any]:
    """The claim's anchor fields from its event words (the first anchor word leads)."""
    anchors = [w for w in words if w.anchor]
    if not anchors:
        return {"events": words}
    lead = anchors[0]
    return {
        "anchor_start": lead.start,
        "anchor_end": lead.end,
        "event": lead.lemma,
        "event_class": lead.event_class,
        "events": words,
        "event_times": when[0],
        "background": lead.background or when[1],
    }


def _event_anchor(head: Any) -> tuple[Any, Any | None]:
    """(anchor, second anchor) of a clause: the head verb, or, when the verb is light ("the
    quake struck", "the toll rose", "it was the worst attack"), its event-noun subject, object
    or attribute, with the verb beside it."""
    if head.pos_ == "AUX" or lemma(head) in LIGHT_VERBS:
        for dep in ("nsubj", "nsubjpass", "dobj", "attr"):
            noun = next((c for c in head.children if c.dep_ == dep), None)
            if noun is not None and is_event_noun(noun):
                return noun, (head if head.pos_ == "VERB" else None)
    return head, None


def _event_words(own: list[Any], base: int, head: Any | None, year: int | None) -> list[EventWord]:
    """The event words among a claim's tokens, its anchor(s) first flagged ``anchor``."""
    anchors: list[Any] = []
    if head is not None:
        first, second = _event_anchor(head)
        anchors = [first] + ([second] if second is not None else [])
    else:  # no verb at the root: the first event noun, else the first verb
        nouns = [t for t in own if is_event_noun(t)] or [t for t in own if t.pos_ == "VERB"]
        anchors = nouns[:1]
    chosen = {t.i for t in anchors}
    # "The 1998 floods killed 2,000 people": an earlier event as the subject makes the claim's
    # event an earlier one too.
    earlier_subject = head is not None and any(
        c.dep_ in ("nsubj", "nsubjpass") and is_event_noun(c) and word_background(c, year)
        for c in head.children
    )
    words = []
    for token in anchors + [t for t in own if t.i not in chosen and is_event_word(t)]:
        words.append(
            EventWord(
                start=base + token.idx,
                end=base + token.idx + len(token.text),
                text=token.text,
                lemma=event_key(token) or str(lemma(token)).lower(),
                event_class=event_class(token),
                anchor=token.i in chosen,
                noun=token.pos_ in ("NOUN", "PROPN"),
                background=word_background(token, year)
                or (earlier_subject and token.i in chosen),
            )
        )
    return words


def _passive(token: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _owners(tokens: list[Any], head_ids: list[int], stand_for: dict[int, int]) -> list[int]:
    """For each token, the index (into ``head_ids``) of the claim above it in the parse: the
    nearest claim head among its ancestors (a reporting verb leads to the clause it reports),
    else the first claim. Each path is walked once."""
    claim_of = {head: k for k, head in enumerate(head_ids)}
    for verb in stand_for:
        target = stand_for[verb]
        for _ in range(len(stand_for)):
            if target not in stand_for:
                break
            target = stand_for[target]
        if target in claim_of and verb not in claim_of:
            claim_of[verb] = claim_of[target]
    parent = [token.head.i for token in tokens]
    owner = [-1] * len(tokens)
    for start in range(len(tokens)):
        path: list[int] = []
        node = start
        found = 0
        while len(path) <= len(tokens):
            if owner[node] >= 0:
                found = owner[node]
                break
            if node in claim_of:
                found = claim_of[node]
                break
            path.append(node)
            if parent[node] == node:
                break
            node = parent[node]
        for visited in path:
            owner[visited] = found
        owner[start] = found  # a claim head owns itself
    return owner


def _text(token: Any) -> str | None:
    if token is None:
        return None
    if token.dep_ == "prep":
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        span = phrase(pobj)
        if span is None:
            return None
        return f"{token.lower_} {text_of(token.doc)[span[0] : span[1]]}"
    span = phrase(token)
    return text_of(token.doc)[span[0] : span[1]] if span else None


def _role(tokens: list[Any], starts: list[int], at: int) -> str | None:
    """Lemma of the verb a figure at article position ``at`` is a figure of."""
    index = bisect_right(starts, at) - 1
    if index < 0:
        return None
    node = tokens[index]
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and lemma(node) not in _PASS_THROUGH:
            if node.pos_ == "AUX" and node.dep_ != "ROOT":
                pass
            else:
                return lemma(node)
        if node.pos_ in ("NOUN", "PROPN", "NUM"):
            # "at least 27 civilians ... killed": a participle hanging from the counted noun.
            verb = next((c for c in node.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            if verb is not None:
                return lemma(verb)
        if node.pos_ == "ADJ" and lemma(node) in ("dead", "injured", "wounded", "missing"):
            return lemma(node)
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _places(sentence: Sentence, actors: list[Mention], context: list[str]) -> list[Place]:
    spans = [
        (a.start - sentence.start, a.end - sentence.start)
        for a in actors
        if a.type == "place" and sentence.start <= a.start < sentence.end
    ]
    return find_places(sentence.text, sentence.start, spans=spans, context=context)


def _between(sentence: Sentence, places: list[Place], start: int, end: int) -> list[str]:
    """The two places a distance separates: the one after "from", the nearest one before."""
    after = sentence.text[end - sentence.start : end - sentence.start + 40].lower()
    if "from" not in after and "away" not in after:
        return []
    later = [p for p in places if p.start >= end]
    earlier = [p for p in places if p.end <= start]
    if not later or not earlier:
        return []
    return [earlier[-1].name or earlier[-1].text, later[0].name or later[0].text]


def _inside_quote(
    start: int, end: int, quotes: list[Quote], actors: list[Mention]
) -> Attribution | None:
    for quote in quotes:
        # The claim may start on the opening mark, one character before the quoted words.
        inside = quote.kind == "direct" and quote.start - 1 <= start and end <= quote.end + 2
        if inside and quote.speaker and quote.speaker_start is not None:
            return _speaker_attribution(quote, actors)
    return None


def _quoted_attribution(quotes: list[Quote], actors: list[Mention]) -> Attribution | None:
    for quote in quotes:
        if quote.speaker and quote.speaker_start is not None:
            return _speaker_attribution(quote, actors)
    return None


def _speaker_attribution(quote: Quote, actors: list[Mention]) -> Attribution:
    """A quote's speaker as the attribution of what the quote says."""
    assert quote.speaker is not None and quote.speaker_start is not None
    return Attribution(
        quote.speaker,
        quote.speaker_start,
        quote.speaker_end or quote.speaker_start,
        quote.cue or "say",
        _speaker_type(quote, actors),
    )


def _speaker_type(quote: Quote, actors: list[Mention]) -> str:
    """The source type of a quote's speaker, by the attribution rules ("a doctor": unnamed)."""
    if quote.speaker and quote.speaker_start is not None and quote.speaker_end is not None:
        head = quote.speaker.split()[-1].lower()
        head = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        return source_type(quote.speaker, quote.speaker_start, quote.speaker_end, actors, head)
    for actor in actors:
        if (
            quote.speaker_start is not None
            and quote.speaker_end is not None
            and quote.speaker_start <= actor.start
            and actor.end <= quote.speaker_end
        ):
            return actor.type
    return "other"
