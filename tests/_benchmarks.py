"""Import `benchmarks.<name>` from this repository for the floor tests (another package
named `benchmarks` may be importable first)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_benchmark(name: str) -> ModuleType:
    if str(ROOT) not in sys.path[:1]:
        sys.path.insert(0, str(ROOT))
    loaded = sys.modules.get("benchmarks")
    if (
        loaded is not None
        and Path(getattr(loaded, "__file__", "") or "").parent != ROOT / "benchmarks"
    ):
        for key in [k for k in sys.modules if k == "benchmarks" or k.startswith("benchmarks.")]:
            del sys.modules[key]
    return importlib.import_module(f"benchmarks.{name}")
