"""The engine: caps, thresholds, labels, policies, shadow mode, languages."""

from __future__ import annotations

from handschlag.trust import Engine, Label, ModelMode, Policy, TextModel, Thresholds, evaluate
from handschlag.trust.verdict import Verdict

from .builders import a_contact_request, a_message
from .examples import GENERIC_DE, PITCH_DE, PITCH_EN, PLAIN_DE, PLAIN_EN, SPECIFIC_EN


def test_genuine_former_colleague_is_welcome() -> None:
    case = (
        a_contact_request()
        .with_note(
            "Hallo Anna, schön, dich hier zu finden! Wir haben 2019 zusammen die Kafka-Migration "
            "gemacht."
        )
        .related(shared_employers=["Stadtwerke Bremen"], mutual_contacts=14)
        .build()
    )
    verdict = evaluate(case)
    assert verdict.label is Label.WELCOME
    assert verdict.score < 0
    assert "CG_SHARED_EMPLOYER" in verdict.codes


def test_collector_is_spam_with_reasons() -> None:
    case = (
        a_contact_request()
        .with_note(GENERIC_DE)
        .from_(requests_sent_7d=180, requests_sent_90d=1900, requests_accepted_90d=150,
               contacts=9000, recent_texts=[GENERIC_DE.replace("Schulz", n) for n in "ABCDEF"])
        .related(viewed_profile_before=False)
        .build()
    )  # fmt: skip
    verdict = evaluate(case)
    assert verdict.label is Label.SPAM
    assert verdict.hits[0].score >= verdict.hits[-1].score
    assert all(h.explanation("de") and h.explanation("en") for h in verdict.hits)


def test_group_caps_limit_points() -> None:
    case = a_contact_request().from_(requests_sent_7d=500, requests_sent_90d=900,
                                     requests_accepted_90d=0, account_age_days=5,
                                     contacts=5000).build()  # fmt: skip
    verdict = evaluate(case)
    volume = sum(h.score for h in verdict.hits if h.group == "volume")
    assert volume <= 5.0 + 0.02


def test_policy_overrides_scores_thresholds_and_disables() -> None:
    case = a_contact_request().with_note(GENERIC_DE).build()
    default = evaluate(case)
    louder = evaluate(case, Policy(scores={"NOTE_GENERIC": 9.0}))
    assert louder.score > default.score
    strict = evaluate(case, Policy(thresholds=Thresholds(review=0.5, decline=1.0, spam=99)))
    assert strict.label is Label.DECLINE
    quiet = evaluate(case, Policy(disabled=frozenset({"NOTE_GENERIC"})))
    assert "NOTE_GENERIC" not in quiet.codes


def test_decline_without_automation_is_not_spam() -> None:
    thresholds = Thresholds()
    assert thresholds.label_for(20.0, spam_evidence=0.0) is Label.DECLINE
    assert thresholds.label_for(20.0, spam_evidence=5.0) is Label.SPAM
    assert thresholds.label_for(3.0, 0.0) is Label.REVIEW
    assert thresholds.label_for(-2.0, 0.0) is Label.WELCOME


def _model(n: int) -> TextModel:
    texts = [PITCH_DE, PITCH_EN] * n + [PLAIN_DE, PLAIN_EN, SPECIFIC_EN] * n
    return TextModel(min_df=1).fit(texts, [True, True] * n + [False] * 3 * n)


def test_model_below_minimum_examples_runs_in_shadow() -> None:
    case = a_message().with_note(PITCH_DE).build()
    verdict = Engine(Policy(model_min_examples=50), model=_model(3)).evaluate(case)
    shadow = [h for h in verdict.hits if h.shadow]
    assert [h.code for h in shadow] == ["T_ML_TEXT_MODEL"]
    assert shadow[0].score == 0
    assert "ML_TEXT_MODEL" not in verdict.codes


def test_model_in_shadow_mode_adds_nothing() -> None:
    case = a_message().with_note(PITCH_DE).build()
    off = Engine(Policy(model_mode=ModelMode.OFF), model=_model(30)).evaluate(case)
    shadow = Engine(Policy(model_mode=ModelMode.SHADOW), model=_model(30)).evaluate(case)
    on = Engine(Policy(model_mode=ModelMode.ON), model=_model(30)).evaluate(case)
    assert shadow.score == off.score
    assert "ML_TEXT_MODEL" in on.codes
    assert 0 < on.score - off.score <= 2.5


