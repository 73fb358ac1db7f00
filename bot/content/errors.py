"""Errors that editors read: file, line, what is wrong and how to fix it."""
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional


@dataclass(frozen=True)
class ContentError:
    file: str
    line: Optional[int]
    message: str
    fix: str = ""
    severity: str = "error"  # "error" stops the content going live; "warning" does not

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}\n    fix: {self.fix}" if self.fix else text


class ContentErrors(Exception):
    """Raised when content cannot go live; carries every error found, not just the first."""

    def __init__(self, errors: List[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
