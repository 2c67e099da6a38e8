"""The commands that work on the store: ingest, run, serve, stats, retry and db upgrade.

Each is a thin layer over `darkwire.pipeline` and `darkwire.store`; the store's URL comes from
`DARKWIRE_DB` (default `sqlite:///./data/darkwire.db`), the sources from `--config` or `DARKWIRE_CONFIG`, and
`darkwire run` with neither uses the bundled demo sources.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from darkwire.cli_alerts import add_account_commands
from darkwire.errors import InputError

EPILOG_INGEST = """\
example:
  darkwire ingest posts.jsonl exports/ feed.xml     # files and folders, any supported format
  darkwire ingest --config darkwire.yaml --once      # one round over the configured sources
  darkwire ingest --config darkwire.yaml --source my-forum

Formats: JSON Lines, JSON arrays, CSV, RSS/Atom, Telegram exports (result.json), HTML pages, plain text.
Ingest is idempotent: the same input again adds nothing. Unreadable items are kept as dead letters.
"""
EPILOG_RUN = """\
example:
  darkwire run                                # the bundled demo sources, UI and API at http://127.0.0.1:8000
  darkwire run --config darkwire.yaml --port 8080
"""
EPILOG_STATS = """\
example:
  darkwire stats
  darkwire stats --json | jq .sources
