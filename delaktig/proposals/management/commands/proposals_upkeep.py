from django.core.management.base import BaseCommand

from delaktig.core.ratelimit import rate_limit_counters_purge
from delaktig.proposals.services import proposals_expire, proposals_threshold_catch_up, vote_counts_reconcile


class Command(BaseCommand):
    help = (
        "Repair vote counters that drifted, finish threshold crossings a stopped process left undone, close "
        "proposals whose voting window has ended and purge ended rate-limit windows (run hourly)."
    )

    def handle(self, *args, **options):
        repairs = vote_counts_reconcile()
        crossed = proposals_threshold_catch_up()
        expired = proposals_expire()
        purged = rate_limit_counters_purge()
        for proposal_id, was, now_is in repairs:
            self.stdout.write(f"proposal {proposal_id}: counter {was} -> {now_is}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(repairs)} counters repaired, {crossed} thresholds crossed, {expired} proposals closed, "
                f"{purged} rate-limit windows purged."
            )
        )
