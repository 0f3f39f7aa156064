"""The trust engine as the network uses it: one per process, with the active text model
and the cross-sender template index.

The index is the embedded mode of DESIGN.md's "template similarity index": rebuilt from
the database on first use (the most recent notes, bounded), then kept current as notes
are sent. With ``REDIS_URL`` set, every process stores and queries one index in Redis
(``network.template_store``), so a template sent through one worker counts in all; the
process's own index stays as the fallback while Redis cannot be reached. Messaging's
mass-message rules ask this same engine and index.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import redis
from django.conf import settings

from handschlag.network.models import ContactRequest, TextModelVersion
from handschlag.network.template_store import SharedTemplateIndex
from handschlag.trust import Engine, TemplateIndex, TextModel
from handschlag.trust.index import sender_key
from handschlag.trust.model import ModelError
from handschlag.trust.text.normalise import view
from handschlag.trust.text.shingles import canonical_tokens, shingles

#: How many recent notes the index is rebuilt from; older templates have done their harm.
INDEX_REBUILD_NOTES = 100_000
#: How often a process asks the database whether another model version was activated.
MODEL_CHECK_SECONDS = 30.0

_lock = threading.Lock()
_engine: Engine | None = None
_model_version: int | None = None
_checked_at = 0.0


def _active_model() -> tuple[int | None, TextModel | None]:
    version = TextModelVersion.objects.filter(is_active=True).order_by("-created_at").first()
    if version is None:
        return None, None
    try:
        return version.pk, TextModel.from_json(version.model)
    except ModelError:
        return None, None


#: Seconds a Redis call of the template index may take before the local index answers.
REDIS_TIMEOUT_SECONDS = 0.5


def _signatures(
    engine: Engine, pairs: Iterable[tuple[int, str]]
) -> tuple[list[int], npt.NDArray[np.uint32] | None]:
    senders, sets = [], []
    for sender_id, note in pairs:
        if note.strip():
            senders.append(sender_key(str(sender_id)))
            sets.append(shingles(canonical_tokens(view(note), engine.lexicon)))
    return senders, (engine.signer.sign_many(sets) if sets else None)


def _remember(engine: Engine, pairs: Iterable[tuple[int, str]]) -> None:
    senders, sigs = _signatures(engine, pairs)
    if sigs is not None and engine.index is not None:
        engine.index.add_many(senders, sigs)


def new_index() -> TemplateIndex:
    """The shared index when Redis is configured, else this process's own."""
    if not settings.REDIS_URL:
        return TemplateIndex()
    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
    )
    return SharedTemplateIndex(client)


def _rebuild(engine: Engine) -> None:
    """Fill the index from the most recent notes (and seed Redis if nobody has)."""
    recent = (
        ContactRequest.objects.exclude(note="")
        .order_by("-sent_at")
        .values_list("sender_id", "note")[:INDEX_REBUILD_NOTES]
    )
    index = engine.index
    if isinstance(index, SharedTemplateIndex):
        senders, sigs = _signatures(engine, recent)
        if sigs is not None:
            index.add_local(senders, sigs)
            index.seed(senders, sigs)
    else:
        _remember(engine, recent)


def get_engine() -> Engine:
    """The process's engine; rebuilt when a new text model version has been activated.

    Whether a new version is active is asked at most every ``MODEL_CHECK_SECONDS``, so a
    request does not pay a query for it (retraining resets this process's engine at once).
    """
    global _engine, _model_version, _checked_at
    now = time.monotonic()
    if _engine is not None and now - _checked_at < MODEL_CHECK_SECONDS:
        return _engine
    active_id = TextModelVersion.objects.filter(is_active=True).values_list("pk", flat=True).first()
    _checked_at = now
    with _lock:
        if _engine is None or active_id != _model_version:
            version_id, model = _active_model()
            engine = Engine(index=new_index(), model=model)
            _rebuild(engine)
            _engine, _model_version = engine, version_id
        return _engine


def remember_note(sender_id: int, note: str) -> None:
    """Add a sent note to the cross-sender index (call on commit)."""
    engine = get_engine()
    with _lock:
        _remember(engine, [(sender_id, note)])


def reset_engine() -> None:
    """Forget the process's engine (tests, and after a bulk import of requests)."""
    global _engine, _model_version, _checked_at
    with _lock:
        _engine, _model_version, _checked_at = None, None, 0.0
