"""The moderators' audit log in the browser: a moderator closes a report in the admin,
is asked for a reason, gives one, and finds the entry in the read-only log.
"""

import pytest
from playwright.sync_api import expect

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction, Report, ReportReason, ReportStatus
from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser

REASON = "Werbung ohne Bezug, Inhalt geprüft"


def test_a_moderator_closes_a_report_with_a_reason_and_finds_it_in_the_log(
    live_server, page_, make_member, shoot
) -> None:
    reported = make_member("werner.werbung@example.org", "Werner Werbung")
    reporter = make_member("greta.steuer@example.org", "Greta Steuer")
    report = Report.objects.create(
        reporter=reporter, reported=reported, reason=ReportReason.SALES, content="Kaufen Sie!"
    )
    host = Member.objects.create_superuser("moderatorin@example.org", password=PASSWORD)
    base = live_server.url

    page_.goto(f"{base}/admin/login/")
    page_.fill("#id_username", host.email)
    page_.fill("#id_password", PASSWORD)
    page_.get_by_role("button", name="Log in").click()

    # The report queue: select the report and dismiss it, first without a reason.
    page_.goto(f"{base}/admin/moderation/report/")
    page_.locator(f"input[name='_selected_action'][value='{report.pk}']").check()
    page_.select_option("select[name='action']", "dismiss")
    page_.get_by_role("button", name="Go").click()
    expect(page_.get_by_text("Please give a reason in the box next to the action")).to_be_visible()
    shoot(page_, "no-reason")
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN

    page_.locator(f"input[name='_selected_action'][value='{report.pk}']").check()
    page_.select_option("select[name='action']", "dismiss")
    page_.fill("input[name='reason']", REASON)
    shoot(page_, "with-reason")
    page_.get_by_role("button", name="Go").click()
    expect(page_.get_by_text("1 reports closed.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED

    # The log lists the entry; its page shows the change and has no save or delete.
    page_.goto(f"{base}/admin/moderation/moderationaction/?action=report.dismissed")
    expect(page_.locator("#result_list")).to_contain_text(REASON)
    shoot(page_, "log")
    entry = ModerationAction.objects.get(action="report.dismissed")
    assert entry.moderator == host
    page_.goto(f"{base}/admin/moderation/moderationaction/{entry.pk}/change/")
    expect(page_.locator("body")).to_contain_text('"after": "dismissed"')
    expect(page_.locator("input[name='_save']")).to_have_count(0)
    expect(page_.get_by_role("link", name="Delete")).to_have_count(0)
    shoot(page_, "entry")
