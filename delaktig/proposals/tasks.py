"""Background work of Göteborgsförslaget: e-mail after a status change, committee notices, upkeep.

Services enqueue these with ``transaction.on_commit`` so nobody is told about a change that was rolled
back. Mail goes out in the site's default language (Swedish).
"""

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from delaktig.accounts.models import RoleAssignment, User
from delaktig.core.ratelimit import rate_limit_counters_purge


def _message(template: str, context: dict, to: str) -> EmailMessage:
    subject, _newline, body = render_to_string(template, context).strip().partition("\n")
    return EmailMessage(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [to])


@task
def proposal_status_mail(event_id: int) -> int:
    """Tell the proposer and every follower that the proposal's status changed; return mails sent."""
    from delaktig.proposals.catalogue import RULE_TEXTS
    from delaktig.proposals.models import ProposalEvent

    event = ProposalEvent.objects.select_related("proposal__author", "proposal__committee").get(pk=event_id)
    proposal = event.proposal
    followers = User.objects.filter(proposal_follows__proposal=proposal, is_active=True, email__isnull=False)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "proposal": proposal,
            "rule_text": RULE_TEXTS.get(proposal.refusal_rule, ""),
            "site_url": settings.DELAKTIG_SITE_URL,
        }
        messages = []
        if proposal.author.email:
            messages.append(_message("proposals/email/status_to_proposer.txt", context, proposal.author.email))
        messages += [
            _message("proposals/email/status_to_follower.txt", context, email)
            for email in followers.exclude(pk=proposal.author_id).values_list("email", flat=True)
        ]
    return mailers.default.send_messages(messages) if messages else 0


@task
def committee_notice_deliver(notice_id: int) -> int:
    """Send the outbox notice to the committee's registry and secretaries (moderators if none yet)."""
    from delaktig.proposals.models import CommitteeNotice

    notice = CommitteeNotice.objects.select_related("proposal", "committee").get(pk=notice_id)
    if notice.sent_at is not None:
        return 0
    if notice.committee_id:
        staff = Q(roles__role=RoleAssignment.Role.COMMITTEE_SECRETARY, roles__committee=notice.committee_id)
    else:
        staff = Q(roles__role=RoleAssignment.Role.MODERATOR)
    recipients = set(User.objects.filter(staff, is_active=True, email__isnull=False).values_list("email", flat=True))
    if notice.committee_id and notice.committee.email:
        recipients.add(notice.committee.email)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"notice": notice, "proposal": notice.proposal, "site_url": settings.DELAKTIG_SITE_URL}
        messages = [_message("proposals/email/committee_notice.txt", context, email) for email in sorted(recipients)]
    sent = mailers.default.send_messages(messages) if messages else 0
    CommitteeNotice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return sent


@task
def proposals_upkeep() -> dict:
    """Repair counter drift, finish missed threshold crossings, close ended windows, purge rate-limit windows."""
    from delaktig.proposals.services import proposals_expire, proposals_threshold_catch_up, vote_counts_reconcile

    return {  # in this order: crossings and closings act on repaired counters
        "repaired": len(vote_counts_reconcile()),
        "thresholds_crossed": proposals_threshold_catch_up(),
        "expired": proposals_expire(),
        "rate_limit_windows_purged": rate_limit_counters_purge(),
    }
