"""The operator's commands as a newcomer and a volunteer operator use them (issue 14)."""
from __future__ import annotations

import json
import logging
import re
import shlex
from datetime import datetime, timezone
from pathlib import Path

import click
import pytest

from ivr import db
from ivr.storage import alerts as alert_store
from ivr.storage.models import DeliveryKind
from tests.helpers import Phone, member, rows, store_alert, to

README = Path(__file__).resolve().parents[1] / "README.md"


def invoke(runner, *args: str, input: str | None = None):
    return runner.invoke(args=list(args), input=input)


# --- member import -------------------------------------------------------------------------


def test_member_import_invites_by_default_and_admins_hear_it_once(app, runner, twilio, molenwijk, tmp_path):
    csv = tmp_path / "leden.csv"
    csv.write_text("phone,name,street\n06-55555555,Kees,Molenstraat\n06-46666666,Ria,Wiekweg\n"
                   "030-1234567,Bep,Wiekweg\n", encoding="utf-8")
    result = invoke(runner, "member", "import", "Molenwijk", str(csv))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2].startswith("3 invited (they join with their JA)")
    assert member(app, "06-55555555").status == "invited" and member(app, "06-55555555").street == "Molenstraat"
    assert "Buurtpreventie Molenwijk nodigt u uit" in to(app, "+31655555555")[0]
    assert [d.kind for d in rows(app, to_phone="+31301234567")] == [DeliveryKind.VOICE_INVITATION]
    assert to(app, "+31612345678") == [
        "Buurtlijn Molenwijk: de beheerder van Buurtlijn heeft 3 personen uitgenodigd. "
        "Pas na hun JA krijgen ze meldingen. LEDEN toont wie er al meedoet."
    ]
    Phone(twilio, "06-55555555").send("ja")
    assert member(app, "06-55555555").status == "active"


def test_member_import_active_only_with_the_flag(app, runner, molenwijk, tmp_path):
    csv = tmp_path / "leden.csv"
    csv.write_text("phone,name\n06-55555555,Kees\n", encoding="utf-8")
    result = invoke(runner, "member", "import", "Molenwijk", str(csv), "--active")
    assert result.exit_code == 0 and "1 added" in result.output
    assert member(app, "06-55555555").status == "active"
    assert to(app, "+31655555555") == []  # consent on paper: no invitation


def test_member_import_reads_dutch_excel(app, runner, molenwijk, tmp_path):
    csv = tmp_path / "leden.csv"
    csv.write_bytes("Telefoon;Naam;Straat\r\n06-55555555;Kees;Caféstraat\r\n;;\r\n".encode("cp1252"))
    result = invoke(runner, "member", "import", "Molenwijk", str(csv), "--active")
    assert result.exit_code == 0, result.output
    kees = member(app, "06-55555555")
    assert (kees.name, kees.street) == ("Kees", "Caféstraat")
    assert "row 3" not in result.output and "0 rejected" in result.output  # an empty row is no member


@pytest.mark.parametrize("first, found", [
    ("tel nr;voornaam\n0612345678;Kees\n", "'tel nr;voornaam'"),
    ("0612345678,Annie\n", "looks like a member"),
])
def test_member_import_names_the_wrong_header_it_found(runner, molenwijk, tmp_path, first, found):
    csv = tmp_path / "leden.csv"
    csv.write_text(first, encoding="utf-8")
    result = invoke(runner, "member", "import", "Molenwijk", str(csv))
    assert result.exit_code != 0 and found in result.output and "phone,name,street" in result.output


def test_member_import_tells_the_operator_why_a_number_is_not_invited(app, runner, twilio, molenwijk, tmp_path):
    Phone(twilio, "06-55555555").send("STOP")
    csv = tmp_path / "leden.csv"
    csv.write_text("phone\n06-55555555\n06-23456789\n", encoding="utf-8")
    out = invoke(runner, "member", "import", "Molenwijk", str(csv)).output
    assert "row 2: rejected: +31655555555 sent STOP" in out
    assert "row 3: skipped (duplicate): +31623456789 is already a member" in out


# --- member list, remove, add ----------------------------------------------------------------


