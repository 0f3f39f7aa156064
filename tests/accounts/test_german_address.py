"""Handschlag says "Sie", also on the pages whose texts come from django-allauth."""

import re

import pytest
from django.test import Client

#: Informal forms of address that must not appear on a German page.
DU_FORMS = re.compile(r"\b(du|Du|dein|deine|deinen|deinem|deiner|dich|dir|Dir|hast|gib|Gib)\b")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
    ],
)
def test_account_pages_address_the_visitor_formally_in_german(path):
    page = Client(HTTP_ACCEPT_LANGUAGE="de").get(path).content.decode()
    text = re.sub(r"<[^>]+>", " ", page)

    assert '<html lang="de">' in page
    assert not DU_FORMS.findall(text), DU_FORMS.findall(text)


def test_the_login_page_offers_sign_up_in_the_sie_form():
    page = Client(HTTP_ACCEPT_LANGUAGE="de").get("/accounts/login/").content.decode()

    assert "Sie haben noch kein Konto?" in page
