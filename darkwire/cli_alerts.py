"""The commands of accounts and alerts: user, token, watchlist, channel, digests and alerts (docs/alerts.md).

Like the store's commands, each works on the store that `DARKWIRE_DB` names.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from darkwire.errors import InputError


def add_account_commands(sub: Any) -> None:
    """Register the account and alert commands on the `darkwire` sub-command parser."""
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "user",
        help="accounts: create a user of a tenant",
        epilog="example:\n  darkwire user create ana@bank.example --tenant 'Banco Ejemplo' --role analyst\n"
        "  darkwire user password admin@localhost --password-env NEW_PASSWORD",
        description="Users belong to a tenant (created when it does not exist yet) and have a role. The password "
        "is generated and printed once, unless --password-env names a variable holding one.",
        formatter_class=raw,
    )
    usub = p.add_subparsers(dest="user_command", metavar="ACTION")
    usub.required = True
    uc = usub.add_parser("create", help="create a user and print its password once")
    uc.add_argument("email")
    uc.add_argument("--tenant", default="default")
    uc.add_argument("--role", choices=["admin", "analyst", "viewer"], default="analyst")
    uc.add_argument("--password-env", metavar="NAME", help="read the password from this environment variable")
    uc.set_defaults(func=_cmd_user_create)
    up = usub.add_parser("password", help="set a new password (printed once) and close the user's sessions")
    up.add_argument("email")
    up.add_argument("--password-env", metavar="NAME", help="read the password from this environment variable")
    up.set_defaults(func=_cmd_user_password)

    p = sub.add_parser(
        "token",
        help="accounts: create an API token for a user (printed once, stored hashed)",
        epilog="example:\n  darkwire token create ana@bank.example",
        formatter_class=raw,
    )
    tsub = p.add_subparsers(dest="token_command", metavar="ACTION")
    tsub.required = True
    tc = tsub.add_parser("create", help="create a token and print it once")
    tc.add_argument("email")
    tc.set_defaults(func=_cmd_token_create)
    tr = tsub.add_parser("revoke", help="revoke a token by its prefix (its first 10 characters)")
    tr.add_argument("prefix")
    tr.set_defaults(func=_cmd_token_revoke)

    p = sub.add_parser(
        "watchlist",
        help="alerts: what a tenant wants to hear about",
        epilog="example:\n  darkwire watchlist add --tenant 'Banco Ejemplo' --org 'Banco Ejemplo' --alias BEJ "
        "--domain bancoejemplo.mx --vendor 'Nube Servicios' --min-severity medium\n"
        "  darkwire watchlist add --tenant cert-mx --country MX --sector healthcare --min-severity high\n"
        "  darkwire watchlist list --tenant 'Banco Ejemplo'",
        description="A watchlist matches an incident when any organisation, alias, domain, vendor, keyword "
        "('re:' for a regular expression) or actor matches, within its countries, sectors and data types, at its "
        "minimum severity (docs/alerts.md).",
        formatter_class=raw,
    )
    wsub = p.add_subparsers(dest="watchlist_command", metavar="ACTION")
    wsub.required = True
    wa = wsub.add_parser("add", help="add a watchlist to a tenant")
    wa.add_argument("--tenant", required=True)
    wa.add_argument("--name")
    for flag, dest in (
        ("--org", "orgs"),
        ("--alias", "aliases"),
        ("--domain", "domains"),
        ("--vendor", "vendors"),
        ("--keyword", "keywords"),
        ("--actor", "actors"),
        ("--country", "countries"),
        ("--sector", "sectors"),
        ("--data-type", "data_types"),
    ):
        wa.add_argument(flag, dest=dest, action="append", default=[])
    wa.add_argument("--min-severity", choices=["low", "medium", "high", "critical"])
    wa.set_defaults(func=_cmd_watchlist_add)
    wl = wsub.add_parser("list", help="a tenant's watchlists")
    wl.add_argument("--tenant", required=True)
    wl.set_defaults(func=_cmd_tenant_list, what="watchlists")

    p = sub.add_parser(
        "channel",
        help="alerts: where a tenant's alerts are sent",
        epilog="example:\n"
        "  darkwire channel add --tenant 'Banco Ejemplo' --webhook https://soc.example/hook --secret-env HOOK_KEY\n"
        "  darkwire channel add --tenant 'Banco Ejemplo' --email soc@bancoejemplo.mx --digest\n"
        "  darkwire channel list --tenant 'Banco Ejemplo'\n"
        "  darkwire channel remove --tenant 'Banco Ejemplo' 3",
        description="A channel gets a message per alert, or with --digest one daily digest of them (docs/alerts.md).",
        formatter_class=raw,
    )
    csub = p.add_subparsers(dest="channel_command", metavar="ACTION")
    csub.required = True
    ca = csub.add_parser("add", help="add a webhook or an e-mail address")
    ca.add_argument("--tenant", required=True)
    target = ca.add_mutually_exclusive_group(required=True)
    target.add_argument("--webhook", metavar="URL")
    target.add_argument("--email", metavar="ADDRESS")
    ca.add_argument("--secret", help="the webhook's signing secret (prefer --secret-env: no secret in shell history)")
    ca.add_argument("--secret-env", metavar="NAME", help="read the signing secret from this environment variable")
    ca.add_argument("--digest", action="store_true", help="one daily digest of the alerts, not a message per alert")
    ca.set_defaults(func=_cmd_channel_add)
    cl = csub.add_parser("list", help="a tenant's channels (JSON)")
    cl.add_argument("--tenant", required=True)
    cl.set_defaults(func=_cmd_tenant_list, what="channels")
    cr = csub.add_parser("remove", help="remove a channel: nothing more is sent to it")
    cr.add_argument("--tenant", required=True)
    cr.add_argument("id", type=int)
    cr.set_defaults(func=_cmd_channel_remove)

    p = sub.add_parser(
        "digests",
        help="alerts: a tenant's daily digests and whether they were delivered",
        epilog="example:\n  darkwire digests --tenant 'Banco Ejemplo'\n"
        "  darkwire digests --tenant 'Banco Ejemplo' --json",
        description="The digests of the tenant's digest channels, newest first. `darkwire run` and `serve` make "
        "and send them.",
        formatter_class=raw,
    )
    p.add_argument("--tenant", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=_cmd_digests)

    p = sub.add_parser(
        "alerts",
        help="alerts: a tenant's alerts, with why each matched",
        epilog="example:\n  darkwire alerts --tenant 'Banco Ejemplo'\n"
        "  darkwire alerts --tenant 'Banco Ejemplo' --json",
        formatter_class=raw,
    )
    p.add_argument("--tenant", default="default")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=_cmd_alerts)


def _cmd_user_create(args: argparse.Namespace) -> int:
    from darkwire.accounts import create_user
    from darkwire.store import Store

    given = _password_env(args)
    with Store.open() as store:
        password = create_user(store, args.email, args.tenant, args.role, given)
    print(f"user {args.email.strip().lower()} ({args.role}) of tenant {args.tenant!r} created")
    if not given:
        print(f"password (shown once): {password}")
    return 0


def _cmd_user_password(args: argparse.Namespace) -> int:
    from darkwire.accounts import set_password
    from darkwire.store import Store

    given = _password_env(args)
    with Store.open() as store:
        password = set_password(store, args.email, given)
    print(f"password of {args.email.strip().lower()} changed; their sessions are closed")
    if not given:
        print(f"password (shown once): {password}")
    return 0


def _password_env(args: argparse.Namespace) -> str | None:
    import os

    if not args.password_env:
        return None
    given = os.environ.get(args.password_env)
    if not given:
        raise InputError(f"--password-env: the variable {args.password_env} is not set")
    return given


def _cmd_token_create(args: argparse.Namespace) -> int:
    from darkwire.accounts import create_token
    from darkwire.store import Store

    with Store.open() as store:
        token = create_token(store, args.email)
    print(f"API token for {args.email} (shown once; send it as 'Authorization: Bearer <token>'):")
    print(token)
    return 0


def _cmd_token_revoke(args: argparse.Namespace) -> int:
    from darkwire.accounts import revoke_token
    from darkwire.store import Store

    with Store.open() as store:
        n = revoke_token(store, args.prefix)
    if not n:
        raise InputError(f"no live token starts with {args.prefix!r}")
    print(f"revoked {n} token(s)")
    return 0


def _cmd_watchlist_add(args: argparse.Namespace) -> int:
    from darkwire.accounts import tenant_id
    from darkwire.alerts import add_watchlist
    from darkwire.alerts.match import Watch
    from darkwire.store import Store

    fields = ("orgs", "aliases", "domains", "vendors", "keywords", "actors", "countries", "sectors", "data_types")
    watch = Watch(**{f: getattr(args, f) for f in fields}, min_severity=args.min_severity)
    with Store.open() as store:
        wid = add_watchlist(store, tenant_id(store, args.tenant, create=True), watch, args.name)
    print(f"watchlist {wid} added to tenant {args.tenant!r}")
    return 0


def _cmd_tenant_list(args: argparse.Namespace) -> int:
    """A tenant's watchlists or channels (`args.what`), as JSON."""
    from darkwire import alerts
    from darkwire.accounts import tenant_id
    from darkwire.store import Store

    listing = {"watchlists": alerts.watchlists, "channels": alerts.channels}[args.what]
    with Store.open() as store:
        print(json.dumps(listing(store, tenant_id(store, args.tenant)), ensure_ascii=False, indent=2))
    return 0


