"""End to end: a worker asks for a person; the team's webhook receives the signed case; the
worker's next message is relayed, not answered; an emergency still gets the numbers; a
forged callback is refused and a signed "closed" brings Mitra back."""
import json
import urllib.error
import urllib.request

import pytest

from bot.handoff.signing import signed_headers, verify
from tests.handoff.fake_server import FakeServer
from tests.server.conftest import Client, facts, serving, texts

SECRET = "e2e-secret"
CHATWOOT_TOKEN = "e2e-chatwoot-token"


@pytest.fixture(scope="module")
def team():
    with FakeServer() as server:
        yield server


@pytest.fixture(scope="module")
def mitra_with_team(tmp_path_factory, team):
    folder = tmp_path_factory.mktemp("mitra-handoff")
    env = {"MITRA_HANDOFF_BACKEND": "webhook",
           "MITRA_HANDOFF_WEBHOOK_URL": team.url + "/mitra-cases", "MITRA_HANDOFF_WEBHOOK_SECRET": SECRET,
           "MITRA_HANDOFF_DB": f"sqlite:///{folder / 'handoff.db'}",
           "MITRA_CHATWOOT_WEBHOOK_TOKEN": CHATWOOT_TOKEN}
    with serving(folder, env) as client:
        yield client


def callback(client: Client, body: dict, secret: str = SECRET):
    raw = json.dumps(body).encode()
    request = urllib.request.Request(client.url + "/webhooks/handoff/webhook", data=raw, method="POST",
                                     headers={"Content-Type": "application/json", **signed_headers(secret, raw)})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def chatwoot_callback(client: Client, body: dict, token: str = CHATWOOT_TOKEN):
    request = urllib.request.Request(f"{client.url}/webhooks/handoff/chatwoot?token={token}",
                                     data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_worker_talks_to_a_person_and_comes_back_to_mitra(mitra_with_team, team):
    worker, th = "handoff-e2e-1", facts("TH")
    mitra_with_team.onboard(worker, "TH")
    mitra_with_team.say(worker, "the agency took my passport")
    offer = mitra_with_team.say(worker, "i want to talk to a real person")
    assert "summary" in texts(offer) and team.received == []  # nothing sent before the worker agrees

    opened = texts(mitra_with_team.say(worker, '/talk_to_human{"handoff":"yes"}'))
    assert "24 hours" in opened
    [call] = team.received
    assert call.path == "/mitra-cases" and verify(SECRET, call.body, call.headers)
    case = call.json()["case"]
    assert case["topic"] == "passport_retention" and case["work_country"] == "TH"
    assert worker not in call.body.decode()  # the conversation id stays in Mitra

    assert texts(mitra_with_team.say(worker, "what is the minimum wage")) == "Sent to our team."
    assert team.received[-1].json() == {**team.received[-1].json(), "event": "case.message",
                                        "text": "what is the minimum wage"}

    emergency = texts(mitra_with_team.say(worker, "help me now they beat me"))
    assert th["police"] in emergency and emergency.endswith("Sent to our team.")

    forged = {"event": "case.closed", "case_id": case["case_id"]}
    assert callback(mitra_with_team, forged, secret="guessed") == 401
    assert texts(mitra_with_team.say(worker, "hello?")) == "Sent to our team."  # still with the team

    reply = {"event": "case.reply", "case_id": case["case_id"], "text": "Hello, I am Dara from the team."}
    assert callback(mitra_with_team, reply) == 200
    # REST cannot push: the person's reply comes with the answer to the worker's next message.
    assert texts(mitra_with_team.say(worker, "ok")) == "Our team:\nHello, I am Dara from the team.\nSent to our team."

    assert callback(mitra_with_team, forged) == 200
    assert callback(mitra_with_team, forged) == 404  # closed: a replay changes nothing
    answer = texts(mitra_with_team.say(worker, "what is the minimum wage"))
    assert answer.startswith("Our team closed this chat. You are back with Mitra")
    assert "Sent to our team." not in answer and "337" in answer  # Mitra answers again


def test_on_the_web_chat_a_persons_reply_and_the_close_arrive_at_once(mitra_with_team, team):
    """socket.io can push: the worker sees the reply without writing first."""
    import asyncio

    import socketio

    async def chat():
        client, received = socketio.AsyncClient(), asyncio.Queue()
        client.on("bot_uttered", lambda data: received.put_nowait(data))
        confirmed = asyncio.Event()
        client.on("session_confirm", lambda _sid: confirmed.set())
        await client.connect(mitra_with_team.url, transports=["polling"], socketio_path="/socket.io")
        session = "handoff-e2e-web"
        await client.emit("session_request", {"session_id": session})
        await asyncio.wait_for(confirmed.wait(), 30)

        async def say(text, replies):
            await client.emit("user_uttered", {"message": text, "session_id": session})
            return [(await asyncio.wait_for(received.get(), 60)).get("text", "") for _ in range(replies)]

        async def drain():
            got = []
            while True:
                try:
                    got.append((await asyncio.wait_for(received.get(), 3)).get("text", ""))
                except asyncio.TimeoutError:
                    return got

        await say("hello", 1)
        await drain()
        await say('/change_language{"language":"en"}', 1)
        await say('/inform_country{"work_country":"MY"}', 1)
        await drain()
        before = len(team.received)
        opened = await say('/talk_to_human{"handoff":"yes"}', 1)
        await drain()
        assert "24 hours" in opened[0] and len(team.received) == before + 1
        case_id = team.received[-1].json()["case_id"]

        loop = asyncio.get_running_loop()
        reply = {"event": "case.reply", "case_id": case_id, "text": "Hello from Dara"}
        assert await loop.run_in_executor(None, callback, mitra_with_team, reply) == 200
        assert (await asyncio.wait_for(received.get(), 30))["text"] == "Our team:\nHello from Dara"
        closed = {"event": "case.closed", "case_id": case_id}
        assert await loop.run_in_executor(None, callback, mitra_with_team, closed) == 200
        assert (await asyncio.wait_for(received.get(), 30))["text"].startswith("Our team closed this chat.")
        await client.disconnect()

    asyncio.run(chat())


def test_chatwoot_webhook_calls_need_the_token_and_reach_the_worker(mitra_with_team, team):
    worker = "handoff-e2e-chatwoot"
    mitra_with_team.onboard(worker, "TH")
    mitra_with_team.say(worker, '/talk_to_human{"handoff":"yes"}')
    # With the webhook backend the case id is the backend's reference (Chatwoot's would be
    # its conversation id), so a Chatwoot-shaped call can name it.
    conversation = team.received[-1].json()["case_id"]
    reply = {"event": "message_created", "message_type": "outgoing", "private": False,
             "content": "Hi, this is Dara", "conversation": {"id": conversation}}
    assert chatwoot_callback(mitra_with_team, reply, token="guessed") == 401
    assert chatwoot_callback(mitra_with_team, {**reply, "private": True}) == 200  # a note: not for the worker
    assert chatwoot_callback(mitra_with_team, reply) == 200
    assert texts(mitra_with_team.say(worker, "thanks")) == "Our team:\nHi, this is Dara\nSent to our team."
    resolved = {"event": "conversation_status_changed", "id": conversation, "status": "resolved"}
    assert chatwoot_callback(mitra_with_team, resolved) == 200
    assert "You are back with Mitra" in texts(mitra_with_team.say(worker, "hello"))
