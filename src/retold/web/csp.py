"""The report page's Content-Security-Policy: its own inline script may run, nothing else.

The report page (`retold.render`, shared with `retold compare --format html`) is one
self-contained file with a little inline script. The policy allows exactly that
script by its SHA-256 hash, taken from a report rendered here from two sample texts,
never from the page being served: a script that slipped in with an article would
not match.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

SAMPLE_SOURCE = """Ferry service returns to the island

The ferry to Gull Island will run again from May 4, the harbour board said on Friday. "We expect about 300 passengers a day," said board chair Ruth Okoye. Tickets will cost $12. The old pier was repaired over the winter.
"""
SAMPLE_DERIVED = """Island ferry is back

The ferry to Gull Island will run again from May 4, the harbour board said. "We expect about 500 passengers a day," said board chair Ruth Okoye. Finally some good news for islanders!
"""
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)

BASE = (
    "default-src 'none'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def inline_scripts(page: str) -> list[str]:
    """The bodies of the page's inline scripts (not data blocks, not src= scripts)."""
    return [
        body
        for attrs, body in _SCRIPT.findall(page)
        if "src=" not in attrs.lower() and not _DATA_TYPE.search(attrs)
    ]


def policy(scripts: list[str]) -> str:
    """A CSP allowing these script bodies (by hash) and inline styles, nothing else."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in scripts
        }
    )
    allowed = " ".join(hashes) or "'none'"
    return f"{BASE}; style-src 'unsafe-inline'; script-src {allowed}"


@lru_cache(maxsize=1)
def report_csp() -> str:
    from retold.compare import compare
    from retold.render import render
    from retold.text.load import article_from_text

    report = compare(
        article_from_text(SAMPLE_SOURCE, id="source"),
        article_from_text(SAMPLE_DERIVED, id="derived"),
    )
    return policy(inline_scripts(render(report, "html")))