def test_member_list_shows_everyone_with_state_and_channel(runner, molenwijk):
    result = invoke(runner, "member", "list", "Molenwijk")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Molenwijk: 4 numbers"
    assert lines[1].startswith("0612345678") and "Annie" in lines[1] and "admin" in lines[1]
    wim = next(line for line in lines if "Wim" in line)
    assert "0205551234" in wim and "active" in wim and "alerts by voice" in wim
    assert "no group" in invoke(runner, "member", "list", "Nergens").output


def test_member_remove_tells_the_member_and_the_admins(app, runner, molenwijk):
    result = invoke(runner, "member", "remove", "Molenwijk", "06-23456789")
    assert result.exit_code == 0 and "removed from Molenwijk" in result.output
    assert member(app, "06-23456789").status == "inactive"
    assert to(app, "+31623456789") == ["U bent uit buurtpreventie Molenwijk gehaald en krijgt geen meldingen meer."]
    assert to(app, "+31612345678") == [
        "Buurtlijn Molenwijk: de beheerder van Buurtlijn haalde uit de groep: Henk (+31623456789)."
    ]
    again = invoke(runner, "member", "remove", "Molenwijk", "06-23456789")
    assert again.exit_code != 0 and "not a member" in again.output


def test_member_remove_keeps_the_last_admin(runner, molenwijk):
    result = invoke(runner, "member", "remove", "Molenwijk", "06-12345678")
    assert result.exit_code != 0 and "last admin" in result.output and "--admin" in result.output


def test_member_add_brings_back_a_removed_member(app, runner, molenwijk):
    assert invoke(runner, "member", "remove", "Molenwijk", "06-23456789").exit_code == 0
    result = invoke(runner, "member", "add", "Molenwijk", "06-23456789", "--street", "Wiekweg")
    assert result.exit_code == 0, result.output
    henk = member(app, "06-23456789")
    assert (henk.status, henk.name, henk.street, henk.removed_at) == ("active", "Henk", "Wiekweg", None)


# --- coordinators, the worker, alerts ----------------------------------------------------------


@pytest.mark.parametrize("email, why", [("geen-adres", "not an e-mail address"), ("a@b", "not an e-mail address")])
def test_coordinator_create_checks_the_address_before_the_password(runner, email, why):
    result = invoke(runner, "coordinator", "create", email, input="")
    assert result.exit_code != 0 and why in result.output and "Password" not in result.output


def test_coordinator_create_checks_duplicates_before_the_password(runner):
    assert invoke(runner, "coordinator", "create", "c@gemeente.nl", "--password", "lang genoeg wachtwoord").exit_code == 0
    again = invoke(runner, "coordinator", "create", "C@Gemeente.nl", input="")
    assert again.exit_code != 0 and "exists already" in again.output and "Password" not in again.output
    typed = invoke(runner, "coordinator", "create", "d@gemeente.nl", input="lang genoeg 1\nlang genoeg 1\n")
    assert typed.exit_code == 0 and "created" in typed.output


def test_worker_once_says_what_it_did(app, runner, molenwijk):
    assert invoke(runner, "worker", "--once").output.strip() == "nothing was due: no deliveries waiting"
    with db.unit_of_work(app, dispatch=False) as session:
        store_alert(session, molenwijk)
    assert invoke(runner, "worker", "--once").output.strip() == "sent 4, failed 0"


def test_alert_list_shows_local_time_and_the_place_of_an_sms_report(app, runner, twilio, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, molenwijk)
        alert.created_at = datetime(2026, 12, 1, 13, 5, tzinfo=timezone.utc)  # 14:05 in Amsterdam
    henk = Phone(twilio, "06-23456789")
    henk.send("MELD Man bij de schuur, Wiekweg 12")
    henk.send("1")
    table = invoke(runner, "alert", "list").output
    assert "2026-12-01 14:05 Molenwijk (voice)" in table
    sms_line = next(line for line in table.splitlines() if "(sms)" in line)
    assert "Wiekweg 12" in sms_line
    [sms_row, _] = json.loads(invoke(runner, "alert", "list", "--json").output)
    assert sms_row["location"] == "Wiekweg 12" and sms_row["channel"] == "sms"


# --- a newcomer's shell ----------------------------------------------------------------------


