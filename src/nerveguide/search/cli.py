"""Command-line subcommands of this app (registered by nerveguide.cli)."""


def add_commands(subparsers) -> None:
    pass
