"""`python -m bot.handoff retry`: deliver what the outbox holds now (e.g. from cron);
`python -m bot.handoff status`: how many items wait."""
import argparse
import logging
import sys

from bot.handoff import runtime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.handoff")
    parser.add_argument("command", choices=["retry", "status"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    box = runtime.outbox(retrying=False)
    if box is None:
        print("hand-off is off (MITRA_HANDOFF_BACKEND is none or incomplete)")
        return 1
    if args.command == "retry":
        box.flush()
    waiting = box.pending()
    print(f"{waiting} hand-off item(s) waiting")
    return 0 if args.command == "status" or waiting == 0 else 2


if __name__ == "__main__":
    sys.exit(main())
