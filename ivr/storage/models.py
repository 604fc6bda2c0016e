"""The line's tables, as SQLAlchemy 2.0 typed models."""
from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


# The longest text each kind of field keeps (the same on SQLite, which ignores VARCHAR lengths,
# and on PostgreSQL, which enforces them): the services shorten or refuse longer input.
NAME_LENGTH = 120
STREET_LENGTH = 120
AREA_LENGTH = 120
PHONE_LENGTH = 20
SID_LENGTH = 64

# Named constraints so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


DEFAULT_LANGUAGE = "nl"  # a member's language until they or their admin choose another


class MemberStatus(StrEnum):
    ACTIVE = "active"
    INVITED = "invited"
    OPTED_OUT = "opted_out"  # replied STOP: never sent anything until they opt back in
    INACTIVE = "inactive"


class EmergencyCalled(StrEnum):
    """Whether the reporter called 112; the alert says exactly one of these."""

    YES = "yes"
    NO = "no"
    NOT_URGENT = "not_urgent"


class Category(StrEnum):
    PERSON = "person"
    VEHICLE = "vehicle"
    BURGLARY = "burglary"
    OTHER = "other"


class AlertStatus(StrEnum):
    SENDING = "sending"
    SENT = "sent"


class DeliveryKind(StrEnum):
    ALERT = "alert"
    ADMIN_SUMMARY = "admin_summary"
    NOTICE = "notice"  # "112 IS NU GEBELD" to the group
    ALL_CLEAR = "all_clear"  # "... is AFGEROND" to everyone who got the alert
    JOIN_REQUEST = "join_request"  # to a group's admins: a resident asks to join
    REPLY = "reply"  # to one member, in their own exchange: the 112 question's reminder, its lapse
    ADMIN_NOTICE = "admin_notice"  # one line to the other admins about an admin change
    INVITATION = "invitation"
    VOICE_INVITATION = "voice_invitation"
    MEMBER_NOTICE = "member_notice"  # to one member: removed, ...
    TEST = "test"


class DeliveryState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    # Voice only: an answering machine took the short message; a person pressed 1.
    MACHINE = "machine"
    CONFIRMED = "confirmed"


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[Member]] = relationship(back_populates="group")
    postcodes: Mapped[list[GroupPostcode]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupPostcode.pc4, GroupPostcode.letters"
    )


