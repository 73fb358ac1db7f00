"""Emergency words bring the emergency numbers first, whatever topic the classifier chose."""
import pytest

from bot.actions.answers import ActionAnswerTopic
from bot.actions.fallback import ActionFallback
from bot.content.keywords import mentions
from tests.conftest import make_tracker, run_action

KNOWN = {"intro_shown": True, "language": "en", "work_country": "TH"}


@pytest.mark.parametrize("text", [
    "my boss is beating me and took my passport",
    "tolong saya, majikan mengurung saya di rumah",
    "นายจ้างขังฉันไว้ ช่วยด้วย",
    "ကယ်ပါ အလုပ်ရှင်က ပိတ်ထားတယ်",
    "ជួយផង គេវាយខ្ញុំ",
    "ຊ່ວຍແດ່ ຖືກຂັງຢູ່",
    "मलाई बचाउ, साहुले कुट्यो",
    "আমাকে বাঁচাও, মালিক মারছে",
])
def test_a_misclassified_cry_for_help_still_gets_the_numbers_first(library, text):
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("passport_retention", text, slots=KNOWN))
    assert library.countries["TH"].facts["police"].fields["phone"] in messages[0]["text"]
    assert library.countries["TH"].facts["labour_hotline"].fields["phone"] in messages[1]["text"]


def test_the_safety_net_works_on_the_fallback_too(library):
    messages, _ = run_action(ActionFallback(), make_tracker("nlu_fallback", "pls help me now they lock me", slots=KNOWN))
    assert library.countries["TH"].facts["social_assistance"].fields["phone"] in messages[0]["text"]


def test_ordinary_questions_do_not_trigger_it():
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("employment_contract", "i need help with my contract",
                                                             slots=KNOWN))
    assert len(messages) == 1


def test_keywords_match_whole_words_in_spaced_scripts_and_anywhere_in_unspaced_ones():
    assert not mentions("this was helpful", ["help"]) and mentions("help!", ["help"])
    assert mentions("นายจ้างขังฉันไว้", ["ขังฉัน"])
