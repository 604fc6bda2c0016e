"""Operator commands: `flask --app app <command>` (the names are a contract)."""
from __future__ import annotations

import functools
import json
import signal
import threading
import time
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from ivr import db, jobs, migrate
from ivr.extensions import current
from ivr.flows import clock, phones, postcodes
from ivr.flows.catalogue import LANGUAGES
from ivr.sending.dispatcher import CeleryDispatcher, Holding
from ivr.services import accounts, figures, membership
from ivr.storage import alerts, deliveries, groups, members
from ivr.storage import outbox as outbox_store
from ivr.storage.models import DeliveryState, utcnow


def init_app(app: Flask) -> None:
    """Register the command groups."""
    for command in (
        db_cli, group_cli, member_cli, alert_cli, outbox, simulate_cli, demo, worker, purge,
        report, registry_cli, coordinator_cli,
    ):
        if command is not db_cli:
            _explain_missing_tables(command)
        app.cli.add_command(command)


def _explain_missing_tables(command: click.Command) -> None:
    """A command on a database without the line's tables says to migrate, and one that finds
    the database locked past the busy timeout says so: one line each, not a traceback."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _explain_missing_tables(sub)
        return
    callback = command.callback
    if callback is None or getattr(callback, "explains_tables", False):
        return

    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except (OperationalError, ProgrammingError) as exc:
            if _missing_table(exc):
                raise click.ClickException(
                    "the database has no Buurtlijn tables yet: run `flask --app app db upgrade` first"
                ) from exc
            if _locked(exc):
                raise click.ClickException(
                    f"the database stayed locked by another process for {db.BUSY_SECONDS} s; "
                    "nothing was changed: try again in a moment"
                ) from exc
            raise

    run.explains_tables = True  # type: ignore[attr-defined]
    command.callback = run


def _error_text(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).lower()


def _locked(exc: Exception) -> bool:
    return "database is locked" in _error_text(exc)


def _missing_table(exc: Exception) -> bool:
    text = _error_text(exc)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


# --- commands that queue messages ------------------------------------------------------------
#
# An operator command is a short-lived process. Were it to send what it queued in its own
# threads, it would claim rows and exit mid-send: the running line would find them only after
# the claim's lease. So it leaves them queued for the line that runs (the embedded web
# process's sweep, or the Celery workers) and says so; `--send` sends them here, in the
# foreground, when no line runs.

KIND_WORDS = {
    "invitation": ("invitation", "invitations"),
    "voice_invitation": ("invitation call", "invitation calls"),
    "admin_notice": ("admin notice", "admin notices"),
    "member_notice": ("member notice", "member notices"),
    "admin_summary": ("admin summary", "admin summaries"),
    "join_request": ("join request", "join requests"),
}
# A --send that finds only retries further off than this leaves them to the line.
SEND_PATIENCE_SECONDS = 30


def queues_messages(command: click.Command) -> click.Command:
    """Give a command that queues messages `--send`, and a line on who sends what it queued."""
    callback = command.callback
    assert callback is not None

    @functools.wraps(callback)
    def run(*args, send: bool, **kwargs):
        app = current()
        with db.unit_of_work(dispatch=False) as session:
            mark = deliveries.last_id(session)
        line = app.dispatcher
        if send or not isinstance(line, CeleryDispatcher):
            app.dispatcher = Holding()  # this process claims nothing it will not send
        try:
            result = callback(*args, **kwargs)
        finally:
            app.dispatcher = line
        _after_queuing(app, mark, send)
        return result

    command.callback = with_appcontext(run)
    command.params.append(click.Option(
        ["--send"], is_flag=True,
        help="Send what the command queues here, in the foreground (when no line runs).",
    ))
    return command


def _counted(by_kind: dict[str, int]) -> str:
    """'2 invitations and 1 admin notice': what was queued, in the operator's words."""
    parts = []
    for kind, count in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])):
        one, many = KIND_WORDS.get(kind, ("message", "messages"))
        parts.append(f"{count} {one if count == 1 else many}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _by_kind(found: dict[tuple[str, str], int], states=None, leave_out=()) -> dict[str, int]:
    """The rows of `found` (by kind and state) counted by kind: those in `states` (all when
    None), but not the kinds in `leave_out`."""
    counted: dict[str, int] = {}
    for (kind, state), count in found.items():
        if (states is None or state in states) and kind not in leave_out:
            counted[kind] = counted.get(kind, 0) + count
    return counted


WAITING = (DeliveryState.QUEUED, DeliveryState.SENDING)


def _after_queuing(app, mark: int, send: bool) -> None:
    """Say what the command queued and who sends it; with --send, send it here."""
    with db.unit_of_work(dispatch=False) as session:
        queued = _by_kind(deliveries.after(session, mark))
    if not queued:
        return
    policy = app.broadcast.policy
    now = utcnow()
    held = {kind: n for kind, n in queued.items() if kind in policy.held(now)}
    if send:
        _send_here(app, mark, sum(queued.values()) - sum(held.values()), tuple(held))
    elif isinstance(app.dispatcher, CeleryDispatcher):
        click.echo(f"{_counted(queued)} queued; the running line sends them (the Celery workers).")
    else:
        sweep = app.config["SEND_SWEEP_SECONDS"]
        click.echo(
            f"{_counted(queued)} queued; the running line sends them within {sweep:g} s "
            f"(SEND_SWEEP_SECONDS). No line running? Add --send, or run `flask --app app worker --once`."
        )
    if held:
        until = clock.local(policy.held_until(now), app.config["TIMEZONE"]).strftime("%H:%M")
        click.echo(f"{_counted(held)} held for the quiet hours until {until} (QUIET_HOURS); they go then.")


def _send_here(app, mark: int, total: int, held: tuple[str, ...]) -> None:
    """Send what is due here, with a progress bar, until the command's messages (but those
    `held` for the quiet hours) are out."""
    broadcast = app.broadcast
    finished = threading.Event()
    problem: list[BaseException] = []

    def counts() -> tuple[int, int]:
        """The command's messages still waiting, and those that failed."""
        with db.unit_of_work(app, dispatch=False, reads_only=True) as session:
            found = deliveries.after(session, mark)
        waiting = sum(_by_kind(found, WAITING, held).values())
        return waiting, sum(_by_kind(found, (DeliveryState.FAILED,)).values())

    def sending() -> None:
        try:
            with app.app_context():
                while not broadcast.stopping:
                    stats = broadcast.run()
                    if not counts()[0] or stats.next_due is None:
                        return
                    ahead = (stats.next_due - utcnow()).total_seconds()
                    if ahead > SEND_PATIENCE_SECONDS:
                        return
                    time.sleep(min(max(ahead, 0.05), 1.0))
        except BaseException as exc:  # told to the operator below, in one line
            problem.append(exc)
        finally:
            finished.set()

    worker_thread = threading.Thread(target=sending, name="send-here")
    worker_thread.start()
    try:
        with click.progressbar(length=total, label="sending", show_pos=True) as bar:
            while not finished.wait(0.2):
                bar.update(total - counts()[0] - bar.pos)
            left, failed = counts()
            bar.update(total - left - bar.pos)
    except KeyboardInterrupt:
        broadcast.stop()  # finish what is in flight, hand back the rest
        worker_thread.join()
        click.echo("stopped: what was not sent stays queued for the line")
        raise SystemExit(1) from None
    worker_thread.join()
    if problem:
        raise click.ClickException(f"sending stopped: {problem[0]}")
    line = f"sent {total - left - failed} of {total}"
    if failed:
        line += f", {failed} failed (alert list and the outbox say why)"
    if left:
        line += f"; {left} wait for a retry, which the line makes"
    click.echo(line)


# --- db ------------------------------------------------------------------------------------


@click.group(cls=AppGroup, name="db")
def db_cli() -> None:
    """Database migrations."""


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema up to date (safe to run again)."""
    migrate.upgrade(current())
    click.echo("database is up to date")


@db_cli.command("current")
def db_current() -> None:
    """Show the revision the database is at."""
    migrate.current(current())


@db_cli.command("history")
def db_history() -> None:
    """List the migrations."""
    migrate.history(current())


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Take the schema back to REVISION (e.g. -1, or 0008)."""
    migrate.downgrade(current(), revision)
    click.echo(f"database is at {revision}")


@db_cli.command("revision")
@click.argument("message")
def db_revision(message: str) -> None:
    """Write a new migration from model changes (for developers)."""
    migrate.revision(current(), message)


# --- groups and members --------------------------------------------------------------------


@click.group(cls=AppGroup, name="group")
def group_cli() -> None:
    """Neighbourhood-watch groups."""


@queues_messages
@group_cli.command("create")
@click.argument("name")
@click.option("--admin", "admin_phone", required=True, help="The admin's phone number.")
@click.option("--admin-name", default=None, help="The admin's name.")
@click.option("--street", default=None, help="The admin's street.")
@click.option("--postcode", "area", multiple=True,
              help="A postcode of the group's area, PC4 (1234) or PC6 (1234AB); repeat for more.")
def group_create(
    name: str, admin_phone: str, admin_name: str | None, street: str | None, area: tuple[str, ...]
) -> None:
    """Create a group with its first admin."""
    with db.unit_of_work() as session:
        try:
            group, admin = membership.create_group(
                session, name, admin_phone, admin_name, street, config=current().config, area=area
            )
        except (groups.AlreadyExists, phones.InvalidPhone, ValueError) as exc:
            raise _fail(exc) from exc
        shown = postcodes.shown(groups.area(group)) or "no area yet (group area)"
        click.echo(f"group {group.id} {group.name!r} created; admin {admin.phone}; area {shown}")


@group_cli.command("area")
@click.argument("group")
@click.argument("area", nargs=-1)
def group_area(group: str, area: tuple[str, ...]) -> None:
    """Set GROUP's area to these postcodes (PC4 or PC6), replacing it; none clears it."""
    with db.unit_of_work() as session:
        try:
            found = groups.find_group(session, group)
            codes = membership.set_area(session, found, area)
        except (groups.NotFound, postcodes.InvalidPostcode) as exc:
            raise _fail(exc) from exc
        click.echo(f"area of {found.name}: {postcodes.shown(codes) or 'none'}")


@group_cli.command("list")
def group_list() -> None:
    """List the groups with their member counts and areas."""
    with db.unit_of_work() as session:
        for group in groups.all_groups(session):
            area = postcodes.shown(groups.area(group)) or "-"
            click.echo(f"{group.id}\t{group.name}\t{groups.member_count(session, group.id)} members\t{area}")


@click.group(cls=AppGroup, name="member")
def member_cli() -> None:
    """Group members."""


@queues_messages
@member_cli.command("add")
@click.argument("group")
@click.argument("phone")
@click.option("--name", default=None)
@click.option("--street", default=None)
@click.option("--admin", is_flag=True, help="Make the member an admin of the group.")
@click.option("--voice", is_flag=True, help="Alerts by phone call (automatic for landlines).")
@click.option("--no-night-calls", "no_night_calls", is_flag=True,
              help="No calls for alerts in NIGHT_HOURS (as the member's own NACHT UIT).")
@click.option("--language", type=click.Choice(LANGUAGES, case_sensitive=False), default=None,
              help="What the line says and texts to them: nl (the default), en or tr (as their own TAAL).")
def member_add(
    group: str, phone: str, name: str | None, street: str | None, admin: bool, voice: bool,
    no_night_calls: bool, language: str | None,
) -> None:
    """Add an active member to GROUP (a name or id); they gave consent to the operator."""
    with db.unit_of_work() as session:
        try:
            found = groups.find_group(session, group)
            member = membership.add_member(
                session, found, phone, name=name, street=street, is_admin=admin, voice=voice,
                config=current().config, no_night_calls=no_night_calls,
                language=language.lower() if language else None,
            )
        except (groups.NotFound, groups.AlreadyExists, phones.InvalidPhone, membership.MembershipError) as exc:
            raise _fail(exc) from exc
        role = "admin" if member.is_admin else "member"
        click.echo(
            f"{member.phone} added to {found.name} as {role} "
            f"({member.number_kind}, alerts by {member.channel}, in {member.language}"
            f"{', no calls at night' if member.no_night_calls else ''})"
        )


@queues_messages
@member_cli.command("import")
@click.argument("group")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--active", is_flag=True,
              help="Add them as active members: only when each gave consent on paper.")
