"""The profile page offers recruiters, and only recruiters, a way to send a job offer."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_recruiter_finds_the_offer_link_on_a_members_profile(rita, anna, client_for):
    page = client_for(rita).get(reverse("profile_detail", args=[anna.pk])).content.decode()

    assert reverse("send_offer", args=[anna.pk]) in page


def test_members_without_the_role_see_no_offer_link(bernd, anna, client_for):
    page = client_for(bernd).get(reverse("profile_detail", args=[anna.pk])).content.decode()

    assert reverse("send_offer", args=[anna.pk]) not in page
    assert 'data-testid="offer-button"' not in page
