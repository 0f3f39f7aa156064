"""The offers pages: the member's inbox and answers, the settings, and the recruiter's
form and list (permissions, field errors in the member's language, 403 and 404)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from handschlag.accounts.models import Member
from handschlag.moderation.models import Report
from handschlag.offers import services
from handschlag.offers.models import OfferPolicy, OfferStatus, RecruiterOffer
from tests.offers.conftest import BELOW_FLOOR, good_offer

FORM = {
    "title": "Lead Backend Engineer",
    "employer": "Harzer Software GmbH",
    "level": "lead",
    "salary_min": "990.000",
    "salary_max": "1.100.000",
    "currency": "EUR",
    "location": "Wernigerode",
    "remote": "hybrid",
    "skills": "Python, Django, PostgreSQL, Kubernetes",
    "text": "Ihr Profil passt.",
}


def _send(recruiter: Member, recipient: Member, **changes: object) -> RecruiterOffer:
    return services.send_offer(recruiter, recipient_id=recipient.pk, draft=good_offer(**changes))


def test_the_recruiter_sends_an_offer_through_the_form(rita, olaf_candidate, client_for):
    response = client_for(rita).post(reverse("send_offer", args=[olaf_candidate.pk]), FORM)

    assert response.status_code == 302
    assert response["Location"] == reverse("sent_offers")
    offer = RecruiterOffer.objects.get()
    assert (offer.salary_min, offer.salary_max, offer.skills) == (
        990_000,
        1_100_000,
        ["Python", "Django", "PostgreSQL", "Kubernetes"],
    )
    page = client_for(rita).get(reverse("sent_offers")).content.decode()
    assert "Zugestellt; noch keine Antwort" in page or "Delivered; no answer yet" in page


def test_members_without_the_role_get_a_clear_403(anna, olaf_candidate, client_for):
    client = client_for(anna)
    for response in (
        client.get(reverse("send_offer", args=[olaf_candidate.pk])),
        client.post(reverse("send_offer", args=[olaf_candidate.pk]), FORM),
        client.get(reverse("sent_offers")),
    ):
        assert response.status_code == 403
        assert "Only recruiters can send job offers." in response.content.decode()
    assert not RecruiterOffer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"salary_min": "100000", "salary_max": "90000"},
            "salary_max",
            "The upper end of the salary range must not be below the lower end.",
        ),
        ({"currency": ""}, "currency", "Please choose the currency of the salary."),
        ({"salary_min": "95k"}, "salary_min", "Enter the yearly salary as a whole number"),
        ({"employer": ""}, "employer", "Name the employer, or keep it confidential"),
        ({"location": ""}, "location", "Please enter where the work is done."),
        ({"text": "x" * 2001}, "text", "at most 2000 are allowed"),
    ],
)
def test_field_errors_name_the_field(sven, olaf_candidate, client_for, changes, field, message):
    response = client_for(sven).post(
        reverse("send_offer", args=[olaf_candidate.pk]), FORM | changes
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert not RecruiterOffer.objects.exists()


def test_field_errors_are_in_the_members_language(rita, olaf_candidate, client_for):
    # Rita reads German (her account's language), whatever her browser asks for.
    client = client_for(rita)
    response = client.post(
        reverse("send_offer", args=[olaf_candidate.pk]),
        FORM | {"salary_min": "100000", "salary_max": "90000", "currency": ""},
    )
    errors = response.context["form"].errors
    assert errors["salary_max"] == [
        "Das obere Ende der Gehaltsspanne darf nicht unter dem unteren liegen."
    ]
    assert errors["currency"] == ["Bitte wählen Sie die Währung des Gehalts."]


def test_a_confidential_employer_and_no_salary_are_allowed(rita, olaf_candidate, client_for):
    form = FORM | {
        "employer": "",
        "confidential": "on",
        "salary_min": "",
        "salary_max": "",
        "currency": "",
    }
    response = client_for(rita).post(reverse("send_offer", args=[olaf_candidate.pk]), form)

    assert response.status_code == 302
    offer = RecruiterOffer.objects.get()
    assert (offer.employer, offer.salary_min, offer.currency) == ("", None, "")
    page = client_for(olaf_candidate).get(reverse("offer_inbox")).content.decode()
    assert "Employer confidential" in page
    assert "no salary stated" in page


def test_the_inbox_explains_the_fit_of_a_matching_offer(rita, olaf_candidate, client_for):
    _send(rita, olaf_candidate)

    page = client_for(olaf_candidate).get(reverse("offer_inbox")).content.decode()

    assert "Matching offers" in page
    assert "Salary 990,000\u20131,100,000 EUR, above your minimum of 987,654 EUR" in page
    assert "Career level: Lead, which fits" in page
    assert "3 of 4 skills are in your profile" in page


def test_a_declined_offer_is_filed_with_its_reasons(rita, olaf_candidate, client_for):
    offer = _send(rita, olaf_candidate, **BELOW_FLOOR)

    client = client_for(olaf_candidate)
    page = client.get(reverse("offer_inbox")).content.decode()
    assert "Declined by your settings" in page
    assert "Did not match in: salary" in page
    detail = client.get(reverse("offer_detail", args=[offer.pk])).content.decode()
    assert "is below your minimum" in detail
    assert offer.reply_text.splitlines()[0] in detail


def test_offers_of_others_answer_404(rita, sven, olaf_candidate, anna, client_for):
    offer = _send(rita, olaf_candidate)
    for member in (anna, rita, sven):
        client = client_for(member)
        for name in ("offer_detail", "offer_decline", "offer_interested", "offer_report"):
            assert client.get(reverse(name, args=[offer.pk])).status_code == 404
        assert client.post(reverse("offer_decline", args=[offer.pk])).status_code == 404
    # Sven's list does not show Rita's offer.
    assert (
        "Lead Backend Engineer" not in client_for(sven).get(reverse("sent_offers")).content.decode()
    )


def test_declining_through_the_page_with_an_edited_reply(rita, olaf_candidate, client_for):
    offer = _send(rita, olaf_candidate)
    client = client_for(olaf_candidate)

    form = client.get(reverse("offer_decline", args=[offer.pk]))
    # The draft is in the recruiter's language (Rita reads German).
    assert form.context["form"].initial["reply_text"].startswith("Guten Tag Rita Roth,")
    response = client.post(
        reverse("offer_decline", args=[offer.pk]), {"reply_text": "Danke, kein Wechsel."}
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.status, offer.reply_text) == (OfferStatus.DECLINED, "Danke, kein Wechsel.")


def test_interest_through_the_page_opens_the_conversation(rita, olaf_candidate, client_for):
    Member.objects.filter(pk=olaf_candidate.pk).update(
        date_joined=olaf_candidate.date_joined - timedelta(days=30)
    )
    offer = _send(rita, olaf_candidate)

    response = client_for(olaf_candidate).post(
        reverse("offer_interested", args=[offer.pk]), {"message": "Gern, mehr dazu?"}
    )

    offer.refresh_from_db()
    assert offer.conversation_id is not None
    assert response["Location"] == reverse("conversation", args=[offer.conversation_id])


def test_reporting_through_the_page(rita, olaf_candidate, client_for):
    offer = _send(rita, olaf_candidate)

    response = client_for(olaf_candidate).post(
        reverse("offer_report", args=[offer.pk]), {"reason": "spam", "comment": ""}
    )

    assert response.status_code == 302
    assert Report.objects.filter(reported=rita).count() == 1


def test_the_settings_page_saves_the_policy(olaf_candidate, client_for):
    client = client_for(olaf_candidate)
    page = client.get(reverse("offer_settings"))
    assert page.context["form"].initial == {"auto_decline": True, "share_categories": False}

    client.post(reverse("offer_settings"), {"share_categories": "on"})

    policy = OfferPolicy.objects.get(member=olaf_candidate)
    assert (policy.auto_decline, policy.share_categories) == (False, True)


def test_the_recruiters_figures(rita, olaf_candidate, anna, clara, client_for):
    from handschlag.profiles.services import save_job_preferences

    for member in (anna, clara):
        save_job_preferences(member, changes={"open_to_offers": True})
        # Their skills differ from the offer's: filed for review rather than declined.
        services.save_offer_policy(member, auto_decline=False, share_categories=False)
    interested = _send(rita, anna)
    declined = _send(rita, clara, level="junior")
    _send(rita, olaf_candidate)  # no answer yet
    services.decline_offer(clara, offer_id=declined.pk)
    services.express_interest(anna, offer_id=interested.pk, message="Gern.")
    RecruiterOffer.objects.filter(pk__in=(interested.pk, declined.pk)).update(
        reveal_at=interested.sent_at - timedelta(hours=1)
    )

    stats = client_for(rita).get(reverse("sent_offers")).context["stats"]

    assert (stats.sent, stats.awaiting, stats.interested, stats.declined) == (3, 1, 1, 1)
    assert stats.matched == 1
    assert stats.acceptance_percent == 50
