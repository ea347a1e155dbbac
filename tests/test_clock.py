"""The moved clock of `make test`'s second run of the date tests really moves the clock."""

import time

from time_machine import escape_hatch

from tests.conftest import CLOCK_SHIFT_DAYS


def test_the_clock_is_moved_by_the_days_asked_for():
    if not CLOCK_SHIFT_DAYS:
        assert not escape_hatch.is_travelling()
        return
    moved = time.time() - escape_hatch.time.time()
    assert abs(moved - CLOCK_SHIFT_DAYS * 86400) < 3600
