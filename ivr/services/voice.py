"""An inbound call's steps: runs the call flow for one request and does what it asks of storage."""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from ivr.flows import call as flow
from ivr.flows import catalogue, phones
from ivr.flows.catalogue import t
from ivr.flows.postcodes import Postcode
from ivr.services import joining, member_calls, reporting
from ivr.storage import alerts, call_sessions, members, recordings
from ivr.storage.models import Alert, CallSession, Group, Member


def begin(
    session: Session, call_sid: str, caller_raw: str, config: Mapping, hidden: bool = False
) -> flow.Prompt:
    """Start a call: identify the caller, resume a held report, and ask the first question."""
    existing = call_sessions.load(session, call_sid)
    if existing is not None:  # the provider retried the first request: say the same again
        return _replay(existing)
    caller = phones.try_normalise(caller_raw)
    memberships = members.active_memberships(session, caller) if caller else []
    recording = bool(config.get("RECORD_DESCRIPTIONS", False))
    # Recording only helps where some neighbour hears alerts on a landline.
    landlines = members.groups_with_landlines(session, [m.group_id for m in memberships]) if recording else set()
    offered = [
        {"id": m.group_id, "name": m.group.name, "member_id": m.id, "street": m.street,
         "record": m.group_id in landlines}
        for m in memberships
    ]
    held = call_sessions.unfinished_report(session, caller, flow.RESUME_MINUTES) if caller and offered else None
    transition = flow.start(offered, _resumable(held) if held else None, recording, hidden=hidden,
                            can_join=caller is not None, lang=_language(session, caller, memberships))
    caller_key = caller or (caller_raw or "")[:20]
    row = call_sessions.claim(session, call_sid, caller_key, transition.call.state)
    if row is None:  # the same first request, at the same moment: say what the other says
        return _replay(call_sessions.load(session, call_sid))
    if held is not None and transition.call.data.get("group_id") == held.data.get("group_id"):
        call_sessions.take_over(held, row)
    return _apply(session, row, transition, config)


def _language(session: Session, caller: str | None, memberships: list[Member]) -> str:
    """The caller's language: their membership's; an invitee's or a number that left, the one
    it had; anyone else's, Dutch (and they hear how to reach English)."""
    if memberships:
        return memberships[0].language
    return catalogue.language(members.language_of(session, caller) if caller else None)


def _resumable(row: CallSession) -> dict:
    """A held or cut-off report's data, with the question its call stopped at."""
    data = {k: v for k, v in row.data.items() if k not in (SAID, SHORT)}
    if row.state not in (flow.State.GAVE_UP, flow.State.RESUME) or "left_at" not in data:
        data["left_at"] = row.state
    return data


def answer(
    session: Session, call_sid: str, caller_raw: str, asked: str, inp: flow.Input, config: Mapping
) -> flow.Prompt:
    """Take the caller's answer to the question `asked` and move the call on."""
    row = call_sessions.load(session, call_sid)
    if row is None:  # no trace of this call (it began elsewhere): start it afresh
        return begin(session, call_sid, caller_raw, config)
    current = _call_state(row)
    if asked != row.state:  # a stale or repeated request: say again what was said last
        return _replay(row)
    return _apply(session, row, flow.step(current, inp), config)


SAID = "_said"  # in a call's data: the preface of the last answer, so a retry hears it again
SHORT = "_short"  # ... and whether that preface was the question's short form


def _call_state(row: CallSession) -> flow.CallState:
    data = {k: v for k, v in row.data.items() if k not in (SAID, SHORT)}
    return flow.CallState(flow.State(row.state), data, row.no_input, row.invalid)


def _replay(row: CallSession) -> flow.Prompt:
    """The last answer again, word for word: what a retried or doubled request gets."""
    said = tuple(row.data.get(SAID, ()))
    return flow.prompt(flow.Transition(_call_state(row), said, short=bool(row.data.get(SHORT))))


