"""Learning from members' decisions: examples, retraining, activation and its effect."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handschlag.network import learning, tasks
from handschlag.network.engine import get_engine, reset_engine
from handschlag.network.models import ContactRequest, Decision, RequestStatus, TextModelVersion
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db

PITCHES = [
    "Unser Tool steigert Ihren Umsatz um {n} Prozent, buchen Sie jetzt eine kostenlose Demo",
    "Exclusive offer {n}: grow your sales pipeline with our lead generation webinar today",
    "Ich helfe Ihnen mit meinem Netzwerk, Kunden zu gewinnen, Termin {n} gleich buchen",
]
GENUINE = [
    "Wir haben {n} Jahre zusammen bei der Stadtwerke Köln an der Abrechnung gearbeitet",
    "Great to meet you at the Freiburg Python meetup {n}, thanks for the talk on Django",
    "Sie haben mir beim Steuerstammtisch {n} den Tipp mit der Umsatzsteuer gegeben, danke",
]


@pytest.fixture
def recipient():
    return MemberFactory()


def _decided(recipient, sender, note, decision, *, days_ago=1, **extra):
    now = timezone.now()
    return ContactRequest.objects.create(
        sender=sender,
        recipient=recipient,
        note=note,
        intent="other",
        label="welcome",
        status=RequestStatus.ACCEPTED if decision == Decision.ACCEPTED else RequestStatus.DECLINED,
        decision=decision,
        sent_at=now - timedelta(days=days_ago + 1),
        decided_at=now - timedelta(days=days_ago),
        **extra,
    )


def _history(recipient, per_class=60):
    senders = MemberFactory.create_batch(6)
    for n in range(per_class):
        pitch = PITCHES[n % 3].format(n=n)
        genuine = GENUINE[n % 3].format(n=n)
        _decided(recipient, senders[n % 3], pitch, Decision.REPORTED if n % 2 else Decision.UNKNOWN)
        _decided(recipient, senders[3 + n % 3], genuine, Decision.ACCEPTED)


def test_member_decisions_become_examples_and_policy_actions_do_not(recipient):
    sender = MemberFactory()
    _decided(recipient, sender, "accepted note", Decision.ACCEPTED)
    _decided(recipient, sender, "reported note", Decision.REPORTED)
    _decided(recipient, sender, "declined by policy", Decision.AUTO_DECLINED)
    _decided(recipient, sender, "dismissed in bulk", Decision.DISMISSED)
    # Undo clears the decision and stamps undone_at, as decisions.undo_decision does.
    _decided(recipient, sender, "undone mistake", "", undone_at=timezone.now())

    examples = {(e.note, e.flagged) for e in learning.training_examples()}

    assert examples == {("accepted note", False), ("reported note", True)}


def test_too_few_decisions_train_nothing(recipient):
    _history(recipient, per_class=20)

    assert learning.retrain_text_model() is None
    assert not TextModelVersion.objects.exists()


def test_a_first_model_is_activated_with_its_measured_effect(recipient):
    _history(recipient)

    version = learning.retrain_text_model()

    assert version is not None and version.is_active
    assert version.examples == 96  # 120 decisions less the 20 % held out
    assert version.metrics["accuracy_before"] is None
    assert version.metrics["accuracy_after"] >= 0.9
    assert version.metrics["holdout"] == 24


def test_the_engine_uses_the_active_model(recipient, django_capture_on_commit_callbacks):
    reset_engine()
    assert get_engine().model is None
    _history(recipient)

    with django_capture_on_commit_callbacks(execute=True):
        learning.retrain_text_model()

    assert get_engine().model is not None
    reset_engine()


def test_retraining_measures_the_active_model_first_and_keeps_one_active(recipient):
    _history(recipient)
    learning.retrain_text_model()

    second = learning.retrain_text_model(seed=1)

    assert second is not None
    assert second.metrics["accuracy_before"] >= 0.9
    assert TextModelVersion.objects.count() == 2
    assert TextModelVersion.objects.filter(is_active=True).count() == 1


def test_retraining_is_scheduled_once_enough_decisions_arrived(
    recipient, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(tasks, "RETRAIN_EVERY_DECISIONS", 120)
    _history(recipient, per_class=59)
    assert tasks.schedule_retraining_if_due() is False

    _history(recipient, per_class=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.schedule_retraining_if_due() is True

    assert TextModelVersion.objects.filter(is_active=True).count() == 1


def test_a_members_decision_triggers_retraining_when_due(
    recipient, django_capture_on_commit_callbacks, monkeypatch
):
    from handschlag.network import decisions

    monkeypatch.setattr(tasks, "RETRAIN_EVERY_DECISIONS", 120)
    _history(recipient, per_class=60)
    TextModelVersion.objects.all().delete()
    sender = MemberFactory()
    pending = ContactRequest.objects.create(
        sender=sender, recipient=recipient, note="Hallo", intent="other", label="welcome"
    )

    with django_capture_on_commit_callbacks(execute=True):
        decisions.accept_contact_request(recipient, request_id=pending.pk)

    assert TextModelVersion.objects.filter(is_active=True).exists()


def test_the_host_sees_the_models_effect_in_the_admin(recipient, client):
    _history(recipient)
    version = learning.retrain_text_model()
    host = MemberFactory(is_staff=True, is_superuser=True)
    client.force_login(host)

    listing = client.get("/admin/network/textmodelversion/").content.decode()
    detail = client.get(f"/admin/network/textmodelversion/{version.pk}/change/").content.decode()

    after = f"{version.metrics['accuracy_after']:.1%}"
    assert after in listing
    assert "held-out decisions" in detail and after in detail
    assert client.get("/admin/network/textmodelversion/add/").status_code == 403
