"""Ready-made topic filters a member can mute with one click, and word matching for mutes.

A filter is a curated list of words and phrases in German and English plus hashtags. A
post matches when its text (folded like the trust engine folds it: lower case, umlauts as
``ae``/``oe``/``ue``, ``ß`` as ``ss``, punctuation dropped) contains one of the phrases as
whole words. A phrase ending in ``*`` matches every word that begins with it
(``wahlkampf*`` matches „Wahlkampfthemen“); German compounds that end in a political
word („Bundestagswahl“) are listed on their own. The lists aim at debate about parties,
elections, governments and politicians, not at business news that merely mentions a
ministry or a law (tax advisers write about „Steuerrecht“ every day); words such as
„rechts“ or „links“ are left out for that reason. docs/feed.md lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from handschlag.trust.text.normalise import TextView, view

__all__ = ["TOPIC_FILTERS", "PhraseMatcher", "TopicFilter", "fold_phrase"]


def fold_phrase(phrase: str) -> str:
    """A word or phrase folded like post text (keeping a trailing ``*``)."""
    star = phrase.rstrip().endswith("*")
    folded = view(phrase.rstrip().rstrip("*")).joined
    return f"{folded}*" if star and folded else folded


class PhraseMatcher:
    """Finds whole folded words and phrases (``stem*`` for prefixes) in folded text."""

    def __init__(self, phrases: tuple[str, ...] | list[str]) -> None:
        self.phrases = tuple(p for p in (fold_phrase(p) for p in phrases) if p.strip("*"))
        parts = []
        for phrase in sorted(set(self.phrases), key=len, reverse=True):
            if phrase.endswith("*"):
                parts.append(re.escape(phrase[:-1]) + r"\S*")
            else:
                parts.append(re.escape(phrase))
        self._pattern = re.compile(r"(?<!\S)(?:" + "|".join(parts) + r")(?!\S)") if parts else None

    def cite(self, text: TextView) -> str | None:
        """The first phrase found in ``text``, as the author wrote it."""
        if self._pattern is None:
            return None
        match = self._pattern.search(text.joined)
        return text.cite(match.start(), match.end()) if match else None

    def find(self, folded_text: str) -> str | None:
        """The first phrase found in text folded by ``view(text).joined``, as it stands there."""
        if self._pattern is None:
            return None
        match = self._pattern.search(folded_text)
        return match.group(0) if match else None


@dataclass(frozen=True)
class TopicFilter:
    """A curated topic a member can mute: its name, words in both languages and hashtags."""

    key: str
    name: str | Promise
    description: str | Promise
    words_de: tuple[str, ...]
    words_en: tuple[str, ...]
    hashtags: tuple[str, ...]

    @cached_property
    def matcher(self) -> PhraseMatcher:
        return PhraseMatcher((*self.words_de, *self.words_en))

    def match(self, folded_text: str, topics: list[str]) -> str | None:
        """The word or hashtag by which a post (folded text, its topic keys) falls under
        this filter, or None."""
        for topic in topics:
            if topic in self.hashtags:
                return f"#{topic}"
        return self.matcher.find(folded_text)


POLITICS = TopicFilter(
    key="politics",
    name=_("Politics"),
    description=_(
        "Parties, elections, governments and politicians, in German and English: "
        "posts that debate politics rather than business."
    ),
    words_de=(
        "politik*",
        "politisch*",
        "politiker*",
        "bundestag*",
        "landtag*",
        "bundesregierung*",
        "landesregierung*",
        "bundeskanzler*",
        "kanzler*",
        "kanzlerin*",
        "bundespraesident*",
        "wahlkampf*",
        "wahlprogramm*",
        "wahlergebnis*",
        "bundestagswahl*",
        "landtagswahl*",
        "europawahl*",
        "kommunalwahl*",
        "wahlen",
        "waehler*",
        "abgeordnete*",
        "koalition*",
        "ampelkoalition*",
        "opposition*",
        "partei*",
        "parteitag*",
        "afd",
        "cdu",
        "csu",
        "spd",
        "fdp",
        "bsw",
        "die gruenen",
        "buendnis 90",
        "die linke",
        "merz",
        "scholz",
        "habeck",
        "lindner",
        "weidel",
        "soeder",
        "wagenknecht",
        "demokratie*",
        "rechtsextrem*",
        "linksextrem*",
        "rechtspopulis*",
        "populis*",
        "brandmauer",
        "migrationspolitik*",
        "asylpolitik*",
        "regierungskrise*",
        "misstrauensvotum*",
        "trump",
        "biden",
        "putin",
    ),
    words_en=(
        "politics",
        "political*",
        "politician*",
        "election*",
        "electoral*",
        "voter*",
        "voting",
        "ballot*",
        "parliament*",
        "congress",
        "senate",
        "senator*",
        "democrats",
        "republicans",
        "gop",
        "labour party",
        "tories",
        "tory",
        "prime minister",
        "white house",
        "downing street",
        "brexit",
        "maga",
        "left wing",
        "right wing",
        "leftist*",
        "far right",
        "far left",
        "partisan*",
        "impeach*",
        "culture war*",
        "woke",
        "government shutdown",
        "immigration policy",
        "campaign trail",
    ),
    hashtags=(
        "politik",
        "politics",
        "wahl",
        "wahlen",
        "election",
        "elections",
        "btw25",
        "bundestagswahl",
        "afd",
        "brexit",
        "maga",
        "demokratie",
        "democracy",
    ),
)

#: The ready-made filters, by key (``Mute.value`` of a topic mute).
TOPIC_FILTERS: dict[str, TopicFilter] = {POLITICS.key: POLITICS}
