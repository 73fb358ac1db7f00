"""scripts/heldout_overlap.py drops held-out questions that are training examples, without showing them."""
from bot.content.library import load_library
from tests.conftest import ROOT
from tests.scripts import load_script

overlap = load_script("heldout_overlap")
zawgyi = load_script("zawgyi_heldout")

HEADER = 'version: "3.1"\n\nnlu:\n- intent: unpaid_wages\n  examples: |\n'


def a_training_example(language):
    topic = load_library(ROOT / "content").topics["unpaid_wages"]
    return topic.examples[language][0]


def test_only_the_questions_that_are_training_examples_are_dropped_and_none_is_printed(tmp_path, capsys):
    trained, fresh = a_training_example("en"), "my towkay keep half my gaji since march wat to do"
    (tmp_path / "en.yml").write_text(HEADER + f"    - {trained.upper()}\n    - {fresh}\n", encoding="utf-8")

    overlap.main(["--folder", str(tmp_path)])
    assert (tmp_path / "en.yml").read_text(encoding="utf-8").count("\n    - ") == 2  # counting changes nothing
    overlap.main(["--folder", str(tmp_path), "--drop"])

    assert (tmp_path / "en.yml").read_text(encoding="utf-8") == HEADER + f"    - {fresh}\n"
    printed = capsys.readouterr().out
    assert "en.yml: 1 also training examples" in printed and "en.yml: 1 dropped" in printed
    assert trained.casefold() not in printed.casefold() and fresh not in printed


def test_the_zawgyi_copy_follows_the_burmese_file(tmp_path):
    (tmp_path / "my.yml").write_text(HEADER + f"    - {a_training_example('my')}\n    - ဘော့စ် လစာ မပေးဘူး\n",
                                     encoding="utf-8")
    overlap.main(["--folder", str(tmp_path), "--drop"])
    assert (tmp_path / "my-zawgyi.yml").read_text(encoding="utf-8") == \
        zawgyi.zawgyi_copy((tmp_path / "my.yml").read_text(encoding="utf-8"))
