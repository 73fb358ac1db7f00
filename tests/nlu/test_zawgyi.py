"""Zawgyi detection and conversion, and the pipeline component that applies it."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.zawgyi import ZawgyiNormalizer, is_zawgyi, to_unicode, to_zawgyi

# The title of the Universal Declaration of Human Rights, in both encodings.
UDHR_ZAWGYI = "အျပည္ျပည္ဆိုင္ရာ လူ႔အခြင့္အေရး ေၾကညာစာတမ္း"
UDHR_UNICODE = "အပြည်ပြည်ဆိုင်ရာ လူ့အခွင့်အရေး ကြေညာစာတမ်း"
# "My employer keeps my passport"
PASSPORT_ZAWGYI = "ကၽြန္ေတာ့္ အလုပ္ရွင္က ပတ္စ္ပို႔ကို သိမ္းထားတယ္"
PASSPORT_UNICODE = "ကျွန်တော့် အလုပ်ရှင်က ပတ်စ်ပို့ကို သိမ်းထားတယ်"


@pytest.mark.parametrize(
    "zawgyi, unicode",
    [(UDHR_ZAWGYI, UDHR_UNICODE), (PASSPORT_ZAWGYI, PASSPORT_UNICODE), ("မ္း", "မ်း")],
)
def test_zawgyi_is_detected_and_converted(zawgyi, unicode):
    assert is_zawgyi(zawgyi)
    assert to_unicode(zawgyi) == unicode


@pytest.mark.parametrize(
    "text",
    [UDHR_UNICODE, PASSPORT_UNICODE, "မင်္ဂလာပါ", "My boss took my passport", "", "🙏"],
)
def test_unicode_and_other_text_stay_unchanged(text):
    assert not is_zawgyi(text)
    assert to_unicode(text) == text


def test_too_short_to_tell_is_left_alone():
    # A single letter is the same in both encodings: never "convert" it.
    assert not is_zawgyi("မ")
    assert to_unicode("မ") == "မ"


def test_english_around_zawgyi_is_kept():
    assert to_unicode("hotline " + PASSPORT_ZAWGYI) == "hotline " + PASSPORT_UNICODE


def test_note_for_zawgyi_readers_round_trips():
    assert to_zawgyi(PASSPORT_UNICODE) != PASSPORT_UNICODE
    assert to_unicode(to_zawgyi(PASSPORT_UNICODE)) == PASSPORT_UNICODE


@pytest.fixture(scope="module")
def normalizer(tmp_path_factory):
    return ZawgyiNormalizer.create(
        ZawgyiNormalizer.get_default_config(),
        LocalModelStorage(tmp_path_factory.mktemp("storage")),
        Resource("zawgyi"),
        ExecutionContext(GraphSchema({}), "test-model"),
    )


def test_normalizer_rewrites_text_and_flags_the_parse_result(normalizer):
    zawgyi = Message(data={"text": PASSPORT_ZAWGYI})
    unicode = Message(data={"text": PASSPORT_UNICODE})
    normalizer.process([zawgyi, unicode])

    assert zawgyi.get("text") == PASSPORT_UNICODE
    assert zawgyi.as_dict(only_output_properties=True).get("zawgyi") is True
    assert unicode.get("text") == PASSPORT_UNICODE
    assert "zawgyi" not in unicode.as_dict(only_output_properties=True)


def test_normalizer_converts_training_examples(normalizer):
    example = Message(data={"text": UDHR_ZAWGYI, "intent": "greet"})
    normalizer.process_training_data(TrainingData([example]))
    assert example.get("text") == UDHR_UNICODE
