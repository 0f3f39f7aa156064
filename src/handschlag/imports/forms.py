from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    archive = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "LinkedIn: the zip archive from “Get a copy of your data”. XING: a vCard or CSV file."
        ),
    )
