"""Small random elections, seeded, with many ties: few distinct costs and few voters."""

from __future__ import annotations

import numpy as np


def random_election_text(seed: int) -> str:
    """Return a pabulib text: approval ballots for even seeds, cumulative points for odd seeds.

    Points ballots are never empty (pabutools cannot parse an empty points ballot). Costs come from a
    handful of round values and ballots from few voters, so equal scores, equal affordabilities and
    equal costs (ties every rule must break the same way) are common.
    """
    rng = np.random.default_rng(seed)
    approval = seed % 2 == 0
    num_projects, num_voters = int(rng.integers(3, 10)), int(rng.integers(3, 16))
    budget = int(rng.choice([60, 100, 150]))
    costs = rng.choice([0, 10, 20, 25, 30, 40, 50, 70], size=num_projects, p=[0.04, *[0.96 / 7] * 7])
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{'approval' if approval else 'cumulative'}"]
    lines += ["PROJECTS", "project_id;cost"] + [f"p{i};{c}" for i, c in enumerate(costs)]
    lines += ["VOTES", "voter_id;vote" + ("" if approval else ";points")]
    for voter in range(num_voters):
        size = int(rng.integers(0 if approval else 1, num_projects + 1))
        chosen = rng.permutation(num_projects)[:size]
        vote = ",".join(f"p{i}" for i in chosen)
        if approval:
            lines.append(f"v{voter};{vote}")
        else:
            lines.append(f"v{voter};{vote};{','.join(str(int(rng.integers(1, 4))) for _ in chosen)}")
    return "\n".join(lines) + "\n"
