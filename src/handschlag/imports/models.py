"""An upload's analysis job and the contacts it brought."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import Member
from handschlag.core.models import TimeStampedModel


class ImportJob(TimeStampedModel):
    """One uploaded export and its analysis; the archive itself lives in a temporary file
    only while the job runs, never in the database."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="import_jobs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    upload_path = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, blank=True)
    #: The rendered report per language ({"de": html, "en": html}) and the CSV likewise.
    report = models.JSONField(default=dict, blank=True)
    actions_csv = models.JSONField(default=dict, blank=True)
    #: Profile, positions, education and skills read from the archive, for the preview.
    profile_data = models.JSONField(default=dict, blank=True)
    contacts_count = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["owner", "-created_at"], name="importjob_owner_created")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ImportedContact(models.Model):
    """A connection from another platform: the member may invite them or, when they are
    already here (same email), connect. Nobody is contacted without the member's click."""

    owner = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="imported_contacts")
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True)
    first_name = models.CharField(_("first name"), max_length=120, blank=True)
    last_name = models.CharField(_("last name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    company = models.CharField(_("employer"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    profile_url = models.CharField(max_length=300, blank=True)
    connected_on = models.DateField(null=True, blank=True)
    suggested_action = models.CharField(max_length=10, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("last_name", "first_name")
        indexes = [models.Index(fields=["owner", "email"], name="importedcontact_owner_email")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
