"""The production profile against real PostgreSQL, Redis and RabbitMQ (local services).

A conversation goes through the Rasa server with deploy/endpoints.production.yml;
then the rows in PostgreSQL and the events on the RabbitMQ queue are read back:
the worker got answers, and neither place holds their passport or phone number.
"""
import json
import os
import socket
import urllib.request
import uuid

import pytest

from bot.servers import ROOT, Ports, Servers, free_ports

SERVICES = {"PostgreSQL": 5432, "Redis": 6379, "RabbitMQ": 5672}
PASSPORT, PHONE = "MD1122334", "089-111-2233"


@pytest.fixture(scope="module")
def production():
    down = [name for name, port in SERVICES.items() if socket.socket().connect_ex(("127.0.0.1", port)) != 0]
    if down or not (ROOT / "models" / "mitra.tar.gz").exists():
        reason = f"needs local {', '.join(down)} and a trained model" if down else "needs a trained model"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    actions, rasa = free_ports(2)
    env = {"MITRA_ACTION_URL": f"http://127.0.0.1:{actions}/webhook",
           "MITRA_DB_HOST": "127.0.0.1", "MITRA_DB_PORT": "5432", "MITRA_DB_NAME": "test",
           "MITRA_DB_USER": "postgres", "MITRA_DB_PASSWORD": "",
           "MITRA_REDIS_HOST": "127.0.0.1", "MITRA_REDIS_PORT": "6379",
           "MITRA_RABBITMQ_HOST": "127.0.0.1", "MITRA_RABBITMQ_USER": "guest", "MITRA_RABBITMQ_PASSWORD": "guest"}
    with Servers(ports=Ports(actions=actions, rasa=rasa, web=0), web=False,
                 endpoints=ROOT / "deploy" / "endpoints.production.yml",
                 log_dir=ROOT / "var" / "log" / "production", env=env) as servers:
        yield servers


def say(servers, sender, text):
    request = urllib.request.Request(f"{servers.rasa_url}/webhooks/rest/webhook", method="POST",
                                     data=json.dumps({"sender": sender, "message": text}).encode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def queued_events(sender):
    """The events on the broker's queue for this conversation (taken off the queue)."""
    import asyncio

    import aio_pika

    async def drain():
        connection = await aio_pika.connect("amqp://guest:guest@127.0.0.1/")
        async with connection:
            queue = await (await connection.channel()).declare_queue("mitra_events", durable=True, passive=True)
            events = []
            while (message := await queue.get(no_ack=True, fail=False)) is not None:
                event = json.loads(message.body)
                if event.get("sender_id") == sender:
                    events.append(event)
            return events

    return asyncio.run(drain())


def stored_rows(sender):
    import sqlalchemy

    engine = sqlalchemy.create_engine("postgresql://postgres@127.0.0.1:5432/test")
    with engine.begin() as db:
        rows = [r[0] for r in db.execute(sqlalchemy.text("select data from events where sender_id = :s"),
                                         {"s": sender})]
        db.execute(sqlalchemy.text("delete from events where sender_id = :s"), {"s": sender})
    return rows


def test_a_conversation_is_stored_and_published_without_personal_numbers(production):
    sender = f"production-{uuid.uuid4().hex}"
    assert say(production, sender, "hello")
    replies = say(production, sender, f"agent keeps my passport {PASSPORT}, call me on {PHONE}")
    assert replies

    published = json.dumps(queued_events(sender))
    stored = " ".join(stored_rows(sender))
    assert "agent keeps my passport" in published and "agent keeps my passport" in stored
    for secret in (PASSPORT, PHONE):
        assert secret not in published and secret not in stored
