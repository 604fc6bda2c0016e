"""The call service: runs the flow for one Twilio request and does what it asks of storage."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ivr import outbound, phones, rules
from ivr.catalogue import t
from ivr.flows import alert_call
from ivr.flows import call as flow
from ivr.storage import alerts, calls, groups, recordings
from ivr.storage import sms as store
from ivr.storage.models import CallSession, Member


@dataclass(frozen=True)
class Outcome:
    """The prompt to render, the alert to hand to the sender after commit, other SMS queued."""

    prompt: flow.Prompt
    alert_id: int | None = None
    queued: bool = False


def begin(db: Session, call_sid: str, caller_raw: str, config: Mapping) -> Outcome:
    """Start a call: identify the caller, resume a held report, and ask the first question."""
    existing = calls.load(db, call_sid)
    if existing is not None:  # Twilio retried the first request: say the same again
        return Outcome(flow.prompt(flow.Transition(_call_state(existing))))
    caller = phones.try_normalise(caller_raw)
    memberships = groups.active_memberships(db, caller) if caller else []
    offered = [
        {"id": m.group_id, "name": m.group.name, "member_id": m.id, "street": m.street}
        for m in memberships
    ]
    held = calls.held_report(db, caller) if caller else None
    transition = flow.start(offered, held.data if held else None, config.get("RECORD_DESCRIPTIONS", False))
    caller_key = caller or (caller_raw or "")[:20]
    row = CallSession(call_sid=call_sid, caller=caller_key, state=transition.call.state, data={})
    db.add(row)
    return _apply(db, row, transition, config)


def answer(
    db: Session, call_sid: str, caller_raw: str, asked: str, inp: flow.Input, config: Mapping
) -> Outcome:
    """Take the caller's answer to the question `asked` and move the call on."""
    row = calls.load(db, call_sid)
    if row is None:  # no trace of this call (it began elsewhere): start it afresh
        return begin(db, call_sid, caller_raw, config)
    current = _call_state(row)
    if asked != row.state:  # a stale or repeated request: ask the current question again
        return Outcome(flow.prompt(flow.Transition(current)))
    return _apply(db, row, flow.step(current, inp), config)


def _call_state(row: CallSession) -> flow.CallState:
    return flow.CallState(flow.State(row.state), dict(row.data), row.no_input, row.invalid)


def _apply(db: Session, row: CallSession, transition: flow.Transition, config: Mapping) -> Outcome:
    """Carry out the transition's effect, save the call's new state, and render the prompt."""
    call = transition.call
    data = dict(call.data)
    alert_id, queued = None, False
    if transition.effect is flow.Effect.HOLD_REPORT:
        calls.hold(row, flow.HOLD_MINUTES)
    elif transition.effect is flow.Effect.RELEASE_REPORT:
        calls.release(db, row.caller)
    elif transition.effect is flow.Effect.SEND_ALERT and row.alert_id is None:
        alert_id, queued = _send_alert(db, row, data, config)
    preface = transition.preface
    if transition.effect is flow.Effect.PLAY_LATEST:
        preface += tuple(_latest_alert_lines(db, data["group_id"], config["TIMEZONE"]))
    row.state = call.state
    row.data = data
    row.no_input = call.no_input
    row.invalid = call.invalid
    db.flush()
    said = flow.Transition(flow.CallState(call.state, data), preface, transition.effect)
    return Outcome(flow.prompt(said), alert_id, queued)


def _latest_alert_lines(db: Session, group_id: int, timezone: str) -> list[str]:
    """The group's latest alert as speech, for a member who asks to hear it."""
    latest = store.latest_alert(db, [group_id])
    if latest is None:
        return [t("voice.latest_none")]
    return [t("voice.latest_intro")] + alert_call.alert_lines(outbound.alert_facts(latest, timezone))


def _send_alert(db: Session, row: CallSession, data: dict, config: Mapping) -> tuple[int | None, bool]:
    """Store the alert and its deliveries, unless the caller is past the hourly limit.

    Offensive words in what the caller said are masked in the SMS, and the admins told.
    Returns the alert's id (None when refused) and whether other SMS were queued.
    """
    member = db.get(Member, data["member_id"]) if data.get("member_id") else None
    if member is not None and rules.over_limit(db, member, config):
        data["refused"] = "limit"
        return None, True
    location, masked_where = rules.mask_speech(data["location"])
    description, masked_what = rules.mask_speech(data.get("description", ""))
    alert, data["recipients"] = alerts.create_alert(
        db,
        alerts.Report(
            group_id=data["group_id"],
            reporter_id=data.get("member_id"),
            channel="voice",
            category=data["category"],
            location=location,
            description=description,
            emergency_called=data["emergency_called"],
        ),
        timezone=config["TIMEZONE"],
    )
    row.alert_id = alert.id
    recordings.link_call(db, row.call_sid, alert.id)
    if masked_where or masked_what:
        rules.tell_admins_masked(db, alert, config["TIMEZONE"])
        return alert.id, True
    return alert.id, False
