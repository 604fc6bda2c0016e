"""Recordings of reporters' words: where they are, which alert they belong to, when to delete."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.storage.models import Alert, CallSession, Recording, utcnow


def store(session: Session, sid: str, call_sid: str, url: str | None) -> Recording | None:
    """Keep a finished recording (once per SID), linked to its call's alert if there is one."""
    alert_id = session.scalar(select(CallSession.alert_id).where(CallSession.call_sid == call_sid))
    try:
        with session.begin_nested():
            recording = Recording(sid=sid, call_sid=call_sid, url=url, alert_id=alert_id)
            session.add(recording)
        return recording
    except IntegrityError:
        return None


def link_call(session: Session, call_sid: str, alert_id: int) -> None:
    """Give the call's recordings to the alert it sent."""
    session.execute(update(Recording).where(Recording.call_sid == call_sid).values(alert_id=alert_id))


def latest_url(session: Session, alert_id: int) -> str | None:
    """The newest kept recording of an alert (after "start over", the last description)."""
    return session.scalar(
        select(Recording.url)
        .where(Recording.alert_id == alert_id, Recording.state == "kept")
        .order_by(Recording.id.desc())
        .limit(1)
    )


def due_for_deletion(
    session: Session, now: datetime, retention_days: int, unlinked_days: int
) -> list[Recording]:
    """Kept recordings whose alert is past retention, or that belong to no alert for a while."""
    cutoff = now - timedelta(days=retention_days)
    return list(
        session.scalars(
            select(Recording)
            .outerjoin(Alert, Alert.id == Recording.alert_id)
            .where(
                Recording.state == "kept",
                or_(
                    Alert.created_at < cutoff,
                    (Recording.alert_id.is_(None)) & (Recording.created_at < now - timedelta(days=unlinked_days)),
                ),
            )
            .order_by(Recording.id)
        )
    )


def mark_deleted(recording: Recording) -> None:
    """The recording is gone at the provider: forget where it was."""
    recording.state, recording.url, recording.deleted_at = "deleted", None, utcnow()


def mark_failed(recording: Recording, error: str) -> None:
    """The delete failed: keep the row, so the next purge tries again."""
    recording.delete_attempts += 1
    recording.last_error = error[:500]
