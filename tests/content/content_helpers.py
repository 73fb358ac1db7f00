"""Helpers for the content tests: a small good content set that each test breaks once."""
import datetime
import shutil
from pathlib import Path

from bot.content.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
DOMAIN = FIXTURES / "domain.yml"
REAL_CONTENT = Path(__file__).parents[2] / "content"
# The fixture's facts were verified on 2026-11-01: a month later none is too old.
TODAY = datetime.date(2026, 12, 1)


class ContentDir:
    """A copy of the good fixture in tmp_path, with helpers to break it and find lines."""

    def __init__(self, root: Path):
        self.root = root

    def edit(self, file: str, old: str, new: str) -> "ContentDir":
        path = self.root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture {file} has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self

    def write(self, file: str, text: str) -> "ContentDir":
        (self.root / file).write_text(text, encoding="utf-8")
        return self

    def read(self, file: str) -> str:
        return (self.root / file).read_text(encoding="utf-8")

    def line_of(self, file: str, snippet: str) -> int:
        for number, line in enumerate(self.read(file).splitlines(), start=1):
            if snippet in line:
                return number
        raise AssertionError(f"{snippet!r} not in {file}")

    def name(self, file: str) -> str:
        """A file's name as errors give it: relative to the folder above content/."""
        return f"content/{file}"

    def problems(self, domain=DOMAIN, today=TODAY):
        return validate(self.root, domain, today=today)


def make_content(tmp_path: Path) -> ContentDir:
    root = tmp_path / "content"
    shutil.copytree(GOOD, root)
    return ContentDir(root)


def only(problems, severity="error"):
    """The one problem of a severity; fails listing all of them if there is not exactly one."""
    found = [p for p in problems if p.severity == severity]
    assert len(found) == 1, "expected one {}, got:\n{}".format(severity, "\n".join(map(str, problems)))
    return found[0]
