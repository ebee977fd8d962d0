"""Sortition: fair, auditable selection of citizen panels with quotas.

``read_quotas`` and ``read_people`` read the Sortition Foundation's CSV files; ``diagnose`` says
in plain words why quotas cannot be met and proposes the smallest relaxation; ``select`` finds
the lottery over panels (``leximin`` by default, or ``maximin``, ``nash``, ``legacy``);
``draw`` picks one panel from it with a public seed and returns alternates and an audit record.

The draw, step by step (anyone can re-run it from the published distribution and seed):

1. Merge people into groups of interchangeable members: same value on every quota feature and
   no housemate in the pool. Name each group by the smallest id in it (string order).
2. Write each panel type of the distribution as the list of (group name, seats) for the groups
   with seats, in order of group name, and sort the panel types by that list.
3. Compute u = (first 13 hex digits of SHA-256("panel:" + seed), as an integer) / 16^13,
   a number in [0, 1) with 52 exact bits.
4. Walk the sorted panel types adding up their probabilities; the first type where u is below
   the running total is drawn (the last type if rounding leaves u above the total).
5. In every group with s seats, give each member the ticket SHA-256(seed + ":" + id) in hex and
   seat the s members with the lowest tickets (ties, which SHA-256 makes practically
   impossible, go to the earlier row in the pool file).

Texts are UTF-8. Step 5 seats each member of a group with the same chance, so everyone's
probability is exactly what the distribution promises. Alternates for a seat are people outside
the panel who keep every quota when swapped in alone and share no household with the rest of
the panel: same profile first, then others, each in ticket order.
"""

from delaktig.engines.sortition.diagnose import diagnose
from delaktig.engines.sortition.io import read_people, read_quotas
from delaktig.engines.sortition.lottery import draw
from delaktig.engines.sortition.model import (
    ALGORITHMS,
    Audit,
    Distribution,
    Draw,
    Pool,
    Problem,
    Quota,
    Quotas,
    ValueSummary,
)
from delaktig.engines.sortition.selection import InfeasibleQuotasError, select, summarize

__all__ = [
    "ALGORITHMS",
    "Audit",
    "Distribution",
    "Draw",
    "InfeasibleQuotasError",
    "Pool",
    "Problem",
    "Quota",
    "Quotas",
    "ValueSummary",
    "diagnose",
    "draw",
    "read_people",
    "read_quotas",
    "select",
    "summarize",
]
