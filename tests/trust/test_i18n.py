"""Catalogues of the trust domain: complete, not fuzzy, and the .mo matches the .po."""

from __future__ import annotations

import gettext

import pytest

from handschlag.trust import all_rules
from handschlag.trust.i18n import MESSAGES, format_number, render
from handschlag.trust.messages import parse_po, po_path

all_rules()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_message_is_translated_and_compiled(lang: str) -> None:
    path = po_path(lang)
    entries, fuzzy = parse_po(path.read_text(encoding="utf-8"))
    assert not fuzzy
    assert set(MESSAGES) <= set(entries)
    assert all(entries[m] for m in MESSAGES), "empty msgstr"
    with path.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for msgid, msgstr in entries.items():
        assert compiled.gettext(msgid) == msgstr, (
            f"{lang} .mo is stale: python -m handschlag.trust messages"
        )


def test_placeholders_survive_translation() -> None:
    entries, _ = parse_po(po_path("de").read_text(encoding="utf-8"))
    import re

    for msgid, msgstr in entries.items():
        assert sorted(re.findall(r"%\(\w+\)\w", msgid)) == sorted(
            re.findall(r"%\(\w+\)\w", msgstr)
        ), msgid


def test_numbers_are_grouped_per_language() -> None:
    assert format_number(68000, "de") == "68.000"
    assert format_number(68000, "en") == "68,000"
    assert render("sent %(count)d requests in the last 7 days", {"count": 1200}, "de") == (
        "hat in den letzten 7 Tagen 1.200 Anfragen verschickt"
    )


def test_broken_values_do_not_break_rendering() -> None:
    assert render("sent %(count)d requests in the last 7 days", {}, "en")
