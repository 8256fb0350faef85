"""The `nerveguide` command. Each app adds its subcommands from its own cli.py.

Commands that only read files (check, search --content, selfcheck) never touch the database;
commands that do call `setup_django()` first.

Exit codes: 0 done; 1 done, but some input was rejected (reported per line/file); 2 the command
could not run (usage, configuration, a missing file, the database not reachable or not migrated).
An expected error is one line on standard error, never a traceback.
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


# `manage` subcommands that serve requests or judge a deployment: they need the real settings
# (SECRET_KEY when DEBUG is off). Every other command serves nothing and runs without any.
SERVING_COMMANDS = {"runserver", "testserver"}


class CommandFailed(Exception):
    """An expected reason a command cannot run; main() prints it as one line and exits with 2."""


def setup_django(*, serves: bool = False) -> None:
    """Configure Django for a command. Commands that serve nothing (`serves=False`) run without
    environment variables: the settings then use a per-process SECRET_KEY (see settings.py).
    Raises CommandFailed, with the settings' own message, when the configuration is unusable."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if not serves and not settings.configured:  # read once, when the settings load
        os.environ.setdefault("NERVEGUIDE_SERVES_NOTHING", "1")

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as error:  # ValueError: settings.env, a bad variable
        raise CommandFailed(f'{error} (see README, "Configuration")') from None


def build_parser() -> argparse.ArgumentParser:
    """The `nerveguide` argument parser: `manage` plus the subcommands of every module in
    APP_CLI_MODULES; each subcommand sets `func(args) -> exit code`."""
    parser = argparse.ArgumentParser(prog="nerveguide", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)
    for module_name in APP_CLI_MODULES:
        importlib.import_module(module_name).add_commands(subparsers)
    return parser


def _manage(args: argparse.Namespace) -> int:
    command = args.args[0] if args.args else ""
    serves = command in SERVING_COMMANDS or (command == "check" and "--deploy" in args.args)
    setup_django(serves=serves)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nerveguide manage", *args.args])
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv` (default sys.argv[1:]) and return its exit code (see above).

    Expected failures (CommandFailed, OSError, a database that is not reachable or not
    migrated, an argument that is not UTF-8) become one line on stderr and exit code 2; a usage
    error exits 2 through argparse; anything else is a bug and raises.
    """
    # JSON Lines out: keep Danish letters readable and lines whole, whatever the locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", line_buffering=stream.isatty())
    argv = sys.argv[1:] if argv is None else argv
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            return _fail(
                f"an argument is not valid UTF-8: {arg.encode('utf-8', 'replace').decode()!r}"
            )
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # The reader stopped early (`| head`): that is fine. Point stdout at /dev/null so the
        # interpreter's final flush does not complain (Python docs, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except CommandFailed as error:
        return _fail(str(error))
    except OSError as error:  # a file that cannot be read or written, a missing system library
        return _fail(str(error))
    except Exception as error:
        from django.db import InterfaceError, OperationalError, ProgrammingError

        # Cannot connect, or tables missing: the environment, not a bug (IntegrityError would be).
        if isinstance(error, (InterfaceError, OperationalError, ProgrammingError)):
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            return _fail(
                f"the database is not ready ({first_line}): check DATABASE_URL and run "
                "`nerveguide manage migrate`"
            )
        raise  # a bug: the traceback is what a developer needs


def _fail(message: str) -> int:
    print(f"nerveguide: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
