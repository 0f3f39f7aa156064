"""Standard replies: filled from the case, in both languages, never leaking preferences."""

from __future__ import annotations

import pytest

from handschlag.trust import compose_reply, evaluate

from .builders import (
    a_contact_request,
    a_group_invitation,
    a_message,
    a_recommendation_request,
    an_offer,
)
from .examples import CLAIM_DE, GENERIC_DE, PITCH_EN


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    "offer",
    [
        {"salary_min": 70000, "salary_max": 74000},
        {"level": "junior"},
        {"location": "München"},
        {"skills": ["COBOL", "RPG"]},
    ],
)
def test_offer_reply_is_the_same_whatever_failed(offer: dict, lang: str) -> None:
    case = an_offer().offering(**offer).to(preferences={"min_salary": 75000}).build()
    reply = compose_reply(case, evaluate(case), lang)
    assert reply is not None
    assert reply.situation == "decline_offer"
    assert "Senior Data Engineer" in reply.text
    for secret in ("75000", "75.000", "75,000", "Bremen", "Hamburg", "lead"):
        assert secret not in reply.text
    baseline = an_offer().offering(salary_min=1, salary_max=2).build()
    assert reply.text == compose_reply(baseline, evaluate(baseline), lang).text  # type: ignore[union-attr]


def test_claim_reply_quotes_the_phrase() -> None:
    case = a_message().with_note(CLAIM_DE).from_(requests_sent_7d=80).build()
    reply = compose_reply(case, evaluate(case), "de")
    assert reply is not None
    assert reply.situation == "decline_claim"
    assert "„wie telefonisch besprochen“" in reply.text
    assert reply.text.startswith("Guten Tag Jonas Becker")


def test_situations() -> None:
    pitch = a_message().with_note(PITCH_EN).build()
    assert compose_reply(pitch, evaluate(pitch), "en").situation == "decline_pitch"  # type: ignore[union-attr]
    rec = a_recommendation_request().with_note("Hi").build()
    assert compose_reply(rec, evaluate(rec), "en").situation.endswith("recommendation")  # type: ignore[union-attr]
    grp = a_group_invitation().inviting(topics=["crypto"], inviter_invites_7d=400).build()
    assert "Open Data Bremen" in compose_reply(grp, evaluate(grp), "de").text  # type: ignore[union-attr]
    collector = a_contact_request().with_note(GENERIC_DE).from_(requests_sent_7d=90).build()
    assert compose_reply(collector, evaluate(collector)).situation == "decline_request"  # type: ignore[union-attr]


def test_welcome_needs_no_reply() -> None:
    case = (
        a_contact_request()
        .related(shared_employers=["Stadtwerke Bremen"])
        .with_note("Hallo Anna, schön dich zu sehen!")
        .build()
    )
    assert compose_reply(case, evaluate(case)) is None
