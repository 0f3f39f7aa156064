"""Lexicons as data: TOML files per language, compiled to one regular expression per category.

The built-in files are `lexicons/de.toml`, `lexicons/en.toml` and `lexicons/links.toml`.
A host adds its own files through `HANDSCHLAG_TRUST_LEXICONS` (paths separated by the
platform's path separator) or `load_lexicon(extra=[...])`; their phrases are added to the
built-in ones.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handschlag.trust.text.normalise import TextView, fold

__all__ = [
    "CATEGORIES",
    "Lexicon",
    "LexiconError",
    "PhraseMatch",
    "default_lexicon",
    "load_lexicon",
]

LEXICON_DIR = Path(__file__).with_name("lexicons")
ENV_VAR = "HANDSCHLAG_TRUST_LEXICONS"
#: Words remembered with the phrases that can start at them (cleared when full).
_STARTING_MAX = 200_000

#: The phrase categories every lexicon file may fill.
CATEGORIES = (
    "generic",
    "pitch_strong",
    "pitch",
    "claim",
    "booking",
    "engagement_bait",
    "contact_ask",
    "rec_context",
)


class LexiconError(ValueError):
    """A lexicon file that cannot be read or compiled; the message names file and entry."""


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A phrase found in a text: its category, the original words, and the folded form."""

    category: str
    cited: str
    folded: str


def _word_pattern(word: str) -> str:
    optional = word.endswith("?") and len(word) > 1
    if optional:
        word = word[:-1]
    alternatives = []
    for alt in word.split("/"):
        prefix = alt.endswith("*")
        stem = alt.rstrip("*")
        # "e-?mail": a literal optional hyphen inside a word stays a regex "-?".
        parts = [re.escape(fold(p)) for p in stem.split("-?")]
        body = "[- ]?".join(parts)
        alternatives.append(body + (r"[\w']*" if prefix else ""))
    core = "(?:" + "|".join(alternatives) + ")"
    return f"(?:{core} )?" if optional else f"{core} "


def compile_phrase(phrase: str) -> str:
    """Turn one phrase of the lexicon syntax into a regular expression over folded text."""
    pattern = ""
    for word in phrase.split():
        if word == "...":
            pattern += r"(?:\S+ ){0,3}"
        else:
            pattern += _word_pattern(word)
    # Every word pattern ends in a space; the text is matched with a trailing space added.
    return r"(?<![\w'])" + pattern


def _first_words(phrase: str) -> list[str]:
    """The words a phrase can start with ("a/b" gives both; an optional first word adds the
    next one), folded; a trailing "*" stays to mark a prefix."""
    words = phrase.split()
    out: list[str] = []
    for word in words:
        optional = word.endswith("?") and len(word) > 1
        core = word[:-1] if optional else word
        for alt in core.split("/"):
            stem = alt.split("-?")[0]
            out.append(fold(stem.rstrip("*")) + ("*" if alt.endswith("*") else ""))
        if not optional:
            break
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled phrase patterns, stop words per language, greetings, spin synonyms, hosts.

    Phrases are indexed by their first word, so a text is scanned once, word by word, and
    only the phrases that can start at a word are tried there (a single alternation of a
    few hundred phrases cost 170 µs per text and category; this costs about 20 µs in all).
    """

    phrases: Mapping[str, tuple[str, ...]]
    stopwords: Mapping[str, frozenset[str]]
    greetings: tuple[str, ...]
    spin: Mapping[str, str]
    link_hosts: Mapping[str, tuple[str, ...]]
    _exact: dict[str, list[tuple[str, re.Pattern[str]]]] = field(default_factory=dict, repr=False)
    _prefix: dict[str, list[tuple[str, str, re.Pattern[str]]]] = field(
        default_factory=dict, repr=False
    )
    _starting: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _greeting_by_first: dict[str, tuple[tuple[str, ...], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _all_stopwords: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for greeting in self.greetings:
            words = tuple(greeting.split(" "))
            by_first.setdefault(words[0], []).append(words)
        self._greeting_by_first.update((k, tuple(v)) for k, v in by_first.items())
        for stop in self.stopwords.values():
            self._all_stopwords.update(stop)
        for category, phrases in self.phrases.items():
            for phrase in phrases:
                pattern = re.compile(compile_phrase(phrase))
                for first in _first_words(phrase):
                    if first.endswith("*"):
                        stem = first[:-1]
                        self._prefix.setdefault(stem[:3], []).append((stem, category, pattern))
                    else:
                        self._exact.setdefault(first, []).append((category, pattern))

    def _candidates(self, token: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The (category, pattern) pairs of the phrases that can start with `token`."""
        found = self._starting.get(token)
        if found is None:
            out = list(self._exact.get(token, ()))
            for stem, category, pattern in self._prefix.get(token[:3], ()):
                if token.startswith(stem):
                    out.append((category, pattern))
            found = tuple(out)
            if len(self._starting) >= _STARTING_MAX:
                self._starting.clear()  # a crude bound: unique tokens must not pile up
            self._starting[token] = found
        return found

    def scan(self, text: TextView) -> dict[str, list[PhraseMatch]]:
        """Every category's non-overlapping phrases in the text, longest match per start."""
        found: dict[str, list[PhraseMatch]] = {}
        tokens = text.tokens
        if not tokens:
            return found
        known = list(map(self._starting.get, tokens))
        if None in known:
            pairs = zip(tokens, known, strict=True)
            known = [self._candidates(t) if c is None else c for t, c in pairs]
        hits = [(i, c) for i, c in enumerate(known) if c]
        if not hits:
            return found
        haystack = text.joined + " "
        starts = text.starts
        taken: dict[str, int] = {}
        for i, candidates in hits:
            start = starts[i]
            best: dict[str, int] = {}
            for category, pattern in candidates:
                if taken.get(category, 0) > start:
                    continue
                m = pattern.match(haystack, start)
                if m is not None:
                    end = m.end() - 1 if haystack[m.end() - 1] == " " else m.end()
                    if end > best.get(category, start):
                        best[category] = end
            for category, end in best.items():
                taken[category] = end + 1
                found.setdefault(category, []).append(
                    PhraseMatch(category, text.cite(start, end), haystack[start:end])
                )
        return found

    def starts_with_greeting(self, text: TextView) -> bool:
        """Whether the text opens with one of the greetings ("guten tag", "hi")."""
        return self.greets(text.tokens)

    def greets(self, tokens: Sequence[str]) -> bool:
        """Whether folded tokens open with one of the greetings' words."""
        if not tokens:
            return False
        return any(
            tuple(tokens[: len(words)]) == words
            for words in self._greeting_by_first.get(tokens[0], ())
        )

    @property
    def all_stopwords(self) -> set[str]:
        """The stop words of every language."""
        return self._all_stopwords

    def find(self, text: TextView, category: str) -> list[PhraseMatch]:
        """Every non-overlapping phrase of `category` in the text, cited from the original."""
        return self.scan(text).get(category, [])

    def hosts(self, category: str, urls: Iterable[str]) -> list[str]:
        """The links among `urls` that point to a host listed under `category`."""
        listed = self.link_hosts.get(category, ())
        return [u for u in urls if any(h in u.casefold() for h in listed)]


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc


