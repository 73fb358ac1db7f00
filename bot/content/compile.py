"""Compile content/ into the Rasa training data the model needs, in the build folder.

Writes build/data/nlu/content.yml (every topic's example questions, one block per
topic and language with `metadata: {language: <code>}`: the language detector learns
from it how each language looks in Latin letters. Blocks rather than one entry per
example: Rasa reads 16,000 examples in about a second this way, against about a minute
per reading for the long form, which training reads several times) and build/data/rules/topics.yml (each answered
topic -> action_answer_topic, unless a hand-written rule in bot/data/rules/ starts with
its intent: e.g. talk_to_human has its own action, which still shows the topic's answer
where it fits).
A file is rewritten only when its text changes, so `make train` retrains only
when the content's examples or topics changed, not when an answer was edited.
"""
import argparse
import sys
from pathlib import Path
from typing import Dict, Iterable, Set

import yaml

from bot.content.errors import ContentErrors
from bot.content.library import Library, load_library

HAND_WRITTEN_RULES = Path(__file__).resolve().parents[1] / "data" / "rules"
HEADER = "# Generated from content/ by `python -m bot.content compile`. Do not edit.\n"


def nlu_data(library: Library) -> dict:
    items = []
    for topic in sorted(library.topics.values(), key=lambda t: t.intent):
        written = set()
        # A question written the same way in several languages ("ok", "thanks") is written
        # once: as English if English has it (it is an English word whoever types it), so
        # the language detector learns it as English; otherwise in the first language.
        for lang in sorted(topic.examples, key=lambda code: (code != "en", code)):
            new = [line for line in dict.fromkeys(map(_one_line, topic.examples[lang])) if line and line not in written]
            written.update(new)
            if new:
                items.append({"intent": topic.intent, "metadata": {"language": lang},
                              "examples": "".join(f"- {line}\n" for line in new)})
    return {"version": "3.1", "nlu": items}


class _BlockDumper(yaml.SafeDumper):
    """Writes a multi-line string as a `|` block, as people write Rasa's example lists."""


_BlockDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def hand_written_intents(folder: Path = HAND_WRITTEN_RULES) -> Set[str]:
    """Intents whose reply a hand-written rule chooses (the first step of a rule)."""
    intents = set()
    for path in sorted(folder.glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            steps = rule.get("steps") or []
            if steps and isinstance(steps[0], dict) and steps[0].get("intent"):
                intents.add(steps[0]["intent"])
    return intents


def rules_data(library: Library, own_rules: Iterable[str] = ()) -> dict:
    own = set(own_rules)
    rules = [{"rule": f"answer {t.intent}",
              "steps": [{"intent": t.intent}, {"action": "action_answer_topic"}]}
             for t in sorted(library.topics.values(), key=lambda t: t.intent) if t.answered and t.intent not in own]
    return {"version": "3.1", "rules": rules}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def compile_content(library: Library, build: Path) -> Dict[str, bool]:
    """Write the training files; returns {path: changed}."""
    outputs = {
        build / "data" / "nlu" / "content.yml": nlu_data(library),
        build / "data" / "rules" / "topics.yml": rules_data(library, hand_written_intents()),
    }
    changed = {}
    for path, data in outputs.items():
        text = HEADER + yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=1000)
        changed[str(path)] = _write_if_changed(path, text)
    return changed


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.content compile")
    parser.add_argument("--content", default="content")
    parser.add_argument("--build", default="build")
    args = parser.parse_args(argv)
    try:
        library = load_library(args.content)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        print("content has errors: nothing compiled. Fix them and run again.", file=sys.stderr)
        return 1
    for path, changed in compile_content(library, Path(args.build)).items():
        print(f"{'wrote' if changed else 'unchanged'} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
