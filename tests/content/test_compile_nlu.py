"""Compiled NLU data: every example of every topic, in one block per topic and language,
which Rasa reads quickly and with each example's language for the language detector."""
from collections import defaultdict

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.content.compile import compile_content
from bot.nlu.language_detector import example_language


def test_rasa_reads_every_example_with_its_language(library, tmp_path):
    compile_content(library, tmp_path)
    data = RasaYAMLReader().read(tmp_path / "data" / "nlu" / "content.yml")
    read = {(m.get("intent"), m.get("text")): example_language(m) for m in data.training_examples}
    written = defaultdict(set)
    for topic in library.topics.values():
        for lang, texts in topic.examples.items():
            for text in texts:
                written[(topic.intent, " ".join(text.split()))].add(lang)
    assert read.keys() == written.keys()
    # A question written the same way in two languages of a topic ("ok") is written once:
    # English if English has it, else the first language.
    assert any(len(langs) > 1 and "en" in langs for langs in written.values())
    assert {key: lang for key, lang in read.items() if len(written[key]) > 1} == {
        key: "en" if "en" in langs else min(langs) for key, langs in written.items() if len(langs) > 1}


def test_the_compiled_file_lists_examples_as_people_write_them(library, tmp_path):
    compile_content(library, tmp_path)
    text = (tmp_path / "data" / "nlu" / "content.yml").read_text(encoding="utf-8")
    assert "- intent: passport_retention\n  metadata:\n    language: en\n  examples: |\n    - " in text
