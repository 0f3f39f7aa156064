"""A hit and a miss for every rule in the catalogue (German and English where text matters).

`test_rule_contract.py` fails if a rule has no entry here, so a new rule comes with its
examples. The engine used for them (`contract_engine()`) has a small cross-sender index
holding one template sent by three other accounts, and a text model fitted on a handful
of notes.
"""

from __future__ import annotations

from handschlag.trust import Case, Engine, Policy, TemplateIndex, TextModel
from handschlag.trust.index import sender_key
from handschlag.trust.text.lexicon import default_lexicon
from handschlag.trust.text.minhash import Signer
from handschlag.trust.text.normalise import view
from handschlag.trust.text.shingles import canonical_tokens, shingles

from .builders import (
    a_contact_request,
    a_group_invitation,
    a_message,
    a_recommendation_request,
    an_offer,
)

GENERIC_DE = (
    "Hallo Frau Schulz, ich bin auf Ihr Profil gestoßen und würde mich freuen, mich mit Ihnen "
    "zu vernetzen. Aus unserer Verbindung könnte etwas Interessantes entstehen."
)
GENERIC_EN = (
    "Hi Anna, I came across your profile and would love to connect. Something interesting "
    "could come of our connection."
)
SPECIFIC_DE = (
    "Hallo Frau Schulz, Ihr Vortrag über Kafka beim Open-Data-Tag hat mir sehr geholfen; "
    "ich baue gerade etwas Ähnliches mit PostgreSQL und hätte eine Frage dazu."
)
SPECIFIC_EN = (
    "Hi Anna, your talk on Kafka at the open data day helped me a lot; I am building "
    "something similar with PostgreSQL and would like to ask you one question about it."
)
PLAIN_DE = "Hallo Frau Schulz, danke für das nette Gespräch gestern, bis bald."
PLAIN_EN = "Hi Anna, thanks for the nice chat yesterday, see you soon."
PITCH_DE = (
    "Guten Tag Frau Schulz, mit unserer Software steigern Sie Ihren Umsatz um 30 %. Ich biete "
    "Ihnen eine kostenlose Erstberatung an."
)
PITCH_EN = (
    "Hi Anna, our software helps teams like yours boost your revenue by 30%. Happy to offer "
    "you a free consultation."
)
CLAIM_DE = "Guten Tag Frau Schulz, wie telefonisch besprochen sende ich Ihnen die Unterlagen."
CLAIM_EN = "Hi Anna, as discussed on the phone, here are the documents for you."
MISSED_DE = "Guten Tag Frau Schulz, leider haben Sie unseren Termin verpasst. Neuer Versuch?"
MISSED_EN = "Hi Anna, unfortunately you missed our appointment yesterday. Shall we try again?"
BOOKING_DE = "Guten Tag Frau Schulz, hier können Sie direkt einen Termin buchen: https://calendly.com/vertrieb/30min"
BOOKING_EN = "Hi Anna, grab a slot here: https://calendly.com/sales-team/30min"
ASK_DE = "Guten Tag Frau Schulz, schicken Sie mir doch Ihre Telefonnummer, dann rufe ich an."
ASK_EN = "Hi Anna, could you send me your phone number so I can call you?"
BAIT_DE = "Wer stimmt zu? Kommentieren Sie mit JA, wenn Sie das auch kennen!"
BAIT_EN = "Who else has seen this? Comment YES below if you agree!"
HASHTAGS = "Neues Release! #python #kafka #data #cloud #ai #devops"

