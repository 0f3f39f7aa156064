from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    """Topic groups, join requests and invitations judged for relevance."""

    name = "handschlag.groups"
    label = "groups"
    verbose_name = _("Groups")
