"""The held-out questions measure the model only while they stay out of its training data."""
from pathlib import Path

import pytest

from bot.content.library import load_library
from tests.scripts import load_script

nlu_eval = load_script("eval")

ROOT = Path(__file__).resolve().parents[2]
SETS = [ROOT / "tests/nlu/heldout", ROOT / "tests/nlu/dev"]


@pytest.fixture(scope="module")
def training_examples():
    library = load_library(ROOT / "content")
    return [nlu_eval.Example(text, topic.intent, lang)
            for topic in library.topics.values() for lang, texts in topic.examples.items() for text in texts]


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_no_held_out_question_is_a_training_example(folder, training_examples):
    # Counts only: whoever writes training examples runs this test and must not see the
    # questions, so the assertion names a plain number (pytest would print a list's items).
    overlapping = len(nlu_eval.find_overlap(nlu_eval.read_heldout(folder), training_examples))
    assert overlapping == 0, (f"{overlapping} questions in {folder.name} are also training examples: "
                              f"run scripts/heldout_overlap.py --folder tests/nlu/{folder.name} --drop")


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_held_out_questions_use_only_known_topics(folder, training_examples):
    known = {e.intent for e in training_examples}
    unknown = {(e.source, e.intent) for e in nlu_eval.read_heldout(folder) if e.intent not in known}
    assert unknown == set()


def test_the_zawgyi_questions_are_the_burmese_ones_converted():
    folder = ROOT / "tests/nlu/heldout"
    expected = load_script("zawgyi_heldout").zawgyi_copy((folder / "my.yml").read_text(encoding="utf-8"))
    assert (folder / "my-zawgyi.yml").read_text(encoding="utf-8") == expected, \
        "run scripts/zawgyi_heldout.py after editing my.yml"