class GroupPostcode(Base):
    """One postcode of a group's area: a PC4 (letters "") or a PC6."""

    __tablename__ = "group_postcodes"
    __table_args__ = (UniqueConstraint("group_id", "pc4", "letters"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    pc4: Mapped[int] = mapped_column(Integer, index=True)  # who covers 1234: one index lookup
    letters: Mapped[str] = mapped_column(String(2), default="")

    group: Mapped[Group] = relationship(back_populates="postcodes")


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("group_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    street: Mapped[str | None] = mapped_column(String(STREET_LENGTH))
    is_admin: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default=MemberStatus.ACTIVE)
    number_kind: Mapped[str] = mapped_column(String(8))
    # How alerts reach them: "sms", or "voice" (a phone call; automatic for landlines).
    channel: Mapped[str] = mapped_column(String(8), default="sms", server_default="sms")
    # NACHT UIT: no call for alerts in NIGHT_HOURS (an SMS is never held: a phone can be silenced).
    no_night_calls: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What the line says and texts to them is in this language (TAAL EN, LID ... TR): nl, en, tr.
    language: Mapped[str] = mapped_column(String(2), default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The provider's error code for why this number cannot take SMS (invalid, landline): not retried.
    sms_error: Mapped[int | None] = mapped_column(Integer)

    group: Mapped[Group] = relationship(back_populates="members")


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    channel: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    emergency_called: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=AlertStatus.SENDING)
    # The exact SMS every recipient gets, composed once so all deliveries agree.
    sms_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set once when the admins were told of permanent failures, so they are told only once.
    summary_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who told the line 112 was called after the alert went out (a "112" reply), and when.
    emergency_called_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    emergency_called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the retention purge erased what the alert said (location, description, text).
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The all-clear: who said it is over (the reporter or an admin), and when; once.
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    group: Mapped[Group] = relationship()
    deliveries: Mapped[list[Delivery]] = relationship(back_populates="alert")


class Delivery(Base):
    __tablename__ = "deliveries"
    # One delivery of each kind per member per alert: the database refuses a second one.
    __table_args__ = (
        UniqueConstraint("alert_id", "member_id", "kind"),
        Index("ix_deliveries_alert_state", "alert_id", "state"),
        Index("ix_deliveries_state_due", "state", "next_attempt_at"),
        # The send queue: only queued rows, by lane (channel, kind, alert) and age. The claim
        # reads it without walking the whole delivery history.
        Index("ix_deliveries_queue", "channel", "kind", "alert_id", "id",
              postgresql_where=text("state = 'queued'"), sqlite_where=text("state = 'queued'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Empty for messages that belong to no alert (invitations, admin notices, tests).
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    to_phone: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(8), default="sms")
    kind: Mapped[str] = mapped_column(
        String(16), default=DeliveryKind.ALERT, server_default=DeliveryKind.ALERT.value
    )
    # The text, when it is not the alert's own SMS (an admin summary).
    body: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=DeliveryState.QUEUED)
    sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Why it failed for good, in the line's own words (opted_out, invalid, landline, ...).
    failure: Mapped[str | None] = mapped_column(String(16))
    # The provider's own error code, for the operator.
    error_code: Mapped[int | None] = mapped_column(Integer)
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    # A queued retry waits until then.
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When a worker took it; a "sending" row whose claim is old lost its worker.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last attempt's outcome is unknown: ask the provider whether it was sent before sending again.
    verify: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    alert: Mapped[Alert | None] = relationship(back_populates="deliveries")
    member: Mapped[Member | None] = relationship()


class EarlyStatus(Base):
    """A status callback that arrived before its SID was stored; applied when it is."""

    __tablename__ = "early_statuses"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CallSession(Base):
    """Where one phone call is in the flow, and what the caller has said so far."""

    __tablename__ = "call_sessions"

    call_sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    caller: Mapped[str] = mapped_column(String(20), index=True)
    state: Mapped[str] = mapped_column(String(24))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    no_input: Mapped[int] = mapped_column(default=0)
    invalid: Mapped[int] = mapped_column(default=0)
    # Set while a report waits for the caller to call 112 and call back.
    held_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OutboxMessage(Base):
    """A message the development sender kept instead of handing it to the provider."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    to_phone: Mapped[str] = mapped_column(String(20))
    from_phone: Mapped[str | None] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SmsConversation(Base):
    """An SMS exchange waiting for the sender's next answer (a report asking about 112)."""

    __tablename__ = "sms_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    state: Mapped[str] = mapped_column(String(24))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    member: Mapped[Member] = relationship()


class InboundMessage(Base):
    """An SMS the provider delivered, by its SID: a retried delivery gets the same reply, once."""

    __tablename__ = "inbound_messages"

    message_sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    phone: Mapped[str] = mapped_column(String(20))
    reply: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """Who changed what in a group, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    action: Mapped[str] = mapped_column(String(32))
    target_phone: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class SignRequest(Base):
    """A group's request for a neighbourhood-watch street sign, for the municipality."""

    __tablename__ = "sign_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    street: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JoinRequest(Base):
    """A resident asked (by phone or SMS, with their postcode) to join a group; kept as long as
    any alert text, then purged with what they said."""

    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    words: Mapped[str] = mapped_column(Text, default="")  # their name and street, as said
    passed_on: Mapped[bool] = mapped_column(default=True)  # False: a number that said no
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class JoinLimit(Base):
    """A number's last join request that reached admins: one row a number, so "once a week"
    is one conditional UPDATE, however many requests come at once."""

    __tablename__ = "join_limits"

    phone: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Coordinator(Base):
    """An official of the municipality or police who may read the coordinators' page."""

    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # Raised by a logout or a password change: every session cookie made before is void.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The PC4 prefixes and ranges whose groups this account sees ("12 1300-1399"); empty: all.
    area: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Recording(Base):
    """The reporter's own words, recorded at the provider during a voice report; deleted at purge."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    call_sid: Mapped[str] = mapped_column(String(64), index=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    # kept -> deleted; a failed delete stays "kept", counts its attempts and is tried again.
    state: Mapped[str] = mapped_column(String(16), default="kept")
    delete_attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)



class NumberRefusal(Base):
    """A number that said no: STOP (until START), or an invitation declined or left to lapse."""

    __tablename__ = "number_refusals"
    __table_args__ = (UniqueConstraint("phone", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), index=True)
    # "stop" (kept until START), "declined" or "lapsed" (kept for REINVITE_DAYS).
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginAttempt(Base):
    """Password checks per key (an e-mail and a client, or an e-mail alone) in the current window."""

    __tablename__ = "login_attempts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tries: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JobRun(Base):
    """When a scheduled job (the nightly purge) last ran, so a restart knows whether it is due."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SendPace(Base):
    """A sending lane's shared schedule: the moment (epoch seconds) up to which it is booked.

    Every process that sends books its slots here (or in Redis), so the line as a whole keeps
    to SMS_PER_SECOND and CALLS_PER_SECOND however many processes send.
    """

    __tablename__ = "send_pace"

    lane: Mapped[str] = mapped_column(String(16), primary_key=True)
    booked_until: Mapped[float] = mapped_column(Float, default=0.0)
