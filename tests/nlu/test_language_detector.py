"""The `language` field of every parse result (DESIGN.md contract)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_detector import LanguageDetector, detect_language


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
def test_language_is_identified(text, code):
    assert detect_language(text)[0] == code


def test_text_without_letters_gets_the_default_with_no_confidence():
    assert detect_language("😀🙏 123") == ("en", 0.0)
    assert detect_language("") == ("en", 0.0)


def test_the_component_puts_language_into_the_parse_result():
    message = Message(data={"text": "นายจ้างไม่จ่ายเงิน"})
    LanguageDetector().process([message])
    output = message.as_dict(only_output_properties=True)
    assert output["language"] == "th" and output["language_score"] > 0.9