"""


def add_store_commands(sub: Any) -> None:
    """Register the store commands on the `darkwire` sub-command parser."""
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "ingest",
        help="ingest files, folders or configured sources into the store",
        epilog=EPILOG_INGEST,
        description="Read posts into the store, analyse them and print a summary.",
        formatter_class=raw,
    )
    p.add_argument("paths", nargs="*", type=Path, help="files or folders to ingest")
    p.add_argument("--config", type=Path, help="a darkwire.yaml whose sources to poll (or DARKWIRE_CONFIG)")
    p.add_argument("--once", action="store_true", help="one polling round, then exit (the default for ingest)")
    p.add_argument("--source", action="append", default=[], help="only this configured source (repeatable)")
    p.add_argument("--no-progress", action="store_true", help="never show progress bars")
    _workers_arg(p)
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser(
        "run",
        help="sources + analysis + web UI and API, until stopped",
        epilog=EPILOG_RUN,
        description="The main job: poll the sources, analyse, and serve the web UI and API.",
        formatter_class=raw,
    )
    _web_args(p)
    p.add_argument("--config", type=Path, help="a darkwire.yaml (default: DARKWIRE_CONFIG, else the demo sources)")
    _workers_arg(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser(
        "serve",
        help="web UI and API only",
        epilog="example:\n  darkwire serve --port 8080",
        description="Serve the web UI and API over the store, without polling sources.",
        formatter_class=raw,
    )
    _web_args(p)
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser(
        "stats",
        help="counts of posts, analyses, incidents, dead letters and source health",
        epilog=EPILOG_STATS,
        description="Counts and the health of every source.",
        formatter_class=raw,
    )
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser(
        "retry",
        help="analyse again the posts whose analysis failed",
        epilog="example:\n  darkwire retry",
        description="Retry the dead letters of the analysis stage.",
        formatter_class=raw,
    )
    p.set_defaults(func=_cmd_retry)

    p = sub.add_parser(
        "incidents",
        help="list incidents: claims of one breach grouped, with why each claim joined",
        epilog="example:\n  darkwire incidents --limit 20\n  darkwire incidents --json | jq '.[0].claims'",
        description="Incidents, most recently active first, with their claims.",
        formatter_class=raw,
    )
    p.add_argument("--json", action="store_true", help="a JSON array in the shape of the interface contract")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    p.set_defaults(func=_cmd_incidents)

    for kind in ("actors", "organizations"):
        p = sub.add_parser(
            kind,
            help=f"list the {kind} named in incidents, with their track record",
            epilog=f"example:\n  darkwire {kind} --limit 20\n  darkwire {kind} --json",
            description=f"The {kind}, by the number of incidents they appear in.",
            formatter_class=raw,
        )
        p.add_argument("--json", action="store_true", help="a JSON array")
        p.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
        p.set_defaults(func=_cmd_entities, kind=kind)

    add_account_commands(sub)  # user, token, watchlist, channel, digests, alerts (darkwire.cli_alerts)

    p = sub.add_parser(
        "export",
        help="incidents as STIX 2.1, MISP events, JSON Lines or CSV",
        epilog="example:\n  darkwire export --format stix --since 2026-10-01 -o bundle.json\n"
        "  darkwire export --format misp --country MX --severity critical,high\n"
        "  darkwire export --format csv -o incidents.csv",
        description="Export incidents, with the same filters as the API's incident list (docs/exports.md).",
        formatter_class=raw,
    )
    p.add_argument("--format", choices=["stix", "misp", "jsonl", "csv"], required=True)
    p.add_argument("--since", help="last seen on or after this date (2026-10-01) or date-time")
    p.add_argument("--until", help="first seen on or before this date or date-time")
    for name in ("q", "country", "sector", "actor", "claim-type", "severity", "verification"):
        p.add_argument(f"--{name}", help=f"only incidents with this {name.replace('-', ' ')} (comma-separated)")
    p.add_argument("--limit", type=int, help="at most this many incidents")
    p.add_argument("--tlp", default="tlp:clear", help="the TLP tag of MISP events (default tlp:clear)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "brief",
        help="the analyst brief of one incident, as Markdown, HTML or JSON",
        epilog="example:\n  darkwire brief 12\n  darkwire brief 12 --lang es --format html -o brief-12.html\n"
        "  DARKWIRE_LLM_URL=http://127.0.0.1:11434/v1 DARKWIRE_LLM_MODEL=llama3.1 darkwire brief 12 --polish",
        description="The write-up of one incident: headline, hedged summary, verification, severity with its "
        "reasons, legal frame, key insights, mitigations, evidence and disclaimer (docs/brief.md). It is written "
        "from the incident as it is now, so it follows every new claim, merge, split and verification.",
        formatter_class=raw,
    )
    p.add_argument("id", type=int, metavar="INCIDENT_ID")
    p.add_argument("--format", choices=["md", "html", "json"], default="md", help="the output format (default md)")
    p.add_argument("--lang", default="en", help="the brief's language: en or es (default en)")
    p.add_argument(
        "--polish",
        action="store_true",
        help="let the language model of DARKWIRE_LLM_URL and DARKWIRE_LLM_MODEL rephrase it (kept only when its "
        "names, numbers and dates pass the fact check)",
    )
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    p.set_defaults(func=_cmd_brief)

    p = sub.add_parser(
        "incident",
        help="show, merge or split incidents (recorded with who and why)",
        epilog="example:\n  darkwire incident show 12\n"
        "  darkwire incident merge 12 31 --by ana --why 'same breach: the sample rows match'\n"
        "  darkwire incident split 12 --post 340 --post 341 --by ana --why 'another hospital of the same name'",
        description="One incident, or an analyst's change to the grouping.",
        formatter_class=raw,
    )
    isub = p.add_subparsers(dest="incident_command", metavar="ACTION")
    isub.required = True
    show = isub.add_parser("show", help="one incident with its claims, reasons and history")
    show.add_argument("id", type=int)
    show.set_defaults(func=_cmd_incident_show)
    merge = isub.add_parser("merge", help="move every claim of OTHER into ID")
    merge.add_argument("id", type=int)
    merge.add_argument("other", type=int)
    split = isub.add_parser("split", help="move the given claims (post ids) into a new incident")
    split.add_argument("id", type=int)
    split.add_argument("--post", type=int, action="append", required=True, help="a claim's post id (repeatable)")
    for q in (merge, split):
        q.add_argument("--by", required=True, help="who decides (kept in the incident's history)")
        q.add_argument("--why", required=True, help="the rationale (kept in the incident's history)")
    verify = isub.add_parser("verify", help="set the verification status (a taxonomy value, or auto)")
    verify.add_argument("id", type=int)
    verify.add_argument("status", help="unverified, plausible, corroborated, confirmed, disputed, recycled or auto")
    verify.add_argument("--by", required=True, help="who decides (kept in the incident's history)")
    verify.add_argument("--why", required=True, help="the rationale (kept in the incident's history)")
    verify.set_defaults(func=_cmd_incident_verify)
    merge.set_defaults(func=_cmd_incident_merge)
    split.set_defaults(func=_cmd_incident_split)

    p = sub.add_parser(
        "dead-letters",
        help="list the items that could not be read and the posts whose analysis failed",
        epilog="example:\n  darkwire dead-letters\n  darkwire dead-letters --all --json | jq '.[0].raw'",
        description="The dead letters: each with its source, stage (parse or analyze), error and attempts.",
        formatter_class=raw,
    )
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    p.add_argument("--json", action="store_true", help="a JSON array, with the raw items")
    p.set_defaults(func=_cmd_dead_letters)

    p = sub.add_parser(
        "db",
        help="database maintenance",
        epilog="example:\n  DARKWIRE_DB=postgresql+psycopg://me@db/darkwire darkwire db upgrade",
        description="Database maintenance.",
        formatter_class=raw,
    )
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTION")
    dbsub.required = True
    up = dbsub.add_parser("upgrade", help="apply the migrations (also done on every start)")
    up.set_defaults(func=_cmd_db_upgrade)


def _workers_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes that analyse in parallel when many posts are pending (default: one per core, at most 4)",
    )


def _workers(args: argparse.Namespace) -> int:
    from darkwire.pipeline import default_workers

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be 1 or more")
    return int(args.workers) if args.workers else default_workers()


def _web_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")


@contextmanager
def _pipeline(progress: bool = False, workers: int = 1) -> Iterator[Any]:
    from darkwire.pipeline import Pipeline
    from darkwire.store import Store

    with (
        Store.open() as store,
        _progress(progress) as report,
        Pipeline(store, progress=report, workers=workers) as pipe,
    ):
        yield pipe


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """Progress bars on a terminal (stderr): posts fetched and analysed."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} posts"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def report(what: str, n: int) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=None)
            bar.advance(tasks[what], n)

        yield report


