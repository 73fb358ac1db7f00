"""A worker's personal numbers are used in the conversation but never stored in clear."""
import sqlite3

from tests.server.conftest import texts


def test_stored_rows_of_a_real_conversation_hold_no_personal_numbers(mitra):
    mitra.onboard("privacy-1", "TH")
    replies = mitra.say("privacy-1", "agent took my passport MD7654321, my phone is 089-765-4321")
    assert texts(replies)  # the worker got an answer
    rows = " ".join(r[0] for r in sqlite3.connect(mitra.database).execute(
        "select data from events where sender_id = 'privacy-1'"))
    assert "agent took my passport" in rows
    assert "MD7654321" not in rows and "765-4321" not in rows
