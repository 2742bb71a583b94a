"""The three callbacks through which the engine reports: progress, cancel, log.

The engine never prints (stdout belongs to ``qgis_process --json``); the QGIS side hands in
functions that forward to ``QgsProcessingFeedback``, tests and scripts hand in their own.
"""
from dataclasses import dataclass
from typing import Callable


def _no_progress(percent: float) -> None:
    """Default: progress goes nowhere."""


def _never_canceled() -> bool:
    return False


def _no_log(message: str) -> None:
    """Default: messages go nowhere."""


@dataclass
class Callbacks:
    progress: Callable[[float], None] = _no_progress
    is_canceled: Callable[[], bool] = _never_canceled
    log: Callable[[str], None] = _no_log
