"""Reports: members who answered the sender with "I don't know this person" or a report."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

REPORTED = 2
REPORTED_OFTEN = 5


@rule(
    code="REP_REPORTED",
    group="reports",
    explain=N_("was reported %(count)d times in the last 90 days"),
)
def reported(a: Analysis) -> Evidence | None:
    """A few reports (2 to 4 in 90 days): other members did not know or want this sender."""
    n = a.case.sender.reports_90d
    return Evidence({"count": n}) if REPORTED <= n < REPORTED_OFTEN else None


@rule(
    code="REP_REPORTED_OFTEN",
    group="reports",
    explain=N_("was reported %(count)d times in the last 90 days, often"),
)
def reported_often(a: Analysis) -> Evidence | None:
    """Five or more reports in 90 days: a pattern, not an accident."""
    n = a.case.sender.reports_90d
    return Evidence({"count": n}) if n >= REPORTED_OFTEN else None
