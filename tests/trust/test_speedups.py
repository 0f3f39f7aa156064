"""The fast paths give exactly what the straightforward code gave: tokens, positions,
phrases, greetings, self-matches with and without the signature cache, model features."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.trust import Case, Engine, ModelMode, Policy, TextModel
from handschlag.trust.analysis import SELF_DUP_THRESHOLD, SignatureCache
from handschlag.trust.model import features
from handschlag.trust.text.lexicon import PhraseMatch, default_lexicon
from handschlag.trust.text.minhash import similarity
from handschlag.trust.text.normalise import _TOKEN, blank_links, fold, view
from handschlag.trust.text.shingles import canonical_text_tokens, canonical_tokens

DATA = Path(__file__).resolve().parents[1] / "data" / "trust"
LEX = default_lexicon()


def _corpus_cases() -> list[Case]:
    lines = (DATA / "cases_tuning.jsonl").read_text(encoding="utf-8").splitlines()
    return [Case.from_dict(json.loads(line)) for line in lines]


def _reference_view(text: str) -> tuple[list[str], list[tuple[int, int]], list[int]]:
    """Tokens, spans and starts as the first version of `view` computed them."""
    blanked = blank_links(text)
    tokens, spans, starts, pos = [], [], [], 0
    for m in _TOKEN.finditer(blanked):
        folded = fold(m.group(0))
        if not folded:
            continue
        tokens.append(folded)
        spans.append(m.span())
        starts.append(pos)
        pos += len(folded) + 1
    return tokens, spans, starts


def _check_view(text: str) -> None:
    assert canonical_text_tokens(text, LEX) == canonical_tokens(view(text), LEX)
    view.cache_clear()  # the spans of a fresh view, not of one whose spans were computed
    v = view(text)
    tokens, spans, starts = _reference_view(text)
    assert list(v.tokens) == tokens
    assert list(v.spans) == spans
    assert list(v.starts) == starts
    assert v.joined == " ".join(tokens)


def _reference_greeting(text: str) -> bool:
    joined = view(text).joined
    return any(joined.startswith(g + " ") or joined == g for g in LEX.greetings)


WORDS = ["Hallo", "Guten", "Tag", "Hi", "Anna", "Grüße", "ß", "İ", "\uff23\uff21\uff2c\uff2c",
         "don't", "\u2019s",
         "Ver\u200bnetzung", "e\u0301", "x_y", "https://cal.com/a", "a@b.de", "#ki", "12", ",",
         "\n", "!", "Café", "ǅ", "ﬁ"]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join) | st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_view_matches_the_reference(text: str) -> None:
    _check_view(text)
    assert LEX.starts_with_greeting(view(text)) == _reference_greeting(text)


def test_view_and_greetings_match_the_reference_on_the_corpus() -> None:
    for case in _corpus_cases():
        for text in (case.text, *case.sender.recent_texts):
            _check_view(text)
            assert LEX.starts_with_greeting(view(text)) == _reference_greeting(text)


def _reference_scan(text: str) -> dict[str, list[PhraseMatch]]:
    """The first version of `Lexicon.scan`: every phrase start tried at every word."""
    v = view(text)
    found: dict[str, list[PhraseMatch]] = {}
    if not v.tokens:
        return found
    haystack = v.joined + " "
    taken: dict[str, int] = {}
    for token, start in zip(v.tokens, v.starts, strict=True):
        candidates = list(LEX._exact.get(token, ()))
        for stem, category, pattern in LEX._prefix.get(token[:3], ()):
            if token.startswith(stem):
                candidates.append((category, pattern))
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
                PhraseMatch(category, v.cite(start, end), haystack[start:end])
            )
    return found


def test_scan_matches_the_reference_on_the_corpus() -> None:
    for case in _corpus_cases():
        for text in (case.text, *case.sender.recent_texts):
            assert LEX.scan(view(text)) == _reference_scan(text)


PHRASE_WORDS = [*WORDS, "wie", "telefonisch", "besprochen", "kostenlose", "Demo", "free",
                "trial", "book", "a", "call"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_WORDS), max_size=30))
def test_scan_matches_the_reference(words: list[str]) -> None:
    text = " ".join(words)
    assert LEX.scan(view(text)) == _reference_scan(text)


def test_self_matches_are_the_same_with_and_without_the_cache() -> None:
    cached = Engine(Policy(model_mode=ModelMode.OFF))
    for _ in range(2):  # the second round reads the signatures from the cache
        for case in _corpus_cases():
            plain = Engine(Policy(model_mode=ModelMode.OFF)).analyse(case)
            plain.recent_cache = None
            fast = cached.analyse(case)
            assert fast.self_matches == plain.self_matches
            assert (fast.signature == plain.signature).all()
    assert len(cached._recent) > 0


def test_self_matches_agree_with_pairwise_similarity() -> None:
    for case in _corpus_cases():
        a = Engine().analyse(case)
        m = a.self_matches
        if a.shingle_count < 8 or not case.sender.recent_texts:
            assert m.count == 0
            continue
        recent = a._signatures[2]
        sims = [similarity(a.signature, row) for row in recent]
        close = [s for s in sims if s >= SELF_DUP_THRESHOLD]
        assert m.count == len(close)
        assert m.best_similarity == (max(close) if close else 0.0)


def test_signature_cache_is_bounded() -> None:
    cache = SignatureCache(maxsize=3)
    for i in range(10):
        cache.put(str(i), bytes(4))
    assert len(cache) == 3
    assert cache.get("9") == bytes(4)
    assert cache.get("0") is None


def test_model_features_of_the_analysis_are_the_texts_features() -> None:
    cases = _corpus_cases()
    model = TextModel().fit([c.text for c in cases], [i % 2 == 0 for i in range(len(cases))])
    engine = Engine(Policy(model_mode=ModelMode.ON), model=model)
    for case in cases[:60]:
        a = engine.analyse(case)
        assert a.model_features == features(case.text)
        assert a.model_probability == model.predict_proba(case.text)


def test_sign_tokens_equals_signing_shingles() -> None:
    from handschlag.trust.text.minhash import Signer
    from handschlag.trust.text.shingles import shingle_count, shingles

    signer = Signer()
    texts = [canonical_text_tokens(c.text, LEX) for c in _corpus_cases()]
    texts += [[], ["a"], ["a", "b", "a", "b"], ["# #", "x", "#", "x #"], ["zum beispiel", "zum"]]
    for _ in range(2):  # the second time every hash comes from the signer's memory
        rows = signer.sign_tokens(texts)
        assert (rows == signer.sign_many([shingles(t) for t in texts])).all()
        for i in (0, 7, len(texts) - 1):
            assert (signer.sign_tokens([texts[i]])[0] == rows[i]).all()
    for tokens in texts:
        assert shingle_count(tokens) == len(shingles(tokens))