def _strings(path: Path, key: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{path}: {key} must be a list of strings")
    return list(value)


def load_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """Load the built-in files plus `extra` ones (and those named in the environment)."""
    paths = sorted(LEXICON_DIR.glob("*.toml"))
    env = os.environ.get(ENV_VAR, "")
    paths += [Path(p) for p in env.split(os.pathsep) if p]
    paths += [Path(p) for p in extra]
    phrases: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    stopwords: dict[str, set[str]] = {}
    greetings: list[str] = []
    spin: dict[str, str] = {}
    link_hosts: dict[str, list[str]] = {}
    for path in paths:
        data = _read(path)
        lang = data.get("lang")
        if "stopwords" in data:
            if not isinstance(lang, str):
                raise LexiconError(f"{path}: stopwords need a lang")
            words = _strings(path, "stopwords", data["stopwords"])
            stopwords.setdefault(lang, set()).update(fold(w) for w in words)
        if "greetings" in data:
            greetings += [fold(g) for g in _strings(path, "greetings", data["greetings"])]
        for category, entries in _table(path, data, "phrases").items():
            if category not in phrases:
                raise LexiconError(f"{path}: unknown phrase category {category!r}")
            for phrase in _strings(path, f"phrases.{category}", entries):
                try:
                    re.compile(compile_phrase(phrase))
                except re.error as exc:
                    raise LexiconError(f"{path}: phrase {phrase!r}: {exc}") from exc
                phrases[category].append(phrase)
        spin_groups = _table(path, data, "spin").get("groups", [])
        if not isinstance(spin_groups, list):
            raise LexiconError(f"{path}: spin.groups must be a list of lists")
        for group in spin_groups:
            words = [fold(w) for w in _strings(path, "spin.groups", group)]
            for word in words:
                if " " not in word:
                    spin[word] = words[0]
        for category, hosts in _table(path, data, "links").items():
            link_hosts.setdefault(category, []).extend(
                h.casefold() for h in _strings(path, f"links.{category}", hosts)
            )
    return Lexicon(
        phrases={k: tuple(v) for k, v in phrases.items()},
        stopwords={k: frozenset(v) for k, v in stopwords.items()},
        greetings=tuple(sorted(set(greetings), key=len, reverse=True)),
        spin=spin,
        link_hosts={k: tuple(v) for k, v in link_hosts.items()},
    )


def _table(path: Path, data: Mapping[str, object], key: str) -> dict[str, object]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise LexiconError(f"{path}: [{key}] must be a table")
    return value


_DEFAULT: list[Lexicon] = []


def default_lexicon() -> Lexicon:
    """The lexicon loaded once per process from the built-in files and the environment."""
    if not _DEFAULT:
        _DEFAULT.append(load_lexicon())
    return _DEFAULT[0]
