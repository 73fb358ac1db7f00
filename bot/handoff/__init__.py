"""Hand-off to a person: a case with the summary the worker agreed to share goes to a
team's tool (a signed webhook or Chatwoot); the worker's messages follow it there while
the case is open, and the team's replies and "case closed" come back to Mitra.

    case.py       the summary, built only from what the worker agreed to share
    signing.py    HMAC-SHA256 signatures of webhook bodies (both directions)
    backends/     where cases go: webhook.py (generic JSON), chatwoot.py (Chatwoot API)
    outbox.py     a durable queue (SQL): nothing is lost while a backend is down
    config.py     which backend, from environment variables (secrets only from there)
    runtime.py    the process's one outbox (and its background retry loop)
    __main__.py   `python -m bot.handoff retry|status` for cron and operators

The action server (bot/actions/handoff.py) opens cases and relays messages; the Rasa
server's channel (bot/channels/handoff.py) receives the team's replies and closes.
Both find a case's conversation through the same database (outbox.py).
"""
