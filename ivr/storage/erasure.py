"""Erasing personal data: one member now, or everything past its retention period."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from ivr.storage import refusals
from ivr.storage.models import (
    Alert,
    AuditEntry,
    CallSession,
    Delivery,
    EarlyStatus,
    InboundMessage,
    JoinLimit,
    JoinRequest,
    Member,
    MemberStatus,
    OutboxMessage,
    SignRequest,
    SmsConversation,
)


@dataclass
class Purged:
    """What a purge erased (or, in a dry run, would erase)."""

    alerts: int = 0
    delivery_numbers: int = 0
    call_sessions: int = 0
    conversations: int = 0
    inbound_messages: int = 0
    outbox_messages: int = 0
    join_requests: int = 0
    members: int = 0
    invitations: int = 0
    audit_entries: int = 0
    recordings_deleted: int = 0
    recordings_failed: int = 0
    refusals: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def erase_member(session: Session, member: Member) -> None:
    """Erase a member and every trace of their number; alerts they reported stay, unlinked."""
    phone = member.phone
    session.execute(update(Alert).where(Alert.reporter_id == member.id).values(reporter_id=None))
    session.execute(
        update(Alert).where(Alert.emergency_called_by == member.id).values(emergency_called_by=None)
    )
    session.execute(
        update(Delivery)
        .where(or_(Delivery.member_id == member.id, Delivery.to_phone == phone))
        .values(member_id=None, to_phone="")
    )
    session.execute(update(AuditEntry).where(AuditEntry.actor_id == member.id).values(actor_id=None))
    session.execute(update(AuditEntry).where(AuditEntry.target_phone == phone).values(target_phone=None))
    session.execute(update(SignRequest).where(SignRequest.requested_by == member.id).values(requested_by=None))
    session.execute(delete(SmsConversation).where(SmsConversation.member_id == member.id))
    # Traces of the number itself only go when no other membership of it remains.
    others = session.scalar(
        select(Member.id).where(Member.phone == phone, Member.id != member.id).limit(1)
    )
    if others is None:
        session.execute(delete(CallSession).where(CallSession.caller == phone))
        session.execute(delete(InboundMessage).where(InboundMessage.phone == phone))
        session.execute(delete(OutboxMessage).where(OutboxMessage.to_phone == phone))
        session.execute(delete(JoinRequest).where(JoinRequest.phone == phone))
        session.execute(delete(JoinLimit).where(JoinLimit.phone == phone))
    session.delete(member)
    session.flush()


def purge(
    session: Session, now: datetime, retention_days: int, invitation_days: int, reinvite_days: int
) -> Purged:
    """Erase what is older than the retention period; keep group, time, category, 112, counts.

    Invitations not answered within `invitation_days` are erased with their number, which is
    kept as "lapsed" for `reinvite_days` (so no group invites it again at once); declined and
    lapsed invitations older than that are forgotten. A STOP stays until START.
    """
    cutoff = now - timedelta(days=retention_days)
    done = Purged()
    done.alerts = session.execute(
        update(Alert)
        .where(Alert.created_at < cutoff, Alert.purged_at.is_(None))
        .values(location="", description="", sms_body="", purged_at=now)
    ).rowcount
    done.delivery_numbers = session.execute(
        update(Delivery)
        .where(Delivery.created_at < cutoff, Delivery.to_phone != "")
        .values(to_phone="", body=None, error_message=None)
    ).rowcount
    # Whole rows that only ever held what a caller or sender said, and their number.
    for field, model, stamp in (
        ("call_sessions", CallSession, CallSession.updated_at),
        ("conversations", SmsConversation, SmsConversation.created_at),
        ("inbound_messages", InboundMessage, InboundMessage.received_at),
        ("outbox_messages", OutboxMessage, OutboxMessage.created_at),
        ("join_requests", JoinRequest, JoinRequest.created_at),
    ):
        setattr(done, field, session.execute(delete(model).where(stamp < cutoff)).rowcount)
    session.execute(delete(EarlyStatus).where(EarlyStatus.received_at < cutoff))
    # A number's last join request: needed a week for the limit, kept no longer than the rest.
    session.execute(delete(JoinLimit).where(JoinLimit.last_at < cutoff))
    done.audit_entries = session.execute(
        update(AuditEntry)
        .where(AuditEntry.created_at < cutoff, or_(AuditEntry.target_phone.is_not(None), AuditEntry.detail.is_not(None)))
        .values(target_phone=None, detail=None)
    ).rowcount
    gone = session.scalars(
        select(Member).where(
            or_(
                (Member.status == MemberStatus.INACTIVE) & (Member.removed_at < cutoff),
                (Member.status == MemberStatus.OPTED_OUT) & (Member.opted_out_at < cutoff),
            )
        )
    ).all()
    for member in gone:
        erase_member(session, member)
    done.members = len(gone)
    lapsed = session.scalars(
        select(Member).where(
            Member.status == MemberStatus.INVITED,
            Member.invited_at < now - timedelta(days=invitation_days),
        )
    ).all()
    for member in lapsed:
        refusals.refuse(session, member.phone, refusals.LAPSED, now)
        erase_member(session, member)
    done.invitations = len(lapsed)
    done.refusals = refusals.forget_before(session, now - timedelta(days=reinvite_days))
    return done
