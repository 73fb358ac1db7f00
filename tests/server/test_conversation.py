"""End to end over REST and /model/parse, against the trained model."""
from tests.server.conftest import facts, texts


def test_parse_returns_the_topic_as_intent_and_the_language(mitra):
    result = mitra.parse("my boss keep my passport and not give back")
    assert result["intent"]["name"] == "passport_retention"
    assert result["language"] == "en"
    assert mitra.parse("นายจ้างยึดพาสปอร์ตของฉัน")["language"] == "th"


def test_first_message_introduces_mitra_and_asks_the_language(mitra):
    replies = mitra.say("conv-1", "hello")
    assert "Mitra" in replies[0]["text"]
    assert any(b["payload"] == '/change_language{"language":"my"}' for b in replies[-1]["buttons"])


def test_a_question_asked_first_is_answered_once_language_and_country_are_set(mitra):
    mitra.say("conv-2", "my employer has not paid my salary for two months")
    mitra.say("conv-2", '/change_language{"language":"en"}')
    replies = mitra.say("conv-2", '/inform_country{"work_country":"MY"}')
    assert facts("MY")["labour_hotline"] in texts(replies)


def test_emergency_gets_the_numbers_at_once(mitra):
    mitra.onboard("conv-3", "TH")
    replies = mitra.say("conv-3", "help me now they beat me and lock the door")
    assert facts("TH")["police"] in replies[0]["text"]


def test_changing_country_mid_conversation_changes_the_numbers(mitra):
    mitra.onboard("conv-4", "TH")
    assert facts("TH")["labour_hotline"] in texts(mitra.say("conv-4", "/passport_retention"))
    mitra.say("conv-4", '/inform_country{"work_country":"MY"}')
    assert facts("MY")["labour_hotline"] in texts(mitra.say("conv-4", "/passport_retention"))


def test_nonsense_gets_a_polite_reply_with_the_emergency_line(mitra):
    # The model may call it out of scope or not understood: both show the emergency line.
    mitra.onboard("conv-5", "TH")
    replies = mitra.say("conv-5", "qwpoeiru zxmcnv")
    assert facts("TH")["police"] in texts(replies)


def test_switching_language_mid_conversation_switches_the_answers(mitra):
    mitra.onboard("conv-6", "TH")
    english = texts(mitra.say("conv-6", "/passport_retention"))
    mitra.say("conv-6", '/change_language{"language":"th"}')
    thai = texts(mitra.say("conv-6", "/passport_retention"))
    assert any("\u0e00" <= char <= "\u0e7f" for char in thai) and thai != english
    assert facts("TH")["labour_hotline"] in thai and facts("TH")["labour_hotline"] in english


def test_a_thai_question_is_understood_and_answered(mitra):
    mitra.onboard("conv-7", "TH")
    result = mitra.parse("นายจ้างไม่จ่ายเงินเดือนมาสองเดือนแล้ว")
    assert result["language"] == "th"
    assert result["intent"]["name"] == "unpaid_wages"
