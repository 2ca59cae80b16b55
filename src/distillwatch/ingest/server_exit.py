"""Imported by the step workers' fork server only, as its last preload (``ingest/workers.py``).

When the last step pool closes, the ingest process stops the fork server and waits for it
(so that its CPU, and its workers', count in the ingest process's). A server that exits the
normal way tears its interpreter down first: it frees every module it preloaded (NumPy,
Arrow, numba and LLVM, the intent model, the warmed kernels), ~0.4 CPU-s and up to a
second of the run's wall time spent freeing memory that the exit returns anyway. This hook
runs first among the exit handlers and ends the process there, as the workers it forks end.

Never import it anywhere else: the process that imports it exits with status 0 whatever
its own exit status was.
"""

from __future__ import annotations

import atexit
import os
import sys


def _exit_now() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(0)


atexit.register(_exit_now)
