"""The ILO self-check: one question at a time, answers recorded, emergencies first, a kind summary."""
from typing import Any, Dict, Optional

import pytest
import yaml
from rasa_sdk import Tracker

from bot.actions.self_check import END_SLOT, ActionSelfCheckEnd, ValidateSelfCheckForm, needs_person
from bot.content.render import ui_text
from bot.privacy import ERASE_SLOT
from bot.privacy.self_check import ANSWER_SLOTS, CONSENT_SLOT, FORM, ILO_NAMES, INDICATORS, SIGNS_SLOT
from tests.conftest import ROOT, button_payloads, run_action, slot_events

KNOWN = {"intro_shown": True, "language": "en", "work_country": "TH"}
LANGUAGES = ["en", "my", "km", "lo", "th", "id", "ne", "bn"]


def check_tracker(intent: Optional[str], text: str, step: Optional[str], slots: Optional[Dict[str, Any]] = None,
                  entities=None, confidence: float = 0.9) -> Tracker:
    """A tracker in the middle of the check (`step` = the requested slot), or starting it (None)."""
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence} if intent else {},
              "entities": entities or []}
    all_slots = {"language": None, "work_country": None, "home_country": None, "intro_shown": False,
                 "requested_slot": step, **{slot: None for slot in ANSWER_SLOTS}, **(slots or {})}
    active_loop = {"name": FORM} if step else {}
    return Tracker("worker-1", all_slots, latest, [], False, None, active_loop, "self_check_form")


def validate(tracker):
    return run_action(ValidateSelfCheckForm(), tracker)


