"""The Chatwoot backend, against a local server that checks paths, headers and bodies."""
from urllib.parse import parse_qs, urlparse

import pytest

from bot.handoff.backends import DeliveryError
from bot.handoff.backends.chatwoot import ChatwootBackend, token_matches, webhook_event
from bot.handoff.case import Case
from bot.handoff.outbox import Outbox
from tests.handoff.fake_server import FakeServer

TOKEN = "cw-agent-token"
API = "/api/v1/accounts/7"


class FakeChatwoot:
    """Answers like Chatwoot's Application API; refuses calls without the access token."""

    def __init__(self, known_contact=False):
        self.known_contact = known_contact

    def __call__(self, request):
        if request.headers.get("api_access_token") != TOKEN:
            return 401, {"error": "unauthorized"}
        path = urlparse(request.path).path
        if request.method == "GET" and path == f"{API}/contacts/search":
            q = parse_qs(urlparse(request.path).query)["q"][0]
            return 200, {"payload": [{"id": 42, "identifier": q}] if self.known_contact else []}
        if request.method == "POST" and path == f"{API}/contacts":
            return 200, {"payload": {"contact": {"id": 42}, "contact_inbox": {"source_id": "src-1"}}}
        if request.method == "POST" and path == f"{API}/contacts/42/contact_inboxes":
            return 200, {"source_id": "src-2", "inbox_id": 3}
        if request.method == "POST" and path == f"{API}/conversations":
            return 200, {"id": 99, "inbox_id": 3}
        if request.method == "POST" and path.startswith(f"{API}/conversations/99/"):
            return 200, {"id": 1}
        return 404, {"error": f"no route {request.method} {path}"}


def backend(server) -> ChatwootBackend:
    return ChatwootBackend(server.url, "7", "3", TOKEN, timeout=2)


def calls(server):
    return [(r.method, urlparse(r.path).path, r.json() if r.body else None) for r in server.received]


def a_case():
    return Case.new("km", "TH", "KH", "unpaid_wages", ["withholding_of_wages"])


def test_a_case_becomes_a_contact_a_conversation_and_a_private_summary(tmp_path):
    with FakeServer(FakeChatwoot()) as chatwoot:
        box = Outbox(backend(chatwoot), f"sqlite:///{tmp_path / 'h.db'}")
        case = a_case()
        assert box.open_case(case, "worker-1")
        assert box.relay(case.case_id, "my boss did not pay me")
        assert box.leave(case.case_id, "quick_exit")
    (_, search, _), (_, contacts, contact), (_, conversations, conversation), (_, _, summary), \
        (_, _, message), (_, _, note), (_, toggle, status) = calls(chatwoot)
    assert contacts == f"{API}/contacts" and contact["identifier"] == f"mitra-{case.case_id}"
    assert contact["inbox_id"] == 3 and set(contact) == {"inbox_id", "identifier", "name"}  # no personal data
    assert conversations == f"{API}/conversations"
    assert conversation == {"source_id": "src-1", "inbox_id": 3, "contact_id": 42,
                            "custom_attributes": {"mitra_case": case.case_id}}
    assert summary["private"] is True and "unpaid_wages" in summary["content"] and "KH" in summary["content"]
    assert message == {"content": "my boss did not pay me", "message_type": "incoming"}
    assert note["private"] is True and "quick-exit" in note["content"]
    assert toggle == f"{API}/conversations/99/toggle_status" and status == {"status": "resolved"}
    assert all(r.headers["api_access_token"] == TOKEN for r in chatwoot.received)


def test_a_retried_case_finds_its_contact_instead_of_making_another(tmp_path):
    with FakeServer(FakeChatwoot(known_contact=True)) as chatwoot:
        assert backend(chatwoot).deliver({"event": "case.opened", "case": a_case().summary()}, None) == "99"
    paths = [path for _, path, _ in calls(chatwoot)]
    assert f"{API}/contacts" not in paths and f"{API}/contacts/42/contact_inboxes" in paths


def test_a_wrong_token_or_a_down_server_is_a_delivery_error_to_retry():
    with FakeServer(FakeChatwoot()) as chatwoot:
        wrong = ChatwootBackend(chatwoot.url, "7", "3", "stolen?", timeout=2)
        with pytest.raises(DeliveryError, match="401"):
            wrong.deliver({"event": "case.opened", "case": a_case().summary()}, None)
        chatwoot.up = False
        with pytest.raises(DeliveryError, match="503"):
            backend(chatwoot).deliver({"event": "case.message", "case_id": "c", "text": "hi"}, "99")


def test_agent_replies_and_resolving_come_back_other_events_do_not():
    reply = {"event": "message_created", "message_type": "outgoing", "private": False,
             "content": "Hello, I am Dara", "conversation": {"id": 99}}
    assert webhook_event(reply) == ("99", "reply", "Hello, I am Dara")
    assert webhook_event({**reply, "private": True}) is None          # an agents' note
    assert webhook_event({**reply, "message_type": "incoming"}) is None  # the worker's own message
    assert webhook_event({"event": "conversation_status_changed", "id": 99, "status": "resolved"}) == \
        ("99", "closed", None)
    assert webhook_event({"event": "conversation_status_changed", "id": 99, "status": "open"}) is None


def test_the_webhook_token_must_match(monkeypatch):
    monkeypatch.setenv("MITRA_CHATWOOT_WEBHOOK_TOKEN", "t0ken")
    assert token_matches("t0ken") and not token_matches("guess") and not token_matches("")
    monkeypatch.delenv("MITRA_CHATWOOT_WEBHOOK_TOKEN")
    assert not token_matches("")