def test_commands_serve_no_webhook_so_they_do_not_warn_about_webhooks(make_app, caplog):
    caplog.set_level(logging.INFO)
    app = make_app(TESTING=False, BUURTLIJN_ENV="development", TWILIO_AUTH_TOKEN=None)
    result = app.test_cli_runner().invoke(args=["group", "list"])
    assert result.exit_code == 0, result.output
    assert not [r for r in caplog.records if "is not set" in r.getMessage() or "outbox" in r.getMessage()]
    app.test_client().get("/health/live")  # a web process serves: now it is said, once
    assert [r.getMessage() for r in caplog.records if "PUBLIC_URL is not set" in r.getMessage()] == [
        "PUBLIC_URL is not set: delivery receipts (status callbacks) are off"
    ]
    app.test_client().get("/health/live")
    assert len([r for r in caplog.records if "PUBLIC_URL" in r.getMessage()]) == 1


def test_a_database_without_tables_gets_told_to_migrate(make_app, tmp_path):
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/empty.sqlite3")
    result = app.test_cli_runner().invoke(args=["group", "list"])
    assert result.exit_code != 0 and "flask --app app db upgrade" in result.output
    assert "Traceback" not in result.output


def _readme_commands() -> list[list[str]]:
    found = []
    for line in README.read_text(encoding="utf-8").splitlines():
        line = line.strip().strip("`")
        match = re.search(r"(?:^|`)flask --app app ([^`#]+)", line)
        if match:
            found.append(shlex.split(match.group(1).replace("[", " ").replace("]", " ").replace("|", " ")))
    return found


def test_every_command_in_the_readme_exists_with_its_options(app):
    commands = _readme_commands()
    assert len(commands) > 15
    context = click.Context(app.cli)
    for words in commands:
        command, path = app.cli, []
        while isinstance(command, click.Group) and words and not words[0].startswith("-"):
            sub = command.get_command(context, words[0])
            if sub is None:
                break
            command, path = sub, path + [words.pop(0)]
        assert path and not isinstance(command, click.Group), f"README: flask --app app {' '.join(path + words)}"
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        for word in words:
            if word.startswith("--"):
                assert word.split("=")[0] in options, f"README: {' '.join(path)} has no {word}"


def test_the_readme_says_how_to_type_flask_without_the_venv_path():
    text = README.read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in text and "BUURTLIJN_ENV=development" in text


def test_alert_list_local_time_also_in_json(app, runner, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, molenwijk)
        alert.created_at = datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc)  # summer: +2
        alert_id = alert.id
    [row] = json.loads(invoke(runner, "alert", "list", "--json").output)
    assert row["id"] == alert_id and row["local_time"] == "2026-07-01 14:00"
    with db.unit_of_work(app, dispatch=False) as session:
        assert alert_store.alert_by_id(session, alert_id).created_at.hour == 12


# --- a group's area ------------------------------------------------------------------------


def test_group_create_with_postcodes_and_group_area_replaces_and_clears(runner, molenwijk):
    made = invoke(runner, "group", "create", "Centrum", "--admin", "06-44444441",
                  "--postcode", "1234ab", "--postcode", "1235")
    assert made.exit_code == 0 and "area 1234AB, 1235" in made.output
    assert "Centrum\t1 members\t1234AB, 1235" in invoke(runner, "group", "list").output
    assert invoke(runner, "group", "area", "Centrum", "1300", "1301 CD").output.strip() == "area of Centrum: 1300, 1301CD"
    assert "Centrum\t1 members\t1300, 1301CD" in invoke(runner, "group", "list").output
    assert invoke(runner, "group", "area", "Centrum").output.strip() == "area of Centrum: none"


def test_a_wrong_postcode_is_named_and_nothing_changes(runner, molenwijk):
    assert invoke(runner, "group", "area", "Molenwijk", "1234").exit_code == 0
    bad = invoke(runner, "group", "area", "Molenwijk", "1235", "0123")
    assert bad.exit_code != 0 and "'0123' is not a Dutch postcode" in bad.output
    assert "Molenwijk\t4 members\t1234" in invoke(runner, "group", "list").output
    refused = invoke(runner, "group", "create", "Nieuw", "--admin", "06-44444441", "--postcode", "12345")
    assert refused.exit_code != 0 and "not a Dutch postcode" in refused.output
    assert "Nieuw" not in invoke(runner, "group", "list").output
