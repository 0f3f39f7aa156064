"""Blocking in the browser: Greta blocks Jonas from his profile; he no longer finds her,
and her profile answers him as if she did not exist.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser


def test_block_from_a_profile_then_gone_from_search(
    live_server, new_page, make_member, shoot
) -> None:
    greta = make_member("greta.steuer@example.org", "Greta Steuer")
    jonas = make_member("jonas.lohn@example.org", "Jonas Lohn")
    base = live_server.url

    # Before the block, Jonas finds Greta.
    his = new_page()
    log_in(his, base, jonas.email)
    his.goto(f"{base}/search/?q=Steuer")
    expect(his.get_by_role("link", name="Greta Steuer")).to_be_visible()

    # Greta opens Jonas's profile, chooses "Block", reads what it does and confirms.
    hers = new_page()
    log_in(hers, base, greta.email)
    hers.goto(f"{base}/members/{jonas.pk}/")
    hers.get_by_test_id("block-link").click()
    expect(hers.get_by_role("heading", name="Block Jonas Lohn?")).to_be_visible()
    expect(hers.get_by_text("They are not told.")).to_be_visible()
    shoot(hers, "confirm")
    hers.get_by_test_id("confirm-block").click()
    expect(hers.get_by_text("You have blocked Jonas Lohn. They are not told.")).to_be_visible()
    expect(hers.get_by_test_id("blocked-list")).to_contain_text("Jonas Lohn")
    shoot(hers, "blocked-list")

    # Jonas searches again: no Greta; her profile reads like any missing page.
    his.goto(f"{base}/search/?q=Steuer")
    expect(his.get_by_text("0 members found")).to_be_visible()
    expect(his.get_by_role("link", name="Greta Steuer")).to_have_count(0)
    shoot(his, "search-after-block")
    response = his.goto(f"{base}/members/{greta.pk}/")
    assert response is not None
    assert response.status == 404
    expect(his.get_by_role("heading", name="Not found")).to_be_visible()
    expect(his.locator("body")).not_to_contain_text("block")

    # Greta lifts the block from her list; Jonas finds her again.
    hers.get_by_role("button", name="Unblock Jonas Lohn").click()
    expect(hers.get_by_test_id("no-blocks")).to_be_visible()
    his.goto(f"{base}/search/?q=Steuer")
    expect(his.get_by_role("link", name="Greta Steuer")).to_be_visible()
