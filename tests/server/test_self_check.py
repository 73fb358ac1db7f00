"""The self-check against the real servers: answers, emergencies in every language, abuse, storage."""
import json
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from bot.content import load_library
from bot.servers import ROOT
from bot.privacy.self_check import INDICATORS
from tests.server.conftest import facts, texts

LIBRARY = load_library(ROOT / "content")
TH = facts("TH")


def ui(lang, key):
    return LIBRARY.ui[lang].strings[key]


def question(number):
    return f"({number}/{len(INDICATORS)}) "


def new_sender(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def start_check(mitra, sender, lang="en", country="TH"):
    mitra.say(sender, "hello")
    mitra.say(sender, f'/change_language{{"language":"{lang}"}}')
    mitra.say(sender, f'/inform_country{{"work_country":"{country}"}}')
    replies = mitra.say(sender, "/risk_self_check")
    assert question(1) in texts(replies), replies
    return replies


def stored(mitra, sender):
    return [json.loads(data) for (data,) in sqlite3.connect(mitra.database).execute(
        "select data from events where sender_id = ? order by id", (sender,))]


def test_a_whole_check_over_rest_and_what_is_stored_afterwards(mitra):
    sender = new_sender("check")
    replies = start_check(mitra, sender)
    assert [b["title"] for b in replies[-1]["buttons"]] == ["Yes", "No", "I don't know", "Skip", "Stop"]
    mitra.say(sender, "/deny")                                      # 1 deception
    assert "(3/11)" in texts(mitra.say(sender, "/affirm"))          # 2 documents: yes
    assert "(4/11)" in texts(mitra.say(sender, "Skip"))             # 3 wages: skipped
    assert "(5/11)" in texts(mitra.say(sender, "/affirm"))          # 4 debt: yes
    assert "(6/11)" in texts(mitra.say(sender, "I don't know"))     # 5 overtime
    for number in range(7, 12):
        assert f"({number}/11)" in texts(mitra.say(sender, "/deny"))
    summary = texts(mitra.say(sender, "/deny"))                     # 11: the summary
    assert ui("en", "self_check_sign_documents") in summary and ui("en", "self_check_sign_debt") in summary
    assert TH["social_assistance"] in summary and ui("en", "self_check_consent").strip() in summary
    # Running until now: the answers were in the store; the worker agrees to keep the list.
    assert any(e.get("name") == "ilo_documents" and e.get("value") == "yes" for e in stored(mitra, sender))
    end = mitra.say(sender, "/affirm")
    assert ui("en", "self_check_kept") in texts(end)
    assert "/talk_to_human" in [b["payload"] for r in end for b in r.get("buttons", [])]  # documents + debt
    rows = stored(mitra, sender)
    assert not [e for e in rows if e.get("event") == "slot" and e["name"].startswith("ilo_") and e.get("value")]
    assert ui("en", "self_check_sign_debt") not in json.dumps(rows, ensure_ascii=False)
    signs = [e["value"] for e in rows if e.get("name") == "self_check_signs"]
    assert signs[-1] == ["retention_of_identity_documents", "debt_bondage"]
    # The conversation goes on as usual.
    assert TH["labour_hotline"] in texts(mitra.say(sender, "what is the labour hotline number"))


def test_stop_ends_the_check_and_nothing_is_kept(mitra):
    sender = new_sender("stop")
    start_check(mitra, sender)
    mitra.say(sender, "/affirm")
    replies = mitra.say(sender, "Stop")
    assert ui("en", "self_check_stopped") in texts(replies)
    assert not [e for e in stored(mitra, sender) if e.get("event") == "slot" and e["name"].startswith("ilo_") and e.get("value")]
    assert TH["labour_hotline"] in texts(mitra.say(sender, "what is the labour hotline number"))


def emergency_words():
    data = yaml.safe_load((ROOT / "content" / "topics" / "emergency_help.yml").read_text(encoding="utf-8"))
    return sorted((lang, words[0]) for lang, words in data["keywords"].items())


@pytest.mark.parametrize("lang, word", emergency_words())
def test_an_emergency_in_the_middle_of_the_check_gets_the_numbers_first_in_every_language(mitra, lang, word):
    sender = new_sender(f"sos-{lang}")
    start_check(mitra, sender, lang)
    mitra.say(sender, "/deny")
    replies = mitra.say(sender, word)
    assert TH["police"] in replies[0]["text"], replies  # the very next reply, nothing before it
    assert "/talk_to_human" in [b["payload"] for r in replies for b in r.get("buttons", [])]
    assert ui(lang, "self_check_stopped") in texts(replies)
    # The check is over: a "yes" now is not taken as an answer.
    assert "(3/11)" not in texts(mitra.say(sender, "/affirm"))


# --- abuse: nothing breaks the check or the emergency path -----------------------------------
@pytest.fixture
def in_check(mitra):
    sender = new_sender("abuse")
    start_check(mitra, sender)
    mitra.say(sender, "/deny")  # now at question 2
    return sender


def still_at_question_2(mitra, sender):
    replies = mitra.say(sender, "/greet")  # not an answer, whatever the model learnt
    assert "(2/11)" in texts(replies), replies


@pytest.mark.parametrize("message", [
    "", "   ", "🙏😢🙏", "\u0000\u0007", "x" * 20000, "/", "/{}", '/change_language{"language":"zz"}',
    "/nonexistent_intent", "what is the minimum wage in thailand", "hello", "am i at risk", "/risk_self_check",
    "?" * 300, "asdf qwer zxcv",
])
def test_garbage_and_unexpected_messages_keep_the_check_at_its_question(mitra, in_check, message):
    replies = mitra.say(in_check, message)
    assert replies and "Traceback" not in json.dumps(replies)
    still_at_question_2(mitra, in_check)


def test_binary_and_invalid_utf8_bodies_keep_the_check(mitra, in_check):
    mitra.post("/webhooks/rest/webhook", bytes(range(256)) * 40)
    body = b'{"sender": "' + in_check.encode() + b'", "message": "\xff\xfe\xfa\xfb"}'
    status, replies = mitra.post("/webhooks/rest/webhook", body)
    assert status == 200 and replies
    still_at_question_2(mitra, in_check)


def test_the_same_message_repeated_is_answered_each_time(mitra, in_check):
    for _ in range(5):
        assert "(2/11)" in texts(mitra.say(in_check, "/greet"))
    assert "(3/11)" in texts(mitra.say(in_check, "/deny"))


def test_a_flood_of_answers_at_once_never_breaks_the_check_or_the_emergency_path(mitra, in_check):
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: mitra.say(in_check, "/deny"), range(6)))
    assert all(results)  # every message got a reply, one after the other
    assert "(8/11)" in texts(mitra.say(in_check, "/greet"))  # 1 + 6 answered
    replies = mitra.say(in_check, "help me now they beat me")
    assert TH["police"] in replies[0]["text"]
    assert ui("en", "self_check_stopped") in texts(replies)


def test_a_first_message_asking_for_the_check_gets_the_introduction_language_and_country_first(mitra):
    sender = new_sender("first")
    replies = mitra.say(sender, "/risk_self_check")
    assert "Mitra" in replies[0]["text"] and "/change_language" in replies[-1]["buttons"][0]["payload"]
    assert "/change_language" in mitra.say(sender, "/greet")[-1]["buttons"][0]["payload"]  # asked again
    replies = mitra.say(sender, '/change_language{"language":"id"}')
    assert "/inform_country" in replies[-1]["buttons"][0]["payload"]
    replies = mitra.say(sender, '/inform_country{"work_country":"MY"}')
    assert question(1) + ui("id", "self_check_q_deception") == replies[-1]["text"]
