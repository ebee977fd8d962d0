"""The counting problem on some groups only: what ``leximin`` completes the walk's lottery on."""

from __future__ import annotations

import numpy as np

from .test_solver import household_instance


def test_restricting_keeps_the_groups_data_and_the_households_still_shared():
    instance = household_instance()
    groups = np.array([0, 1, 2, 5, 6])
    part = instance.restrict(groups)
    assert part.members == ((0,), (1,), (2,), (5,), (6,))
    np.testing.assert_array_equal(part.sizes, instance.sizes[groups])
    np.testing.assert_array_equal(part.incidence, instance.incidence[:, groups])
    np.testing.assert_array_equal(part.value_rows, instance.value_rows[groups])
    # Homes (0, 1) keeps both people; (2, 3), (4, 5) and (6, 7) keep one each, which needs no rule.
    assert part.housemates == ((0, 1),)
    assert (part.size, part.lower.tolist(), part.upper.tolist()) == (instance.size, [2, 1], [3, 2])
