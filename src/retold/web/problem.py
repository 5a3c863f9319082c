"""What went wrong in a request: one shape for the JSON error body and the error page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """What went wrong, for the error body and the error page."""

    status: int
    code: str
    message: str
    hint: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message, "hint": self.hint}}
