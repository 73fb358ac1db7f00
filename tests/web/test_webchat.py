"""The web chat in a real browser: headless Chromium opens web/index.html, which talks to the
Rasa server over socket.io, and a worker's first steps work end to end.

The servers run a neutral deployment (display name and first message from the environment, as
an NGO would set them for phones that may be watched), so every test also checks that nothing
on the page gives the assistant's purpose away.

Needs the trained model (models/mitra.tar.gz), Debian's `chromium` and `chromium-driver`, selenium,
and the page's socket.io client (`make web`). Without them the tests are skipped with the reason,
except under CI (CI set), where a missing piece is a failure: CI must really run them.
"""
import os
import shutil
import tempfile
from pathlib import Path
from typing import List

import pytest
import yaml

from bot.servers import Ports, Servers, free_ports

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "mitra.tar.gz"
SOCKET_IO = ROOT / "web" / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = ROOT / "results" / "webchat.png"
WINDOW = (390, 844)  # a common phone viewport
REPLY_TIMEOUT = 60  # seconds; the first reply of a fresh Rasa server is the slowest
NAME = "Lotus"
NEUTRAL = {"MITRA_DISPLAY_NAME": NAME, "MITRA_FIRST_MESSAGE": "intro_neutral"}
PLACEHOLDER_TITLE = "Chat"  # web/index.html, until the server names the deployment


def _missing() -> List[str]:
    missing = []
    if not MODEL.is_file():
        missing.append(f"no trained model at {MODEL.relative_to(ROOT)} (run `make train`)")
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        missing.append("no Chromium (`apt-get install chromium chromium-driver`)")
    if not SOCKET_IO.is_file():
        missing.append("no socket.io client for the page (run `make web`)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium is not installed")
    return missing


