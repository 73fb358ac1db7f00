"""The deployment settings (display name, first message) and quick-exit words: how they load,
what the check says about a broken one (file, line, fix), and the environment overrides."""
import pytest

from bot.content import load_library
from bot.content.deployment import FIRST_MESSAGE_ENV, NAME_ENV, read_deployment
from bot.content.render import ui_text
from tests.content.content_helpers import only

SETTINGS = "settings.yml"
NEUTRAL = """deployment:
  name: {en: Lotus, th: โลตัส}
  first_message: intro_neutral
"""


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch):
    monkeypatch.delenv(NAME_ENV, raising=False)
    monkeypatch.delenv(FIRST_MESSAGE_ENV, raising=False)


def neutral(content):
    """The fixture deployed neutrally: a name per language and a neutral greeting."""
    content.edit(SETTINGS, "fact_max_age_days: 180\n", "fact_max_age_days: 180\n" + NEUTRAL)
    content.edit("ui/en.yml", '  intro: "Hello, I am a test bot."\n',
                 '  intro: "Hello, I am a test bot."\n  intro_neutral: "Hi, I am {bot_name}. How can I help?"\n')
    return content


def test_without_a_deployment_block_the_assistant_is_mitra_and_introduces_itself(content):
    library = load_library(content.root)
    assert library.display_name("th") == "Mitra"
    assert library.deployment.first_message == "intro"


def test_a_neutral_deployment_loads_and_names_itself_per_language(content):
    neutral(content)
    assert content.problems() == []
    library = load_library(content.root)
    assert library.deployment.first_message == "intro_neutral"
    assert library.display_name("th") == "โลตัส"
    assert library.display_name("my") == "Lotus"  # no Burmese name: the default language's
    assert ui_text(library, "intro_neutral", "en") == "Hi, I am Lotus. How can I help?"


def test_a_first_message_that_is_not_a_ui_string_is_refused_at_its_line(content):
    neutral(content).edit(SETTINGS, "first_message: intro_neutral", "first_message: intro_neutrl")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name(SETTINGS), content.line_of(SETTINGS, "first_message:"))
    assert problem.message == "deployment first_message 'intro_neutrl' is not a UI string of ui/en.yml"
    assert "intro or intro_neutral" in problem.fix


def test_a_name_in_an_unknown_language_is_refused(content):
    neutral(content).edit(SETTINGS, "th: โลตัส", "tha: โลตัส")
    problem = only(content.problems())
    assert problem.line == content.line_of(SETTINGS, "name:")  # a flow mapping: the name's line
    assert "language 'tha' is not in languages.yml" in problem.message
    assert "did you mean 'th'?" in problem.fix


def test_names_per_language_need_the_default_language(content):
    neutral(content).edit(SETTINGS, "{en: Lotus, th: โลตัส}", "{th: โลตัส}")
    problem = only(content.problems())
    assert problem.message == "deployment name has no 'en' name, which is the fallback"


def test_a_name_too_long_for_a_browser_tab_is_refused(content):
    too_long = "x" * 41
    content.edit(SETTINGS, "fact_max_age_days: 180\n", f"fact_max_age_days: 180\ndeployment:\n  name: {too_long}\n")
    problem = only(content.problems())
    assert problem.line == content.line_of(SETTINGS, "  name: ")
    assert "one short line (at most 40 characters)" in problem.message


def test_an_unknown_deployment_key_is_named_with_the_allowed_ones(content):
    content.edit(SETTINGS, "fact_max_age_days: 180\n", "fact_max_age_days: 180\ndeployment:\n  title: Lotus\n")
    problem = only(content.problems())
    assert problem.line == content.line_of(SETTINGS, "title: Lotus")
    assert problem.message == "unknown key 'title' in the deployment settings"
    assert problem.fix.endswith("allowed keys: first_message, name")


def test_the_environment_overrides_the_file(content, monkeypatch):
    neutral(content)
    monkeypatch.setenv(NAME_ENV, "  Helper ")
    monkeypatch.setenv(FIRST_MESSAGE_ENV, "intro")
    library = load_library(content.root)
    assert library.display_name("th") == "Helper"
    assert library.deployment.first_message == "intro"
    assert content.problems() == []


def test_a_broken_override_names_the_environment_variable(content, monkeypatch):
    monkeypatch.setenv(FIRST_MESSAGE_ENV, "greeting")
    problem = only(content.problems())
    assert problem.file == "environment" and problem.line is None
    assert problem.message.startswith(f"{FIRST_MESSAGE_ENV} (which overrides deployment first_message")


def test_read_deployment_ignores_blank_overrides():
    deployment = read_deployment({"deployment": {"name": "Lotus"}}, {NAME_ENV: "  ", FIRST_MESSAGE_ENV: ""})
    assert deployment.name("en", "en") == "Lotus" and deployment.first_message == "intro"
    assert deployment.from_env == {}


def test_a_language_without_the_first_message_is_warned_about(content):
    neutral(content).write("ui/th.yml", "language: th\nstatus: draft\nstrings:\n  intro: สวัสดี\n")
    problem = only(content.problems(), "warning")
    assert (problem.file, problem.line) == (content.name("ui/th.yml"), 3)
    assert "workers writing th get the en text" in problem.message


def test_the_name_and_the_quick_exit_word_are_names_every_text_may_use(content):
    content.edit("languages.yml", "enabled: true}", "enabled: true, quick_exit: [exit]}")
    content.edit("ui/en.yml", '"Hello, I am a test bot."', '"Hello, I am {bot_name}. Send {quick_exit_word} to leave."')
    assert content.problems() == []
    assert ui_text(load_library(content.root), "intro", "en") == "Hello, I am Mitra. Send exit to leave."
    content.edit("ui/en.yml", "{bot_name}", "{bot_nam}")
    assert "'{bot_nam}' is a fact of the work country" in only(content.problems()).message


def test_a_quick_exit_word_that_workers_send_as_a_question_is_refused(content):
    content.edit("languages.yml", "script: Latn, enabled: true}", "script: Latn, enabled: true, quick_exit: [Hello]}")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("languages.yml"), content.line_of("languages.yml", "[Hello]"))
    assert problem.message == ("quick-exit word 'Hello' is also a whole example question of 'greet': "
                               "a worker asking it would lose the chat")
