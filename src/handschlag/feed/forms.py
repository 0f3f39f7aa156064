"""Forms of the feed: a post, a comment, a mute, the label settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.feed.models import (
    COMMENT_MAX_LENGTH,
    POST_MAX_LENGTH,
    ContentLabel,
    LabelAction,
    MuteKind,
)


class PostForm(forms.Form):
    """A post: plain text; addresses and hashtags become links."""

    text = forms.CharField(
        label=_("What would you like to share?"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text. Web addresses become links, #hashtags link to their topic."),
    )
    group = forms.TypedChoiceField(
        label=pgettext_lazy("post audience", "Where"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(
        self, *args: Any, groups: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, str]] = [("", str(_("My contacts and followers")))]
        choices += [(gid, str(_("Group %(name)s") % {"name": name})) for gid, name in groups or []]
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ChoiceField)  # noqa: S101 (declared above)
        group_field.choices = choices
        if not groups:
            self.fields["group"].widget = forms.HiddenInput()


class EditPostForm(forms.Form):
    """The new text of a post."""

    text = forms.CharField(
        label=_("Text"), max_length=POST_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )


class CommentForm(forms.Form):
    """A comment under a post."""

    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MuteForm(forms.Form):
    """A word or hashtag to mute (members and topic filters are muted by buttons)."""

    kind = forms.ChoiceField(
        label=_("What"),
        choices=[(MuteKind.WORD, _("Word")), (MuteKind.HASHTAG, _("Hashtag"))],
    )
    value = forms.CharField(label=_("Word or hashtag"), max_length=64)


class LabelSettingsForm(forms.Form):
    """Show, collapse or hide each content label."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, name in ContentLabel.choices:
            self.fields[value] = forms.ChoiceField(
                label=name, choices=LabelAction.choices, widget=forms.RadioSelect
            )
