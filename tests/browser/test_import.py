"""Importing a LinkedIn export in headless Chromium: upload, the progress bar while the
analysis runs in a background thread, then the report with its charts and the CSV link."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD
from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


def test_upload_progress_and_report(live_server, page_: Page, shoot, make_member, settings):
    # The analysis runs in a thread, as in the embedded mode, so the progress page shows.
    settings.HANDSCHLAG_TASKS_EAGER = False
    make_member("jana@example.org", "Jana Beispiel")
    log_in(page_, live_server.url, "jana@example.org", PASSWORD)
    page_.get_by_test_id("nav-import").click()
    page_.set_input_files("input[type=file]", str(SAMPLE))
    page_.get_by_role("button", name="Upload and analyse").click()
    # Either the bar is still running or the report is already there: both are the job page.
    expect(page_.locator("#import-progress, [data-testid=import-report]").first).to_be_visible()
    shoot(page_, "progress")
    report = page_.get_by_test_id("import-report")
    expect(report).to_be_visible(timeout=60_000)
    expect(report.get_by_role("heading", level=1)).to_have_text("Network hygiene report")
    expect(report.locator("svg").first).to_be_visible()
    expect(report).to_contain_text("Invitations written from templates")
    expect(page_.get_by_test_id("import-csv")).to_be_visible()
    shoot(page_, "report")
