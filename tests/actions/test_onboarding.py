"""Choosing language and country, then getting the answer to what was asked first."""
from bot.actions.onboarding import ActionChangeLanguage, ActionInformCountry
from tests.conftest import button_payloads, make_tracker, run_action, slot_events


def test_choosing_a_language_confirms_it_and_asks_the_work_country():
    tracker = make_tracker("change_language", slots={"intro_shown": True, "language": "en"},
                           entities=[{"entity": "language", "value": "en"}])
    messages, events = run_action(ActionChangeLanguage(), tracker)
    assert "English" in messages[0]["text"]
    assert '/inform_country{"work_country":"MY"}' in button_payloads(messages[1])
    assert events == []


def test_a_language_mitra_does_not_speak_is_refused_and_the_choice_offered_again():
    tracker = make_tracker("change_language", slots={"intro_shown": True, "language": "fr"})
    messages, events = run_action(ActionChangeLanguage(), tracker)
    assert '/change_language{"language":"th"}' in button_payloads(messages[-1])
    assert slot_events(events) == {"language": None}


def test_choosing_a_language_as_first_message_shows_the_introduction_first():
    tracker = make_tracker("change_language", slots={"language": "en"})
    messages, events = run_action(ActionChangeLanguage(), tracker)
    assert "Mitra" in messages[0]["text"]
    assert slot_events(events)["intro_shown"] is True


def test_setting_the_country_answers_the_question_that_was_waiting(library):
    tracker = make_tracker("inform_country", slots={"intro_shown": True, "language": "en",
                                                    "work_country": "MY", "pending_topic": "passport_retention"},
                           entities=[{"entity": "work_country", "value": "my"}])
    messages, events = run_action(ActionInformCountry(), tracker)
    assert "Malaysia" in messages[0]["text"]
    assert library.countries["MY"].facts["labour_hotline"].fields["phone"] in messages[1]["text"]
    assert slot_events(events) == {"work_country": "MY", "pending_topic": None}


def test_another_country_is_accepted_and_answers_stay_general():
    tracker = make_tracker("inform_country", slots={"intro_shown": True, "language": "en",
                                                    "pending_topic": "unpaid_wages"},
                           entities=[{"entity": "work_country", "value": "ZZ"}])
    messages, events = run_action(ActionInformCountry(), tracker)
    assert slot_events(events)["work_country"] == "ZZ"
    assert "1546" not in messages[-1]["text"]


def test_without_a_country_the_question_is_asked():
    tracker = make_tracker("inform_country", "i work in a factory", slots={"intro_shown": True})
    messages, _ = run_action(ActionInformCountry(), tracker)
    assert '/inform_country{"work_country":"TH"}' in button_payloads(messages[-1])


def test_with_language_and_country_known_and_nothing_pending_the_menu_follows():
    tracker = make_tracker("inform_country", slots={"intro_shown": True, "language": "en"},
                           entities=[{"entity": "work_country", "value": "TH"}])
    messages, _ = run_action(ActionInformCountry(), tracker)
    assert '/help_menu{"menu_group":"rights_at_work"}' in button_payloads(messages[-1])
