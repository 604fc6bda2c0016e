"""The SMS conversation declared as data, and its diagram in SMS_FLOW.md."""
from __future__ import annotations

from pathlib import Path

from ivr.flows import conversation, keywords
from ivr.flows.catalogue import t
from ivr.flows.conversation import WAITING, SmsState
from tests.helpers import mermaid_edges


def test_the_diagram_is_the_conversation():
    edges = mermaid_edges(Path(conversation.__file__).parent / "SMS_FLOW.md")
    nodes = {a for a, _ in edges} | {b for _, b in edges}
    assert nodes - {"[*]"} == {state.value for state in SmsState}
    for state in WAITING:
        assert (state.value, state.value) in edges, f"{state}: no re-ask edge"
        assert (state.value, SmsState.IDLE.value) in edges, f"{state}: no way back to idle"
    assert (SmsState.IDLE.value, SmsState.AWAITING_112.value) in edges


def test_every_waiting_state_declares_its_timeout_and_fallbacks():
    for declared in WAITING.values():
        assert declared.lasts.total_seconds() > 0
        # The keys exist in the catalogue (a choice question names its options).
        assert t(declared.reask, options="1 = Molenwijk") and t(declared.lapsed)
        assert declared.lapse_notice is None or t(declared.lapse_notice)
        assert (declared.remind_after is None) == (declared.reminder is None)
        assert declared.remind_after is None or declared.remind_after < declared.lasts
        assert declared.passes <= set(keywords.ALIASES.values()) | set(keywords.PHRASES.values())


def test_the_112_question_reads_its_answers():
    declared = WAITING[SmsState.AWAITING_112]
    answers = {text: declared.answer(keywords.parse(text)) for text in ("1", "ja", "2", "Nee", "3", "geen spoed", "misschien", "1 2")}
    assert answers == {"1": "yes", "ja": "yes", "2": "no", "Nee": "no", "3": "not_urgent",
                       "geen spoed": "not_urgent", "misschien": None, "1 2": None}


def test_an_unknown_state_waits_for_nothing():
    assert conversation.waiting("idle") is None and conversation.waiting("???") is None
    assert conversation.waiting("awaiting_112") is WAITING[SmsState.AWAITING_112]


import pytest  # noqa: E402


@pytest.mark.parametrize("text, place", [
    ("man met breekijzer bij Molenstraat 4", "Molenstraat 4"),
    ("auto rijdt rondjes in de Kerkweg", "Kerkweg"),
    ("inbraak Van Goghplein 12b", "Van Goghplein 12b"),
    ("twee jongens bij de speeltuin", "bij de speeltuin"),
    ("inbraak bij nummer 4", "bij nummer 4"),
    ("Verdachte man loopt weg", None),
    ("iemand rent richting park", None),
    ("busje met kenteken 12-ABC-3", None),
])
def test_the_place_an_sms_report_names(text, place):
    assert keywords.find_place(text) == place
