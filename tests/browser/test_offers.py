"""Job offers, clicked through in headless Chromium on the demo network.

Lena Vogt, the demo member (she reads German), finds Sabine Roth's Head of Engineering
offer among her matching offers with its fit explained, and Rebecca Hall's lazy Java offer
declined by her settings, with the reasons. Rebecca, the headhunter, sees only that it was
declined, with Lena's polite standard reply: no salary floor, no place, no level.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from handschlag.demo.personas import DEMO_PASSWORD
from tests.browser.test_flows import log_in, log_out

pytestmark = pytest.mark.browser

LENA = "demo@handschlag.example"
REBECCA = "rebecca.hall@handschlag.example"
#: Lena's private floor (92,000 EUR) as any reader might write it.
FLOOR = re.compile(r"92[.,' \u00a0]?000")


@pytest.fixture
def demo_network(transactional_db) -> None:
    call_command("demo", members=300, stdout=StringIO())


def test_lena_sees_the_fit_and_the_declined_offer_rebecca_sees_no_number(
    live_server, page_: Page, shoot, demo_network
):
    log_in(page_, live_server.url, LENA, DEMO_PASSWORD)
    page_.get_by_test_id("nav-offers").click()
    expect(page_.get_by_role("heading", level=1)).to_have_text("Jobangebote")

    # The matching offer, with its fit in plain words (her own numbers: only she sees them).
    matching = page_.locator("section").filter(
        has=page_.get_by_role("heading", name="Passende Angebote")
    )
    sabine = matching.get_by_test_id("offer-card").filter(has_text="Head of Engineering")
    expect(sabine).to_contain_text("Passt zu Ihren Jobwünschen")
    fit = sabine.get_by_test_id("offer-fit")
    expect(fit).to_contain_text(
        "Gehalt 98.000\u2013115.000 EUR, über Ihrer Gehaltsuntergrenze von 92.000 EUR"
    )
    expect(fit).to_contain_text("5 von 7 Kenntnissen stehen in Ihrem Profil")
    expect(fit).to_contain_text("Hybrid in Freiburg im Breisgau, passt")
    expect(sabine.get_by_role("link", name="Interessiert")).to_be_visible()
    shoot(page_, "lena-offers")

    # The lazy offer: declined by her settings, filed with the categories that failed.
    answered = page_.locator("section").filter(has=page_.get_by_role("heading", name="Beantwortet"))
    rebecca = answered.get_by_test_id("offer-card").filter(has_text="Senior Java Developer")
    expect(rebecca.get_by_test_id("offer-outcome")).to_contain_text(
        "Von Ihren Einstellungen abgelehnt"
    )
    expect(rebecca.get_by_test_id("offer-mismatch")).to_contain_text("Gehalt")
    expect(rebecca.get_by_test_id("offer-fit")).to_contain_text(
        "unter Ihrer Gehaltsuntergrenze von 92.000 EUR"
    )
    rebecca.get_by_role("link", name="Angebot lesen").click()
    expect(page_.locator(".reasons")).to_contain_text("liegt unter Ihrem Minimum")
    expect(page_.locator(".reply-preview")).to_contain_text("Hello Rebecca Hall,")
    shoot(page_, "lena-declined-offer")
    log_out(page_)

    # Rebecca sees the outcome, Lena's standard reply, and no number of Lena's.
    log_in(page_, live_server.url, REBECCA, DEMO_PASSWORD)
    page_.goto(f"{live_server.url}/offers/sent/")
    offer = page_.get_by_test_id("sent-offer").filter(has_text="Senior Java Developer")
    expect(offer).to_have_attribute("data-status", "declined")
    expect(offer).to_contain_text(
        "Declined: the offer does not match what the member is looking for"
    )
    offer.get_by_text("The member's reply").click()
    expect(offer.locator(".reply-preview")).to_contain_text(
        "It does not match what I am looking for at the moment"
    )
    expect(page_.get_by_test_id("offer-stats")).to_contain_text("Declined")
    body = page_.content()
    assert not FLOOR.search(body)
    for private in ("Freiburg", "Basel", "Karlsruhe", "Gehaltsuntergrenze", "minimum"):
        assert private not in body
    shoot(page_, "rebecca-sent-offers")


def test_the_offer_form_names_each_wrong_field_and_members_get_a_403(
    live_server, page_: Page, shoot, demo_network
):
    from handschlag.accounts.models import Member

    tobias = Member.objects.get(email__startswith="tobias.")
    # Sabine, the careful recruiter, reads German.
    log_in(page_, live_server.url, "sabine.roth@handschlag.example", DEMO_PASSWORD)
    page_.goto(f"{live_server.url}/offers/send/{tobias.pk}/")
    page_.get_by_label("Jobtitel").fill("Teamleitung Backend")
    page_.locator("#id_employer").fill("Werkbank Software GmbH")
    page_.get_by_label("Karrierestufe").select_option("lead")
    page_.get_by_label("Gehalt ab (pro Jahr, brutto)").fill("90.000")
    page_.get_by_label("Gehalt bis (pro Jahr, brutto)").fill("80.000")
    page_.get_by_role("button", name="Angebot senden").click()

    expect(page_.locator(".field.has-error")).to_have_count(3)
    expect(
        page_.get_by_text("Das obere Ende der Gehaltsspanne darf nicht unter dem unteren liegen.")
    ).to_be_visible()
    expect(page_.get_by_text("Bitte wählen Sie die Währung des Gehalts.")).to_be_visible()
    expect(page_.get_by_text("Bitte geben Sie an, wo gearbeitet wird.")).to_be_visible()
    shoot(page_, "form-errors")
    log_out(page_)

    log_in(page_, live_server.url, LENA, DEMO_PASSWORD)
    response = page_.goto(f"{live_server.url}/offers/send/{tobias.pk}/")
    assert response is not None and response.status == 403
    expect(page_.get_by_role("heading", level=1)).to_have_text("Nur für Recruiter")
    expect(page_.locator("main")).to_contain_text("Nur Recruiter können Jobangebote senden.")
    shoot(page_, "not-a-recruiter")
