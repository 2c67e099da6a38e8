"""The `darkwire` command: a thin layer over the library. Errors are one line on stderr, exit code 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from darkwire import __version__
from darkwire.errors import DarkwireError

EPILOG_ANALYZE = """\
example:
  darkwire analyze posts.jsonl > analyses.jsonl
  echo '{"id": "p1", "text": "Selling DB of Acme Bank, 1.2M rows, $5k"}' | darkwire analyze -

Input is JSON Lines, one post per line ({"id", "text", "title", "posted_at", "source", "url"});
a file that is not JSON Lines is read as one plain-text post. Bad lines are reported on stderr
with their line number and skipped. Output is one analysis per post, in input order.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="darkwire",
        description="Dark-web breach-claim intelligence.",
        epilog="example:\n  darkwire analyze posts.jsonl > analyses.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"darkwire {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser(
        "analyze",
        help="posts in (JSON Lines or plain text), analyses out (JSON Lines)",
        description="Analyse posts: victim, country, sector, actor, data types, records, size, price, "
        "venue, claim type, language, severity, with the evidence span of every field.",
        epilog=EPILOG_ANALYZE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", default="-", help="input file, or - for standard input (default)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.set_defaults(func=_cmd_analyze)
    from darkwire.cli_store import add_store_commands

    add_store_commands(sub)
    return parser


def _cmd_analyze(args: argparse.Namespace) -> int:
    from darkwire.io import analyze_stream

    return analyze_stream(args.file, sys.stdout, sys.stderr, progress=not args.no_progress)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except DarkwireError as e:
        print(f"darkwire: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("darkwire: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
