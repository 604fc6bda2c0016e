"""Storage for the SMS channel: inbound dedupe, conversations, membership changes, audit."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.storage import groups, privacy
from ivr.storage.models import (
    Alert,
    AuditEntry,
    Delivery,
    DeliveryKind,
    DeliveryState,
    InboundMessage,
    Member,
    MemberStatus,
    SignRequest,
    SmsConversation,
    utcnow,
)



def first_time(session: Session, message_sid: str, phone: str) -> InboundMessage | None:
    """Record an inbound SID; None when it was seen before (a retry: same reply, no effect)."""
    try:
        with session.begin_nested():
            row = InboundMessage(message_sid=message_sid, phone=phone)
            session.add(row)
        return row
    except IntegrityError:
        return None


def reply_for(session: Session, message_sid: str) -> str | None:
    """The reply given to an SMS seen before."""
    return session.scalar(select(InboundMessage.reply).where(InboundMessage.message_sid == message_sid))


def memberships(session: Session, phone: str, statuses: tuple[str, ...]) -> list[Member]:
    """The phone's memberships in these states, oldest group first."""
    query = select(Member).where(Member.phone == phone, Member.status.in_(statuses))
    if MemberStatus.INVITED in statuses:
        # An invitation not answered within 7 days has lapsed.
        cutoff = utcnow() - timedelta(days=privacy.INVITATION_DAYS)
        query = query.where(
            (Member.status != MemberStatus.INVITED) | (Member.invited_at >= cutoff)
        )
    return list(session.scalars(query.order_by(Member.group_id)))


def member_in_group(session: Session, group_id: int, phone: str) -> Member | None:
    return session.scalar(select(Member).where(Member.group_id == group_id, Member.phone == phone))


def open_conversation(session: Session, phone: str) -> SmsConversation | None:
    """The phone's conversation that has not expired, if any."""
    return session.scalar(
        select(SmsConversation)
        .where(SmsConversation.phone == phone, SmsConversation.expires_at > utcnow())
        .order_by(SmsConversation.id.desc())
        .limit(1)
    )


def expired_conversation(session: Session, phone: str) -> SmsConversation | None:
    """The phone's newest conversation that ran out (to say so once)."""
    return session.scalar(
        select(SmsConversation)
        .where(SmsConversation.phone == phone, SmsConversation.expires_at <= utcnow())
        .order_by(SmsConversation.id.desc())
        .limit(1)
    )


def start_conversation(session: Session, member: Member, state: str, data: dict, minutes: int) -> None:
    """Open a conversation, closing any older one of the same phone."""
    end_conversations(session, member.phone)
    session.add(
        SmsConversation(
            phone=member.phone,
            member_id=member.id,
            state=state,
            data=data,
            expires_at=utcnow() + timedelta(minutes=minutes),
        )
    )


def end_conversations(session: Session, phone: str) -> None:
    session.execute(delete(SmsConversation).where(SmsConversation.phone == phone))


def queue_sms(
    session: Session,
    to: Member | str,
    body: str | None,
    kind: DeliveryKind,
    alert_id: int | None = None,
    channel: str = "sms",
) -> None:
    """Queue one SMS (or call) as a delivery row; the engine sends it like any other."""
    member_id = to.id if isinstance(to, Member) else None
    phone = to.phone if isinstance(to, Member) else to
    session.add(
        Delivery(alert_id=alert_id, member_id=member_id, to_phone=phone, kind=kind, body=body,
                 channel=channel)
    )


def queue_to_group(
    session: Session, group_id: int, body: str, kind: DeliveryKind, alert_id: int | None, exclude: int | None
) -> int:
    """Queue one SMS to every member an alert would reach, but one; return how many."""
    rows = session.execute(groups.alert_recipients_query(group_id, exclude)).all()
    if rows:
        now = utcnow()
        session.execute(
            insert(Delivery),
            [
                {"alert_id": alert_id, "member_id": m_id, "to_phone": phone, "kind": kind,
                 "body": body, "state": DeliveryState.QUEUED, "created_at": now, "updated_at": now}
                for m_id, phone, _name in rows
            ],
        )
    return len(rows)


