"""The call flow as plain Python: no HTTP, no database, no Twilio."""
from __future__ import annotations

from pathlib import Path

import pytest

from ivr.flows import call as flow
from ivr.flows.call import CallState, Effect, Input, State
from ivr.flows.catalogue import t

MOLENWIJK = {"id": 1, "name": "Molenwijk", "member_id": 10, "street": "Molenstraat"}
CENTRUM = {"id": 2, "name": "Centrum", "member_id": 20, "street": None}


def press(call: CallState, digits: str) -> flow.Transition:
    return flow.step(call, Input(digits=digits))


def speak(call: CallState, words: str) -> flow.Transition:
    return flow.step(call, Input(speech=words))


def run(groups, *inputs, held=None) -> list[flow.Transition]:
    """Play inputs ('1', 'speech:...', '' for silence) from the start; return every transition."""
    transitions = [flow.start(groups, held)]
    for item in inputs:
        current = transitions[-1].call
        if item.startswith("speech:"):
            transitions.append(speak(current, item[len("speech:"):]))
        else:
            transitions.append(press(current, item))
    return transitions


def test_whole_call_gathers_the_report_and_asks_to_send():
    steps = run([MOLENWIJK], "1", "2", "speech:Bij de kerk", "speech:Witte bus, kenteken 12-ABC-3", "1")
    assert [s.call.state for s in steps] == [
        State.ALARMEER, State.WHAT, State.WHERE, State.DESCRIPTION, State.CONFIRM, State.SENT,
    ]
    assert steps[-1].effect is Effect.SEND_ALERT
    data = steps[-1].call.data
    assert data["group_id"] == 1 and data["member_id"] == 10
    assert (data["emergency_called"], data["category"]) == ("yes", "vehicle")
    assert data["location"] == "Bij de kerk" and data["description"] == "Witte bus, kenteken 12-ABC-3."


def test_unknown_caller_is_offered_to_join_and_silence_ends_the_call():
    [start, silent] = run([], "")
    assert start.call.state is State.JOIN_OFFER and flow.prompt(start).gather
    assert silent.call.state is State.BYE and not flow.prompt(silent).gather


def test_a_postcode_is_four_keys_and_a_name_is_speech():
    steps = run([], "1", "123", "1234")
    assert steps[1].call.state is State.JOIN_POSTCODE and flow.prompt(steps[1]).digits == 4
    assert steps[2].call.state is State.JOIN_POSTCODE  # three keys: asked again
    assert steps[3].effect is Effect.FIND_GROUPS and steps[3].call.data["pc4"] == 1234
    one = flow.join_groups(steps[3].call, [{"id": 7, "name": "Molenwijk"}])
    assert one.state is State.JOIN_NAME and flow.QUESTIONS[State.JOIN_NAME].speech
    several = flow.join_groups(steps[3].call, [{"id": n, "name": f"G{n}"} for n in range(6)])
    assert several.state is State.JOIN_CHOOSE and len(several.data["join_groups"]) == 4
    assert flow.join_groups(steps[3].call, []).state is State.JOIN_NONE


def test_not_yet_holds_and_warn_anyway_releases():
    steps = run([MOLENWIJK], "2", "1")
    assert steps[1].call.state is State.CALL_112_FIRST and steps[1].effect is Effect.HOLD_REPORT
    assert steps[2].call.data["emergency_called"] == "no"
    assert steps[2].effect is Effect.RELEASE_REPORT


def test_held_report_resumes_in_its_group_without_choosing():
    [start] = run([MOLENWIJK, CENTRUM], held={"group_id": 2})
    assert start.call.state is State.ALARMEER and start.call.data["group_id"] == 2
    # The hold is not dropped at the start: it moves to this call (voice service), so a call
    # that gives up now still leaves the report to call back for.
    assert start.effect is None
    assert "Heeft u nu 112 gebeld?" in " ".join(flow.prompt(start).lines)


def test_held_report_for_a_group_left_since_is_ignored():
    [start] = run([MOLENWIJK], held={"group_id": 99})
    assert start.call.data["group_id"] == 1 and "resumed" not in start.call.data


def test_no_input_counts_then_gives_up():
    call = flow.start([MOLENWIJK]).call
    for expected in (1, 2):
        call = flow.step(call, Input()).call
        assert call.state is State.ALARMEER and call.no_input == expected
    assert flow.step(call, Input()).call.state is State.GAVE_UP


def test_silence_after_call_112_first_ends_holding_the_report():
    call = run([MOLENWIJK], "2")[-1].call
    assert flow.step(call, Input()).call.state is State.HELD_FOR_112


def test_counters_reset_after_a_good_answer():
    call = flow.start([MOLENWIJK]).call
    call = flow.step(flow.step(call, Input()).call, Input(digits="9")).call
    assert (call.no_input, call.invalid) == (1, 1)
    assert press(call, "1").call == CallState(State.WHAT, press(call, "1").call.data)


def test_star_repeats_without_counting():
    call = run([MOLENWIJK], "1")[-1].call
    again = press(call, "*")
    assert again.call == call and again.preface == ()


