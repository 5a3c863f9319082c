"""Fixtures: short articles written for these tests (no third-party news text)."""

from __future__ import annotations

import pytest

WIRE = """Town opens new library after long delay

MILLBROOK (Test Wire) — The town of Millbrook opened its new public library on Monday, three years after construction began and $2 million over budget.

"Every child in this town deserves a place to read," Mayor Ana Ruiz said at the opening. "Today they finally have one."

The library holds 80,000 books and a computer lab with 40 terminals. It was designed by the architect Paul Brenner.

Critics on the council said the project had been badly managed. Councilor Tom Hale said the delays cost taxpayers dearly.

The library will be open seven days a week from next month.
"""

REWRITE = """By Jo Blogger

Millbrook Library Finally Opens

The town of Millbrook opened its new public library on Monday, three years after construction began and $2 million over budget.

"Every child in this town deserves a place to read," Mayor Ana Ruiz said at the opening.

The new building contains 80,000 books as well as a computer lab with 40 terminals.

Isn't it wonderful when local government actually delivers for families?

Subscribe to our newsletter!
"""

UNRELATED = """Storm season ends quietly

Forecasters said the hurricane season ended without a single landfall this year, the first time in a decade.

Warm waters in the Atlantic had been expected to fuel strong storms, but dry air from the Sahara kept them weak.

Insurers welcomed the news after two costly years.
"""


@pytest.fixture
def wire() -> str:
    return WIRE


@pytest.fixture
def rewrite() -> str:
    return REWRITE


@pytest.fixture
def unrelated() -> str:
    return UNRELATED
