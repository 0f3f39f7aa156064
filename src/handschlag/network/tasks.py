"""Background jobs of the network app: Celery tasks that call a service; safe to run twice."""

from __future__ import annotations

from celery import shared_task

from handschlag.core.tasks import enqueue_task
from handschlag.network import learning
from handschlag.network.models import ContactRequest, TextModelVersion

#: Retrain once this many new member decisions have come in since the last version.
RETRAIN_EVERY_DECISIONS = 200


def retraining_due() -> bool:
    """Whether enough decisions arrived since the last model version."""
    last = TextModelVersion.objects.order_by("-created_at").values_list("created_at", flat=True)
    since = last.first()
    decided = ContactRequest.objects.filter(decision__in=list(learning.TRAINING_LABELS))
    if since is not None:
        decided = decided.filter(decided_at__gt=since)
    # Count no further than needed: the check runs after every decision.
    return decided[:RETRAIN_EVERY_DECISIONS].count() >= RETRAIN_EVERY_DECISIONS


@shared_task(name="handschlag.network.retrain_text_model")  # type: ignore[untyped-decorator]
def retrain_text_model() -> int | None:
    """Fit and possibly activate a new text model (see ``learning.retrain_text_model``).

    A second delivery of the same job (a worker died after training) finds the new version
    and does nothing: the task retrains only while retraining is due.
    """
    if not retraining_due():
        return None
    version = learning.retrain_text_model()
    return version.pk if version else None


@shared_task(name="handschlag.network.retrain_if_due")  # type: ignore[untyped-decorator]
def retrain_if_due() -> int | None:
    """Beat's hourly check: retrain when due (catches a job lost while the broker was down)."""
    return retrain_text_model()  # type: ignore[no-any-return]


def schedule_retraining_if_due() -> bool:
    """Queue a retraining when enough decisions arrived since the last model version."""
    if not retraining_due():
        return False
    enqueue_task(retrain_text_model)
    return True