def _require_everything() -> None:
    missing = _missing()
    if missing:
        reason = "web chat test cannot run: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def servers():
    _require_everything()
    actions, rasa, web = free_ports(3)
    # SANIC_HOST: the action server (rasa_sdk) otherwise listens on every interface.
    with Servers(ports=Ports(actions=actions, rasa=rasa, web=web), log_dir=ROOT / "var" / "log" / "webchat",
                 env={"SANIC_HOST": "127.0.0.1", **NEUTRAL}) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    _require_everything()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Never let Selenium Manager download a driver or a browser: use Debian's.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="mitra-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(arg)
    # A desktop window is at least 500px wide: emulate the phone's screen instead.
    options.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": WINDOW[0], "height": WINDOW[1], "pixelRatio": 1, "touch": True}})
    service = Service(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# --- helpers that read like what a person does ------------------------------------------------

def wait(driver, condition, timeout: float = REPLY_TIMEOUT, message: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(condition, message)


def bot_texts(driver) -> List[str]:
    from selenium.webdriver.common.by import By

    return [bubble.text for bubble in driver.find_elements(By.CSS_SELECTOR, "#log .msg.bot .body")]


def wait_until_connected(driver) -> None:
    from selenium.webdriver.common.by import By

    wait(driver, lambda d: d.find_element(By.ID, "message").is_enabled(), 60,
         "the chat input never became enabled (never connected)")


def say(driver, text: str) -> int:
    """Type a message and send it; returns how many bot messages there were before."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(bot_texts(driver))
    box = driver.find_element(By.ID, "message")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    return before


def tap(driver, title: str) -> int:
    """Tap the active choice chip with this title; returns how many bot messages there were before."""
    from selenium.webdriver.common.by import By

    xpath = f"//*[@id='log']//button[contains(@class,'chip') and normalize-space()='{title}' and not(@disabled)]"
    chip = wait(driver, lambda d: d.find_element(By.XPATH, xpath), message=f"no '{title}' button")
    before = len(bot_texts(driver))
    chip.click()
    return before


def reply_containing(driver, needle: str, after: int) -> str:
    """Wait for a bot message newer than `after` that contains `needle`; returns it."""
    def found(d):
        return next((text for text in bot_texts(d)[after:] if needle in text), False)

    return wait(driver, found, message=f"no reply containing {needle!r}; bot said: {bot_texts(driver)[after:]}")


def chips(driver) -> List[str]:
    from selenium.webdriver.common.by import By

    return [chip.text for chip in driver.find_elements(By.CSS_SELECTOR, "#log .choices:not(.used) .chip")]


def session_id(driver):
    return driver.execute_script("return window.localStorage.getItem('mitra.session')")


# --- the tests ------------------------------------------------------------------------------

def test_worker_asks_about_passport_in_thailand(servers, browser):
    from selenium.webdriver.common.by import By

    hotline = yaml.safe_load((ROOT / "content" / "facts" / "TH.yml").read_text(encoding="utf-8"))[
        "facts"]["labour_hotline"]["phone"]
    browser.get(servers.web_url)
    wait_until_connected(browser)
    assert session_id(browser), "the session id is kept so that a reload continues the chat"

    before = say(browser, "hi")
    reply_containing(browser, NAME, before)
    wait(browser, lambda d: "English" in chips(d), message="no language buttons")

    before = tap(browser, "English")
    wait(browser, lambda d: "Thailand" in chips(d), message=f"no country buttons; bot said {bot_texts(browser)}")
    assert any("country" in text.lower() for text in bot_texts(browser)[before:]), bot_texts(browser)[before:]
    user_bubbles = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#log .msg.user .body")]
    assert user_bubbles[-1] == "English", "a tapped button shows its title, not its payload"

    before = tap(browser, "Thailand")
    reply_containing(browser, "Thailand", before)

    before = say(browser, "my boss keeps my passport")
    answer = reply_containing(browser, str(hotline), before)
    assert "passport" in answer.lower() or any("passport" in t.lower() for t in bot_texts(browser)[before:])

    # The newest message is on screen, and nothing is wider than the phone.
    newest = browser.find_elements(By.CSS_SELECTOR, "#log .msg.bot")[-1]
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(), log = document.getElementById('log')"
        ".getBoundingClientRect(); return r.bottom <= log.bottom + 1 && r.top < log.bottom;", newest)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= WINDOW[0]

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))


def test_reload_continues_and_clear_starts_over(servers, browser):
    from selenium.webdriver.common.by import By

    browser.get(servers.web_url)
    wait_until_connected(browser)
    first = session_id(browser)
    browser.refresh()
    wait_until_connected(browser)
    assert session_id(browser) == first
    notes = [n.text for n in browser.find_elements(By.CSS_SELECTOR, "#log .msg.note .body")]
    assert notes and "Clear chat" in notes[0]

    browser.find_element(By.ID, "clear").click()
    wait(browser, lambda d: session_id(d) not in (None, first), 30, "Clear chat did not start a new session")
    wait_until_connected(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#log > *") == []


def test_text_is_shown_as_text_never_as_html(servers, browser):
    from selenium.webdriver.common.by import By

    browser.get(servers.web_url)
    wait_until_connected(browser)
    before = say(browser, '<img src=x onerror="document.title=1"><b>bold</b>')
    wait(browser, lambda d: len(bot_texts(d)) > before, message="no reply")
    mine = browser.find_elements(By.CSS_SELECTOR, "#log .msg.user .body")[-1]
    assert "<img src=x" in mine.text and "<b>bold</b>" in mine.text
    assert browser.find_elements(By.CSS_SELECTOR, "#log img, #log b") == []
    assert browser.title == NAME


def test_unreachable_server_shows_an_error_and_keeps_input_off(servers, browser):
    from selenium.webdriver.common.by import By

    (nobody,) = free_ports(1)
    browser.get(f"http://127.0.0.1:{servers.ports.web}/?server=http://127.0.0.1:{nobody}")
    status = browser.find_element(By.ID, "status")
    wait(browser, lambda d: status.get_attribute("data-state") == "error", 30, "no error state shown")
    assert status.is_displayed() and "Cannot reach" in status.text
    assert not browser.find_element(By.ID, "message").is_enabled()
    assert not browser.find_element(By.ID, "send").is_enabled()
    assert browser.title == PLACEHOLDER_TITLE, "without a server the page names nothing"


def stored_events(sender: str) -> int:
    import sqlite3

    with sqlite3.connect(ROOT / "var" / "tracker.db") as db:
        return db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def open_new_chat(servers, browser):
    """The page in a new conversation, started as a worker would: with "Clear chat"."""
    from selenium.webdriver.common.by import By

    browser.get(servers.web_url)
    wait_until_connected(browser)
    old = session_id(browser)
    browser.find_element(By.ID, "clear").click()
    wait(browser, lambda d: session_id(d) not in (None, old), 30, "Clear chat did not start a new session")
    wait_until_connected(browser)


def test_the_quick_exit_word_deletes_the_chat_and_leaves_the_page(servers, browser):
    open_new_chat(servers, browser)
    reply_containing(browser, NAME, say(browser, "hello"))
    sender = session_id(browser)
    assert stored_events(sender) > 0
    say(browser, "exit")
    wait(browser, lambda d: d.current_url == "about:blank", 30, "the page did not leave on the quick-exit word")
    wait(browser, lambda _: stored_events(sender) == 0, 30, "the conversation is still stored")


def test_the_exit_button_deletes_the_chat_too(servers, browser):
    from selenium.webdriver.common.by import By

    open_new_chat(servers, browser)
    reply_containing(browser, NAME, say(browser, "hello"))
    sender = session_id(browser)
    browser.find_element(By.ID, "exit").click()
    wait(browser, lambda d: d.current_url == "about:blank", 30, "the page did not leave")
    wait(browser, lambda _: stored_events(sender) == 0, 30, "the conversation is still stored")


def test_a_neutral_deployment_shows_only_its_name_and_greeting(servers, browser):
    from selenium.webdriver.common.by import By

    from bot.content import load_library
    from bot.content.deployment import read_deployment
    from bot.content.render import ui_text

    library = load_library(ROOT / "content")
    library.deployment = read_deployment(library.settings, NEUTRAL)
    greeting = ui_text(library, "intro_neutral", "en")

    open_new_chat(servers, browser)
    wait(browser, lambda d: d.title == NAME, 30, f"the tab is titled {browser.title!r}")
    assert browser.find_element(By.CSS_SELECTOR, "header h1").text == NAME
    before = say(browser, "hello")
    assert reply_containing(browser, NAME, before) == greeting
    label = browser.find_elements(By.CSS_SELECTOR, "#log .msg.bot .visually-hidden")[-1]
    assert label.get_attribute("textContent") == f"{NAME}: ", "screen readers hear the configured name"
    page = browser.find_element(By.TAG_NAME, "body").get_attribute("textContent") + browser.title
    assert "Mitra" not in page and "traffick" not in page.lower()