TEMPLATE_DE = (
    "Hallo {name}, ich habe gesehen, dass Sie bei {firm} arbeiten. Wir helfen Unternehmen "
    "dabei, ihre Prozesse zu digitalisieren, und ich würde mich über einen Austausch freuen."
)
TEMPLATE_EN = (
    "Hi {name}, I saw that you work at {firm}. We help companies like yours digitise their "
    "processes and I would really appreciate a short exchange about it."
)
SPUN_EN = (
    "Hello {name}, I noticed that you work at {firm}. We support companies like yours "
    "digitise their processes and I would really appreciate a brief exchange about it."
)
CROSS_DE = (
    "Sehr geehrte Frau Schulz, unsere Agentur unterstützt mittelständische Unternehmen bei der "
    "Gewinnung von Fachkräften über soziale Netzwerke. Darf ich Ihnen das kurz vorstellen?"
)
CROSS_EN = (
    "Dear Anna, our agency supports mid-sized companies in finding skilled staff through "
    "social networks. May I briefly introduce it to you?"
)


def recent(template: str, n: int) -> list[str]:
    names = ["Herr Maier", "Tom", "Frau Yilmaz", "Eva", "Herr Wolf", "Ben", "Lena", "Omar"]
    firms = ["Siemens", "Otto", "SAP", "Bosch", "Zalando", "DHL", "Lidl", "BASF"]
    return [template.format(name=names[i % 8], firm=firms[i % 8]) for i in range(n)]


def contract_engine() -> Engine:
    lexicon = default_lexicon()
    signer = Signer()
    index = TemplateIndex()
    for text in (CROSS_DE, CROSS_EN):
        for n, who in enumerate(("agency-1", "agency-2", "agency-3")):
            variant = text.replace("Frau Schulz", f"Herr Nr. {n}").replace("Anna", f"Max{n}")
            sig = signer.sign(shingles(canonical_tokens(view(variant), lexicon)))
            index.add_many([sender_key(who)], sig[None, :])
    model = TextModel(min_df=1).fit(
        [PITCH_DE, PITCH_EN, GENERIC_DE, GENERIC_EN, SPECIFIC_DE, SPECIFIC_EN, PLAIN_DE, PLAIN_EN],
        [True, True, True, True, False, False, False, False],
    )
    return Engine(Policy(model_min_examples=1), index=index, model=model, signer=signer)


