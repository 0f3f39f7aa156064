"""The trust engine as the network uses it: one per process, with the active text model
and the cross-sender template index.

The index is the embedded mode of DESIGN.md's "template similarity index": rebuilt from
the database on first use (the most recent notes, bounded), then kept current as notes
are sent. Production shares one index through Redis (issue 9); the interface stays.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from handschlag.network.models import ContactRequest, TextModelVersion
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


def _remember(engine: Engine, pairs: Iterable[tuple[int, str]]) -> None:
    senders, sets = [], []
    for sender_id, note in pairs:
        if note.strip():
            senders.append(sender_key(str(sender_id)))
            sets.append(shingles(canonical_tokens(view(note), engine.lexicon)))
    if sets and engine.index is not None:
        engine.index.add_many(senders, engine.signer.sign_many(sets))


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
            engine = Engine(index=TemplateIndex(), model=model)
            recent = (
                ContactRequest.objects.exclude(note="")
                .order_by("-sent_at")
                .values_list("sender_id", "note")[:INDEX_REBUILD_NOTES]
            )
            _remember(engine, recent)
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
