"""How django-allauth creates members: profile and invitation in one transaction."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.http import HttpRequest

from handschlag.accounts import services, signup_limits
from handschlag.accounts.models import Member
from handschlag.profiles.services import create_profile


class MemberAccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    """Create the profile with the account and redeem the invitation code, all or nothing."""

    def save_user(
        self,
        request: HttpRequest,
        user: Member,
        form: Any,  # Any: allauth passes its own form class
        commit: bool = True,
    ) -> Member:
        with transaction.atomic():
            member: Member = super().save_user(request, user, form, commit=False)
            language = getattr(request, "LANGUAGE_CODE", "")
            if language in ("de", "en"):
                member.language = language
            member.save()
            create_profile(member, full_name=form.cleaned_data["full_name"])
            code = form.cleaned_data.get("invitation_code")
            if code:
                services.redeem_invitation(code=code, member=member)
            signup_limits.record_signup(request)
        return member
