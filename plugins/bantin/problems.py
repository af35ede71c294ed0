"""Problems found in content or configuration, worded for editors (DESIGN §7).

Every problem names the file, the line, the field, what is wrong and how to fix it, so an
editor who is not a programmer can act on it without asking anyone.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field

# C0 controls, DEL, C1 controls: shown as escapes so no file name or quoted text can move the
# cursor, recolour a terminal or start a new line that a CI log reads as `::error …`.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character written as `\\x1b`, `\\n`… (for terminals and CI logs)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))

def short(value: object, limit: int = 80) -> str:
    """A value as it may appear in a message: one line, at most `limit` characters."""
    text = " ".join(str(value).split()) if not isinstance(value, str) else value.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_told_env: set[tuple[str, str]] = set()  # (variable, value) already reported by this process


def env_choice(variable: str, allowed: tuple[str, ...], meaning: str) -> str:
    """A Bản tin environment variable, spaces stripped and lower-cased, when it is one of
    `allowed` ("" = not set); anything else is reported once on stderr and read as unset.
    A typo must neither pass silently nor stop the build. Stderr, not the build's log: a
    WARNING there fails a `--strict` build, and INFO would be lost among MkDocs' lines or,
    outside a build, not shown at all. `meaning` says which values mean what."""
    raw = os.environ.get(variable, "")
    value = raw.strip().lower()
    if value in allowed:
        return value
    if (variable, raw) not in _told_env:
        _told_env.add((variable, raw))
        print(f"Bản tin: bỏ qua {variable}={raw!r}: {meaning}; lần dựng này chạy như khi không đặt biến.",
              file=sys.stderr)
    return ""


ERROR = "lỗi"
WARNING = "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must (error) or should (warning) fix."""

    path: str
    line: int
    field: str
    message: str
    fix: str
    severity: str = ERROR

    def __str__(self) -> str:
        path = visible(self.path)
        where = f"{path}:{self.line}" if self.line else path
        subject = f" [{visible(self.field)}]" if self.field else ""
        return f"{where}:{subject} {self.severity}: {visible(self.message)} → Cách sửa: {visible(self.fix)}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Problems:
    """Collects problems across a whole run so every mistake is reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, field_: str, message: str, fix: str) -> None:
        self.items.append(Problem(path, line, field_, message, fix, ERROR))

    def warn(self, path: str, line: int, field_: str, message: str, fix: str) -> None:
        self.items.append(Problem(path, line, field_, message, fix, WARNING))

    def extend(self, other: "Problems | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.is_error)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if not p.is_error)

    def __bool__(self) -> bool:
        return bool(self.items)