def member_import(group: str, file: Path, active: bool) -> None:
    """Invite the people of a CSV (header phone,name,street[,language]; commas or semicolons).

    Each joins with their own JA (a 1 on the invitation call for landlines). A bad row skips
    only itself.
    """
    tally = {"invited": 0, "added": 0, "duplicate": 0, "rejected": 0}
    words = {"invited": "invited", "added": "added", "duplicate": "skipped (duplicate):",
             "rejected": "rejected:"}
    content = membership.decode_csv(file.read_bytes())
    with db.unit_of_work() as session:
        try:
            found = groups.find_group(session, group)
            for row in membership.import_members(session, found, content, current().config, active=active):
                tally[row.outcome] += 1
                click.echo(f"row {row.row}: {words[row.outcome]} {row.detail}")
        except (groups.NotFound, membership.MembershipError) as exc:
            raise _fail(exc) from exc
    done = f"{tally['added']} added" if active else f"{tally['invited']} invited (they join with their JA)"
    click.echo(f"{done}, {tally['duplicate']} skipped as duplicate, {tally['rejected']} rejected")


@member_cli.command("list")
@click.argument("group")
def member_list(group: str) -> None:
    """List GROUP's members: number, name, street, state, how alerts reach them."""
    with db.unit_of_work() as session:
        try:
            found = groups.find_group(session, group)
        except groups.NotFound as exc:
            raise _fail(exc) from exc
        rows = members.in_group(session, found.id)
        click.echo(f"{found.name}: {len(rows)} numbers")
        for m in rows:
            role = "admin" if m.is_admin else "member"
            click.echo(
                f"{phones.local(m.phone):<14} {m.name or '-':<24} {m.street or '-':<20} "
                f"{m.status:<9} {role:<6} alerts by {m.channel:<5} {m.language}"
            )