def _apply(session: Session, row: CallSession, transition: flow.Transition, config: Mapping) -> flow.Prompt:
    """Carry out the transition's effect, save the call's new state, and render the prompt."""
    call = transition.call
    data = dict(call.data)
    if transition.effect is flow.Effect.HOLD_REPORT:
        call_sessions.hold(row, flow.HOLD_MINUTES)
    elif transition.effect is flow.Effect.RELEASE_REPORT:
        call_sessions.release(session, row.caller)
    elif transition.effect is flow.Effect.SEND_ALERT and row.alert_id is None:
        _send_alert(session, row, data, config)
        if row.alert_id is not None:
            call_sessions.release(session, row.caller)
    elif transition.effect is flow.Effect.CLOSE_ALERT and "told" not in data:
        data["told"] = _close(session, data, config)
    elif transition.effect is flow.Effect.FIND_GROUPS:
        found = joining.covering(session, Postcode(data["pc4"]))
        call = flow.join_groups(call, [{"id": g.id, "name": g.name} for g in found])
        data = dict(call.data)
    elif transition.effect is flow.Effect.JOIN_REQUEST and "join_outcome" not in data:
        data["join_outcome"] = _join(session, row.caller, data, config)
    preface = transition.preface
    if transition.effect is flow.Effect.PLAY_LATEST:
        latest = alerts.latest_alert(session, [data["group_id"]])
        preface += tuple(_latest_alert_lines(latest, config["TIMEZONE"], flow.language(data)))
        if _may_close(session, latest, data):
            call = flow.offer_close(call, latest.id)
            data = dict(call.data)
    row.state = call.state
    row.data = {**data, SAID: [line for line in preface if isinstance(line, str)], SHORT: transition.short}
    row.no_input = call.no_input
    row.invalid = call.invalid
    session.flush()
    return flow.prompt(flow.Transition(flow.CallState(call.state, data), preface, transition.effect,
                                       transition.short))


def _latest_alert_lines(latest: Alert | None, timezone: str, lang: str) -> list:
    """The group's latest alert as speech, for a member who asks to hear it."""
    if latest is None:
        return [t("voice.latest_none", lang)]
    lines = [t("voice.latest_intro", lang)] + member_calls.alert_lines(latest, timezone, lang)
    return lines + [t("voice.latest_closed", lang)] if latest.closed_at is not None else lines


def _may_close(session: Session, latest: Alert | None, data: dict) -> bool:
    """Whether the caller is asked if the latest alert is over: it is the alert an SMS
    AFGEROND from them would close (open, recent, theirs or their group's as an admin)."""
    member = session.get(Member, data["member_id"]) if latest is not None and data.get("member_id") else None
    if member is None:
        return False
    verdict, open_alerts = reporting.closable(session, [member])
    return verdict == "open" and open_alerts[0][0].id == latest.id


def _join(session: Session, caller: str, data: dict, config: Mapping) -> str:
    """Ask the chosen group's admins to invite the caller, by the same path as an SMS MEEDOEN."""
    group = session.get(Group, data["join_group"]["id"])
    if group is None or phones.try_normalise(caller) is None:
        return joining.Outcome.SENT  # nothing to ask; the caller hears what anyone hears
    words, lang = data.get("join_words", ""), flow.language(data)
    return joining.request(session, group, caller, "voice", words, config, lang)


def _close(session: Session, data: dict, config: Mapping) -> int | None:
    """The all-clear of the alert the caller heard, by the same path as an SMS AFGEROND."""
    alert, member = session.get(Alert, data["closing"]), session.get(Member, data["member_id"])
    if alert is None or member is None:
        return None
    return reporting.close(session, alert, member, "", config)


def _send_alert(session: Session, row: CallSession, data: dict, config: Mapping) -> None:
    """Submit the caller's report; the prompt then says how many it went to, or why not."""
    submitted = reporting.submit(
        session,
        reporting.Report(
            group_id=data["group_id"],
            reporter_id=data.get("member_id"),
            channel="voice",
            category=data["category"],
            location=data["location"],
            description=data.get("description", ""),
            emergency_called=data["emergency_called"],
        ),
        config,
    )
    if submitted.alert is None:
        data["refused"] = submitted.refused
        return
    data["recipients"] = submitted.recipients
    row.alert_id = submitted.alert.id
    recordings.link_call(session, row.call_sid, submitted.alert.id)
