"""The export: every category of Anna's data is in it, and nothing private of others."""

import io
import json
import zipfile

from django.apps import apps
from tests.conftest import (
    OLAF_EMAIL,
    OLAF_MIN_SALARY,
    OLAF_PHONE,
    OLAF_PREFERRED_LOCATION,
)
from tests.gdpr.conftest import ANNA_MIN_SALARY, ANNA_PHONE, MARK, World

from handschlag.accounts.models import Member
from handschlag.gdpr.archive import build_archive, render_html
from handschlag.gdpr.export import COVERED, NOT_EXPORTED, collect_export
from handschlag.network.models import RequestStatus
from handschlag.profiles.models import Visibility
from handschlag.profiles.services import update_privacy


def _member_columns() -> set[str]:
    columns = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is Member:
                columns.add(f"{model._meta.label}.{field.name}")
    return columns


def test_every_column_tied_to_a_member_is_exported_or_listed_with_a_reason() -> None:
    columns = _member_columns()
    assert columns - set(COVERED) - set(NOT_EXPORTED) == set()
    # The lists name only columns that exist (no stale entries).
    assert (set(COVERED) | set(NOT_EXPORTED)) - columns == set()
    assert not set(COVERED) & set(NOT_EXPORTED)


def test_the_export_holds_every_category_of_annas_data(world: World) -> None:
    data = collect_export(world.anna)
    text = json.dumps(data, ensure_ascii=False)
    for key, marker in MARK.items():
        assert marker in text or marker.lower() in text, key
    assert data["account"]["email"] == world.anna.email
    assert data["account"]["email_addresses"][0]["email"] == world.anna.email
    assert data["account"]["logins"][0]["address"] == "192.0.2.7"
    profile = data["profile"]
    assert profile["phone"] == ANNA_PHONE
    assert profile["job_preferences"]["min_salary"] == ANNA_MIN_SALARY
    assert profile["positions"][0]["employer"] == "Becker & Partner Steuerberatung"
    assert profile["skills"] == ["DATEV", "Lohnbuchhaltung", "Steuerrecht"]
    assert profile["languages"] == [{"language": "fr", "level": "fluent"}]
    assert profile["privacy"]["phone_visible_to"] == Visibility.NOBODY
    network = data["network"]
    assert {c["name"] for c in network["contacts"]} == {"Olaf Brenner"}
    assert network["requests_sent"][0]["to"] == "Clara Vogt"
    received = network["requests_received"][0]
    assert received["from"] == "Clara Vogt"
    assert received["reasons"] == ["Generic note"]
    assert network["profiles_you_viewed"][0]["profile"] == "Olaf Brenner"
    assert network["who_viewed_your_profile"][0]["name"] == "Clara Vogt"
    assert network["request_settings"] is not None
    assert network["restrictions"][0]["appeal"]["text"] == MARK["appeal"]
    messages = data["messaging"]["conversations"][0]["messages"]
    assert [m["text"] for m in messages] == [MARK["message"], "Gern, Anna!"]
    offers = data["offers"]
    assert offers["recruiter"]["organisation"] == "Becker Personal"
    assert offers["settings"]["auto_decline"] is True
    assert offers["received"][0]["from"] == "Olaf Brenner"
    assert offers["sent"][0]["title"] == MARK["offer_sent"]
    assert data["groups"]["memberships"][0]["group"] == MARK["group"]
    assert data["groups"]["invitation_settings"] is not None
    assert data["feed"]["reactions"][0]["reaction"] == "congrats"
    assert data["feed"]["following"][0]["member"] == "Olaf Brenner"
    assert data["feed"]["settings"] is not None
    assert data["events"]["rsvps"][0]["meetup"] == "Bau-Stammtisch"
    assert data["events"]["wrong_check_in_codes"][0]["meetup"] == "Bau-Stammtisch"
    assert data["events"]["calendar_feed"]["created_at"]
    assert data["imports"]["contacts"][0]["last_name"] == "Import"
    assert data["api_tokens"][0]["name"] == MARK["token"]
    assert data["notifications"]["daily_digest"] is False
    assert data["moderation"]["reports_filed"][0]["comment"] == MARK["report"]
    assert data["moderation"]["blocks"][0]["member"] == "Clara Vogt"
    assert data["about_this_export"]["rights"]


def test_the_export_holds_no_secrets(world: World) -> None:
    text = json.dumps(collect_export(world.anna))
    token = world.anna.personal_tokens.get()
    assert token.prefix not in text
    assert token.secret_hash not in text
    assert "k" * 40 not in text  # the calendar feed's key
    assert "password" not in text


def test_nothing_private_of_olaf_is_in_annas_export(world: World) -> None:
    """Olaf is Anna's contact, messaged her, sent her an offer and recommended by her;
    his phone (nobody), salary floor and preferred places (owner-only) stay out. His email
    is in it because his settings show it to contacts, and only then."""
    text = json.dumps(collect_export(world.anna), ensure_ascii=False)
    assert OLAF_PHONE not in text
    assert str(OLAF_MIN_SALARY) not in text
    assert OLAF_PREFERRED_LOCATION not in text
    assert OLAF_EMAIL in text

    update_privacy(world.olaf, changes={"email_visibility": Visibility.NOBODY})
    text = json.dumps(collect_export(world.anna), ensure_ascii=False)
    assert OLAF_EMAIL not in text
    update_privacy(world.olaf, changes={"phone_visibility": Visibility.CONTACTS})
    assert OLAF_PHONE in json.dumps(collect_export(world.anna), ensure_ascii=False)


def test_reports_about_anna_and_the_engines_evidence_stay_out(world: World) -> None:
    data = collect_export(world.anna)
    text = json.dumps(data, ensure_ascii=False)
    assert world.report_about_anna.content not in text
    assert "pitching" not in text  # the moderators' log
    assert "NOTE_GENERIC" not in text  # rule codes and scores are not the inbox's words
    received = data["network"]["requests_received"][0]
    assert "score" not in received
    assert "hits" not in received
    # What the sender sees of their own request: no verdict.
    assert set(data["network"]["requests_sent"][0]) == {
        "to",
        "note",
        "intent",
        "status",
        "sent_at",
        "decided_at",
    }
    assert data["network"]["requests_sent"][0]["status"] in RequestStatus.values


def test_clara_sees_only_her_side(world: World) -> None:
    """Anna blocked and reported Clara: neither shows in Clara's export."""
    text = json.dumps(collect_export(world.clara), ensure_ascii=False)
    assert MARK["report"] not in text
    assert world.anna.email not in text
    assert ANNA_PHONE not in text
    assert str(ANNA_MIN_SALARY) not in text


def test_the_archive_holds_json_and_a_readable_page(world: World) -> None:
    archive = zipfile.ZipFile(io.BytesIO(build_archive(world.anna)))
    assert sorted(archive.namelist()) == ["data.json", "index.html"]
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["about"] == MARK["about"]
    page = archive.read("index.html").decode()
    assert MARK["about"] in page
    assert "Your data from Handschlag" in page


def test_the_page_shows_a_script_as_text(world: World) -> None:
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = collect_export(world.anna)
    data["feed"]["posts"].append({"text": attack})
    page = render_html(data, lang="en")
    assert attack not in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<img" not in page


def test_the_page_speaks_german_to_a_german_member(world: World) -> None:
    page = render_html(collect_export(world.anna), lang="de")
    assert "Ihre Daten bei Handschlag" in page
    assert "Nachrichten" in page
