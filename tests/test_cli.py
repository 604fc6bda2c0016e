"""Operator commands, through Flask's CLI runner."""
from __future__ import annotations

import json

from sqlalchemy import select

from ivr import db
from ivr.storage.models import Group, Member
from tests.helpers import Call


def members(app, group="Molenwijk") -> dict[str, Member]:
    with db.unit_of_work(app, dispatch=False) as session:
        rows = session.scalars(select(Member).join(Group).where(Group.name == group))
        return {m.phone: m for m in rows}


def test_db_upgrade_is_idempotent(runner):
    for _ in range(2):
        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output


def test_group_create_with_admin(app, runner):
    result = runner.invoke(
        args=["group", "create", "Molenwijk", "--admin", "06 12 34 56 78",
              "--admin-name", "Annie", "--street", "Molenstraat"]
    )
    assert result.exit_code == 0, result.output
    admin = members(app)["+31612345678"]
    assert (admin.is_admin, admin.name, admin.street, admin.status) == (True, "Annie", "Molenstraat", "active")


def test_group_create_refuses_duplicates_and_bad_phones(runner, molenwijk):
    dup = runner.invoke(args=["group", "create", "molenwijk", "--admin", "0612345678"])
    assert dup.exit_code != 0 and "exists already" in dup.output
    bad = runner.invoke(args=["group", "create", "Nieuw", "--admin", "12"])
    assert bad.exit_code != 0 and "not a" in bad.output and "06-12345678" in bad.output


def test_member_add_by_name_or_id_in_any_format(app, runner, molenwijk):
    assert runner.invoke(args=["member", "add", "Molenwijk", "0031655555555", "--name", "Kees"]).exit_code == 0
    assert runner.invoke(args=["member", "add", str(molenwijk), "+31 30 123 4567", "--admin"]).exit_code == 0
    found = members(app)
    assert found["+31655555555"].name == "Kees" and found["+31655555555"].number_kind == "mobile"
    assert found["+31301234567"].is_admin and found["+31301234567"].number_kind == "fixed"


def test_member_add_explains_refusals(runner, molenwijk):
    assert "already a member" in runner.invoke(args=["member", "add", "Molenwijk", "06-12345678"]).output
    assert "no group" in runner.invoke(args=["member", "add", "Nergens", "06-55555555"]).output


def test_member_import_reports_every_row_and_never_aborts(app, runner, molenwijk, tmp_path):
    csv = tmp_path / "leden.csv"
    csv.write_text(
        "phone,name,street\n"
        "06-55555555,Kees,Molenstraat\n"
        "06-12345678,Annie,Molenstraat\n"
        "12345,Fout,Nergens\n"
        ",Leeg,\n"
        "+31 6 46666666,Ria,Wiekweg\n"
        "0655555555,Kees dubbel,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["member", "import", "Molenwijk", str(csv), "--active"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("row 2: added +31655555555")
    assert lines[1].startswith("row 3: skipped (duplicate)")
    assert lines[2].startswith("row 4: rejected") and lines[3].startswith("row 5: rejected")
    assert lines[4].startswith("row 6: added +31646666666")
    assert lines[5].startswith("row 7: skipped (duplicate)")
    assert lines[-1] == "2 added, 2 skipped as duplicate, 2 rejected"
    assert {"+31655555555", "+31646666666"} <= set(members(app))


def test_member_import_needs_the_header(runner, molenwijk, tmp_path):
    csv = tmp_path / "leden.csv"
    csv.write_text("0612345678,Annie\n")
    result = runner.invoke(args=["member", "import", "Molenwijk", str(csv)])
    assert result.exit_code != 0 and "phone,name,street" in result.output


def test_alert_list_and_outbox_after_a_call(app, runner, twilio, molenwijk):
    call = Call(twilio, "06-12345678").start().press("3").press("2")
    call.say("Molenstraat 4").say("Witte bestelbus zonder kenteken").press("1")
    app.dispatcher.wait_idle(timeout=30)
    [row] = json.loads(runner.invoke(args=["alert", "list", "--json"]).output)
    assert row["group"] == "Molenwijk" and row["category"] == "vehicle"
    assert row["location"] == "Molenstraat 4" and row["description"] == "Witte bestelbus zonder kenteken."
    assert row["emergency_called"] == "not_urgent" and row["status"] == "sent"
    assert row["deliveries"] == {"sent": 3} and row["created_at"]
    assert row["by_channel"] == {"sms": {"sent": 2}, "voice": {"sent": 1}}
    table = runner.invoke(args=["alert", "list"]).output
    assert "Molenwijk (voice): vehicle at Molenstraat 4" in table and "sms: sent 2" in table and "voice: sent 1" in table
    outbox = runner.invoke(args=["outbox"]).output
    assert outbox.count("GEEN SPOED") == 2 and "+31623456789" in outbox


def test_demo_creates_its_group_once(runner):
    assert "created" in runner.invoke(args=["demo"]).output
    assert "exists" in runner.invoke(args=["demo"]).output


def test_simulate_call_plays_a_whole_call(app, runner, molenwijk):
    keys = "\n".join(["1", "4", "", "Bij de speeltuin", "*", "Twee jongens met een breekijzer", "1"])
    result = runner.invoke(args=["simulate", "call", "--from", "06-12345678"], input=keys + "\n")
    assert result.exit_code == 0, result.output
    assert "Molenwijk" in result.output and "Ik heb niets gehoord" in result.output
    assert "Verstuurd naar 3 buren" in result.output and "The line hung up." in result.output
    outbox = runner.invoke(args=["outbox"]).output
    assert "LET OP, Bij de speeltuin. 112 IS GEBELD. Twee jongens met een breekijzer." in outbox


def test_simulator_asks_again_when_words_are_typed_for_a_key(runner, molenwijk):
    result = runner.invoke(args=["simulate", "call", "--from", "06-12345678"], input="ja\n3\n")
    assert "this question takes a key" in result.output and "0900-8844" in result.output


def test_db_current_history_and_downgrade_wrap_alembic(app, runner):
    def run(*args: str) -> str:
        result = runner.invoke(args=["db", *args])
        assert result.exit_code == 0, result.output
        return result.output

    from alembic.script import ScriptDirectory

    from ivr import migrate

    head = ScriptDirectory.from_config(migrate.alembic_config(app)).get_current_head()
    assert head in run("current")
    history = run("history")
    assert "0001" in history and head in history
    before = f"{int(head) - 1:04d}"
    try:
        run("downgrade", before)
        assert before in run("current") and head not in run("current")
    finally:
        run("upgrade")
