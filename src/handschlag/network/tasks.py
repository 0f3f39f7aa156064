"""Background jobs of the network app: thin wrappers that call a service; safe to run twice."""

from __future__ import annotations

from handschlag.core.tasks import enqueue_on_commit
from handschlag.network import learning
from handschlag.network.models import ContactRequest, TextModelVersion

#: Retrain once this many new member decisions have come in since the last version.
RETRAIN_EVERY_DECISIONS = 200


def retrain_text_model() -> None:
    """Fit and possibly activate a new text model (see ``learning.retrain_text_model``)."""
    learning.retrain_text_model()


def schedule_retraining_if_due() -> bool:
    """Queue a retraining when enough decisions arrived since the last model version."""
    last = TextModelVersion.objects.order_by("-created_at").values_list("created_at", flat=True)
    since = last.first()
    decided = ContactRequest.objects.filter(decision__in=list(learning.TRAINING_LABELS))
    if since is not None:
        decided = decided.filter(decided_at__gt=since)
    # Count no further than needed: the check runs after every decision.
    if decided[:RETRAIN_EVERY_DECISIONS].count() < RETRAIN_EVERY_DECISIONS:
        return False
    enqueue_on_commit(retrain_text_model)
    return True
