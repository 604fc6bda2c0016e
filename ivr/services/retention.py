"""Retention: what is erased when, and deleting recordings held at the provider."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from ivr.sending.sender import Problem, Sender, SendError
from ivr.services.membership import INVITATION_DAYS
from ivr.storage import erasure, recordings
from ivr.storage.erasure import Purged
from ivr.storage.models import Recording

log = logging.getLogger(__name__)

UNLINKED_DAYS = 1  # a recording of a call that sent nothing is not kept longer than this

__all__ = ["Purged", "purge", "recordings_due", "delete_recording"]


def purge(session: Session, now: datetime, retention_days: int, reinvite_days: int = 30) -> Purged:
    """Erase what is past its retention period (rows only; the caller commits).

    A declined or lapsed invitation is remembered for `reinvite_days` (REINVITE_DAYS), so no
    group invites the number again at once; a STOP is remembered until START.
    """
    return erasure.purge(session, now, retention_days, INVITATION_DAYS, reinvite_days)


def recordings_due(session: Session, now: datetime, retention_days: int) -> list[tuple[int, str]]:
    """(id, sid) of the recordings to delete at the provider now."""
    return [
        (r.id, r.sid)
        for r in recordings.due_for_deletion(session, now, retention_days, UNLINKED_DAYS)
    ]


def delete_recording(session: Session, sender: Sender, recording_id: int, sid: str) -> bool:
    """Delete one recording at the provider; a failure stays on the row and is tried again."""
    try:
        sender.delete_recording(sid)
        gone, error = True, None
    except SendError as exc:
        gone, error = exc.problem is Problem.NOT_FOUND, str(exc)  # not found: deleted already
    recording = session.get(Recording, recording_id)
    if gone:
        recordings.mark_deleted(recording)
        return True
    recordings.mark_failed(recording, error)
    log.warning("could not delete recording %s (tried again next purge): %s", sid, error)
    return False
