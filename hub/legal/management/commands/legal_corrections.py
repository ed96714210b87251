"""List the correction requests on legal codings (open ones by default, oldest first), as the
secretariat sees them: member, provision, proposed coding, date and where to decide."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from hub.core.viewer import SYSTEM
from hub.legal.models import CorrectionRequest
from hub.legal.selectors.corrections import correction_list


class Command(BaseCommand):
    help = "List the correction requests on legal codings: open ones (the default), or --status accepted/rejected/all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--status", default="open", help="open (the default), accepted, rejected or all.")
        parser.add_argument("--member", default="", help="Only this member's (its short name, for example demoland).")

    def handle(self, *args: Any, status: str, member: str, **options: Any) -> None:
        if status != "all" and status not in CorrectionRequest.Status.values:
            raise CommandError(
                _("Unknown status %(status)s: use open, accepted, rejected or all.") % {"status": status}
            )
        rows = correction_list(viewer=SYSTEM, status="" if status == "all" else status, member_slug=member)
        count = 0
        for c in rows.iterator(chunk_size=200):
            count += 1
            self.stdout.write(
                _("%(day)s  %(member)s  %(code)s  %(current)s → %(proposed)s  [%(status)s]  %(link)s")
                % {
                    "day": c.created_at.date().isoformat(),
                    "member": c.coding.profile.member.name,
                    "code": c.coding.provision.code,
                    "current": c.coding.get_status_display(),
                    "proposed": c.get_proposed_status_display(),
                    "status": c.get_status_display(),
                    "link": settings.SITE_URL + c.get_absolute_url(),
                }
            )
        self.stdout.write(_("%(n)s correction request(s).") % {"n": count})
