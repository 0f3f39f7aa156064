"""The cross-sender template index shared through Redis: what one process remembers, every
process finds; while Redis is down each process answers from its own index."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from handschlag.network import engine as engine_module
from handschlag.network.engine import get_engine, remember_note, reset_engine
from handschlag.network.models import ContactRequest
from handschlag.network.template_store import SharedTemplateIndex
from handschlag.trust import TemplateIndex
from handschlag.trust.text.normalise import view
from handschlag.trust.text.shingles import canonical_tokens, shingles

TEMPLATE = (
    "Hello, I came across your impressive profile and would love to tell you about an "
    "exclusive opportunity in our growing team of independent wealth consultants. Our "
    "partners earn a six figure income from home. Reply today for the free webinar."
)


@pytest.fixture
def shared(settings, redis_url):
    settings.REDIS_URL = redis_url
    reset_engine()
    yield redis_url
    reset_engine()


def signature(engine, text: str):
    return engine.signer.sign_many([shingles(canonical_tokens(view(text), engine.lexicon))])[0]


def two_processes():
    """Two engines with separate indexes, as two worker processes would have."""
    first = get_engine()
    reset_engine()
    second = get_engine()
    assert first is not second and first.index is not second.index
    return first, second


@pytest.mark.django_db
def test_a_template_remembered_by_one_process_is_found_by_another(shared, anna, bernd):
    first, second = two_processes()
    assert isinstance(second.index, SharedTemplateIndex)
    # "First" remembers Anna's note (what remember_note does on commit in its process).
    engine_module._remember(first, [(anna.pk, TEMPLATE)])
    sig = signature(second, TEMPLATE.replace("today", "now"))

    found = second.index.query(sig, exclude_sender=str(bernd.pk))

    assert found.count == 1 and found.senders == 1 and found.best_similarity > 0.8
    # Not from the second process's own arrays: they never saw the note.
    assert TemplateIndex.query(second.index, sig, exclude_sender=str(bernd.pk)).count == 0
    # The sender's own texts do not count as a template used by others.
    assert second.index.query(sig, exclude_sender=str(anna.pk)).count == 0


@pytest.mark.django_db
def test_the_same_note_added_twice_is_stored_once(shared, anna, bernd):
    first, second = two_processes()
    engine_module._remember(first, [(anna.pk, TEMPLATE)])
    engine_module._remember(second, [(anna.pk, TEMPLATE)])  # a retried job, say

    found = first.index.query(signature(first, TEMPLATE), exclude_sender=str(bernd.pk))

    assert found.count == 1


@pytest.mark.django_db
def test_while_redis_is_down_each_process_answers_from_its_own_index(
    shared, redis_server, anna, bernd, caplog
):
    engine = get_engine()
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="handschlag.network.template_store"):
        remember_note(anna.pk, TEMPLATE)  # Redis is down: kept in this process
        found = engine.index.query(signature(engine, TEMPLATE), exclude_sender=str(bernd.pk))

    assert found.count == 1
    assert "Redis unreachable" in caplog.text
    assert caplog.text.count("Redis unreachable") == 1  # once, not per call


@pytest.mark.django_db
def test_old_band_entries_leave_redis_with_the_window(shared, redis_server):
    client = redis_server.client()
    index = SharedTemplateIndex(client, window_seconds=60)
    sig = np.arange(index.num_perm, dtype=np.uint32)
    index.add_many([7], sig[None, :])

    ttls = [client.ttl(key) for key in client.scan_iter("hs:tmpl:*")]

    assert len(ttls) == 1 + index.bands  # the signature and one set per band
    assert all(0 < ttl <= 60 for ttl in ttls)


@pytest.mark.django_db
def test_the_first_process_after_redis_was_emptied_seeds_it_from_the_database(
    shared, redis_server, anna, bernd, clara
):
    ContactRequest.objects.create(
        sender=anna, recipient=clara, note=TEMPLATE, intent="other", label="welcome"
    )
    client = redis_server.client()

    first, second = two_processes()  # both rebuild from the database; one writes Redis
    sig = signature(first, TEMPLATE)

    assert client.exists("hs:tmpl:64x16:seeded") == 1
    assert first.index.query(sig, exclude_sender=str(bernd.pk)).count == 1
    # The second rebuild found the store seeded and kept the notes in its own arrays only.
    assert TemplateIndex.query(second.index, sig, exclude_sender=str(bernd.pk)).count == 1
    assert len(list(client.scan_iter("hs:tmpl:64x16:s:*"))) == 1
