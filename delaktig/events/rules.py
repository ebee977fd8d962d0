"""Who may do what with events: the public reads, residents with a confirmed e-mail register, staff organise.

Moderators (handläggare at Demokrati och medborgarservice) run the outreach calendar and the guides;
council administrators put their councils' meetings in the calendar through the councils app.
"""

import rules

from delaktig.accounts.rules import is_email_verified, is_moderator

rules.add_perm("events.view_calendar", rules.always_allow)
rules.add_perm("events.register", is_email_verified)
rules.add_perm("events.manage_events", is_moderator)
rules.add_perm("events.view_registrations", is_moderator)
rules.add_perm("events.manage_guides", is_moderator)
