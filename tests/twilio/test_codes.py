"""Twilio's error codes mapped to the line's own reasons."""
from __future__ import annotations

import pytest

from ivr.sending.sender import Problem
from ivr.twilio import codes


@pytest.mark.parametrize("status, code, problem", [
    (400, 21610, Problem.OPTED_OUT),
    (400, 21211, Problem.INVALID_NUMBER),
    (400, 21614, Problem.LANDLINE),
    (429, 20429, Problem.THROTTLED),
    (429, None, Problem.THROTTLED),
    (500, None, Problem.PROVIDER_ERROR),
    (503, 20503, Problem.PROVIDER_ERROR),
    (None, None, Problem.NO_ANSWER),
    (404, 20404, Problem.NOT_FOUND),
    (400, 21604, Problem.REJECTED),
])
def test_problem(status, code, problem):
    assert codes.problem(status, code) is problem
