"""The standard reply to a declined recommendation request, in the asker's language.

It comes from the trust engine's ``compose_reply`` (situation ``decline_recommendation``)
and is given only the two names: the reply is the same whatever the recommender's reasons.
"""

from __future__ import annotations

from handschlag.network.replies import ReplyDraft
from handschlag.profiles.models import Profile
from handschlag.recommendations.cases import reader_language
from handschlag.recommendations.models import RecommendationRequest
from handschlag.trust import Case, Kind, Label, Recipient, Sender, Verdict, compose_reply


def decline_reply(request: RecommendationRequest) -> ReplyDraft:
    """The recommender's polite decline of ``request``, written in the asker's language."""
    names = dict(
        Profile.objects.filter(
            member_id__in=(request.asker_id, request.recommender_id)
        ).values_list("member_id", "full_name")
    )
    lang = reader_language(request.asker)
    case = Case(
        id=f"recommendation_request:{request.pk}",
        kind=Kind.RECOMMENDATION_REQUEST,
        text="",
        sent_at=request.sent_at,
        sender=Sender(id=str(request.asker_id), name=names.get(request.asker_id, "")),
        recipient=Recipient(
            id=str(request.recommender_id), name=names.get(request.recommender_id, "")
        ),
    )
    # A decline without hits: the reply must not depend on the recommender's reasons.
    verdict = Verdict(case_id=case.id, label=Label.DECLINE, score=0.0, hits=(), lang=lang)
    reply = compose_reply(case, verdict, lang)
    # compose_reply answers a declined recommendation request with "decline_recommendation".
    assert reply is not None  # noqa: S101
    return ReplyDraft(situation=reply.situation, lang=reply.lang, text=reply.text)
