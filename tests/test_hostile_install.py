"""Every documented install works on a fresh machine: pins are exact, and the test set-up
(the README's command, which CI runs on a clean clone) installs every extra."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pytest

PROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]


def test_every_dependency_is_pinned() -> None:
    groups = {"": PROJECT["dependencies"], **PROJECT["optional-dependencies"]}
    for name, requirements in groups.items():
        for requirement in requirements:
            if not requirement.startswith("retold["):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", requirement), (
                    name,
                    requirement,
                )


def test_the_test_extra_installs_every_other_extra() -> None:
    others = set(PROJECT["optional-dependencies"]) - {"test"}
    assert {f"retold[{extra}]" for extra in others} <= set(PROJECT["optional-dependencies"]["test"])


@pytest.mark.parametrize("module", ["numpy", "datasketch", "pysbd", "syntok"])
def test_the_benchmark_tools_are_installed(module: str) -> None:
    importlib.import_module(module)