@queues_messages
@member_cli.command("remove")
@click.argument("group")
@click.argument("phone")
def member_remove(group: str, phone: str) -> None:
    """Take PHONE out of GROUP: no more alerts; they and the admins are told."""
    with db.unit_of_work() as session:
        try:
            found = groups.find_group(session, group)
            member = membership.remove_by_operator(session, found, phone, current().config)
        except (groups.NotFound, phones.InvalidPhone, membership.MembershipError) as exc:
            raise _fail(exc) from exc
        click.echo(f"{member.phone} removed from {found.name}")


# --- alerts and the outbox -----------------------------------------------------------------


@click.group(cls=AppGroup, name="alert")
def alert_cli() -> None:
    """Alerts."""


@alert_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--limit", default=20, show_default=True)
def alert_list(as_json: bool, limit: int) -> None:
    """Show recent alerts with their delivery counts by state."""
    timezone = current().config["TIMEZONE"]
    with db.unit_of_work() as session:
        recent = alerts.recent_alerts(session, limit)
        counts = alerts.delivery_counts(session, [a.id for a in recent])
        rows = [
            {
                "id": a.id,
                "group": a.group.name,
                "category": a.category,
                "location": a.location,
                "description": a.description,
                "emergency_called": a.emergency_called,
                "status": a.status,
                "channel": a.channel,
                "created_at": a.created_at.isoformat(),
                "local_time": clock.local(a.created_at, timezone).strftime("%Y-%m-%d %H:%M"),
                "deliveries": _by_state(counts[a.id]),
                "by_channel": counts[a.id],
            }
            for a in recent
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no alerts yet")
    for r in rows:
        states = "; ".join(
            f"{channel}: " + ", ".join(f"{k} {v}" for k, v in sorted(by_state.items()))
            for channel, by_state in sorted(r["by_channel"].items())
        ) or "none"
        click.echo(
            f"#{r['id']} {r['local_time']} {r['group']} ({r['channel']}): {r['category']} at "
            f"{r['location'] or '(no place)'}, 112 {r['emergency_called']}, {r['status']}; "
            f"deliveries: {states}"
        )
        if r["description"]:
            click.echo(f"    {r['description']}")


def _by_state(by_channel: dict[str, dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for by_state in by_channel.values():
        for state, count in by_state.items():
            total[state] = total.get(state, 0) + count
    return total


@click.command("outbox")
@with_appcontext
@click.option("--limit", default=20, show_default=True)
def outbox(limit: int) -> None:
    """Show the messages the development outbox kept instead of sending."""
    with db.unit_of_work() as session:
        messages = outbox_store.recent(session, limit)
        if not messages:
            click.echo("the outbox is empty")
        for m in messages:
            click.echo(f"{m.created_at:%Y-%m-%d %H:%M:%S} to {m.to_phone}:\n    {m.body}")


# --- sending -------------------------------------------------------------------------------


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True, help="One pass: recover, send what is due, then exit.")
def worker(once: bool) -> None:
    """Send deliveries in this process (embedded mode without a web process, or for repairs)."""
    current().say_serving_notes()
    broadcast = current().broadcast
    sweep_seconds = current().config["SEND_SWEEP_SECONDS"]
    # SIGTERM (a deploy): stop claiming, finish the sends in flight, hand back the rest.
    signal.signal(signal.SIGTERM, lambda *_: broadcast.stop())
    while not broadcast.stopping:
        recovered = broadcast.recover()
        stats = broadcast.run()
        if once or recovered or stats.sent or stats.failed:
            click.echo(_worker_pass(recovered, stats.sent, stats.failed))
        if once:
            return
        for _ in range(max(1, int(sweep_seconds * 10))):
            if broadcast.stopping:
                break
            time.sleep(0.1)


def _worker_pass(recovered: int, sent: int, failed: int) -> str:
    if not (recovered or sent or failed):
        return "nothing was due: no deliveries waiting"
    line = f"sent {sent}, failed {failed}"
    if recovered:
        line += f"; {recovered} left in sending by a stopped process were checked first"
    return line


# --- privacy and coordinators ----------------------------------------------------------------


@click.command("purge")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Say what would be erased; erase nothing.")
def purge(dry_run: bool) -> None:
    """Erase what is older than RETENTION_DAYS (it also runs daily on its own)."""
    done = jobs.run_purge(current(), dry_run=dry_run)
    days = current().config["RETENTION_DAYS"]
    verb = "would erase" if dry_run else "erased"
    click.echo(f"retention {days} days; {verb}:")
    for what, count in done.as_dict().items():
        click.echo(f"  {what.replace('_', ' ')}: {count}")


@click.command("report")
@with_appcontext
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="json", show_default=True)
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only alerts from this date (YYYY-MM-DD).")
def report(fmt: str, since) -> None:
    """Per group: members, alerts per month, 112 shares, delivery figures (no numbers or texts)."""
    with db.unit_of_work() as session:
        rows = figures.group_report(session, current().config["TIMEZONE"], since)
    click.echo(figures.as_csv(rows) if fmt == "csv" else json.dumps(rows, indent=2, ensure_ascii=False))


@click.group(cls=AppGroup, name="registry")
def registry_cli() -> None:
    """The national buurtpreventie registry."""


@registry_cli.command("export")
def registry_export() -> None:
    """The groups with their area and admin contact, as CSV for the national registry."""
    with db.unit_of_work() as session:
        click.echo(figures.registry_csv(session, current().config["TIMEZONE"]), nl=False)


@click.group(cls=AppGroup, name="coordinator")
def coordinator_cli() -> None:
    """Accounts for the coordinators' page."""


def _account_command(change, done: str, email: str, password: str) -> None:
    """Run an account change in one unit of work; say `done` (with the e-mail) or why not."""
    with db.unit_of_work() as session:
        try:
            account = change(session, email, password)
        except ValueError as exc:
            raise _fail(exc) from exc
        click.echo(done.format(email=account.email))


@coordinator_cli.command("create")
@click.argument("email")
@click.option("--password", default=None, help="At least 10 characters; asked for when not given.")
@click.option("--postcode", "area", multiple=True,
              help="Sees only the groups in this PC4 prefix or range (12, 1234, 1300-1399); repeatable. "
                   "None: every group.")
def coordinator_create(email: str, password: str | None, area: tuple[str, ...]) -> None:
    """Create a coordinator account (the password is stored hashed), for all groups or an area."""
    with db.unit_of_work() as session:
        try:  # a typo in the address or the area is told before anyone types a password twice
            accounts.check_new_email(session, email)
            scope = postcodes.parse_scope(area)
        except ValueError as exc:
            raise _fail(exc) from exc
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    seen = f"the groups in {postcodes.scope_text(scope)}" if scope else "every group"
    _account_command(
        lambda s, e, p: accounts.create(s, e, p, scope),
        f"coordinator {{email}} created (sees {seen}); log in at /coordinator", email, password,
    )


@coordinator_cli.command("password")
@click.argument("email")
@click.password_option(help="At least 10 characters; asked for when not given.")
def coordinator_password(email: str, password: str) -> None:
    """Set a coordinator's new password; every session of the account ends."""
    _account_command(
        accounts.change_password,
        "password of {email} changed; every session of the account has ended", email, password,
    )


# --- simulate and demo ---------------------------------------------------------------------


@click.group(cls=AppGroup, name="simulate")
def simulate_cli() -> None:
    """Try the line without a phone."""


@simulate_cli.command("call")
@click.option("--from", "caller", required=True, help="The number the call comes from.")
@click.option("--url", default=None, help="A running line's base URL (default: in-process).")
def simulate_call(caller: str, url: str | None) -> None:
    """Play a call in the terminal through the real webhooks."""
    from devtools.simulator import Simulator

    Simulator(current(), caller, base_url=url).run()


@simulate_cli.command("alert-call")
@click.option("--alert", "alert_id", type=int, default=None, help="The alert's id (default: the latest).")
def simulate_alert_call(alert_id: int | None) -> None:
    """Hear the call a landline member gets for an alert, and answer it with keys."""
    from devtools.simulator import alert_call

    alert_call(current(), alert_id)


DEMO_GROUP = "Molenwijk"
DEMO_MEMBERS = [
    ("06-12345678", "Annie de Vries", "Molenstraat", True),
    ("06-23456789", "Henk Jansen", "Molenstraat", False),
    ("06-34567890", "Fatima El Amrani", "Wiekweg", False),
    ("020-5551234", "Wim Bakker", "Wiekweg", False),
]


DEMO_AREA = ["3511", "3512AB"]


@queues_messages
@click.command("demo")
@with_appcontext
def demo() -> None:
    """Create the demo group Molenwijk with a few members (once)."""
    with db.unit_of_work() as session:
        try:
            group = groups.find_group(session, DEMO_GROUP)
            click.echo(f"demo group {group.name} exists")
            return
        except groups.NotFound:
            group = groups.add_group(session, DEMO_GROUP, postcodes.parse_all(DEMO_AREA))
        for phone, name, street, is_admin in DEMO_MEMBERS:
            membership.add_member(
                session, group, phone, name=name, street=street, is_admin=is_admin, config=current().config
            )
    click.echo(f"demo group {DEMO_GROUP} created with {len(DEMO_MEMBERS)} members, area {' '.join(DEMO_AREA)}")
    click.echo("try a call: flask --app app simulate call --from 06-12345678")
    click.echo(f"a resident asking to join: flask --app app simulate call --from 06-87654321 (postcode {DEMO_AREA[0]})")
