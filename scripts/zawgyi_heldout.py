"""Write tests/nlu/heldout/my-zawgyi.yml: the Burmese held-out questions (my.yml) typed in Zawgyi.

    .venv/bin/python scripts/zawgyi_heldout.py [--folder tests/nlu/heldout]

`make eval` then shows whether Zawgyi input is understood as well as Unicode. The
conversion is ICU's Zawgyi transform run backwards (bot.nlu.zawgyi.to_zawgyi).
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlu.zawgyi import to_zawgyi  # noqa: E402

HEADER = """\
# Held-out NLU test set (Burmese typed in Zawgyi): the same questions as my.yml, converted
# by scripts/zawgyi_heldout.py, to show that Zawgyi input is understood as well as Unicode.
# Do not edit by hand: change my.yml and run the script again.
"""


def zawgyi_copy(unicode_yaml: str) -> str:
    """The same YAML with every example line converted; comments before `version:` replaced."""
    body = unicode_yaml[unicode_yaml.index("version:"):]
    lines = []
    for line in body.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("- ") and not stripped.startswith("- intent:"):
            line = line[: len(line) - len(stripped)] + "- " + to_zawgyi(stripped[2:])
        lines.append(line)
    return HEADER + "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "tests/nlu/heldout")
    args = parser.parse_args(argv)
    source = (args.folder / "my.yml").read_text(encoding="utf-8")
    (args.folder / "my-zawgyi.yml").write_text(zawgyi_copy(source), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
