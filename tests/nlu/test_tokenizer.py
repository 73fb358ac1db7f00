"""MultilingualTokenizer, used the way Rasa uses it: created by the graph,
then `process` / `process_training_data` on Messages."""

import random

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.tokenizer import MultilingualTokenizer, burmese_syllable_starts


def make_tokenizer(tmp_path, **config):
    return MultilingualTokenizer.create(
        {**MultilingualTokenizer.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("multilingual_tokenizer"),
        ExecutionContext(GraphSchema({}), "test-model"),
    )


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return make_tokenizer(tmp_path_factory.mktemp("storage"))


def tokens_of(tokenizer, text, **data):
    message = Message(data={"text": text, **data})
    tokenizer.process([message])
    tokens = message.get("text_tokens")
    # Offsets always point at the token's text, in order, without overlap.
    previous_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        previous_end = token.end
    return tokens


def words(tokenizer, text, **data):
    return [t.text for t in tokens_of(tokenizer, text, **data)]


def test_thai_is_split_into_dictionary_words(tokenizer):
    assert words(tokenizer, "นายจ้างยึดพาสปอร์ต") == ["นายจ้าง", "ยึด", "พาสปอร์ต"]


def test_thai_offsets(tokenizer):
    tokens = tokens_of(tokenizer, "ไม่ได้รับค่าจ้าง")
    assert ("ค่าจ้าง", 9, 16) in [(t.text, t.start, t.end) for t in tokens]


def test_burmese_is_segmented_with_offsets(tokenizer):
    text = "ကျွန်တော့်အလုပ်ရှင်က ပတ်စ်ပို့ကို သိမ်းထားတယ်။"
    tokens = tokens_of(tokenizer, text)
    texts = [t.text for t in tokens]
    assert len(tokens) > 4
    assert "အလုပ်ရှင်" in texts  # "employer", a dictionary word, stays whole
    # The unknown loanword splits into syllables, never into bare letters+asat.
    assert texts[texts.index("ပတ်စ်") + 1] == "ပို့"
    assert "။" not in texts  # punctuation dropped
    assert "".join(texts) == text.replace(" ", "").replace("။", "")


def test_burmese_syllable_rule_keeps_stacks_and_kinzi_together():
    # မင်္ဂလာ: kinzi (င်္) and the stacked ဂ stay in the first syllable.
    assert burmese_syllable_starts("မင်္ဂလာ") == [0, 5]
    assert burmese_syllable_starts("ပတ်စ်ပို့") == [0, 5]


def test_khmer_is_segmented_with_offsets(tokenizer):
    text = "ខ្ញុំចង់ទៅធ្វើការនៅប្រទេសថៃ"
    tokens = tokens_of(tokenizer, text)
    assert len(tokens) > 3
    assert ("ធ្វើការ", 10, 17) in [(t.text, t.start, t.end) for t in tokens]
    assert "".join(t.text for t in tokens) == text


def test_khmer_zero_width_space_is_a_separator(tokenizer):
    texts = words(tokenizer, "ខ្ញុំ\u200bចង់ទៅ")
    assert texts[0] == "ខ្ញុំ"
    assert all("\u200b" not in t for t in texts)


def test_lao_is_segmented_with_offsets(tokenizer):
    text = "ນາຍຈ້າງຍຶດໜັງສືຜ່ານແດນຂອງຂ້ອຍ"
    tokens = tokens_of(tokenizer, text)
    assert len(tokens) > 3
    assert (tokens[0].text, tokens[0].start, tokens[0].end) == ("ນາຍຈ້າງ", 0, 7)
    assert "".join(t.text for t in tokens) == text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "My boss took my passport! What can I do?",
            ["My", "boss", "took", "my", "passport", "What", "can", "I", "do"],
        ),
        (
            "Majikan saya menahan paspor, gaji belum dibayar.",
            ["Majikan", "saya", "menahan", "paspor", "gaji", "belum", "dibayar"],
        ),
        (
            "मेरो राहदानी राखेको छ। म के गर्न सक्छु?",
            ["मेरो", "राहदानी", "राखेको", "छ", "म", "के", "गर्न", "सक्छु"],
        ),
        (
            "আমার পাসপোর্ট রেখে দিয়েছে। আমি কী করতে পারি?",
            ["আমার", "পাসপোর্ট", "রেখে", "দিয়েছে", "আমি", "কী", "করতে", "পারি"],
        ),
    ],
    ids=["en", "id", "ne", "bn"],
)
def test_spaced_languages_split_on_spaces_and_punctuation(tokenizer, text, expected):
    assert words(tokenizer, text) == expected


