"""Normalisation, language detection, lexicons (and their extension), shingles, MinHash."""

from __future__ import annotations

from pathlib import Path

import pytest

from handschlag.trust.text.language import detect
from handschlag.trust.text.lexicon import LexiconError, default_lexicon, load_lexicon
from handschlag.trust.text.minhash import Signer, similarity
from handschlag.trust.text.normalise import fold, view
from handschlag.trust.text.shingles import canonical_tokens, shingles

LEX = default_lexicon()


def test_fold() -> None:
    assert fold("Grüße") == "gruesse"
    assert fold("Café") == "cafe"
    assert fold("ＣＡＬＬ") == "call"  # noqa: RUF001 (fullwidth on purpose)
    assert fold("Ver\u200bnetzung") == "vernetzung"


def test_view_takes_out_links_hashtags_and_cites_original() -> None:
    v = view("Hallo! Buchen Sie hier: https://calendly.com/x #Vertrieb #KI mail@firma.de")
    assert v.urls == ("https://calendly.com/x",)
    assert v.hashtags == ("vertrieb", "ki")
    assert v.emails == ("mail@firma.de",)
    found = LEX.find(view("Wie TELEFONISCH besprochen, Grüße"), "claim")
    assert found[0].cited == "Wie TELEFONISCH besprochen"


@pytest.mark.parametrize(
    ("text", "primary", "mixed"),
    [
        ("Ich würde mich freuen, wenn wir uns vernetzen und austauschen", "de", False),
        ("I would love to connect and hear about your work", "en", False),
        (
            "Hallo Anna, ich habe deinen Talk gesehen. Would love to connect and chat about it!",
            None,
            True,
        ),
        ("12345", None, False),
    ],
)
def test_language_detection(text: str, primary: str | None, mixed: bool) -> None:
    guess = detect(view(text), LEX.stopwords)
    if primary:
        assert guess.primary == primary
    assert guess.is_mixed is mixed


@pytest.mark.parametrize(
    ("category", "text"),
    [
        ("claim", "Sehr geehrter Herr Wolf, leider haben Sie den Termin gestern verpasst."),
        ("claim", "Hi Tom, we were in touch last month about your hiring plans."),
        ("claim", "Hallo, wie besprochen anbei die Unterlagen."),
        ("generic", "I'd like to add you to my professional network."),
        ("pitch_strong", "Book a demo with our team today"),
        ("engagement_bait", "Kommentieren Sie mit JA!"),
        ("contact_ask", "What's your e-mail address?"),
    ],
)
def test_lexicon_phrases(category: str, text: str) -> None:
    assert LEX.find(view(text), category)


def test_host_can_extend_lexicon(tmp_path: Path) -> None:
    extra = tmp_path / "local.toml"
    extra.write_text('[phrases]\nclaim = ["wie am stammtisch besprochen"]\n', encoding="utf-8")
    lex = load_lexicon([extra])
    assert lex.find(view("Wie am Stammtisch besprochen …"), "claim")
    assert not LEX.find(view("Wie am Stammtisch geplaudert"), "claim")


def test_broken_lexicon_is_reported(tmp_path: Path) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text('[phrases]\nnonsense = ["x"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown phrase category 'nonsense'"):
        load_lexicon([extra])


def test_mail_merge_and_spin_are_folded() -> None:
    a = "Hallo Frau Schulz, Ihr Profil ist wirklich spannend und ich würde mich gerne vernetzen."
    b = (
        "Hallo Herr Dr. Maier, Ihr Werdegang ist wirklich faszinierend und ich würde mich "
        "gerne verbinden."
    )
    ta = canonical_tokens(view(a), LEX)
    tb = canonical_tokens(view(b), LEX)
    assert ta == tb


def test_signer_matches_datasketch_minhash() -> None:
    signer = Signer()
    sets = [shingles(["a", "b", "c", "d"]), [], shingles(["x", "y", "z"]), [b"solo"]]
    rows = signer.sign_many(sets)
    for row, s in zip(rows, sets, strict=True):
        assert (signer.minhash(s).hashvalues == row).all()
    assert similarity(rows[0], rows[0]) == 1.0
    assert similarity(rows[0], rows[1]) == 0.0


def test_signer_is_seeded() -> None:
    s = shingles(["hallo", "welt", "wie", "geht", "es"])
    assert (Signer(seed=1).sign(s) == Signer(seed=1).sign(s)).all()
    assert not (Signer(seed=1).sign(s) == Signer(seed=2).sign(s)).all()
