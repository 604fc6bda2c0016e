"""What coordinators at the municipality or police see: figures per group, never numbers or texts."""
from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ivr.flows import clock, phones, postcodes
from ivr.storage import overview
from ivr.storage.models import MemberStatus, utcnow

REACHED = ("sent", "delivered", "confirmed", "machine")
FAILED = ("failed", "undelivered")
WEEKS = 12
# Each figure's key (JSON, the page) and its CSV header: Dutch, like the page's and the registry's.
CSV_HEADERS = {
    "group": "groep", "area": "gebied", "admins": "beheerders", "active": "actief",
    "invited": "uitgenodigd", "opted_out": "afgemeld", "voice_members": "leden_telefoon",
    "sms_members": "leden_sms", "alerts": "meldingen", "alerts_per_month": "meldingen_per_maand",
    "share_112_called": "aandeel_112_gebeld", "share_112_not_called": "aandeel_112_niet_gebeld",
    "share_not_urgent": "aandeel_geen_spoed", "median_seconds_to_last_delivery": "mediaan_seconden_tot_laatste_bericht",
    "delivery_failure_rate": "aandeel_mislukt", "open_sign_requests": "open_bordaanvragen",
}
COLUMNS = list(CSV_HEADERS)


PAGE_SIZE = 50
SORTS = ("name", "alerts")


@dataclass(frozen=True)
class Page:
    """One page of the coordinators' overview: its groups' figures, and where it stands."""

    rows: list[dict]
    total: int  # groups that match the search
    number: int  # 1-based, within 1..pages
    pages: int
    search: str
    sort: str


def overview_page(
    session: Session, timezone: str, search: str = "", sort: str = "name", number: int = 1,
    within: overview.Scope = None,
) -> Page:
    """PAGE_SIZE groups (of the PC4 ranges `within`) that match `search`, by name or by most
    alerts: only their figures are read, so the page costs the same for 10 groups or 10,000."""
    sort = sort if sort in SORTS else "name"
    total = overview.count_groups(session, search, within)
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(1, number), pages)
    chosen = overview.page_of_groups(
        session, search, sort == "alerts", (number - 1) * PAGE_SIZE, PAGE_SIZE, within)
    by_name = {row["group"]: row for row in group_report(session, timezone, ids=[i for i, _ in chosen])}
    return Page([by_name[name] for _, name in chosen if name in by_name], total, number, pages, search, sort)


def group_report(
    session: Session, timezone: str, since: datetime | None = None, ids: Sequence[int] | None = None
) -> list[dict]:
    """One row of figures per group, by name (alerts from `since` on, a local date when naive;
    only the groups of `ids` when given).

    A handful of grouped queries for all those groups together, however many there are.
    """
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=clock.local(utcnow(), timezone).tzinfo)
    if ids is not None and not ids:
        return []
    tallies = overview.member_tallies(session, ids)
    signs = overview.open_sign_counts(session, ids)
    alerts_of: dict[int, list] = {}
    for alert in overview.alert_rows(session, since, ids):
        alerts_of.setdefault(alert.group_id, []).append(alert)
    deliveries_of: dict[int, list] = {}
    for row in overview.delivery_figures(session, since, REACHED, FAILED, ids):
        deliveries_of.setdefault(row[1], []).append(row)
    rows = []
    for group in overview.groups_by_name(session, ids):
        tally = tallies.get(group.id, {})
        group_alerts = alerts_of.get(group.id, [])
        per_month: dict[str, int] = {}
        for alert in group_alerts:
            month = clock.local(alert.created_at, timezone).strftime("%Y-%m")
            per_month[month] = per_month.get(month, 0) + 1
        rows.append(
            {
                "group": group.name,
                "area": postcodes.shown(group.area),
                "admins": tally.get("admins", 0),
                "active": tally.get(MemberStatus.ACTIVE, 0),
                "invited": tally.get(MemberStatus.INVITED, 0),
                "opted_out": tally.get(MemberStatus.OPTED_OUT, 0),
                "voice_members": tally.get("voice", 0),
                "sms_members": tally.get("sms", 0),
                "alerts": len(group_alerts),
                "alerts_per_month": per_month,
                **_shares(group_alerts),
                **_delivery_figures(deliveries_of.get(group.id, [])),
                "open_sign_requests": signs.get(group.id, 0),
            }
        )
    return rows


def _shares(alerts: list) -> dict:
    def share(value: str) -> float | None:
        if not alerts:
            return None
        return round(sum(1 for a in alerts if a.emergency_called == value) / len(alerts), 3)

    return {
        "share_112_called": share("yes"),
        "share_112_not_called": share("no"),
        "share_not_urgent": share("not_urgent"),
    }


def _delivery_figures(per_alert: list) -> dict:
    """Median seconds from an alert to its last delivery handed over, and the failure rate."""
    if not per_alert:
        return {"median_seconds_to_last_delivery": None, "delivery_failure_rate": None}
    last = [(last_sent - created).total_seconds() for _, _, created, last_sent, _, _ in per_alert
            if last_sent is not None]
    failed = sum(row[4] or 0 for row in per_alert)
    total = sum(row[5] for row in per_alert)
    return {
        "median_seconds_to_last_delivery": round(statistics.median(last), 1) if last else None,
        "delivery_failure_rate": round(failed / total, 3) if total else None,
    }


def alerts_per_week(
    session: Session, timezone: str, now: datetime | None = None, within: overview.Scope = None
) -> list[tuple[str, int]]:
    """Alert counts (of the groups in `within`) for the last WEEKS local ISO weeks, oldest first."""
    today = clock.local(now or utcnow(), timezone)
    start = (today - timedelta(weeks=WEEKS - 1, days=today.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    counts: dict[str, int] = {}
    for created in overview.alert_times(session, start, within):
        label = _week(clock.local(created, timezone))
        counts[label] = counts.get(label, 0) + 1
    labels = [_week(start + timedelta(weeks=n)) for n in range(WEEKS)]
    return [(label, counts.get(label, 0)) for label in labels]


def _week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


# A cell a spreadsheet would read as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs: text starting like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_csv(rows: list[dict]) -> str:
    """The report as CSV with Dutch headers, as the page and the registry: months as "2026-10:3"."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([CSV_HEADERS[key] for key in COLUMNS])
    for row in rows:
        months = " ".join(f"{month}:{count}" for month, count in row["alerts_per_month"].items())
        cells = {**row, "alerts_per_month": months}
        writer.writerow([safe_cell(cells[key]) for key in COLUMNS])
    return out.getvalue()


REGISTRY_COLUMNS = ["groep", "gebied", "beheerders", "telefoon_beheerders", "actieve_leden", "sinds"]


def registry_csv(session: Session, timezone: str) -> str:
    """Groups with area and every admin's contact, for the national buurtpreventie registry.

    Several admins share a cell, in the same order in both cells, separated by "; ".
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTRY_COLUMNS)
    tallies, admins_of = overview.member_tallies(session), overview.admins_by_group(session)
    for group in overview.groups_by_name(session):
        admins = admins_of.get(group.id, [])
        writer.writerow([safe_cell(cell) for cell in (
            group.name, postcodes.shown(group.area),
            "; ".join(name or "-" for name, _ in admins),
            "; ".join(phones.local(phone) for _, phone in admins),
            tallies.get(group.id, {}).get(MemberStatus.ACTIVE, 0),
            clock.local(group.created_at, timezone).strftime("%Y-%m-%d"),
        )])
    return out.getvalue()
