"""Instructions per `compare`, counted by callgrind: a figure the machine's load does not move.

Times on a shared machine wander by a third from one hour to the next; instruction
counts repeat. This runs `retold.compare` on 40 distinct pairs of `benchmarks/speed.py`
(after 5 warm-up pairs, so imports and the lexicon's first loads are not counted) under
`valgrind --tool=callgrind` and prints instructions per compare, for the code on the
path: compare two commits by running it in each checkout.

    .venv/bin/python -m benchmarks.instructions        # needs valgrind
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

WARM, TIMED = 5, 40


def _workload() -> None:
    import retold
    from benchmarks import speed

    pairs = speed.make_pairs(WARM + TIMED)
    for source, derived in pairs[:WARM]:
        retold.compare(source, derived)
    _toggle()
    for source, derived in pairs[WARM:]:
        retold.compare(source, derived)
    _toggle()


def _toggle() -> None:
    """Mark the timed stretch: callgrind counts between the two toggles only."""
    if os.environ.get("RETOLD_CALLGRIND"):
        subprocess.run(["callgrind_control", "-i", "on" if not _toggle.on else "off", str(os.getpid())], check=False)  # type: ignore[attr-defined]
        _toggle.on = not _toggle.on  # type: ignore[attr-defined]


_toggle.on = False  # type: ignore[attr-defined]


def main() -> None:
    if "--workload" in sys.argv:
        _workload()
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-m",
                "benchmarks.instructions",
                "--workload",
            ],
            env={**os.environ, "RETOLD_CALLGRIND": "1", "PYTHONHASHSEED": "0"},
            check=True,
            capture_output=True,
        )
        summary = open(out, encoding="utf-8").read()
    total = int(re.search(r"^summary:\s+(\d+)", summary, re.M).group(1))  # type: ignore[union-attr]
    print(f"{total / TIMED / 1e6:.1f} M instructions per compare ({TIMED} pairs)")


if __name__ == "__main__":
    main()
