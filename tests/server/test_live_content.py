"""Editors' changes reach workers without a restart; broken edits never reach them."""
import time

from tests.server.conftest import texts


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_an_edited_answer_is_live_and_a_broken_edit_is_refused(mitra):
    path = mitra.content / "topics" / "thank.yml"
    original = path.read_text(encoding="utf-8")
    mitra.onboard("live-1", "TH")
    try:
        path.write_text(original.replace("You are welcome.", "You are very welcome."), encoding="utf-8")
        assert wait_for(lambda: "very welcome" in texts(mitra.say("live-1", "/thank")))

        path.write_text("intent: thank\nanswers: [broken", encoding="utf-8")
        time.sleep(2)  # past the store's check interval: the broken file has been read
        assert "very welcome" in texts(mitra.say("live-1", "/thank"))
    finally:
        path.write_text(original, encoding="utf-8")