def config_path(given: Path | None, demo_default: bool = False) -> Path | None:
    """The config file: `--config`, else DARKWIRE_CONFIG, else (for `run`) the bundled demo's."""
    from darkwire.settings import get_settings

    path = given or get_settings().config
    if path is None and demo_default:
        return Path(str(resources.files("darkwire.demo").joinpath("darkwire.yaml")))
    if path is not None and not path.is_file():
        raise InputError(f"config file {path} not found: give an existing darkwire.yaml with --config")
    return path


def _cmd_ingest(args: argparse.Namespace) -> int:
    from darkwire.config import load_config
    from darkwire.pipeline import Summary

    path = config_path(args.config) if (args.config or not args.paths) else None
    if not args.paths and path is None:
        raise InputError("nothing to ingest: give files or folders, or --config darkwire.yaml")
    summary = Summary()
    with _pipeline(progress=not args.no_progress, workers=_workers(args)) as pipe:
        if args.paths:
            summary.add(pipe.ingest_paths(args.paths))
        if path is not None:
            summary.add(pipe.ingest_config(load_config(path), path.parent, args.source))
    print(summary.line())
    return 2 if summary.errors else 0  # a source that failed is an error, after the others were read


def _cmd_stats(args: argparse.Namespace) -> int:
    from darkwire.store import Store

    with Store.open() as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2, default=str))
        return 0
    print(render_stats(stats))
    return 0


def render_stats(stats: dict[str, Any]) -> str:
    lines = [
        f"posts {stats['posts']}  analyses {stats['analyses']}  incidents {stats['incidents']}  "
        f"actors {stats['actors']}  organizations {stats['organizations']}  dead letters {stats['dead_letters']}"
    ]
    for name, s in sorted(stats["sources"].items()):
        health = "ALARM" if s.get("alarm") else "ok"
        last = s.get("last_success_at") or "never"
        lines.append(
            f"  {name:<24} {s.get('kind', ''):<16} posts {s.get('posts', 0):>6}  "
            f"last run {s.get('last_items') or 0:>5} items  last success {last}  {health}"
            + (f"  last error: {s['last_error']}" if s.get("last_error") else "")
        )
    return "\n".join(lines)


def _cmd_retry(args: argparse.Namespace) -> int:
    with _pipeline() as pipe:
        summary = pipe.retry()
    print(f"{summary.analysed} analysed again, {summary.failed} still failing")
    return 0


def _cmd_incidents(args: argparse.Namespace) -> int:
    from darkwire.store import Store

    with Store.open() as store:
        incidents = store.incidents.recent(limit=args.limit)
    if args.json:
        print(json.dumps(incidents, ensure_ascii=False, indent=2))
        return 0
    for inc in incidents:
        print(
            f"#{inc['id']:<5} {(inc['last_seen'] or '')[:10]}  {inc['severity'] or '-':<8} {inc['verification']:<12} "
            f"{inc['claim_type'] or '-':<14} {inc['victim'] or '(victim unknown)'}"
            + (f"  by {inc['actor']}" if inc["actor"] else "")
            + f"  [{len(inc['claims'])} claim{'s' * (len(inc['claims']) != 1)}]"
        )
    if not incidents:
        print("no incidents yet: ingest some posts first")
    return 0