def test_case_is_kept(tokenizer):
    assert words(tokenizer, "HELP Me") == ["HELP", "Me"]


def test_mixed_thai_and_english(tokenizer):
    tokens = tokens_of(tokenizer, "นายจ้างเอา passport ไป")
    assert [(t.text, t.start, t.end) for t in tokens] == [
        ("นายจ้าง", 0, 7),
        ("เอา", 7, 10),
        ("passport", 11, 19),
        ("ไป", 20, 22),
    ]


def test_digits_glued_to_thai_are_their_own_token(tokenizer):
    assert words(tokenizer, "ค่าจ้าง300บาท") == ["ค่าจ้าง", "300", "บาท"]


def test_mixed_burmese_and_english(tokenizer):
    texts = words(tokenizer, "passport ကို ပြန်ပေးဖို့")
    assert texts[:2] == ["passport", "ကို"]
    assert len(texts) > 3


@pytest.mark.parametrize("text", ["🙏", "🙏🙏 👍", "", "   ", "???", "\u200b"])
def test_emoji_punctuation_and_empty_text_do_not_crash(tokenizer, text):
    tokens = tokens_of(tokenizer, text)
    assert len(tokens) >= 1  # featurizers never get an empty sequence


def test_emoji_are_tokens(tokenizer):
    assert words(tokenizer, "thanks 🙏") == ["thanks", "🙏"]


def test_keep_punctuation_option(tmp_path):
    tokenizer = make_tokenizer(tmp_path, keep_punctuation=True, preload=False)
    assert words(tokenizer, "help?") == ["help", "?"]


def test_language_hint_is_used_only_when_configured(tokenizer, tmp_path):
    text = "anak-anak saya"
    assert words(tokenizer, text, language="id") == ["anak", "anak", "saya"]
    hinted = make_tokenizer(tmp_path, language_attribute="language", preload=False)
    assert words(hinted, text, language="id") == ["anak-anak", "saya"]


def test_training_data_and_intents_are_tokenized(tokenizer):
    example = Message(data={"text": "นายจ้างยึดพาสปอร์ต", "intent": "passport_retention"})
    tokenizer.process_training_data(TrainingData([example]))
    assert [t.text for t in example.get("text_tokens")][0] == "นายจ้าง"
    assert [t.text for t in example.get("intent_tokens")] == ["passport_retention"]


def test_rasa_finds_the_component_by_its_module_path():
    registered = DefaultV1Recipe._from_registry("bot.nlu.tokenizer.MultilingualTokenizer")
    assert registered.clazz is MultilingualTokenizer
    assert DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER in registered.types


def test_lone_surrogates_do_not_crash(tokenizer):
    # Surrogates are dropped like other non-characters.
    assert words(tokenizer, "help\ud800 นายจ้าง\ud800") == ["help", "นายจ้าง"]


def test_random_mixed_text_always_gives_valid_offsets(tokenizer):
    blocks = [
        (0x20, 0x7E), (0x0E00, 0x0E7F), (0x0E80, 0x0EFF), (0x1000, 0x109F),
        (0x1780, 0x17FF), (0x0980, 0x09FF), (0x0900, 0x097F),
        (0x1F300, 0x1F64F), (0x200B, 0x200D),
    ]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(
            chr(rng.randint(*rng.choice(blocks))) if rng.random() > 0.1 else " "
            for _ in range(rng.randint(0, 40))
        )
        assert tokens_of(tokenizer, text)  # checks the offsets itself
