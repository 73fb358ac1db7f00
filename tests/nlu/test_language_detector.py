"""The `language` field of every parse result (DESIGN.md contract)."""
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.content.library import load_library
from bot.nlu.language_detector import (
    LanguageDetector, LatinLanguageModel, char_ngrams, detect_language, without_english_lookalikes)
from tests.conftest import ROOT


@pytest.mark.parametrize("text, code", [
    ("my boss keeps my passport and will not give it back", "en"),
    ("majikan saya tidak bayar gaji tiga bulan", "id"),
    ("นายจ้างยึดหนังสือเดินทางของฉัน", "th"),
    ("အလုပ်ရှင်က ပတ်စ်ပို့ ယူထားတယ်", "my"),
    ("ថៅកែយកលិខិតឆ្លងដែនខ្ញុំ", "km"),
    ("ນາຍຈ້າງເອົາໜັງສືຜ່ານແດນຂອງຂ້ອຍ", "lo"),
    ("मेरो मालिकले पासपोर्ट राख्यो", "ne"),
    ("মালিক আমার পাসপোর্ট রেখে দিয়েছে", "bn"),
])
def test_language_is_identified_by_script_or_langid_without_training(text, code):
    assert detect_language(text)[0] == code


def test_text_without_letters_gets_the_default_with_no_confidence():
    assert detect_language("😀🙏 123") == ("en", 0.0)
    assert detect_language("") == ("en", 0.0)


def test_the_script_of_a_mitra_language_outweighs_english_words_in_it():
    code, score = detect_language("boss no pay salary ធ្វើម៉េចទៅ")
    assert code == "km"
    assert score < 0.8  # mixed: not clear enough to switch the conversation's language


def test_the_component_puts_language_into_the_parse_result():
    message = Message(data={"text": "นายจ้างไม่จ่ายเงินเดือน"})
    LanguageDetector().process([message])
    output = message.as_dict(only_output_properties=True)
    assert output["language"] == "th" and output["language_score"] > 0.9


def test_char_ngrams_stay_inside_padded_words_and_ignore_case():
    grams = char_ngrams("Ab c", max_n=3)
    assert grams[" a"] == 1 and grams["ab "] == 1 and grams[" c "] == 1
    assert "b c" not in grams and "A" not in grams


# ------------------------------------------------------------- learned from the content

@pytest.fixture(scope="module")
def content_model():
    """The Latin-script model trained as `make train` does: on content/'s examples."""
    from bot.nlu.language_detector import deciding_script
    from bot.nlu import script

    library = load_library(ROOT / "content")
    pairs = [(text, lang) for topic in library.topics.values() for lang, texts in topic.examples.items()
             for text in texts if deciding_script(text)[0] == script.LATIN]
    return LatinLanguageModel.train([t for t, _ in pairs], [lang for _, lang in pairs])


@pytest.mark.parametrize("text, code", [
    ("mero sahu le 3 mahina dekhi talab diyeko chaina", "ne"),
    ("malik le mero rahadani khosyo, k garne", "ne"),
    ("amar malik tin mash theke beton dey na", "bn"),
    ("dalal amar passport niye geche ki korbo", "bn"),
    ("my employer took my passport and will not give it back", "en"),
    ("bos saya tahan paspor saya, gimana caranya ambil", "id"),
])
def test_romanised_nepali_and_bengali_are_told_from_english_and_indonesian(content_model, text, code):
    language, score = detect_language(text, content_model)
    assert language == code
    assert score > 0.8


def test_english_filed_under_another_language_does_not_teach_the_latin_model():
    texts = ["are you a robot", "ok thanks", "are you robot", "ok", "jao pen bot bo", "bos tidak bayar", "ok"]
    languages = ["en", "en", "km", "lo", "lo", "id", "id"]
    assert without_english_lookalikes(texts, languages) == (
        ["are you a robot", "ok thanks", "jao pen bot bo", "bos tidak bayar", "ok"], ["en", "en", "lo", "id", "id"])


@pytest.mark.parametrize("text", ["robot or human", "please speak lao"])
def test_short_english_that_other_languages_examples_borrow_is_english(content_model, text):
    # Khmer and Lao examples include "are you robot" and "speak lao please": left out of the model.
    assert detect_language(text, content_model)[0] == "en"


def test_the_latin_model_survives_its_json_form():
    model = LatinLanguageModel.train(["talab aayena", "salary not paid", "gaji belum dibayar"], ["ne", "en", "id"])
    again = LatinLanguageModel.from_json(model.to_json())
    assert again.probabilities("talab kaile aaucha") == model.probabilities("talab kaile aaucha")
    assert again.classify("talab kaile aaucha")[0] == "ne"


def _example(text, language, intent="unpaid_wages"):
    return Message.build(text, intent, example_metadata={"language": language})


def test_the_component_learns_from_example_metadata_and_loads_what_it_learned(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("language_detector")
    context = ExecutionContext(GraphSchema({}), "test-model")
    detector = LanguageDetector.create({}, storage, resource, context)
    examples = [_example("talab aayena sahu le", "ne"), _example("mero talab kaile aaucha", "ne"),
                _example("my salary is not paid", "en"), _example("the boss did not pay me", "en"),
                _example("bos tidak bayar gaji saya", "id"), _example("नेपाली मा लेखेको", "ne"),
                Message.build("no language given", "unpaid_wages")]
    detector.train(TrainingData(examples))
    loaded = LanguageDetector.load({}, storage, resource, context)
    assert sorted(loaded.latin_model.languages) == ["en", "id", "ne"]
    message = Message(data={"text": "sahu le talab diyena"})
    loaded.process([message])
    assert message.get("language") == "ne"
