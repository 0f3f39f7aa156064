"""The hygiene report on the sample archive: the planted figures come out, in both languages."""

import csv
import io
import re

import pytest

from handschlag.importers import read_export
from handschlag.importers.cli import main
from handschlag.importers.hygiene import Action, HygieneReport, analyse
from handschlag.importers.messages import collect, po_path
from handschlag.importers.report import render_document, write_actions_csv
from handschlag.trust import Preferences
from handschlag.trust.messages import parse_po
from tests.importers.conftest import SAMPLE

PREFERENCES = Preferences(min_salary=70_000, levels=("senior", "lead"), locations=("Köln",))


@pytest.fixture(scope="module")
def report() -> HygieneReport:
    return analyse(read_export(SAMPLE), preferences=PREFERENCES)


def test_counts(report):
    assert report.owner == "Jana Beispiel"
    assert report.contacts == 150
    assert report.invitations_in == 45 and report.invitations_out == 8
    assert report.invitations_with_note == 35
    # 40 real conversations, 12 pitchers and 4 recruiters wrote; the rest never did.
    assert report.silent == 150 - 40 - 12 - 4
    assert report.one_way == 16
    assert len(report.recommendations_received) == 3
    assert len(report.recommendations_given) == 2
    assert report.endorsements == 12


def test_templates_across_senders(report):
    assert [(t.count, t.senders) for t in report.templates] == [(6, 6), (5, 5), (4, 4)]
    assert report.templated_invitations == 15
    # The sample quotes no one's salutation.
    assert all(t.sample.startswith("… ") for t in report.templates)
    assert "Synergien" in report.templates[1].sample


def test_pitches_right_after_connecting(report):
    assert len(report.pitches) == 12
    assert {p.days for p in report.pitches} == {1, 2, 3, 4, 5}
    assert not any(p.answered for p in report.pitches)


def test_recruiters_matched_against_preferences(report):
    fits = sorted(r.fits for r in report.recruiters)
    assert fits == [False, False, True, True]
    junior = next(r for r in report.recruiters if "Junior" in r.excerpt)
    texts = [reason.text("en") for reason in junior.reasons]
    assert "the salary (up to 42,000 EUR) is below your minimum" in texts


def test_suggested_actions(report):
    assert report.count(Action.REMOVE) == 12 + 15
    assert report.count(Action.KEEP) == 40
    assert report.count(Action.CHECK) == 150 - 27 - 40
    pitcher = next(v for v in report.verdicts if v.action == Action.REMOVE and v.messages_in)
    assert any("days after connecting" in r.text("en") for r in pitcher.reasons)


def test_growth_per_month(report):
    months = [m for m, _ in report.growth]
    assert months[0] == "2024-01" and months[-1] == "2026-11"
    assert len(months) == 35  # every month, the empty ones too
    assert sum(n for _, n in report.growth) == 150


def test_html_is_self_contained_in_both_languages(report):
    en = render_document(report, "en")
    de = render_document(report, "de")
    assert "<svg" in en and "<style>" in en
    assert not re.search(r"<script|<link|src=\"http", en)
    assert "Network hygiene report" in en and "Bericht zur Netzwerkpflege" in de
    assert "das Gehalt (bis 42.000 EUR) liegt unter Ihrem Minimum" in de


def test_csv_has_every_contact_and_quotes_formulas(report):
    out = io.StringIO()
    write_actions_csv(report, out, "de")
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][0] == "Vorname" and len(rows) == 151
    assert {r[9] for r in rows[1:]} == {"behalten", "prüfen", "entfernen"}


def test_cli_writes_the_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert (
        main([str(SAMPLE), "--out", str(out), "--lang", "de", "--csv", str(tmp_path / "a.csv")])
        == 0
    )
    assert "Bericht zur Netzwerkpflege" in out.read_text(encoding="utf-8")
    assert "150 contacts" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_catalogues_are_complete(lang):
    entries, fuzzy = parse_po(po_path(lang).read_text(encoding="utf-8"))
    assert not fuzzy
    missing = [msgid for msgid in collect() if not entries.get(msgid)]
    assert missing == []
