"""What coordinators at the municipality or police see: figures per group, never numbers or texts."""
from __future__ import annotations

import csv
import io
import statistics
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.storage.models import Alert, Delivery, DeliveryKind, Group, Member, MemberStatus, SignRequest

ZONE = ZoneInfo("Europe/Amsterdam")
REACHED = ("sent", "delivered", "confirmed", "machine")
FAILED = ("failed", "undelivered")
COLUMNS = [
    "group", "area", "admins", "active", "invited", "opted_out", "voice_members", "sms_members",
    "alerts", "alerts_per_month", "share_112_called", "share_112_not_called", "share_not_urgent",
    "median_seconds_to_last_delivery", "delivery_failure_rate", "open_sign_requests",
]


def group_report(session: Session, since: datetime | None = None) -> list[dict]:
    """One row of figures per group (alerts from `since` on, when given)."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=ZONE)
    rows = []
    for group in session.scalars(select(Group).order_by(Group.name)):
        members = session.execute(
            select(Member.status, Member.channel, Member.is_admin).where(Member.group_id == group.id)
        ).all()
        active = [m for m in members if m.status == MemberStatus.ACTIVE]
        query = select(Alert).where(Alert.group_id == group.id)
        if since is not None:
            query = query.where(Alert.created_at >= since)
        group_alerts = list(session.scalars(query.order_by(Alert.created_at)))
        per_month: dict[str, int] = {}
        for alert in group_alerts:
            month = alert.created_at.astimezone(ZONE).strftime("%Y-%m")
            per_month[month] = per_month.get(month, 0) + 1
        rows.append(
            {
                "group": group.name,
                "area": group.area or "",
                "admins": sum(1 for m in active if m.is_admin),
                "active": len(active),
                "invited": sum(1 for m in members if m.status == MemberStatus.INVITED),
                "opted_out": sum(1 for m in members if m.status == MemberStatus.OPTED_OUT),
                "voice_members": sum(1 for m in active if m.channel == "voice"),
                "sms_members": sum(1 for m in active if m.channel == "sms"),
                "alerts": len(group_alerts),
                "alerts_per_month": per_month,
                **_shares(group_alerts),
                **_delivery_figures(session, [a.id for a in group_alerts]),
                "open_sign_requests": session.scalar(
                    select(func.count(SignRequest.id)).where(
                        SignRequest.group_id == group.id, SignRequest.status == "open"
                    )
                ),
            }
        )
    return rows


def _shares(alerts: list[Alert]) -> dict:
    def share(value: str) -> float | None:
        if not alerts:
            return None
        return round(sum(1 for a in alerts if a.emergency_called == value) / len(alerts), 3)

    return {
        "share_112_called": share("yes"),
        "share_112_not_called": share("no"),
        "share_not_urgent": share("not_urgent"),
    }


def _delivery_figures(session: Session, alert_ids: list[int]) -> dict:
    """Median seconds from an alert to its last delivery handed over, and the failure rate."""
    if not alert_ids:
        return {"median_seconds_to_last_delivery": None, "delivery_failure_rate": None}
    rows = session.execute(
        select(Delivery.alert_id, Delivery.state, Delivery.sent_at, Alert.created_at)
        .join(Alert, Alert.id == Delivery.alert_id)
        .where(Delivery.alert_id.in_(alert_ids), Delivery.kind == DeliveryKind.ALERT)
    ).all()
    last: dict[int, float] = {}
    for alert_id, state, sent_at, created_at in rows:
        if state in REACHED and sent_at is not None:
            seconds = (_aware(sent_at) - _aware(created_at)).total_seconds()
            last[alert_id] = max(last.get(alert_id, 0.0), seconds)
    failed = sum(1 for _, state, _, _ in rows if state in FAILED)
    return {
        "median_seconds_to_last_delivery": round(statistics.median(last.values()), 1) if last else None,
        "delivery_failure_rate": round(failed / len(rows), 3) if rows else None,
    }


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def as_csv(rows: list[dict]) -> str:
    """The report as CSV: one line per group; months as "2026-10:3 2026-11:5"."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        months = " ".join(f"{month}:{count}" for month, count in row["alerts_per_month"].items())
        writer.writerow({**row, "alerts_per_month": months})
    return out.getvalue()


def registry_csv(session: Session) -> str:
    """Groups with area and an admin contact, for the national WhatsApp-buurtpreventie registry."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["groep", "gebied", "beheerder", "telefoon_beheerder", "actieve_leden", "sinds"])
    for group in session.scalars(select(Group).order_by(Group.name)):
        admin = session.scalar(
            select(Member)
            .where(Member.group_id == group.id, Member.is_admin.is_(True), Member.status == MemberStatus.ACTIVE)
            .order_by(Member.id)
            .limit(1)
        )
        active = session.scalar(
            select(func.count(Member.id)).where(Member.group_id == group.id, Member.status == MemberStatus.ACTIVE)
        )
        writer.writerow([
            group.name, group.area or "", (admin.name or "") if admin else "",
            admin.phone if admin else "", active, group.created_at.astimezone(ZONE).strftime("%Y-%m-%d"),
        ])
    return out.getvalue()
