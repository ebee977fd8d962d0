from django.core.management.base import BaseCommand

from delaktig.core.ratelimit import rate_limit_counters_purge
from delaktig.proposals.services import proposals_expire, vote_counts_reconcile


class Command(BaseCommand):
    help = (
        "Close proposals whose voting window has ended, repair vote counters that drifted and purge ended "
        "rate-limit windows (run hourly)."
    )

    def handle(self, *args, **options):
        expired = proposals_expire()
        repairs = vote_counts_reconcile()
        purged = rate_limit_counters_purge()
        for proposal_id, was, now_is in repairs:
            self.stdout.write(f"proposal {proposal_id}: counter {was} -> {now_is}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{expired} proposals closed, {len(repairs)} counters repaired, {purged} rate-limit windows purged."
            )
        )
