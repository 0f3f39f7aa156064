"""In the browser: a member downloads their data from their profile's settings links,
opens the readable page of the zip, then deletes the account and cannot log in again."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from handschlag.accounts.models import Member
from handschlag.feed.services import create_post
from handschlag.gdpr.deletion import is_tombstone
from tests.browser.conftest import PASSWORD, SCREENSHOTS
from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser

XSS = '<script>document.title="pwned"</script><img src=x onerror="document.title=1">'


def test_download_the_data_then_delete_the_account(
    live_server, new_page, make_member, shoot, tmp_path
):
    ida = make_member("ida.weg@example.org", "Ida Weg")
    create_post(ida, text=f"Mein Beitrag {XSS}")
    base = live_server.url
    page = new_page()
    log_in(page, base, ida.email)

    page.goto(f"{base}/members/{ida.pk}/")
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    shoot(page, "your-data")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-zip").click()
    download = download_info.value
    assert download.suggested_filename.startswith("handschlag-data-")
    archive = zipfile.ZipFile(io.BytesIO(download.path().read_bytes()))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "ida.weg@example.org"
    assert data["feed"]["posts"][0]["text"] == f"Mein Beitrag {XSS}"

    # The readable page, opened from disk: the post's script stays text.
    index = tmp_path / "index.html"
    index.write_bytes(archive.read("index.html"))
    reader = new_page()
    reader.goto(index.as_uri())
    expect(reader.get_by_role("heading", name="Your data from Handschlag")).to_be_visible()
    expect(reader.get_by_text("Mein Beitrag <script>", exact=False)).to_be_visible()
    assert reader.title() == "Your data from Handschlag"
    reader.screenshot(path=str(SCREENSHOTS / "test_gdpr--export-index.png"), full_page=True)

    page.goto(f"{base}/settings/your-data/")
    page.get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", name="What is kept, and why")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Type the word to confirm").fill("DELETE")
    shoot(page, "delete-account")
    page.get_by_test_id("confirm-delete").click()
    expect(page.get_by_test_id("account-deleted")).to_be_visible()
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(0)
    shoot(page, "deleted")
    assert is_tombstone(Member.objects.get(pk=ida.pk))

    page.goto(f"{base}/accounts/login/")
    page.locator("#id_login").fill("ida.weg@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(0)
    expect(page.locator("#id_login")).to_be_visible()