def notify_admins(
    session: Session,
    group_id: int,
    body: str,
    kind: DeliveryKind = DeliveryKind.ADMIN_NOTICE,
    alert_id: int | None = None,
    exclude: int | None = None,
) -> int:
    """Queue one SMS to each admin of a group who can take one (not `exclude`); return how many."""
    count = 0
    for admin in admins(session, group_id):
        if admin.id != exclude and admin.channel == "sms" and admin.sms_error is None:
            queue_sms(session, admin, body, kind, alert_id)
            count += 1
    return count


def admins(session: Session, group_id: int) -> list[Member]:
    return list(
        session.scalars(
            select(Member).where(
                Member.group_id == group_id,
                Member.is_admin.is_(True),
                Member.status == MemberStatus.ACTIVE,
            )
        )
    )


def audit(session: Session, group_id: int, actor: Member | None, action: str, target: str | None, detail: str | None = None) -> None:
    session.add(
        AuditEntry(group_id=group_id, actor_id=actor.id if actor else None, action=action,
                   target_phone=target, detail=detail)
    )


def audited_since(session: Session, group_id: int, action: str, since: datetime) -> bool:
    return session.scalar(
        select(AuditEntry.id).where(
            AuditEntry.group_id == group_id, AuditEntry.action == action, AuditEntry.created_at >= since
        ).limit(1)
    ) is not None


def member_counts(session: Session, group_id: int) -> dict[str, int]:
    rows = session.execute(
        select(Member.status, func.count()).where(Member.group_id == group_id).group_by(Member.status)
    )
    return {status: count for status, count in rows}


def active_names(session: Session, group_id: int) -> list[str]:
    rows = session.scalars(
        select(Member.name).where(Member.group_id == group_id, Member.status == MemberStatus.ACTIVE)
        .order_by(Member.name)
    )
    return [name or "(zonder naam)" for name in rows]


def alerts_in_last_hour(session: Session, *, member_id: int | None = None, group_id: int | None = None) -> int:
    since = utcnow() - timedelta(hours=1)
    query = select(func.count(Alert.id)).where(Alert.created_at >= since)
    if member_id is not None:
        query = query.where(Alert.reporter_id == member_id)
    if group_id is not None:
        query = query.where(Alert.group_id == group_id)
    return session.scalar(query)


def latest_alert(session: Session, group_ids: list[int], within: timedelta | None = None) -> Alert | None:
    query = select(Alert).where(Alert.group_id.in_(group_ids))
    if within is not None:
        query = query.where(Alert.created_at >= utcnow() - within)
    return session.scalar(query.order_by(Alert.created_at.desc(), Alert.id.desc()).limit(1))


def mark_112_called(session: Session, alert_id: int, member_id: int) -> bool:
    """Record that 112 was called for an alert; False when it already said so."""
    return bool(
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.emergency_called != "yes")
            .values(emergency_called="yes", emergency_called_by=member_id, emergency_called_at=utcnow())
        ).rowcount
    )


def cancel_queued(session: Session, phone: str) -> None:
    """Fail whatever still waits to go to a number that just opted out."""
    session.execute(
        update(Delivery)
        .where(Delivery.to_phone == phone, Delivery.state == DeliveryState.QUEUED)
        .values(state=DeliveryState.FAILED, error_code=21610, error_message="opted out", final_at=utcnow())
    )


def add_sign_request(session: Session, group_id: int, member: Member, street: str) -> None:
    session.add(SignRequest(group_id=group_id, requested_by=member.id, street=street))




def alerts_reported(session: Session, member_ids: list[int]) -> int:
    return session.scalar(select(func.count(Alert.id)).where(Alert.reporter_id.in_(member_ids)))