def _cmd_channel_add(args: argparse.Namespace) -> int:
    import os

    from darkwire.accounts import tenant_id
    from darkwire.alerts import add_channel
    from darkwire.store import Store

    secret = args.secret
    if args.secret_env:
        secret = os.environ.get(args.secret_env)
        if not secret:
            raise InputError(f"--secret-env: the variable {args.secret_env} is not set")
    with Store.open() as store:
        tid = tenant_id(store, args.tenant, create=True)
        mode = "digest" if args.digest else "each"
        if args.webhook:
            cid = add_channel(store, tid, "webhook", args.webhook, secret, mode=mode)
        else:
            cid = add_channel(store, tid, "email", args.email, mode=mode)
    print(f"channel {cid} added to tenant {args.tenant!r}" + (" (a daily digest)" if args.digest else ""))
    return 0


def _cmd_channel_remove(args: argparse.Namespace) -> int:
    from darkwire.accounts import tenant_id
    from darkwire.alerts import delete_channel
    from darkwire.store import Store

    with Store.open() as store:
        if not delete_channel(store, tenant_id(store, args.tenant), args.id):
            raise InputError(f"tenant {args.tenant!r} has no channel {args.id}: see darkwire channel list")
    print(f"channel {args.id} removed")
    return 0


def _cmd_digests(args: argparse.Namespace) -> int:
    from darkwire.accounts import tenant_id
    from darkwire.alerts.digest import digests
    from darkwire.store import Store

    with Store.open() as store:
        found = digests(store, tenant_id(store, args.tenant), args.limit)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for d in found:
        error = f" ({d['last_error']})" if d["last_error"] else ""
        print(
            f"#{d['id']} channel {d['channel_id']} {d['period_start'][:16]} to {d['period_end'][:16]}: "
            f"{d['alerts']} alerts, {d['status']} after {d['attempts']} tries{error}"
        )
    if not found:
        print("no digests yet")
    return 0


def _cmd_alerts(args: argparse.Namespace) -> int:
    from darkwire.accounts import tenant_id
    from darkwire.alerts import alerts
    from darkwire.store import Store

    with Store.open() as store:
        found = alerts(store, tenant_id(store, args.tenant), args.limit)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for a in found:
        why = "; ".join(r.get("why") or f"{r['kind']} {r['term']!r} in {r['field']}: {r['text']}" for r in a["reasons"])
        victim = a["victim"] or "(unnamed)"
        print(f"#{a['id']} incident {a['incident_id']} {victim} [{a['severity']}] {a['watchlist']}: {why}")
    if not found:
        print("no alerts yet")
    return 0
