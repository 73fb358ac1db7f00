"""Reading REST request bodies leniently: bad bodies get an answer, not an error."""
from bot.channels.rest import message_text, read_body, sender_id


def test_a_normal_body_is_read():
    raw = b'{"sender": "w1", "message": "hello"}'
    body = read_body(raw)
    assert sender_id(body) == "w1" and message_text(body, raw) == "hello"


def test_invalid_utf8_inside_json_becomes_replacement_characters():
    raw = b'{"sender": "w1", "message": "\xff\xfe bad"}'
    assert message_text(read_body(raw), raw).startswith("\ufffd")


def test_binary_garbage_has_no_sender_and_reads_as_unreadable():
    raw = bytes(range(256)) * 4
    body = read_body(raw)
    assert body == {} and sender_id(body) is None and message_text(body, raw) == "\ufffd"


def test_json_that_is_not_an_object_is_ignored():
    assert read_body(b'["a", "b"]') == {} and read_body(b"null") == {}


def test_a_missing_or_odd_message_becomes_text_not_a_crash():
    assert message_text({"sender": "w1"}, b'{"sender": "w1"}') == ""
    assert message_text({"sender": "w1", "message": 42}, b"...") == "42"


def test_blank_or_missing_senders_are_refused_and_long_ones_cut():
    assert sender_id({"sender": "  "}) is None and sender_id({}) is None
    assert len(sender_id({"sender": "x" * 1000})) == 128
