"""Named permission rules of the inventory: inventory editors keep it, the public reads what is published."""

import rules

from delaktig.accounts.rules import is_committee_secretary, is_inventory_editor


@rules.predicate
def is_published(user, initiative) -> bool:
    return initiative is not None and initiative.published


can_edit_inventory = is_inventory_editor

rules.add_perm("inventory.view_initiative", is_published | can_edit_inventory)
rules.add_perm("inventory.view_unpublished", can_edit_inventory)
rules.add_perm("inventory.add_initiative", can_edit_inventory)
rules.add_perm("inventory.change_initiative", can_edit_inventory)
rules.add_perm("inventory.change_status", can_edit_inventory)
rules.add_perm("inventory.transfer_responsibility", can_edit_inventory)
rules.add_perm("inventory.record_participation", can_edit_inventory)
rules.add_perm("inventory.import_initiatives", can_edit_inventory)
rules.add_perm("inventory.view_report", can_edit_inventory | is_committee_secretary)