def test_speech_where_a_key_is_expected_is_invalid():
    call = run([MOLENWIJK], "1")[-1].call
    transition = speak(call, "een man")
    assert transition.call.state is State.WHAT and transition.call.invalid == 1


def test_own_street_only_when_stored():
    at_where = run([CENTRUM], "1", "1")[-1].call
    assert press(at_where, "1").call.state is State.WHERE
    assert "eigen straat" not in " ".join(flow.prompt(flow.Transition(at_where)).lines)


def test_start_over_keeps_group_and_forgets_answers():
    steps = run([MOLENWIJK], "1", "3", "speech:Hier", "1", "2")
    data = steps[-1].call.data
    assert steps[-1].call.state is State.ALARMEER
    assert data["group_id"] == 1 and "category" not in data and "location" not in data


@pytest.mark.parametrize("count, phrase", [(0, "nog geen andere leden"), (1, "1 buur."), (7, "7 buren.")])
def test_sent_says_how_many_neighbours(count, phrase):
    prompt = flow.prompt(flow.Transition(CallState(State.SENT, {"recipients": count})))
    assert phrase in " ".join(prompt.lines) and not prompt.gather


def spoken_text(lines) -> str:
    """Every line of a prompt as one text, asides in another language included."""
    return " ".join(getattr(line, "text", line) for line in lines)


def test_every_question_offers_at_most_four_keys():
    groups = [{"id": n, "name": f"Wijk {n}", "member_id": n, "street": "X"} for n in range(1, 9)]
    data = {
        **flow.start(groups).call.data, "street": "X", "category": "person", "location": "X",
        "description": "X", "emergency_called": "yes", "heard": "X", "group_name": "Wijk 1",
        "join_groups": flow.join_groups(CallState(State.JOIN_POSTCODE, {}), groups).data["join_groups"],
    }
    for state in flow.QUESTIONS:
        lines = spoken_text(flow.prompt(flow.Transition(CallState(state, data))).lines)
        assert lines.count("druk") + lines.count("press") <= 4, (state, lines)


def test_every_state_has_a_question_or_an_ending():
    assert set(flow.QUESTIONS) | set(flow.ENDINGS) == set(State)
    assert not set(flow.QUESTIONS) & set(flow.ENDINGS)


def test_the_diagram_is_the_flow():
    """The Mermaid block in CALL_FLOW.md has exactly the flow's states and its declared fallbacks."""
    from tests.helpers import mermaid_edges

    edges = mermaid_edges(Path(flow.__file__).parent / "CALL_FLOW.md")
    nodes = {a for a, _ in edges} | {b for _, b in edges}
    assert nodes - {"[*]"} == {state.value for state in State}
    for state, question in flow.QUESTIONS.items():
        assert (state.value, question.on_silence.value) in edges, f"{state} has no silence edge"
    for ending in flow.ENDINGS:
        assert (ending.value, "[*]") in edges, f"{ending} does not end the call in the diagram"
    # The happy path, edge by edge.
    steps = run([MOLENWIJK], "1", "2", "speech:Bij de kerk", "speech:Witte bus", "1")
    path = [s.call.state.value for s in steps]
    for a, b in zip(path, path[1:]):
        assert (a, b) in edges, f"the diagram lacks {a} --> {b}"


def test_the_recording_notice_comes_before_the_keys():
    data = {**MOLENWIJK, "groups": [MOLENWIJK], "record": True}
    lines = flow.QUESTIONS[State.DESCRIPTION].prompt(data)
    assert lines[-1] == t("voice.description_keys")
    assert lines.index(t("voice.description_recorded")) < len(lines) - 1


def test_wording_that_callers_stumbled_over():
    assert "Voor de politie zonder spoed: bel 0900-8844" in t("voice.not_urgent")
    assert "belt u" not in t("voice.not_urgent")
    assert "meer dan één groep" in t("voice.choose_group")
    assert "bewaren uw melding" not in t("voice.call_112_first")  # nothing has been said yet


def test_a_hidden_caller_ends_at_once_with_its_own_words():
    start = flow.start([MOLENWIJK], hidden=True)
    prompt = flow.prompt(start)
    assert start.call.state is State.HIDDEN_CALLER and not prompt.gather
    assert t("voice.hidden_caller") in prompt.lines


def test_the_happy_path_is_at_most_110_words():
    """Counted as bench/call_length.py counts: up to "verstuurd", the caller's words left out."""
    from bench.call_length import GOAL_WORDS, PATHS, walk

    name, groups, options, inputs = PATHS[0]
    answers = walk(groups, options, inputs)
    assert "erstuurd" in answers[-1]["text"]
    assert sum(a["words"] for a in answers) <= GOAL_WORDS == 110


def test_function_before_key_and_never_more_than_four_keys_on_the_happy_path():
    from bench.call_length import PATHS, walk

    for answer in walk(*PATHS[0][1:]):
        text = answer["text"]
        assert text.count("druk") <= 4
        assert "druk" not in text.split(".")[0].split(":")[0]  # no sentence opens with the key


def test_every_question_has_a_short_form_for_re_asking():
    for state, question in flow.QUESTIONS.items():
        if state is not State.CALL_112_FIRST:  # silence there ends the call: no re-ask
            assert question.short is not None, state