def all_text(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def ui(library, lang, key):
    return library.ui[lang].strings[key]


def numbers(library, country, *keys):
    return [library.countries[country].facts[key].fields["phone"] for key in keys]


# --- starting ------------------------------------------------------------------------------
def test_the_check_starts_with_its_introduction_and_the_first_question(library):
    messages, events = validate(check_tracker("risk_self_check", "am i at risk", None, KNOWN))
    assert "11 short questions" in messages[0]["text"]
    assert messages[1]["text"] == "(1/11) " + ui(library, "en", "self_check_q_deception")
    assert [b["title"] for b in messages[1]["buttons"]] == ["Yes", "No", "I don't know", "Skip", "Stop"]
    assert button_payloads(messages[1])[:2] == ["/affirm", "/deny"]
    assert slot_events(events)["requested_slot"] == "ilo_deception"
    assert all(slot_events(events)[slot] is None for slot in ANSWER_SLOTS)  # a new check starts empty


def test_a_first_message_gets_mitras_introduction_and_the_language_question_first(library):
    messages, events = validate(check_tracker("risk_self_check", "am i at risk", None))
    assert messages[0]["text"] == ui_text(library, library.deployment.first_message, "en")
    assert "/change_language" in button_payloads(messages[1])[0]
    assert slot_events(events)["requested_slot"] == "language"


def test_anything_but_a_language_when_asked_for_one_asks_again_and_is_handled(library):
    messages, events = validate(check_tracker("greet", "hello", "language", {"intro_shown": True}))
    assert "/change_language" in button_payloads(messages[-1])[0]
    # A slot besides requested_slot is set, so Rasa's form does not reject the message.
    assert slot_events(events) == {"language": None, "requested_slot": "language"}


def test_language_then_country_are_asked_inside_the_check_then_the_questions(library):
    messages, events = validate(check_tracker("change_language", '/change_language{"language":"th"}', "language",
                                              {"intro_shown": True, "language": "th"},
                                              [{"entity": "language", "value": "th"}]))
    assert "ไทย" in messages[0]["text"] and "/inform_country" in button_payloads(messages[1])[0]
    assert slot_events(events)["requested_slot"] == "work_country"
    messages, events = validate(check_tracker("inform_country", '/inform_country{"work_country":"MY"}',
                                              "work_country", {"intro_shown": True, "language": "th"},
                                              [{"entity": "work_country", "value": "MY"}]))
    assert messages[-1]["text"] == "(1/11) " + ui(library, "th", "self_check_q_deception")
    assert slot_events(events)["work_country"] == "MY"


# --- answering ------------------------------------------------------------------------------
@pytest.mark.parametrize("intent, text, recorded", [
    ("affirm", "/affirm", "yes"),
    ("deny", "/deny", "no"),
    ("affirm", "yes", "yes"),
    ("out_of_scope", "I don't know", "dont_know"),
    ("nlu_fallback", "skip", "skip"),
    ("nlu_fallback", "  Skip! ", "skip"),
])
def test_each_answer_is_recorded_and_the_next_question_follows(library, intent, text, recorded):
    messages, events = validate(check_tracker(intent, text, "ilo_documents", KNOWN))
    assert slot_events(events)["ilo_documents"] == recorded
    assert slot_events(events)["requested_slot"] == "ilo_wages"
    assert messages[-1]["text"] == "(3/11) " + ui(library, "en", "self_check_q_wages")


def test_a_vague_word_the_model_barely_reads_as_yes_is_not_counted_as_a_sign(library):
    messages, events = validate(check_tracker("affirm", "hmm", "ilo_wages", KNOWN, confidence=0.39))
    assert slot_events(events) == {"ilo_wages": None, "requested_slot": "ilo_wages"}
    assert messages[-1]["text"] == "(3/11) " + ui(library, "en", "self_check_q_wages")


def test_the_yes_button_counts_whatever_the_confidence():
    _, events = validate(check_tracker("affirm", "/affirm", "ilo_wages", KNOWN, confidence=0.2))
    assert slot_events(events)["ilo_wages"] == "yes"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_buttons_work_typed_in_every_language(library, lang):
    slots = {**KNOWN, "language": lang}
    for key, recorded in (("self_check_dont_know", "dont_know"), ("self_check_skip", "skip")):
        title = ui(library, lang, key)
        _, events = validate(check_tracker("nlu_fallback", title, "ilo_debt", slots))
        assert slot_events(events)["ilo_debt"] == recorded, (lang, title)
    _, events = validate(check_tracker("nlu_fallback", ui(library, lang, "self_check_stop"), "ilo_debt", slots))
    assert slot_events(events)[END_SLOT] == "stopped"


def test_stop_ends_the_check():
    messages, events = validate(check_tracker("nlu_fallback", "Stop", "ilo_debt", KNOWN))
    assert messages == []  # action_self_check_end says what happens next
    assert slot_events(events)["requested_slot"] is None and slot_events(events)[END_SLOT] == "stopped"


@pytest.mark.parametrize("intent, text", [
    ("labour_hotline", "what is the labour hotline number"),
    ("nlu_fallback", "🙏😢🙏"),
    ("nlu_fallback", ""),
    ("nlu_fallback", "\ufffd\ufffd\ufffd"),
    ("greet", "hello"),
    ("risk_self_check", "am i at risk"),
    (None, "x" * 5000),
])
def test_anything_else_gets_a_hint_and_the_same_question_again(library, intent, text):
    messages, events = validate(check_tracker(intent, text, "ilo_wages", KNOWN))
    assert messages[0]["text"] == ui(library, "en", "self_check_hint")
    assert messages[1]["text"] == "(3/11) " + ui(library, "en", "self_check_q_wages")
    # The slot is set (to nothing), so Rasa's form does not give up on the message.
    assert slot_events(events) == {"ilo_wages": None, "requested_slot": "ilo_wages"}


@pytest.mark.parametrize("intent", ["help_menu", "goodbye"])
def test_the_menu_or_goodbye_ends_the_check(intent):
    _, events = validate(check_tracker(intent, "menu", "ilo_wages", KNOWN))
    assert slot_events(events)[END_SLOT] == "stopped"


def test_asking_for_a_person_ends_the_check_with_a_person_offered():
    _, events = validate(check_tracker("talk_to_human", "i want to talk to a person", "ilo_wages", KNOWN))
    assert slot_events(events)[END_SLOT] == "person"
    messages, _ = run_action(ActionSelfCheckEnd(), check_tracker(None, "", None, {**KNOWN, END_SLOT: "person"}))
    assert "/talk_to_human" in button_payloads(messages[-1])


# --- emergencies ------------------------------------------------------------------------------
def test_an_emergency_gets_the_numbers_first_then_the_check_stops(library):
    messages, events = validate(check_tracker("emergency_help", "help me now", "ilo_wages", KNOWN))
    police, social = numbers(library, "TH", "police", "social_assistance")
    assert police in messages[0]["text"] and social in messages[0]["text"]
    assert slot_events(events)[END_SLOT] == "emergency" and slot_events(events)["requested_slot"] is None
    messages, _ = run_action(ActionSelfCheckEnd(), check_tracker(None, "", None, {**KNOWN, END_SLOT: "emergency"}))
    assert "/talk_to_human" in button_payloads(messages[-1])


def emergency_keywords():
    data = yaml.safe_load((ROOT / "content" / "topics" / "emergency_help.yml").read_text(encoding="utf-8"))
    return [(lang, words[0]) for lang, words in data["keywords"].items()]


@pytest.mark.parametrize("lang, keyword", emergency_keywords())
@pytest.mark.parametrize("country, first_number", [("TH", "police"), ("MY", "police")])
def test_an_emergency_word_in_any_language_is_caught_even_if_read_as_an_answer(library, lang, keyword, country,
                                                                              first_number):
    slots = {**KNOWN, "language": lang, "work_country": country}
    messages, events = validate(check_tracker("affirm", f"{keyword} {keyword}", "ilo_threats", slots))
    assert numbers(library, country, first_number)[0] in messages[0]["text"]
    assert "ilo_threats" not in slot_events(events)  # not taken as a "yes"
    assert slot_events(events)[END_SLOT] == "emergency"


def test_an_emergency_in_the_first_message_comes_before_the_check(library):
    messages, events = validate(check_tracker("risk_self_check", "am i at risk? they beat me", None, KNOWN))
    assert numbers(library, "TH", "police")[0] in messages[0]["text"]
    assert slot_events(events)["requested_slot"] is None


def test_the_quick_exit_word_deletes_everything_and_nothing_more_is_said():
    messages, events = validate(check_tracker("nlu_fallback", "exit", "ilo_wages", KNOWN))
    assert [m["text"] for m in messages] == ["OK."]
    assert slot_events(events)[ERASE_SLOT] is True
    messages, _ = run_action(ActionSelfCheckEnd(),
                             check_tracker(None, "exit", None, {**KNOWN, ERASE_SLOT: True, END_SLOT: "exit"}))
    assert messages == []


# --- the summary ------------------------------------------------------------------------------
def answered(yes=(), dont_know=()):
    return {f"ilo_{k}": "yes" if k in yes else "dont_know" if k in dont_know else "no" for k in INDICATORS}


def test_the_last_answer_brings_the_summary_the_referral_and_the_consent_question(library):
    slots = {**KNOWN, **answered(yes=("documents", "debt")), "ilo_vulnerability": None}
    messages, events = validate(check_tracker("deny", "/deny", "ilo_vulnerability", slots))
    summary, referral, consent = messages
    assert ui(library, "en", "self_check_sign_documents") in summary["text"]
    assert ui(library, "en", "self_check_sign_debt") in summary["text"]
    assert ui(library, "en", "self_check_sign_wages") not in summary["text"]
    assert "not your fault" in summary["text"]
    assert all(n in referral["text"] for n in numbers(library, "TH", "social_assistance", "labour_hotline"))
    assert button_payloads(consent) == ["/affirm", "/deny"]
    assert slot_events(events)["requested_slot"] == CONSENT_SLOT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_never_says_whether_someone_is_trafficked(library, lang):
    slots = {**KNOWN, "language": lang, **answered(yes=INDICATORS[:-1]), "ilo_vulnerability": None}
    messages, _ = validate(check_tracker("affirm", "/affirm", "ilo_vulnerability", slots))
    text = all_text(messages).casefold()
    for phrase in ("you are trafficked", "you are not trafficked", "you are a victim", "you are not a victim"):
        assert phrase not in text
    assert all(ui(library, lang, f"self_check_sign_{k}") in all_text(messages) for k in INDICATORS)


def test_no_signs_means_no_consent_question_and_the_check_ends(library):
    slots = {**KNOWN, **answered(dont_know=("wages",)), "ilo_vulnerability": None}
    messages, events = validate(check_tracker("deny", "/deny", "ilo_vulnerability", slots))
    assert ui(library, "en", "self_check_none").strip() in messages[0]["text"]
    assert ui(library, "en", "self_check_unsure") in messages[0]["text"]
    assert slot_events(events)[END_SLOT] == "done"


def test_the_embassy_is_named_when_the_home_country_is_known(library):
    slots = {**KNOWN, "home_country": "MM", **answered(yes=("wages",)), "ilo_vulnerability": None}
    messages, _ = validate(check_tracker("deny", "/deny", "ilo_vulnerability", slots))
    assert library.countries["MM"].facts["embassy_info"].fields["value"] in messages[1]["text"]


def test_in_malaysia_the_referral_gives_malaysian_numbers(library):
    slots = {**KNOWN, "work_country": "MY", **answered(yes=("wages",)), "ilo_vulnerability": None}
    messages, _ = validate(check_tracker("deny", "/deny", "ilo_vulnerability", slots))
    assert numbers(library, "MY", "anti_trafficking")[0] in messages[1]["text"]


@pytest.mark.parametrize("intent, kept", [("affirm", ["retention_of_identity_documents", "debt_bondage"]),
                                          ("deny", None)])
def test_the_list_of_signs_is_kept_only_if_the_worker_agrees(intent, kept):
    slots = {**KNOWN, **answered(yes=("documents", "debt"))}
    _, events = validate(check_tracker(intent, f"/{intent}", CONSENT_SLOT, slots))
    assert slot_events(events)[SIGNS_SLOT] == kept
    assert slot_events(events)[END_SLOT] == "done"


def test_the_consent_question_is_asked_again_if_not_answered(library):
    messages, events = validate(check_tracker("nlu_fallback", "what", CONSENT_SLOT, {**KNOWN, **answered()}))
    assert messages[-1]["text"] == ui(library, "en", "self_check_consent").strip()
    assert slot_events(events)["requested_slot"] == CONSENT_SLOT


# --- the end ------------------------------------------------------------------------------
def test_serious_signs_bring_the_offer_of_a_person_and_the_answers_are_reset(library):
    slots = {**KNOWN, **answered(yes=("violence",)), CONSENT_SLOT: "yes", END_SLOT: "done"}
    messages, events = run_action(ActionSelfCheckEnd(), check_tracker(None, "/affirm", None, slots))
    assert messages[0]["text"] == ui(library, "en", "self_check_kept")
    assert "/talk_to_human" in button_payloads(messages[-1])
    assert all(slot_events(events)[slot] is None for slot in ANSWER_SLOTS + (CONSENT_SLOT, END_SLOT))
    assert SIGNS_SLOT not in slot_events(events)  # what the worker agreed to keep stays


def test_one_minor_sign_brings_the_menu_not_a_person():
    slots = {**KNOWN, **answered(yes=("overtime",)), CONSENT_SLOT: "no", END_SLOT: "done"}
    messages, _ = run_action(ActionSelfCheckEnd(), check_tracker(None, "/deny", None, slots))
    assert "/talk_to_human" not in button_payloads(messages[-1])
    assert any("/help_menu" in p for p in button_payloads(messages[-1]))


def test_stopping_tells_the_worker_their_answers_are_deleted(library):
    messages, _ = run_action(ActionSelfCheckEnd(), check_tracker(None, "Stop", None, {**KNOWN, END_SLOT: "stopped"}))
    assert messages[0]["text"] == ui(library, "en", "self_check_stopped")


@pytest.mark.parametrize("signs, person", [
    (["violence"], True), (["movement"], True), (["threats"], True), (["documents", "debt"], True),
    (["wages", "overtime", "conditions"], True), (["documents"], False), (["wages", "overtime"], False), ([], False),
])
def test_when_a_person_is_offered(signs, person):
    assert needs_person(signs) is person


def test_every_indicator_has_its_ilo_name():
    assert set(ILO_NAMES) == set(INDICATORS) and len(set(ILO_NAMES.values())) == 11


def test_the_form_in_the_domain_has_one_slot_per_indicator():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert tuple(domain["forms"][FORM]["required_slots"]) == ANSWER_SLOTS
    assert domain["slots"][SIGNS_SLOT]["type"] == "list"
    assert domain["slots"][SIGNS_SLOT]["influence_conversation"] is False


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_its_own_questions_and_buttons(library, lang):
    keys = [k for k in library.ui["en"].strings if k.startswith("self_check_")]
    missing = [k for k in keys if k not in library.ui[lang].strings]
    assert not missing, f"{lang} lacks {missing}"


def test_risk_self_check_starts_the_form_not_a_compiled_answer(library):
    from bot.content.compile import hand_written_intents, rules_data

    compiled = rules_data(library, hand_written_intents())["rules"]
    assert "risk_self_check" in {r["steps"][0]["intent"] for r in
                                 yaml.safe_load((ROOT / "bot/data/rules/forms.yml").read_text())["rules"]
                                 if "intent" in r["steps"][0]}
    assert not [r for r in compiled if r["steps"][0]["intent"] == "risk_self_check"]
