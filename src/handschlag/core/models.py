"""Abstract base models shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Remember when a row was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Label(models.TextChoices):
    """The engine's four labels, as stored with what it judged."""

    WELCOME = "welcome", _("Welcome")
    REVIEW = "review", _("Review")
    DECLINE = "decline", _("Decline")
    SPAM = "spam", _("Spam")


class Triaged(models.Model):
    """Something the trust engine judged: the verdict is stored with the object.

    ``hits`` holds, per hit, the rule code, score, group, the English message id and its
    evidence, so the explanation can be rendered later in the reader's language
    (``handschlag.trust.i18n.render``) rather than frozen in the sender's.
    """

    label = models.CharField(_("label"), max_length=8, choices=Label.choices, db_index=False)
    score = models.FloatField(_("score"), default=0.0)
    hits = models.JSONField(_("reasons"), default=list, blank=True)

    class Meta:
        abstract = True
