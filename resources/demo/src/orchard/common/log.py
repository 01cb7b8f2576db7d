"""Logger setup shared by the long-running Orchard services."""

from __future__ import annotations

import logging
import os

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def get_logger(name: str) -> logging.Logger:
    """A logger under the 'orchard' hierarchy; silent until configure() is called."""
    logger = logging.getLogger(name if name.startswith("orchard") else f"orchard.{name}")
    if not logging.getLogger("orchard").handlers:
        logging.getLogger("orchard").addHandler(logging.NullHandler())
    return logger


def configure(level: str | None = None) -> None:
    """Logs to stderr at `level` (default: $ORCHARD_LOG_LEVEL or 'info')."""
    chosen = (level or os.environ.get("ORCHARD_LOG_LEVEL", "info")).upper()
    logging.basicConfig(level=chosen, format=LOG_FORMAT)