def _cmd_entities(args: argparse.Namespace) -> int:
    from darkwire.store import Store, entities, schema

    table = schema.actors if args.kind == "actors" else schema.organizations
    with Store.open() as store:
        rows = entities.listing(store.engine, table, limit=args.limit)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        where = f" ({r['country']})" if r.get("country") else ""
        print(
            f"#{r['id']:<5} {r['name']}{where}: {r['incidents']} incident{'s' * (r['incidents'] != 1)}, "
            f"{r['claims']} claims, {r['corroborated']} corroborated, {r['recycled']} recycled; "
            f"last seen {(r['last_seen'] or '-')[:10]}"
        )
    if not rows:
        print(f"no {args.kind} yet: ingest some posts first")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from darkwire.export.write import export
    from darkwire.store import Store
    from darkwire.web.filters import parse_filter

    params = {k: getattr(args, k) for k in ("q", "country", "sector", "actor", "severity", "verification")}
    params.update(claim_type=args.claim_type, since=args.since, until=args.until)
    f = parse_filter(params)
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit is at least 1")
    with Store.open() as store:
        chunks = export(store, args.format, f, args.limit, args.tlp)
        if args.output:
            tmp = args.output.with_name(args.output.name + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as out:
                for chunk in chunks:
                    out.write(chunk)
            tmp.replace(args.output)  # a reader never sees half an export
            print(f"{args.format} export written to {args.output}", file=sys.stderr)
        else:
            for chunk in chunks:
                sys.stdout.write(chunk)
            if args.format in ("stix", "misp"):
                sys.stdout.write("\n")
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    from darkwire.brief import brief, render
    from darkwire.brief.polish import Polisher
    from darkwire.store import Store

    polisher = None
    if args.polish:
        polisher = Polisher.from_settings()
        if polisher is None:
            raise InputError("--polish needs a language model: set DARKWIRE_LLM_URL and DARKWIRE_LLM_MODEL")
    with Store.open() as store:
        out = brief(store, args.id, args.lang, polish=polisher)
    text = render(out, args.format)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
        print(f"brief of incident {args.id} written to {args.output}")
    else:
        print(text)
    if polisher is not None and not out.get("polish", {}).get("used"):
        print(f"darkwire: the template brief is kept: {out['polish']['reason']}", file=sys.stderr)
    return 0


def _cmd_incident_show(args: argparse.Namespace) -> int:
    from darkwire.store import Store

    with Store.open() as store:
        inc = store.incidents.get(args.id)
        if inc is None:
            raise InputError(f"no incident {args.id}")
        inc["history"] = store.incidents.events(args.id)
    print(json.dumps(inc, ensure_ascii=False, indent=2))
    return 0


def _cmd_incident_verify(args: argparse.Namespace) -> int:
    with _pipeline() as pipe, pipe.lock:
        pipe.store.incidents.verify(args.id, args.status, by=args.by, rationale=args.why)
        pipe.changed(args.id)
        inc = pipe.store.incidents.get(args.id)
    print(f"incident {args.id}: {inc['verification'] if inc else args.status}")
    return 0


def _cmd_incident_merge(args: argparse.Namespace) -> int:
    with _pipeline() as pipe, pipe.lock:
        pipe.store.incidents.merge(args.id, args.other, by=args.by, rationale=args.why)
        pipe.changed(args.id)
    print(f"incident {args.other} merged into {args.id}")
    return 0


def _cmd_incident_split(args: argparse.Namespace) -> int:
    with _pipeline() as pipe, pipe.lock:
        new = pipe.store.incidents.split(args.id, args.post, by=args.by, rationale=args.why)
        pipe.changed(args.id, new)
    print(f"claims {', '.join(map(str, args.post))} moved from incident {args.id} to new incident {new}")
    return 0


def _cmd_dead_letters(args: argparse.Namespace) -> int:
    from darkwire.store import Store

    with Store.open() as store:
        letters = store.dead_letters(open_only=not args.all, limit=args.limit)
    if args.json:
        print(json.dumps([dead_letter_json(d) for d in letters], ensure_ascii=False, indent=2))
        return 0
    for d in letters:
        state = f"resolved {d.resolved_at:%Y-%m-%d %H:%M}" if d.resolved_at else f"{d.attempts} attempt(s)"
        where = f"post {d.post_id}" if d.post_id else "unread item"
        print(f"#{d.id} {d.source} [{d.stage}] {where}, {state}: {d.error}")
    if not letters:
        print("no dead letters" if args.all else "no open dead letters")
    return 0


def dead_letter_json(d: Any) -> dict[str, Any]:
    return {
        "id": d.id,
        "source": d.source,
        "post_id": d.post_id,
        "stage": d.stage,
        "error": d.error,
        "raw": d.raw,
        "attempts": d.attempts,
        "created_at": d.created_at.isoformat(),
        "resolved_at": d.resolved_at.isoformat() if d.resolved_at else None,
    }


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from darkwire.store import Store

    with Store.open(upgrade=False) as store:
        store.upgrade()
        print(f"database at {safe_url(store.url)} is up to date")
    return 0


def safe_url(url: str) -> str:
    """A database URL fit for printing: the password masked."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _cmd_serve(args: argparse.Namespace) -> int:
    from darkwire.web.server import serve

    return serve(args.host, args.port, config=None)


def _cmd_run(args: argparse.Namespace) -> int:
    from darkwire.web.server import serve

    return serve(args.host, args.port, config=config_path(args.config, demo_default=True), workers=_workers(args))
