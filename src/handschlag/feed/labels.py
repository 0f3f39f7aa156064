"""Content labels of a post: what the engine found, read as self-promotion, hashtag spam or
engagement bait, with the reasons a member reads when a post is collapsed.

The trust engine judges every post when it is written (``Kind.POST``). Its content rules
``TXT_HASHTAG_SPAM`` (five or more hashtags) and ``TXT_ENGAGEMENT_BAIT`` (lexicon phrases
such as „Wer stimmt zu?“) apply to posts, and its sales-language analysis
(``Analysis.pitch_phrases``) sees selling. Three things posts need that the engine does not
have yet are checked here, as post rules with the same shape of hit (code, score, message,
evidence):

- ``POST_SELF_PROMO``: the author sells in the post (the engine's sales phrases, or
  post phrases such as „mein neues Buch“, „Link in der Bio“, "book a free call");
- ``POST_HASHTAG_DENSE``: many hashtags and little text (three or more hashtags that
  make up a third of the words or more);
- ``POST_CROWD_QUESTION``: a question thrown at the crowd for reactions („Wie mögt ihr
  eure Eier - hart oder weich?“, "Coffee or tea?") in a short post.

Their messages are English message ids in Django's catalogue (``"domain": "feed"`` in the
stored hit), rendered in the reader's language like the engine's own. When the engine's
content group grows these rules, the post rules can be retired without touching stored
posts: each stored hit names its code and its domain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from handschlag.feed.markup import extract_topics
from handschlag.feed.models import ContentLabel
from handschlag.feed.topics import PhraseMatcher
from handschlag.trust import Hit, Verdict
from handschlag.trust.analysis import Analysis
from handschlag.trust.i18n import render

__all__ = ["LABEL_OF_CODE", "LabelReason", "labels_of", "post_hits", "reasons_by_label"]

#: Which content label a hit stands for.
LABEL_OF_CODE: dict[str, str] = {
    "TXT_HASHTAG_SPAM": ContentLabel.HASHTAG_SPAM,
    "POST_HASHTAG_DENSE": ContentLabel.HASHTAG_SPAM,
    "TXT_ENGAGEMENT_BAIT": ContentLabel.ENGAGEMENT_BAIT,
    "POST_CROWD_QUESTION": ContentLabel.ENGAGEMENT_BAIT,
    "POST_SELF_PROMO": ContentLabel.SELF_PROMOTION,
}

#: Scores of the post rules, on the engine's scale (its content rules score 2.5 and 3.5).
POST_SCORES = {"POST_SELF_PROMO": 2.5, "POST_HASHTAG_DENSE": 2.0, "POST_CROWD_QUESTION": 2.5}

#: At least this many hashtags, making up at least this share of the words, is "dense".
DENSE_HASHTAGS = 3
DENSE_SHARE = 1 / 3
#: A crowd question counts as bait in a post of at most this many words.
SHORT_POST_WORDS = 40

_MESSAGES = {
    "POST_SELF_PROMO": gettext_noop("promotes the author's own offer: “%(phrase)s”"),
    "POST_HASHTAG_DENSE": gettext_noop("%(count)d hashtags in %(words)d words"),
    "POST_CROWD_QUESTION": gettext_noop("asks the crowd for reactions: “%(phrase)s”"),
}

#: Phrases of self-promotion in posts (folded; ``*`` for word beginnings).
SELF_PROMO = PhraseMatcher(
    (
        "mein neues buch",
        "mein neuer kurs",
        "mein neues e book",
        "mein neues ebook",
        "mein online kurs*",
        "meinen online kurs*",
        "meine neue masterclass",
        "jetzt bestellen",
        "jetzt buchen",
        "jetzt kaufen",
        "jetzt anmelden",
        "jetzt sichern",
        "jetzt platz sichern",
        "link in der bio",
        "link in den kommentaren",
        "link im ersten kommentar",
        "rabattcode",
        "gutscheincode",
        "nur noch heute",
        "nur noch wenige plaetze",
        "kostenloses erstgespraech",
        "kostenlose erstberatung",
        "kostenloses webinar",
        "schreib mir eine dm",
        "schreibt mir eine dm",
        "buchen sie jetzt",
        "my new book",
        "my new course",
        "my new ebook",
        "my masterclass",
        "buy now",
        "order now",
        "sign up now",
        "sign up today",
        "book a free call",
        "book your free call",
        "free discovery call",
        "free webinar",
        "link in bio",
        "link in the comments",
        "discount code",
        "promo code",
        "limited spots",
        "only a few spots left",
        "dm me",
        "hire me",
    )
)

#: Questions thrown at the crowd (folded).
CROWD_QUESTIONS = PhraseMatcher(
    (
        "wie moegt ihr",
        "wie mögt ihr",
        "was meint ihr",
        "was denkt ihr",
        "was sagt ihr",
        "wie seht ihr das",
        "wer von euch",
        "ja oder nein",
        "seid ihr team",
        "team kaffee oder team tee",
        "how do you like your",
        "what do you think",
        "what's your take",
        "whats your take",
        "which one are you",
        "yes or no",
        "are you team",
        "who agrees",
    )
)
#: An either-or question: "hart oder weich?", "coffee or tea?".
_EITHER_OR = re.compile(r"\b\w+\s+(?:oder|or)\s+\w+\s*\?", re.IGNORECASE)


def _hit(code: str, evidence: dict[str, object]) -> dict[str, object]:
    return {
        "code": code,
        "score": POST_SCORES[code],
        "group": "content",
        "message": _MESSAGES[code],
        "evidence": evidence,
        "related": [],
        "shadow": False,
        "domain": "feed",
    }


def _engine_hit(hit: Hit) -> dict[str, object]:
    return {
        "code": hit.code,
        "score": hit.score,
        "group": hit.group,
        "message": hit.message,
        "evidence": dict(hit.evidence),
        "related": list(hit.related),
        "shadow": hit.shadow,
    }


def post_hits(text: str, verdict: Verdict, analysis: Analysis) -> list[dict[str, object]]:
    """The engine's hits on a post plus the post rules' hits, as stored in ``Post.hits``."""
    hits = [_engine_hit(h) for h in verdict.hits]
    codes = {h.code for h in verdict.hits}
    words = analysis.word_count

    promo = [*analysis.pitch_phrases, SELF_PROMO.cite(analysis.text)]
    found = [phrase for phrase in promo if phrase]
    if found:
        hits.append(_hit("POST_SELF_PROMO", {"phrase": found[0]}))

    tags = extract_topics(text)
    if (
        "TXT_HASHTAG_SPAM" not in codes
        and len(tags) >= DENSE_HASHTAGS
        and len(tags) >= max(words, 1) * DENSE_SHARE
    ):
        hits.append(_hit("POST_HASHTAG_DENSE", {"count": len(tags), "words": words}))

    if "TXT_ENGAGEMENT_BAIT" not in codes and words <= SHORT_POST_WORDS:
        either_or = _EITHER_OR.search(text)
        crowd = CROWD_QUESTIONS.cite(analysis.text)
        if crowd or either_or:
            phrase = either_or.group(0) if either_or else crowd
            hits.append(_hit("POST_CROWD_QUESTION", {"phrase": phrase or ""}))
    return hits


def labels_of(hits: object) -> list[str]:
    """The content labels the stored hits stand for, in the order of ``ContentLabel``."""
    found = {LABEL_OF_CODE.get(str(h.get("code"))) for h in _hit_dicts(hits)}
    return [label for label in ContentLabel.values if label in found]


@dataclass(frozen=True, slots=True)
class LabelReason:
    """One content label of a post and the sentences that explain it, in one language."""

    label: str
    name: str
    reasons: tuple[str, ...]


def _hit_dicts(hits: object) -> list[Mapping[str, object]]:
    if not isinstance(hits, list):
        return []
    return [h for h in hits if isinstance(h, Mapping) and not h.get("shadow")]


def _explain(hit: Mapping[str, object], lang: str) -> str:
    message = str(hit.get("message") or "")
    raw = hit.get("evidence")
    evidence: dict[str, object] = dict(raw) if isinstance(raw, Mapping) else {}
    if hit.get("domain") == "feed":
        with translation.override(lang):
            try:
                return gettext(message) % evidence
            except (KeyError, TypeError, ValueError):
                return gettext(message)
    return render(message, evidence, lang)  # type: ignore[arg-type]


def reasons_by_label(hits: object, labels: Sequence[str], lang: str) -> list[LabelReason]:
    """For each of ``labels``, its name and the reasons from the stored hits in ``lang``."""
    names = dict(ContentLabel.choices)
    out = []
    for label in labels:
        texts = tuple(
            _explain(h, lang)
            for h in _hit_dicts(hits)
            if LABEL_OF_CODE.get(str(h.get("code"))) == label
        )
        with translation.override(lang):
            name = str(names.get(label, label))
        out.append(LabelReason(label=label, name=name, reasons=texts))
    return out
