"""`mottagning` command line: route, explain, ersattning, profiles check (contract in docs/cli.md).

Exit status 0 on success, 2 on bad input with one line saying what and where; never a
traceback for anything a user can cause.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mottagning.planning.cli import one_line
from mottagning.planning.cli import register as planning_commands
from mottagning.rules.errors import InputError, TableError

Handler = Callable[[argparse.Namespace], int]


def _read_json() -> Any:
    text = sys.stdin.read()
    if not text.strip():
        raise InputError("ingen indata på standard in; skicka ett JSON-objekt.", "stdin")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"ogiltig JSON: {exc.msg} på rad {exc.lineno}, kolumn {exc.colno}.", "stdin"
        ) from None
    except RecursionError:
        raise InputError(
            "JSON är för djupt nästlad; kontraktet är ett objekt med högst några nivåer.", "stdin"
        ) from None


def _route(args: argparse.Namespace) -> int:
    from mottagning.rules.api import route

    result = route(_read_json(), overgangar=args.overgangar)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from mottagning.rules.api import explain

    print(explain(_read_json()))
    return 0


def _ersattning(args: argparse.Namespace) -> int:
    from mottagning.rules.compensation import ersattning

    result = ersattning(_read_json())
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _profiles_check(args: argparse.Namespace) -> int:
    from mottagning.profiles import PROFILE_CODES, check_file, compiled

    if args.file:
        path = Path(args.file)
        c = check_file(path)
        print(f"{path}: OK ({len(c.rows)} rader, {len(c.epochs)} perioder)")
        return 0
    for kod in PROFILE_CODES:
        c = compiled(kod)
        regler = sum(1 for r in c.rows if not r.nationell)
        print(f"profiles/{kod}.yaml: OK ({regler} regler, {len(c.epochs)} perioder)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mottagning",
        description="Flyktingmottagning och integration: gränsdragning, ekonomi och planering.",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    p = sub.add_parser(
        "route", help="tillstånd och ansvar för en person ett datum (JSON in, JSON ut)"
    )
    p.add_argument("--pretty", action="store_true", help="indentera JSON-utdata")
    p.add_argument(
        "--overgangar",
        action="store_true",
        help="ta med kommande övergångar och överlämningar (overgangar)",
    )
    p.set_defaults(handler=_route)
    p = sub.add_parser("explain", help="samma svar som route, som läsbar text med regel och källa")
    p.set_defaults(handler=_explain)
    p = sub.add_parser(
        "ersattning",
        help="statlig ersättning för en person och period, med frister (JSON in, JSON ut)",
    )
    p.add_argument("--pretty", action="store_true", help="indentera JSON-utdata")
    p.set_defaults(handler=_ersattning)
    p = sub.add_parser("profiles", help="kommunprofiler")
    psub = p.add_subparsers(dest="profiles_command", metavar="UNDERKOMMANDO")
    c = psub.add_parser("check", help="validera de inbyggda profilerna eller en profilfil")
    c.add_argument("file", nargs="?", help="en profil-YAML att validera")
    c.set_defaults(handler=_profiles_check)
    planning_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except InputError as exc:
        print(f"fel: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except TableError as exc:
        print(f"fel i tabell: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except (ValueError, OverflowError, RecursionError) as exc:
        # The contract is one line and exit 2 for anything a user can send; input the checks
        # above did not foresee must not end in a traceback either.
        print(
            f"fel: indata kunde inte behandlas ({type(exc).__name__}: {one_line(str(exc))}).",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
