"""Reads of the import, each limited to the member's own jobs and contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from handschlag.accounts.models import Member
from handschlag.imports.models import ImportedContact, ImportJob


def get_job_for_owner(member: Member, job_id: int) -> ImportJob:
    """The member's own job; 404 for anyone else's (its existence is not revealed)."""
    job = ImportJob.objects.filter(pk=job_id, owner=member).first()
    if job is None:
        raise Http404
    return job


def get_contact_for_owner(member: Member, contact_id: int) -> ImportedContact:
    contact = ImportedContact.objects.filter(pk=contact_id, owner=member).first()
    if contact is None:
        raise Http404
    return contact


def list_jobs(member: Member) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(owner=member).defer("report", "actions_csv", "profile_data")


@dataclass(frozen=True)
class ContactRow:
    contact: ImportedContact
    #: The member on Handschlag with this contact's email address, if any.
    member_id: int | None


def list_contacts(member: Member, *, limit: int = 500) -> tuple[list[ContactRow], int]:
    """The member's imported contacts, those already on Handschlag first, and the total."""
    contacts = list(ImportedContact.objects.filter(owner=member)[:limit])
    emails = {c.email.casefold() for c in contacts if c.email}
    found = {
        email.casefold(): pk
        for pk, email in Member.objects.filter(email__in=emails, is_active=True)
        .exclude(pk=member.pk)
        .values_list("pk", "email")
    }
    rows = [ContactRow(c, found.get(c.email.casefold()) if c.email else None) for c in contacts]
    rows.sort(key=lambda r: r.member_id is None)
    return rows, ImportedContact.objects.filter(owner=member).count()
