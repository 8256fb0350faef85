"""The `nerveguide` command. Each app adds its subcommands from its own cli.py.

Commands that only read files (check, search --content, selfcheck) never touch the database;
commands that do call `setup_django()` first.
"""

import argparse
import importlib
import os
import sys

APP_CLI_MODULES = [
    "nerveguide.content.cli",
    "nerveguide.search.cli",
    "nerveguide.selfcheck.cli",
    "nerveguide.education.cli",
    "nerveguide.clinics.cli",
]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")
    import django

    django.setup()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nerveguide", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)
    for module_name in APP_CLI_MODULES:
        importlib.import_module(module_name).add_commands(subparsers)
    return parser


def _manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nerveguide manage", *args.args])
    return 0


def main(argv: list[str] | None = None) -> int:
    # JSON Lines out: keep Danish letters readable and lines whole, whatever the locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", line_buffering=stream.isatty())
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
