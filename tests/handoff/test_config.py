"""Hand-off settings come from the environment; a wrong or incomplete setup turns hand-off
off loudly (workers then get the hotline numbers), it never half-works."""
import pytest

from bot.handoff import runtime
from bot.handoff.__main__ import main
from bot.handoff.config import ConfigError, HandoffConfig


def test_off_unless_a_backend_is_chosen():
    assert not HandoffConfig.from_env({}).enabled
    assert HandoffConfig.from_env({"MITRA_HANDOFF_BACKEND": "Webhook"}).backend == "webhook"


@pytest.mark.parametrize("env, named", [
    ({"MITRA_HANDOFF_BACKEND": "email"}, "MITRA_HANDOFF_BACKEND"),
    ({"MITRA_HANDOFF_RETRY_SECONDS": "soon"}, "MITRA_HANDOFF_RETRY_SECONDS"),
    ({"MITRA_HANDOFF_TIMEOUT": "-1"}, "MITRA_HANDOFF_TIMEOUT"),
])
def test_a_wrong_value_names_the_variable(env, named):
    with pytest.raises(ConfigError, match=named):
        HandoffConfig.from_env(env)


def test_a_missing_secret_turns_hand_off_off(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("MITRA_HANDOFF_BACKEND", "webhook")
    monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_URL", "http://127.0.0.1:9/cases")
    monkeypatch.delenv("MITRA_HANDOFF_WEBHOOK_SECRET", raising=False)
    monkeypatch.setenv("MITRA_HANDOFF_DB", f"sqlite:///{tmp_path / 'h.db'}")
    runtime.reset()
    try:
        assert runtime.outbox() is None
        assert "MITRA_HANDOFF_WEBHOOK_SECRET" in caplog.text
    finally:
        runtime.reset()


def test_the_retry_command_reports_what_waits(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("MITRA_HANDOFF_BACKEND", "webhook")
    monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_URL", "http://127.0.0.1:9/cases")  # nobody listens
    monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_SECRET", "x")
    monkeypatch.setenv("MITRA_HANDOFF_DB", f"sqlite:///{tmp_path / 'h.db'}")
    runtime.reset()
    try:
        from bot.handoff.case import Case

        runtime.outbox(retrying=False).open_case(Case.new("en", "TH", None, None), "w")
        runtime.reset()
        assert main(["retry"]) == 2
        assert "1 hand-off item(s) waiting" in capsys.readouterr().out
    finally:
        runtime.reset()
