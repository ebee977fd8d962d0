"""The published rule catalogue: why a proposal may be refused, in words the proposer is shown.

The public page /forslag/regler/ lists these texts; a refusal names one rule and the proposer sees its
text beside the moderator's note, so no refusal rests on an unpublished reason.
"""

from django.utils.translation import gettext_lazy as _

from delaktig.proposals.models import RefusalRule

RULE_TEXTS = {
    RefusalRule.COMPETENCE: _(
        "The proposal concerns something the City of Gothenburg does not decide, for example a matter for "
        "the state, the region, a private company or another municipality."
    ),
    RefusalRule.INDIVIDUAL_CASE: _(
        "The proposal concerns a single person's case or the exercise of public authority, such as a "
        "permit, a placement or a decision about one person. Contact the administration that handles the "
        "case instead."
    ),
    RefusalRule.PERSONAL_DATA: _(
        "The proposal contains personal data about other people, such as names, addresses or details "
        "that identify someone who is not a public official acting in office."
    ),
    RefusalRule.OFFENSIVE: _("The proposal is offensive, discriminatory, threatening or otherwise against the law."),
    RefusalRule.ADVERTISING: _("The proposal advertises a company, product, service or political campaign."),
    RefusalRule.DUPLICATE: _(
        "The same proposal is already open for votes or was decided during the last 12 months. Support "
        "the existing proposal instead."
    ),
}


def rule_catalogue() -> list[tuple[str, str, str]]:
    """Return (key, title, public text) for every rule, in the published order."""
    return [(rule.value, rule.label, RULE_TEXTS[rule]) for rule in RefusalRule]
