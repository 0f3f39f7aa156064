"""Learning from members' decisions: training data, retraining, and its measured effect.

Members' actions on requests are the labels: accepted → welcome; declined, declined with
a reply → decline; "I don't know this person" and reports → flagged as spam. Automatic
actions and bulk dismissals are not used: they are the engine's own opinion, and
learning from them would only confirm it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from handschlag.core.models import Label
from handschlag.network.engine import reset_engine
from handschlag.network.models import ContactRequest, Decision, TextModelVersion
from handschlag.trust import TextModel
from handschlag.trust.model import ModelError

#: Member decisions that say what a note was, as the engine's labels; policy actions and
#: bulk dismissals are not here. Undo clears the decision, so undone ones drop out.
TRAINING_LABELS: dict[str, str] = {
    Decision.ACCEPTED: Label.WELCOME,
    Decision.DECLINED: Label.DECLINE,
    Decision.REPLIED: Label.DECLINE,
    Decision.UNKNOWN: Label.SPAM,
    Decision.REPORTED: Label.SPAM,
}
#: A new model needs at least this many examples of each class to be fitted at all.
MIN_EXAMPLES_PER_CLASS = 50
#: Share of the examples kept aside to measure the model before and after.
HOLDOUT_SHARE = 0.2
#: At most this many of the most recent decisions are used (bounded work per run).
MAX_EXAMPLES = 200_000


@dataclass(frozen=True, slots=True)
class Example:
    """One note and whether members flagged it."""

    note: str
    flagged: bool


def list_training_examples(
    since: datetime | None = None, *, limit: int = MAX_EXAMPLES
) -> list[tuple[str, str]]:
    """(note, label) pairs from members' own decisions, oldest first.

    At most the ``limit`` most recent decisions, so a retraining run stays bounded.
    """
    decided = ContactRequest.objects.filter(decision__in=list(TRAINING_LABELS)).exclude(note="")
    if since is not None:
        decided = decided.filter(decided_at__gte=since)
    rows = decided.order_by("-decided_at", "-id").values_list("note", "decision")[:limit]
    return [(note, TRAINING_LABELS[decision]) for note, decision in list(rows)[::-1]]


def training_examples(limit: int = MAX_EXAMPLES) -> list[Example]:
    """The same decisions as ``Example`` rows for the text model (flagged = not welcome)."""
    return [
        Example(note=note, flagged=label != Label.WELCOME)
        for note, label in list_training_examples(limit=limit)
    ]


def _accuracy(model: TextModel | None, examples: list[Example]) -> float | None:
    if model is None or not examples:
        return None
    right = sum((model.predict_proba(e.note) >= 0.5) == e.flagged for e in examples)
    return right / len(examples)


def retrain_text_model(*, seed: int = 0) -> TextModelVersion | None:
    """Fit a new text model on members' decisions; activate it if it does at least as well.

    Returns the new version, or None when there are too few examples of either class.
    The metrics (accuracy on held-out decisions of the active and the new model) are
    stored with the version, for the host's admin page.
    """
    examples = training_examples()
    flagged = sum(e.flagged for e in examples)
    if min(flagged, len(examples) - flagged) < MIN_EXAMPLES_PER_CLASS:
        return None
    shuffled = examples[:]
    random.Random(seed).shuffle(shuffled)  # noqa: S311 - a reproducible split, not a secret
    cut = int(len(shuffled) * HOLDOUT_SHARE)
    holdout, train = shuffled[:cut], shuffled[cut:]
    try:
        model = TextModel().fit([e.note for e in train], [e.flagged for e in train])
    except ModelError:
        return None
    current = TextModelVersion.objects.filter(is_active=True).first()
    current_model = TextModel.from_json(current.model) if current else None
    before, after = _accuracy(current_model, holdout), _accuracy(model, holdout)
    better = before is None or (after is not None and after >= before)
    with transaction.atomic():
        if better:
            TextModelVersion.objects.filter(is_active=True).update(is_active=False)
            # This process judges with the new model at once; others within a minute.
            transaction.on_commit(reset_engine)
        return TextModelVersion.objects.create(
            created_at=timezone.now(),
            examples=len(train),
            model=model.to_json(),
            metrics={
                "holdout": len(holdout),
                "flagged_share": round(flagged / len(examples), 3),
                "accuracy_before": before,
                "accuracy_after": after,
                "top_features": [f for f, _ in model.top_features(10)],
            },
            is_active=better,
        )
