"""When scheduled jobs last ran."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ivr.storage.models import JobRun
from ivr.storage.upsert import insert_ignore


def last_run(session: Session, name: str) -> datetime | None:
    """When job `name` last ran (None: never)."""
    return session.scalar(select(JobRun.last_run_at).where(JobRun.name == name))


def mark_run(session: Session, name: str, at: datetime) -> None:
    """Record that job `name` ran at `at`."""
    if not insert_ignore(session, JobRun, name=name, last_run_at=at):
        session.execute(update(JobRun).where(JobRun.name == name).values(last_run_at=at))
