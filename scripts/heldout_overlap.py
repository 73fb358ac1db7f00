"""Count, or drop, the held-out questions that are also training examples, never showing them.

    .venv/bin/python scripts/heldout_overlap.py [--folder tests/nlu/heldout] [--drop]

A held-out question that equals a training example (case and spaces aside) no longer
measures anything: tests/nlu/test_heldout_sets.py fails on it. When new training
examples collide with held-out questions, the held-out questions go (as after every round
of example writing), not the examples: whoever writes examples must not see the held-out
set, so this prints counts per file and never a question. With --drop it rewrites the
files without those questions and, if my.yml changed, writes my-zawgyi.yml again.
"""
import argparse
import sys
from pathlib import Path
from typing import Dict, Set, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import eval as nlu_eval  # noqa: E402  (the same reading and overlap key as `make eval`)
from bot.content.library import load_library  # noqa: E402
from zawgyi_heldout import zawgyi_copy  # noqa: E402


def training_texts(content: Path) -> Set[str]:
    library = load_library(content)
    return {nlu_eval.overlap_key(text) for topic in library.topics.values()
            for texts in topic.examples.values() for text in texts}


def is_question(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("- ") and not stripped.startswith("- intent:")


def without_overlap(yaml_text: str, trained: Set[str]) -> Tuple[str, int]:
    """The file's text without the example lines that are training examples, and how many went."""
    kept, dropped = [], 0
    for line in yaml_text.splitlines(keepends=True):
        if is_question(line) and nlu_eval.overlap_key(line.strip()[2:]) in trained:
            dropped += 1
        else:
            kept.append(line)
    return "".join(kept), dropped


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "tests/nlu/heldout")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--drop", action="store_true", help="rewrite the files without those questions")
    args = parser.parse_args(argv)
    trained = training_texts(args.content)
    counts: Dict[str, int] = {}
    for path in sorted(args.folder.glob("*.yml")):
        if path.stem == "my-zawgyi":
            continue  # a copy of my.yml, remade below
        text, counts[path.name] = without_overlap(path.read_text(encoding="utf-8"), trained)
        if args.drop and counts[path.name]:
            path.write_text(text, encoding="utf-8")
            if path.stem == "my":
                (args.folder / "my-zawgyi.yml").write_text(zawgyi_copy(text), encoding="utf-8")
    for name, count in counts.items():
        print(f"{name}: {count} {'dropped' if args.drop else 'also training examples'}")
    total = sum(counts.values())
    if total and not args.drop:
        print(f"{total} in all: run again with --drop to remove them from {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
