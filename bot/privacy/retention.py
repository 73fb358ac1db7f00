"""Delete conversations nobody has written in for N days (default 30).

    .venv/bin/python -m bot.privacy.retention [--days 30] [--endpoints endpoints.yml]

Run it daily (cron, a systemd timer or the deployment's scheduler). It reads the
tracker store from the endpoints file, as the Rasa server does, and removes every
event of each conversation whose newest event is older than the cut-off. With hand-off
configured (the MITRA_HANDOFF_* environment of the action server), it also deletes the
hand-off cases opened before the cut-off whose conversation is gone, and anything still
queued for them: a case nobody closed must not keep a worker's id and messages forever.
"""
import argparse
import asyncio
import sys
import time
from typing import List, Optional

from rasa.core.tracker_store import TrackerStore
from rasa.utils.endpoints import read_endpoint_config

from bot.handoff import runtime as handoff
from bot.handoff.outbox import Outbox
from bot.privacy.tracker_store import RedactingTrackerStore

DEFAULT_DAYS = 30


async def expired(store: RedactingTrackerStore, cutoff: float) -> List[str]:
    old = []
    for sender in await store.keys():
        tracker = await store.retrieve_full_tracker(sender)
        last = tracker.events[-1].timestamp if tracker and tracker.events else 0
        if last < cutoff:
            old.append(sender)
    return old


async def delete_older_than(store: RedactingTrackerStore, days: float) -> List[str]:
    old = await expired(store, time.time() - days * 86400)
    for sender in old:
        await store.delete(sender)
    return old


async def forget_handoff_cases(store: RedactingTrackerStore, outbox: Optional[Outbox], days: float) -> int:
    """Cases opened before the cut-off whose conversation the store no longer has."""
    if outbox is None:
        return 0
    remaining = set(await store.keys())
    cutoff = time.time() - days * 86400
    return outbox.forget_conversations(s for s in outbox.senders_of_cases_opened_before(cutoff) if s not in remaining)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy.retention", description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=float, default=DEFAULT_DAYS)
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    store = TrackerStore.create(read_endpoint_config(args.endpoints, "tracker_store"))
    if not isinstance(store, RedactingTrackerStore):
        print("retention: the tracker store in the endpoints file is not "
              "bot.privacy.tracker_store.RedactingTrackerStore; nothing deleted", file=sys.stderr)
        return 1
    deleted = asyncio.run(delete_older_than(store, args.days))
    print(f"retention: deleted {len(deleted)} conversation(s) with no message in {args.days:g} days")
    try:
        cases = asyncio.run(forget_handoff_cases(store, handoff.outbox(retrying=False), args.days))
    except Exception as error:  # noqa: BLE001 - e.g. the hand-off database is unreachable: say so, fail the job
        print(f"retention: hand-off cases not checked: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"retention: deleted {cases} hand-off case(s) of conversations that are gone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
