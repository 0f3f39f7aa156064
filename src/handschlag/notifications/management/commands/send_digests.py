"""``handschlag send_digests``: send every due daily digest now (cron or by hand)."""

from typing import Any

from django.core.management.base import BaseCommand

from handschlag.notifications.services import send_due_digests


class Command(BaseCommand):
    help = "Send the daily email digest to every member for whom one is due."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
