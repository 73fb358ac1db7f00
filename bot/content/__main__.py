"""Editors' command line: `python -m bot.content <command>` (the Makefile wraps these).

  check      [--content DIR] [--domain FILE]   every error and warning; exit 1 on any error
  report     [--content DIR] [--html FILE]     translation coverage and facts to re-verify
  export-po  LANG FILE [--content DIR]         one language's strings for a translator
  import-po  LANG FILE [--content DIR] [--domain FILE]
                                               their translations back into content/
  compile    ...                               training data to build/ (bot/content/compile.py)

Editors see messages, never a stack trace: every expected failure is caught here.
"""
import argparse
import importlib
import sys
from pathlib import Path
from typing import List, Optional

from bot.content.errors import ContentError, ContentErrors


def _print_problems(problems: List[ContentError], out=None) -> None:
    for problem in problems:
        print(problem, file=out or sys.stdout)


def _summary(problems: List[ContentError]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    verdict = "content has errors: fix them before it goes live" if errors else "content is OK"
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}: {verdict}"


def cmd_check(args: argparse.Namespace) -> int:
    from bot.content.validate import validate
    problems = validate(args.content, args.domain)
    _print_problems(problems)
    print(_summary(problems))
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_report(args: argparse.Namespace) -> int:
    from bot.content.library import load_library
    from bot.content.report import as_html, as_text, build_report
    library = load_library(args.content)
    report = build_report(library)
    print(as_text(report), end="")
    if args.html:
        Path(args.html).parent.mkdir(parents=True, exist_ok=True)
        Path(args.html).write_text(as_html(report), encoding="utf-8")
        print(f"wrote {args.html}")
    return 0


def cmd_export_po(args: argparse.Namespace) -> int:
    from bot.content.library import load_library
    from bot.content.po import write_po
    count = write_po(load_library(args.content), args.lang, args.file)
    print(f"wrote {count} strings for '{args.lang}' to {args.file}")
    return 0


def cmd_import_po(args: argparse.Namespace) -> int:
    from bot.content.po import import_po
    result = import_po(args.content, args.lang, args.file, args.domain)
    for note in result.notes:
        print(f"note: {note}")
    if result.refused:
        _print_problems(result.new_errors)
        print(f"import refused: the translations would leave errors in the content (above). "
              f"Nothing was changed. Fix them in {args.file} and import again.")
        return 1
    for path in result.changed_files:
        print(f"updated {path}")
    if not result.changed_files:
        print("nothing changed")
    _print_problems(result.problems)
    print(_summary(result.problems))
    if result.examples_changed and result.changed_files:
        print("example questions may have changed: run `make train` so the assistant learns them")
    return 1 if any(p.severity == "error" for p in result.problems) else 0


def cmd_compile(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module("bot.content.compile")
    except ModuleNotFoundError as exc:
        if exc.name != "bot.content.compile":
            raise
        print("compile is not available in this version (bot/content/compile.py is missing)", file=sys.stderr)
        return 2
    return int(module.main(args.rest) or 0)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m bot.content", description="Mitra content tools")
    commands = main.add_subparsers(dest="command", required=True, metavar="command")

    def content_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--content", default="content", help="the content folder (default: content)")

    check = commands.add_parser("check", help="check the content; exit 1 on any error")
    content_option(check)
    check.add_argument("--domain", default="domain.yml", help="the Rasa domain (default: domain.yml)")
    check.set_defaults(run=cmd_check)

    report = commands.add_parser("report", help="translation coverage and facts to re-verify")
    content_option(report)
    report.add_argument("--html", metavar="FILE", help="also write the report as an HTML page")
    report.set_defaults(run=cmd_report)

    export = commands.add_parser("export-po", help="write one language's strings to a PO file")
    export.add_argument("lang")
    export.add_argument("file")
    content_option(export)
    export.set_defaults(run=cmd_export_po)

    imp = commands.add_parser("import-po", help="read translations from a PO file into content/")
    imp.add_argument("lang")
    imp.add_argument("file")
    content_option(imp)
    imp.add_argument("--domain", default="domain.yml")
    imp.set_defaults(run=cmd_import_po)

    compile_ = commands.add_parser("compile", help="build training data from content/", add_help=False)
    compile_.add_argument("rest", nargs=argparse.REMAINDER)
    compile_.set_defaults(run=cmd_compile)
    return main


class _NoPoError(Exception):
    pass


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["compile"]:  # everything after 'compile' is the compile module's own options
        args = argparse.Namespace(rest=argv[1:], run=cmd_compile)
    else:
        args = parser().parse_args(argv)
    try:
        from bot.content.po import PoError
    except ImportError:  # polib missing: only the PO commands need it, and they say so
        PoError = _NoPoError
    try:
        return args.run(args)
    except ContentErrors as exc:
        _print_problems(exc.errors, sys.stderr)
        print(f"{len(exc.errors)} error(s) in the content: fix them first (`make content-check`)", file=sys.stderr)
        return 1
    except PoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
