"""The first pipeline step: any text becomes clean and bounded, nothing crashes."""
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.text_normaliser import TRUNCATED, TextNormaliser, normalise


def test_decomposed_unicode_is_composed():
    assert normalise("cafe\u0301") == "caf\u00e9"


def test_control_characters_and_zero_width_marks_are_removed():
    assert normalise("pass\x00port\ufeff\x07 kept") == "passport kept"
    assert normalise("ខ្ញុំ\u200bត្រូវការ") == "ខ្ញុំ ត្រូវការ"  # zero-width space separates words


def test_lone_surrogates_from_broken_encoders_do_not_survive():
    cleaned = normalise("\ud800 hello")
    cleaned.encode("utf-8")  # would raise if a surrogate were left
    assert cleaned.endswith("hello")


def test_whitespace_is_collapsed_and_empty_stays_empty():
    assert normalise("  my \n\n boss\t ") == "my boss"
    assert normalise("") == "" and normalise(None) == ""


def test_the_component_caps_length_and_marks_the_message_as_truncated():
    component = TextNormaliser({"max_chars": 10})
    long, short = Message(data={"text": "a" * 50}), Message(data={"text": "hello"})
    component.process([long, short])
    assert long.get("text") == "a" * 10 and long.get(TRUNCATED) is True
    assert short.get("text") == "hello" and short.get(TRUNCATED) is False
    assert TRUNCATED in long.as_dict(only_output_properties=True)
