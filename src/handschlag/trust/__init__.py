"""The trust engine: explainable triage of requests, messages, offers and invitations.

Pure Python, no Django: a caller builds a `Case` from its facts and gets a `Verdict` with
the label (welcome, review, decline, spam), the score, and hits that a member can read in
German or English.

    >>> from handschlag.trust import Case, evaluate
    >>> verdict = evaluate(Case.from_dict(data))
    >>> verdict.label, [h.explanation("de") for h in verdict.hits]
"""

from handschlag.trust.case import (
    Case,
    CaseError,
    Group,
    Intent,
    Kind,
    Level,
    Offer,
    Preferences,
    Recipient,
    Relation,
    Sender,
)
from handschlag.trust.catalogue import Evidence, Rule, all_rules, rule
from handschlag.trust.engine import Engine, evaluate
from handschlag.trust.index import TemplateIndex
from handschlag.trust.model import TextModel
from handschlag.trust.policy import ModelMode, Policy
from handschlag.trust.replies import Reply, compose_reply
from handschlag.trust.verdict import Hit, Label, Thresholds, Verdict

triage = evaluate

__all__ = [
    "Case",
    "CaseError",
    "Engine",
    "Evidence",
    "Group",
    "Hit",
    "Intent",
    "Kind",
    "Label",
    "Level",
    "ModelMode",
    "Offer",
    "Policy",
    "Preferences",
    "Recipient",
    "Relation",
    "Reply",
    "Rule",
    "Sender",
    "TemplateIndex",
    "TextModel",
    "Thresholds",
    "Verdict",
    "all_rules",
    "compose_reply",
    "evaluate",
    "rule",
    "triage",
]
