"""The `delaktig` console script: run the engines on files without the web application.

Each engine contributes its sub-command from ``delaktig/engines/<name>/cli.py`` through a
``register(subparsers)`` function that adds a parser and sets ``func`` to a callable taking the
parsed arguments and returning an exit status.
"""

import argparse
import importlib
import os
import sys

from delaktig.engines.errors import EngineInputError

ENGINES = ("pb", "sortition", "opinion")
EXIT_BAD_INPUT = 2


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """Return the top-level parser with the sub-command of the engine named first, or of every engine.

    Importing an engine loads the numpy and scipy parts it needs (the opinion engine's scipy.stats alone
    takes over a second), so a command loads only its own engine; help and errors list them all.
    """
    parser = argparse.ArgumentParser(prog="delaktig", description="Delaktig's counting and analysis engines.")
    subparsers = parser.add_subparsers(dest="engine", required=True)
    for name in argv[:1] if argv[:1] and argv[0] in ENGINES else ENGINES:
        importlib.import_module(f"delaktig.engines.{name}.cli").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one engine command; bad input ends with a one-line message and status 2."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        return args.func(args)
    except EngineInputError as error:
        print(f"delaktig: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: that is not an error; keep Python from reporting it at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(f"delaktig: error: {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