def examples() -> dict[str, dict[str, list[Case]]]:
    """Rule code -> {"hit": cases, "miss": cases}."""
    req = a_contact_request
    msg = a_message
    fresh = {"connected": True, "connected_at": "2025-03-01T08:00:00+00:00"}
    return {
        # volume
        "VOL_MASS_REQUESTS": {
            "hit": [req().from_(requests_sent_7d=140).with_note(PLAIN_DE).build()],
            "miss": [req().from_(requests_sent_7d=49).build()],
        },
        "VOL_MANY_REQUESTS": {
            "hit": [req().from_(requests_sent_7d=25).build()],
            "miss": [
                req().from_(requests_sent_7d=5).build(),
                req().from_(requests_sent_7d=60).build(),
            ],
        },
        "VOL_LOW_ACCEPTANCE": {
            "hit": [req().from_(requests_sent_90d=400, requests_accepted_90d=40).build()],
            "miss": [
                req().from_(requests_sent_90d=400, requests_accepted_90d=200).build(),
                req().from_(requests_sent_90d=10, requests_accepted_90d=0).build(),
            ],
        },
        "VOL_YOUNG_HUGE_NET": {
            "hit": [req().from_(account_age_days=20, contacts=2500).build()],
            "miss": [req().from_(account_age_days=20, contacts=40).build()],
        },
        "VOL_HUGE_NETWORK": {
            "hit": [req().from_(contacts=8000).build()],
            "miss": [req().from_(contacts=800).build()],
        },
        # reports
        "REP_REPORTED": {
            "hit": [req().from_(reports_90d=3).build()],
            "miss": [req().from_(reports_90d=1).build(), req().from_(reports_90d=9).build()],
        },
        "REP_REPORTED_OFTEN": {
            "hit": [req().from_(reports_90d=9).build()],
            "miss": [req().from_(reports_90d=3).build()],
        },
        # templates
        "TPL_SELF_NEAR_DUP": {
            "hit": [
                req()
                .with_note(TEMPLATE_DE.format(name="Frau Schulz", firm="Stadtwerke Bremen"))
                .from_(recent_texts=recent(TEMPLATE_DE, 6))
                .build(),
                req()
                .with_note(SPUN_EN.format(name="Anna", firm="Stadtwerke Bremen"))
                .from_(recent_texts=recent(TEMPLATE_EN, 6))
                .in_lang("en")
                .build(),
            ],
            "miss": [
                req().with_note(SPECIFIC_DE).from_(recent_texts=recent(TEMPLATE_DE, 6)).build(),
                req().with_note(SPECIFIC_EN).from_(recent_texts=recent(TEMPLATE_EN, 6)).build(),
            ],
        },
        "TPL_MASS_SEND": {
            "hit": [
                req()
                .with_note(TEMPLATE_DE.format(name="Frau Schulz", firm="Stadtwerke Bremen"))
                .from_(recent_texts=recent(TEMPLATE_DE, 24))
                .build(),
                req()
                .with_note(TEMPLATE_EN.format(name="Anna", firm="Stadtwerke Bremen"))
                .from_(recent_texts=recent(TEMPLATE_EN, 24))
                .in_lang("en")
                .build(),
            ],
            "miss": [
                req()
                .with_note(TEMPLATE_DE.format(name="Frau Schulz", firm="Stadtwerke Bremen"))
                .from_(recent_texts=recent(TEMPLATE_DE, 4))
                .build(),
                req().with_note(SPECIFIC_EN).from_(recent_texts=recent(TEMPLATE_EN, 24)).build(),
            ],
        },
        "TPL_CROSS_SENDER": {
            "hit": [
                msg().with_note(CROSS_DE).build(),
                msg().with_note(CROSS_EN).in_lang("en").build(),
            ],
            "miss": [msg().with_note(PITCH_DE).build(), msg().with_note(PITCH_EN).build()],
        },
        # notes
        "NOTE_MISSING": {
            "hit": [req().with_note("").build(), req().with_note("Hi!").build()],
            "miss": [req().with_note(PLAIN_DE).build(), req().with_note(PLAIN_EN).build()],
        },
        "NOTE_GENERIC": {
            "hit": [req().with_note(GENERIC_DE).build(), req().with_note(GENERIC_EN).build()],
            "miss": [req().with_note(SPECIFIC_DE).build(), req().with_note(SPECIFIC_EN).build()],
        },
        "NOTE_NO_PROFILE_VIEW": {
            "hit": [req().related(viewed_profile_before=False).build()],
            "miss": [
                req().related(viewed_profile_before=True).build(),
                req().related(viewed_profile_before=False, shared_events=["Data Night"]).build(),
            ],
        },
        "NOTE_SPECIFIC": {
            "hit": [req().with_note(SPECIFIC_DE).build(), req().with_note(SPECIFIC_EN).build()],
            "miss": [
                req().with_note(GENERIC_DE).build(),
                req().with_note(GENERIC_EN).build(),
                req()
                .with_note(TEMPLATE_DE.format(name="Frau Schulz", firm="Stadtwerke Bremen"))
                .from_(recent_texts=recent(TEMPLATE_DE, 6))
                .build(),
            ],
        },
        # common ground
        "CG_SHARED_EMPLOYER": {
            "hit": [req().related(shared_employers=["Stadtwerke Bremen"]).build()],
            "miss": [req().build()],
        },
        "CG_SHARED_SCHOOL": {
            "hit": [req().related(shared_schools=["Universität Bremen"]).build()],
            "miss": [req().build()],
        },
        "CG_SHARED_GROUP": {
            "hit": [req().related(shared_groups=["Python Bremen"]).build()],
            "miss": [req().build()],
        },
        "CG_MET_AT_EVENT": {
            "hit": [req().related(shared_events=["Data Night Bremen 2025"]).build()],
            "miss": [req().build()],
        },
        "CG_MUTUAL_CONTACTS": {
            "hit": [req().related(mutual_contacts=7).build()],
            "miss": [req().related(mutual_contacts=2).build()],
        },
        "CG_PRIOR_CONTACT": {
            "hit": [
                msg().related(prior_messages=12).build(),
                msg().related(prior_meetings=1).build(),
            ],
            "miss": [msg().build()],
        },
        "CG_INTRODUCED": {
            "hit": [
                req().related(introduced_by="Bernd Wagner", mutual_contacts=1).build(),
                msg().related(introduced_by="Bernd Wagner").build(),
            ],
            "miss": [req().build(), req().related(mutual_contacts=1).build()],
        },
        "CG_NONE": {
            "hit": [req().build()],
            "miss": [
                req().related(introduced_by="Bernd Wagner", mutual_contacts=1).build(),
                req().related(mutual_contacts=5).build(),
                req().related(shared_groups=["Python Bremen"]).build(),
                msg().build(),
            ],
        },
        # pitch
        "PITCH_SALES": {
            "hit": [msg().with_note(PITCH_DE).build(), msg().with_note(PITCH_EN).build()],
            "miss": [msg().with_note(PLAIN_DE).build(), msg().with_note(PLAIN_EN).build()],
        },
        "PITCH_AFTER_CONNECT": {
            "hit": [
                msg().related(**fresh).with_note(PITCH_DE).build(),
                msg().related(**fresh).with_note(PITCH_EN).build(),
            ],
            "miss": [
                msg().with_note(PITCH_DE).build(),
                msg().related(**fresh).with_note(PLAIN_EN).build(),
            ],
        },
        "PITCH_MEETING_LINK": {
            "hit": [msg().with_note(BOOKING_DE).build(), msg().with_note(BOOKING_EN).build()],
            "miss": [
                msg().with_note(PLAIN_DE).build(),
                msg().with_note(BOOKING_EN).related(prior_meetings=2).build(),
            ],
        },
        "PITCH_NOT_SOUGHT": {
            "hit": [msg().with_note(PITCH_DE).build(), msg().with_note(PITCH_EN).build()],
            "miss": [
                msg().with_note(PITCH_EN).from_(offering=["conference talks coaching"]).build(),
                msg().with_note(PLAIN_DE).build(),
            ],
        },
        "PITCH_ASKS_CONTACT": {
            "hit": [msg().with_note(ASK_DE).build(), msg().with_note(ASK_EN).build()],
            "miss": [
                msg().with_note(PLAIN_DE).build(),
                msg().with_note(ASK_EN).related(prior_messages=30).build(),
            ],
        },
        "PITCH_SOUGHT": {
            "hit": [
                msg().with_note(PITCH_EN).from_(offering=["coaching for conference talks"]).build()
            ],
            "miss": [msg().with_note(PITCH_EN).from_(offering=["CRM software"]).build()],
        },
        # claims
        "CLAIM_FALSE_CONTACT": {
            "hit": [
                msg().with_note(CLAIM_DE).build(),
                msg().with_note(CLAIM_EN).build(),
                msg().with_note(MISSED_DE).build(),
                msg().with_note(MISSED_EN).build(),
            ],
            "miss": [
                msg().with_note(CLAIM_DE).related(prior_meetings=1, prior_messages=4).build(),
                msg().with_note(CLAIM_EN).related(prior_messages=6).build(),
                msg().with_note(PLAIN_EN).build(),
            ],
        },
        "CLAIM_INTENT_UNBACKED": {
            "hit": [
                req().intending("worked_together").build(),
                req().intending("met").build(),
            ],
            "miss": [
                req()
                .intending("worked_together")
                .related(shared_employers=["Stadtwerke Bremen"])
                .build(),
                req().intending("met").related(shared_events=["Data Night"]).build(),
                req().intending("business").build(),
            ],
        },
        # offers
        "OFFER_BELOW_FLOOR": {
            "hit": [an_offer().offering(salary_min=65000, salary_max=72000).build()],
            "miss": [
                an_offer().build(),
                an_offer().offering(salary_min=60000, salary_max=72000, currency="CHF").build(),
            ],
        },
        "OFFER_NO_SALARY": {
            "hit": [an_offer().offering(salary_min=None, salary_max=None).build()],
            "miss": [an_offer().build()],
        },
        "OFFER_LEVEL_MISMATCH": {
            "hit": [an_offer().offering(level="junior").build()],
            "miss": [an_offer().build(), an_offer().offering(level="lead").build()],
        },
        "OFFER_SKILL_MISMATCH": {
            "hit": [an_offer().offering(skills=["Java", "Spring", "Oracle"]).build()],
            "miss": [an_offer().build()],
        },
        "OFFER_PLACE_MISMATCH": {
            "hit": [an_offer().offering(location="München").build()],
            "miss": [
                an_offer().build(),
                an_offer().offering(location="München", remote=True).build(),
            ],
        },
        "OFFER_NOT_OPEN": {
            "hit": [an_offer().to(preferences={"open_to_offers": False}).build()],
            "miss": [an_offer().build()],
        },
        "OFFER_GOOD_MATCH": {
            "hit": [an_offer().build()],
            "miss": [
                an_offer().offering(salary_max=70000, salary_min=60000).build(),
                an_offer().offering(salary_min=None, salary_max=None).build(),
            ],
        },
        # recommendations
        "REC_NO_SHARED_WORK": {
            "hit": [
                a_recommendation_request().with_note("Hallo, können Sie mich empfehlen?").build()
            ],
            "miss": [
                a_recommendation_request().related(shared_employers=["Stadtwerke Bremen"]).build()
            ],
        },
        "REC_NO_CONTEXT": {
            "hit": [
                a_recommendation_request()
                .with_note("Hallo, können Sie mich bitte empfehlen?")
                .build(),
                a_recommendation_request().with_note("Hi, could you endorse me please?").build(),
            ],
            "miss": [
                a_recommendation_request()
                .with_note(
                    "Hallo Anna, ich bewerbe mich als Teamleiterin; könnten Sie unser Projekt "
                    "bei den Stadtwerken beschreiben?"
                )
                .build(),
                a_recommendation_request()
                .with_note(
                    "Hi Anna, I am applying for a lead role; could you describe our project "
                    "together?"
                )
                .build(),
            ],
        },
        # groups
        "GRP_IRRELEVANT": {
            "hit": [
                a_group_invitation()
                .inviting(name="Krypto Millionäre", topics=["crypto trading"])
                .build()
            ],
            "miss": [a_group_invitation().build()],
        },
        "GRP_MASS_INVITES": {
            "hit": [a_group_invitation().inviting(inviter_invites_7d=300).build()],
            "miss": [a_group_invitation().build()],
        },
        "GRP_RELEVANT": {
            "hit": [a_group_invitation().build()],
            "miss": [a_group_invitation().inviting(topics=["crypto trading"]).build()],
        },
        # content
        "TXT_HASHTAG_SPAM": {
            "hit": [msg().with_note(HASHTAGS).build()],
            "miss": [msg().with_note("Neues Release von #python heute.").build()],
        },
        "TXT_ENGAGEMENT_BAIT": {
            "hit": [msg().with_note(BAIT_DE).build(), msg().with_note(BAIT_EN).build()],
            "miss": [msg().with_note(PLAIN_DE).build(), msg().with_note(PLAIN_EN).build()],
        },
        # the model
        "ML_TEXT_MODEL": {
            "hit": [msg().with_note(PITCH_DE).build(), msg().with_note(GENERIC_EN).build()],
            "miss": [msg().with_note(SPECIFIC_DE).build(), msg().with_note(PLAIN_EN).build()],
        },
    }
