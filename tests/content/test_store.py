"""Live content: an edit is served within seconds; a broken edit is refused and the last good content keeps serving."""
import logging
import shutil
import time

import pytest

from bot.content.errors import ContentErrors
from bot.content.store import ContentStore
from tests.conftest import ROOT


@pytest.fixture
def content(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a new modification time even on coarse clocks
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_fact_is_live_without_restart(content):
    store = ContentStore(content, check_interval=0)
    old = store.library.countries["TH"].facts["police"].fields["phone"]
    edit(content / "facts" / "TH.yml", f'phone: "{old}"', 'phone: "1999"')
    assert store.library.countries["TH"].facts["police"].fields["phone"] == "1999"


def test_a_broken_edit_is_refused_and_the_last_good_content_keeps_serving(content, caplog):
    store = ContentStore(content, check_interval=0)
    good = store.library
    edit(content / "topics" / "greet.yml", "intent: greet", "intent: [greet")
    with caplog.at_level(logging.ERROR):
        assert store.library is good
    assert "greet.yml" in caplog.text and "refused" in caplog.text
    assert store.last_errors and store.last_errors[0].file.endswith("greet.yml")


def test_a_fixed_edit_goes_live_again(content):
    store = ContentStore(content, check_interval=0)
    good = store.library
    edit(content / "topics" / "greet.yml", "intent: greet", "intent: [greet")
    assert store.library is good
    edit(content / "topics" / "greet.yml", "intent: [greet", "intent: greet")
    assert store.library is not good and not store.last_errors


def test_content_broken_from_the_start_is_an_error_not_an_empty_assistant(content):
    edit(content / "topics" / "greet.yml", "intent: greet", "intent: [greet")
    store = ContentStore(content, check_interval=0)
    with pytest.raises(ContentErrors):
        store.library


def test_files_are_not_reread_between_checks(content):
    store = ContentStore(content, check_interval=3600)
    first = store.library
    edit(content / "facts" / "TH.yml", "country: TH", "country: TH  # touched")
    assert store.library is first
