"""Linear growth by a ratio of CPU times, for the tests of hostile input (test_linear_patterns,
test_blocks).

A rescan of the rest of the text from every line, `|` or bracket shows in the ratio of two
sizes as well as in one hostile size against an absolute bound, and costs the suite a fraction:
a 300 KB line that many lines make took 2 s a case (session 41). Four times the text may cost
at most eight times as much (linear: 4, quadratic: 16); process time, so a loaded machine's
other processes do not count; a floor of 0.01 s, so a run too short to time is not a ratio.
"""

from __future__ import annotations

import time

BOUND = 4.0  # seconds: what the larger size may take at most, whatever its ratio (× 2)


def timed(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def grows_linearly_in_cpu(run, small: int) -> bool:
    """Whether run(4 × small) costs at most 8 times run(small) in CPU, and under 2 × BOUND;
    run(small // 4) first, so imports and compiled patterns are out of the measure."""
    run(small // 4)
    little, big = 0.0, float("inf")
    # Three rounds at most, the slowest small run against the fastest large one: a pause of a
    # loaded machine is no growth (two rounds of fresh pairs failed a linear case once in a
    # full run under load, session 44: 0.05 s and 0.25 s idle); quadratic (16×) still fails.
    for _ in range(3):
        little, big = max(little, timed(run, small)), min(big, timed(run, 4 * small))
        if big < 2 * BOUND and big < 8 * max(little, 0.01):
            return True
    return False
