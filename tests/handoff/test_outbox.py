"""The outbox keeps every case and message until the backend has it, and delivers each once."""
import pytest

from bot.handoff.backends import DeliveryError
from bot.handoff.backends.webhook import WebhookBackend
from bot.handoff.case import SHARED_FIELDS, Case
from bot.handoff.outbox import Outbox
from bot.handoff.signing import verify
from tests.handoff.fake_server import FakeServer

SECRET = "test-secret"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


def a_case() -> Case:
    return Case.new("my", "TH", "MM", "passport_retention", ["retention_of_identity_documents"])


def outbox_for(server: FakeServer, tmp_path, clock) -> Outbox:
    backend = WebhookBackend(server.url + "/cases", SECRET, timeout=2)
    return Outbox(backend, f"sqlite:///{tmp_path / 'handoff.db'}", retry_seconds=30, clock=clock)


def test_a_case_arrives_signed_with_only_the_shared_summary(tmp_path, clock):
    with FakeServer() as team:
        box = outbox_for(team, tmp_path, clock)
        case = a_case()
        assert box.open_case(case, sender_id="socket-session-123")
        [call] = team.received
    assert call.path == "/cases"
    assert verify(SECRET, call.body, call.headers, now=None)
    event = call.json()
    assert event["event"] == "case.opened" and event["case_id"] == case.case_id
    assert set(event["case"]) == set(SHARED_FIELDS)
    assert event["case"]["self_check_signs"] == ["retention_of_identity_documents"]
    assert b"socket-session-123" not in call.body  # the conversation id stays in Mitra
    assert box.sender_of(case.case_id) == "socket-session-123"


def test_backend_down_then_up_delivers_the_case_and_messages_once_in_order(tmp_path, clock):
    with FakeServer() as team:
        box = outbox_for(team, tmp_path, clock)
        team.up = False
        case = a_case()
        assert not box.open_case(case, "worker-1")
        assert not box.relay(case.case_id, "they keep my passport")
        assert box.pending(case.case_id) == 2 and team.received == []

        team.up = True
        assert not box.flush()  # not due yet: the retry waits for its backoff
        assert team.received == []
        clock.now += 31
        assert box.flush()
        assert box.flush()  # nothing left: a second round sends nothing again
    events = [r.json() for r in team.received]
    assert [e["event"] for e in events] == ["case.opened", "case.message"]
    assert events[1]["text"] == "they keep my passport"
    assert box.pending() == 0


def test_retries_back_off_and_nothing_is_lost_meanwhile(tmp_path, clock):
    with FakeServer() as team:
        box = outbox_for(team, tmp_path, clock)
        team.up = False
        case = a_case()
        box.open_case(case, "worker-1")
        for wait in (30, 60, 120):  # each failure doubles the wait
            clock.now += wait - 1
            box.flush()
            clock.now += 1
            assert not box.flush()
        assert box.pending() == 1


def test_a_failed_case_holds_back_its_messages_but_not_other_cases(tmp_path, clock):
    class Picky:
        name = "picky"

        def __init__(self):
            self.delivered = []

        def deliver(self, event, ref):
            if event["case_id"] == broken.case_id:
                raise DeliveryError("refused")
            self.delivered.append(event["event"])
            return ref

    backend = Picky()
    box = Outbox(backend, f"sqlite:///{tmp_path / 'h.db'}", clock=clock)
    broken, fine = a_case(), a_case()
    box.open_case(broken, "a")
    box.relay(broken.case_id, "hello")
    assert box.open_case(fine, "b")
    assert backend.delivered == ["case.opened"]
    assert box.pending(broken.case_id) == 2


def test_two_retriers_at_once_deliver_an_item_once(tmp_path, clock):
    with FakeServer() as team:
        first = outbox_for(team, tmp_path, clock)
        second = outbox_for(team, tmp_path, clock)
        team.up = False
        case = a_case()
        first.open_case(case, "w")
        team.up = True
        clock.now += 31
        item_id = 1
        assert first._claim(item_id, clock.now)
        assert not second._claim(item_id, clock.now)  # claimed by the first: the second skips it


def test_leaving_tells_the_team_and_forgets_the_case_once_delivered(tmp_path, clock):
    with FakeServer() as team:
        box = outbox_for(team, tmp_path, clock)
        case = a_case()
        box.open_case(case, "w")
        assert box.leave(case.case_id, "quick_exit")
        assert team.received[-1].json()["reason"] == "quick_exit"
    assert box.sender_of(case.case_id) is None
    with box.engine.connect() as db:
        assert db.exec_driver_sql("select count(*) from handoff_cases").scalar() == 0
