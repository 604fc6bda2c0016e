"""The Flask app with the line's extensions as typed attributes, set once in create_app."""
from __future__ import annotations

import logging

from typing import TYPE_CHECKING, Any, cast

from flask import Flask, current_app

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from ivr.sending.dispatcher import Dispatcher
    from ivr.sending.engine import Broadcast


class BuurtlijnApp(Flask):
    """Flask, plus what every request, command and task of the line needs."""

    db_engine: Engine
    db_sessions: sessionmaker[Session]
    broadcast: Broadcast
    dispatcher: Dispatcher
    celery: Any = None  # the Celery app in the scaled mode, else None
    serving_notes: list[tuple[int, str]]  # said when the process serves, not by every command

    def say_serving_notes(self) -> None:
        """Log, once, what a serving process (web, worker) must know about its settings."""
        notes, self.serving_notes = self.serving_notes, []
        for level, message in notes:
            logging.getLogger("ivr").log(level, message)

    def shutdown(self, timeout: float = 20) -> None:
        """SIGTERM: stop claiming, let sends in flight finish, hand back the rest (see Broadcast)."""
        self.broadcast.stop()
        self.dispatcher.stop(timeout)
        self.dispatcher.wait_idle(timeout)


def current() -> BuurtlijnApp:
    """The running app, typed (inside a request, command or task)."""
    return cast(BuurtlijnApp, current_app._get_current_object())  # type: ignore[attr-defined]
