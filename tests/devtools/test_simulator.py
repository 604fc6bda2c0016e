"""The terminal simulator: a call as a newcomer tries it, hang-ups and the landline's call."""
from __future__ import annotations

import io
import logging

import click

from ivr.storage.models import DeliveryState
from tests.helpers import said, voice_delivery

REPORT = ["1", "1", "1", "Een man met een zwarte muts"]  # 112 called, a person, own street, words


def simulate(runner, *keys: str, caller: str = "06-12345678"):
    return runner.invoke(args=["simulate", "call", "--from", caller], input="\n".join(keys) + "\n")


def test_a_call_that_sends_nothing_says_so(runner, molenwijk):
    result = simulate(runner, "3", "", "", "", "", "", "", "")  # no emergency, then only silence
    assert result.exit_code == 0, result.output
    assert "Nothing was sent." in result.output and "Messages sent" not in result.output


def test_a_call_that_sends_says_what(runner, molenwijk):
    result = simulate(runner, *REPORT, "1")
    assert "Sent because of this call: SMS: 2 sent; calls: 1 sent." in result.output


def test_the_end_of_input_is_a_hang_up_and_calling_back_takes_the_report_up(runner, molenwijk):
    cut_off = runner.invoke(args=["simulate", "call", "--from", "06-12345678"], input="1\n1\n")
    assert cut_off.exit_code == 0, cut_off.output
    assert "You hung up." in cut_off.output and "Aborted" not in cut_off.output
    assert "Nothing was sent." in cut_off.output
    back = simulate(runner, "1", "1", "Een man met een zwarte muts", "1")
    assert said("voice.resume_cut_off", group="Molenwijk") in back.output
    assert "Sent because of this call: SMS: 2 sent" in back.output


def test_ctrl_c_is_a_hang_up(runner, molenwijk, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(click, "prompt", interrupted)
    result = simulate(runner)
    assert result.exit_code == 0 and "You hung up." in result.output and "Nothing was sent." in result.output


def test_the_line_logs_go_to_a_file_not_between_the_prompts(app, runner, molenwijk):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.buurtlijn = True  # the line's own handler (ivr/logs.py)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        result = simulate(runner, *REPORT, "1")
        logging.getLogger("ivr").info("after the call")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert "simulator.log" in result.output
    log_file = (app.instance_path + "/simulator.log")
    assert open(log_file, encoding="utf-8").read().strip()  # the call's lines are kept there
    assert stream.getvalue().strip() == "after the call"  # and nothing came between the prompts


def test_simulate_alert_call_plays_what_a_landline_member_hears(app, runner, molenwijk):
    assert "no alert yet" in runner.invoke(args=["simulate", "alert-call"]).output
    simulate(runner, *REPORT, "1")
    result = runner.invoke(args=["simulate", "alert-call"], input="2\n1\n")
    assert result.exit_code == 0, result.output
    assert "+31205551234" in result.output
    assert said("voice.alert.announce", group="Molenwijk") in result.output
    assert result.output.count(said("voice.alert.keys")) == 2  # 2 heard it again
    assert said("voice.alert.thanks") in result.output and "The line hung up." in result.output
    assert voice_delivery(app).state == DeliveryState.CONFIRMED


def test_alert_call_of_a_group_without_landlines_says_why(app, runner, twilio, molenwijk):
    assert runner.invoke(args=["member", "remove", "Molenwijk", "020-5551234"]).exit_code == 0
    simulate(runner, *REPORT, "1")
    result = runner.invoke(args=["simulate", "alert-call"])
    assert result.exit_code != 0 and "called no landline member" in result.output



def test_a_resident_in_no_group_asks_to_join_with_four_keys(app, runner, molenwijk):
    assert runner.invoke(args=["group", "area", "Molenwijk", "3511AB"]).exit_code == 0
    result = simulate(runner, "1", "3511", "Jan Jansen, Dorpsstraat 4", caller="06-87654321")
    assert result.exit_code == 0, result.output
    assert said("voice.join.sent", group="Molenwijk") in result.output