def test_model_is_shadow_unless_the_host_turns_it_on() -> None:
    case = a_message().with_note(PITCH_DE).build()
    verdict = Engine(Policy(), model=_model(30)).evaluate(case)
    assert "ML_TEXT_MODEL" not in verdict.codes
    assert [(h.code, h.score) for h in verdict.hits if h.shadow] == [("T_ML_TEXT_MODEL", 0.0)]


def test_model_never_alone_pushes_a_case_to_decline() -> None:
    # Sales language and no common ground: 5 points without the model, just below decline.
    case = a_message().with_note(PITCH_DE).from_(requests_sent_7d=25).build()
    on = Policy(model_mode=ModelMode.ON)
    off = Engine(Policy(model_mode=ModelMode.OFF)).evaluate(case)
    assert Label.REVIEW is off.label
    verdict = Engine(on, model=_model(30)).evaluate(case)
    model_hit = next(h for h in verdict.hits if h.code == "ML_TEXT_MODEL")
    assert verdict.label is Label.REVIEW
    assert verdict.score < on.thresholds.decline
    assert 0 <= model_hit.score <= 2.0
    assert abs(verdict.score - off.score - model_hit.score) <= 0.02


def test_model_moves_welcome_to_review() -> None:
    case = a_message().with_note(PITCH_EN).related(connected=True).build()
    off = Engine(Policy(model_mode=ModelMode.OFF)).evaluate(case)
    on = Engine(Policy(model_mode=ModelMode.ON), model=_model(30)).evaluate(case)
    assert on.score >= off.score
    assert on.label in (Label.WELCOME, Label.REVIEW)


def test_reassurance_does_not_wash_out_a_pitch() -> None:
    """A former colleague's hard sell with a booking link still gets a human look."""
    case = (
        a_message()
        .with_note(
            "Hi Anna, long time since Stadtwerke Bremen! I'm now heading sales at a SaaS company "
            "- our platform can boost your revenue by 30%. Grab a slot for a demo here: "
            "https://calendly.com/growth-team/demo"
        )
        .related(connected=True, connected_at="2021-06-01T10:00:00+00:00",
                 shared_employers=["Stadtwerke Bremen"], prior_messages=8, mutual_contacts=12)
        .build()
    )  # fmt: skip
    verdict = evaluate(case, Policy(model_mode=ModelMode.OFF))
    assert verdict.label is Label.REVIEW
    pitch = sum(h.score for h in verdict.hits if h.group == "pitch")
    # Reassurance softens the pitch, but only down to the review threshold.
    assert pitch > verdict.score >= 3.0
    assert "CG_SHARED_EMPLOYER" in verdict.codes  # still shown, with less weight


def test_reassurance_still_offsets_other_suspicion() -> None:
    case = (
        a_contact_request()
        .with_note("Hallo Anna, schön, dich hier zu finden! Bis bald.")
        .from_(requests_sent_7d=30)
        .related(shared_employers=["Stadtwerke Bremen"], mutual_contacts=14, prior_messages=5)
        .build()
    )
    verdict = evaluate(case, Policy(model_mode=ModelMode.OFF))
    assert verdict.label is Label.WELCOME
    assert verdict.score < 0


def test_language_of_explanations() -> None:
    case = a_contact_request().with_note(PLAIN_EN).to(lang=None).build()
    assert evaluate(case).lang == "en"
    case = a_contact_request().with_note(PLAIN_EN).to(lang="de").build()
    assert evaluate(case).lang == "de"


def test_verdict_dict_matches_output_schema() -> None:
    verdict: Verdict = evaluate(a_contact_request().with_note(GENERIC_DE).build())
    data = verdict.to_dict("en")
    assert set(data) == {"id", "label", "score", "hits"}
    assert all(set(h) == {"rule", "score", "explanation"} for h in data["hits"])  # type: ignore[attr-defined]
    assert "Total" in verdict.report("en")
    assert "Summe" in verdict.report("de")
