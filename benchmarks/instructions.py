"""Instructions per `compare`, counted by callgrind: a figure the machine's load does not move.

Times on a shared machine wander by a third from one hour to the next; instruction
counts repeat. This runs `retold.compare` on the pairs of `benchmarks/speed.py` under
`valgrind --tool=callgrind` twice, once on WARM pairs and once on WARM + TIMED, and
reports the difference per pair: imports, the lexicon's first loads and the pair
generation fall out. Compare two commits by running it in each checkout.

    .venv/bin/python -m benchmarks.instructions        # needs valgrind
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

WARM, TIMED = 5, 40


def _workload(count: int) -> None:
    import retold
    from benchmarks import speed

    pairs = speed.make_pairs(WARM + TIMED)  # the same pairs in both runs
    for source, derived in pairs[:count]:
        retold.compare(source, derived)


def _instructions(count: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-m",
                "benchmarks.instructions",
                "--workload",
                str(count),
            ],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=True,
            capture_output=True,
        )
        found = re.search(r"^summary:\s+(\d+)", out.read_text(encoding="utf-8"), re.M)
    if found is None:
        raise SystemExit("callgrind wrote no summary")
    return int(found.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--workload"]:
        _workload(int(sys.argv[2]))
        return
    per_pair = (_instructions(WARM + TIMED) - _instructions(WARM)) / TIMED
    print(f"{per_pair / 1e6:.1f} M instructions per compare ({TIMED} pairs)")


if __name__ == "__main__":
    main()
