"""Entry point of ``python3 -m core.cli``; see :mod:`.run`.

The guard matters: worker processes are spawned and import their code afresh; they must never
start a run of their own.
"""
import sys

from .run import main

if __name__ == "__main__":
    sys.exit(main())
