"""How long the line talks: words and seconds of every prompt on the call's main paths.

Walks the pure call flow (no HTTP, no database) the way a caller would, counts the words the
line speaks from its first word up to and including the answer that says "verstuurd" (the
caller's own words read back are not counted; a street chosen by key is), and, where
espeak-ng is installed (Debian: apt-get install espeak-ng), measures the seconds of each
prompt spoken in Dutch at espeak's default rate.

    python bench/call_length.py                  # this checkout
    python bench/call_length.py --before REV     # and, side by side, the flow at git REV

The issue's goal: the happy path at most 110 words.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_WORDS = 110
GROUP = {"id": 1, "name": "Molenwijk", "member_id": 10, "street": "Molenstraat"}
OTHER = {"id": 2, "name": "Centrum", "member_id": 20, "street": None}
DESCRIPTION = "Een man in een zwarte jas loopt naar het station"
PLACE = "Bij de kerk"
NEIGHBOURS = 12

# Each path: its name, the groups of the caller, extra start options, and the inputs
# ("1" a key, "speech:..." words, "" silence). The first is the happy path.
PATHS = [
    ("happy path (112 called, own street, one sentence)", [GROUP], {"record": True},
     ["1", "1", "1", f"speech:{DESCRIPTION}", "1"]),
    ("happy path, group without landlines (no recording notice)", [GROUP], {},
     ["1", "1", "1", f"speech:{DESCRIPTION}", "1"]),
    ("no emergency (0900-8844), place spoken", [GROUP], {"record": True},
     ["3", "2", f"speech:{PLACE}", f"speech:{DESCRIPTION}", "1"]),
    ("112 not called, warned anyway", [GROUP], {"record": True},
     ["2", "1", "1", "1", "1", "1"]),
    ("member of two groups", [GROUP, OTHER], {"record": True},
     ["1", "1", "1", "1", f"speech:{DESCRIPTION}", "1"]),
    ("silence once at every question", [GROUP], {"record": True},
     ["", "1", "", "1", "", "1", "", f"speech:{DESCRIPTION}", "", "1"]),
]


def walk(groups, options, inputs) -> list[dict]:
    """Play one path through the flow; return each answer of the line with its words."""
    from ivr.flows import call as flow

    transition = flow.start([dict(g, record=options.get("record", False)) for g in groups],
                            record=options.get("record", False))
    answers = [_answer(flow, transition, "(call starts)", own=())]
    for item in inputs:
        if item.startswith("speech:"):
            words = item[len("speech:"):]
            transition = flow.step(transition.call, flow.Input(speech=words))
            label = f'says "{words}"'
        else:
            transition = flow.step(transition.call, flow.Input(digits=item))
            label = f"presses {item}" if item else "(silence)"
        if transition.effect is flow.Effect.SEND_ALERT:  # what the voice service stores
            transition.call.data["recipients"] = NEIGHBOURS
        data = transition.call.data
        spoken_place = data.get("location") if data.get("location") != data.get("street") else None
        own = tuple(x for x in (spoken_place, data.get("description")) if x)
        answers.append(_answer(flow, transition, label, own))
    return answers


def _answer(flow, transition, label: str, own: tuple[str, ...]) -> dict:
    prompt = flow.prompt(transition)
    text = " ".join(getattr(line, "text", line) for line in prompt.lines)  # an Aside: its words
    counted = text
    for words in own:  # the caller's own words, read back: not the line's
        counted = counted.replace(words.rstrip(" .!?"), "")
    return {
        "input": label,
        "state": str(prompt.state.value),
        "text": text,
        "words": len(counted.replace(":", " ").split()) - counted.count(" . "),
        "ends": not prompt.gather,
    }


def measure(text: str) -> float | None:
    """Seconds espeak-ng takes to say `text` in Dutch, or None without espeak-ng."""
    if not shutil.which("espeak-ng"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".wav") as out:
        subprocess.run(["espeak-ng", "-v", "nl", "-w", out.name, text], check=True,
                       capture_output=True)
        with wave.open(out.name) as audio:
            return audio.getnframes() / audio.getframerate()


def run_paths() -> list[dict]:
    results = []
    for name, groups, options, inputs in PATHS:
        answers = walk(groups, options, inputs)
        total = 0
        for answer in answers:
            answer["seconds"] = measure(answer["text"])
            total += answer["words"]
            if "erstuurd" in answer["text"] or answer["ends"]:
                break
        results.append({"path": name, "answers": answers, "words": total,
                        "seconds": _sum(a["seconds"] for a in answers)})
    return results


def _sum(values):
    values = list(values)
    return None if any(v is None for v in values) else round(sum(values), 1)


def _fmt(value) -> str:
    return "-" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))


def before(rev: str) -> list[dict]:
    """The same walk at git revision `rev`, in a worktree of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--json"], cwd=tree, check=True,
                capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": _path()},
            ).stdout
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)
    return json.loads(out)


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="compare with the call flow at this git revision")
    parser.add_argument("--json", action="store_true", help="print the walk as JSON")
    parser.add_argument("--transcript", action="store_true", help="print the happy path, answer by answer")
    args = parser.parse_args()
    sys.path.insert(0, str(Path.cwd()))
    now = run_paths()
    if args.json:
        print(json.dumps(now))
        return 0
    old = {r["path"]: r for r in before(args.before)} if args.before else {}
    print(f"Words the line speaks up to and including 'verstuurd' (goal: happy path <= {GOAL_WORDS});")
    print("seconds measured with espeak-ng -v nl (default rate)" if shutil.which("espeak-ng")
          else "seconds: espeak-ng not installed")
    print()
    if old:
        print(f"| path | words before ({args.before}) | words now | seconds before | seconds now |")
        print("|---|---:|---:|---:|---:|")
        for r in now:
            o = old.get(r["path"], {})
            print(f"| {r['path']} | {_fmt(o.get('words'))} | {r['words']} | {_fmt(o.get('seconds'))} | {_fmt(r['seconds'])} |")
    else:
        print("| path | words | seconds |")
        print("|---|---:|---:|")
        for r in now:
            print(f"| {r['path']} | {r['words']} | {_fmt(r['seconds'])} |")
    happy = now[0]
    print()
    print("Happy path, prompt by prompt:")
    print()
    old_answers = old.get(happy["path"], {}).get("answers", [])
    print("| after the caller | state | words | seconds now | seconds before |")
    print("|---|---|---:|---:|---:|")
    for i, a in enumerate(happy["answers"]):
        was = old_answers[i]["seconds"] if i < len(old_answers) else None
        print(f"| {a['input']} | {a['state']} | {a['words']} | {_fmt(a['seconds'])} | {_fmt(was)} |")
    if args.transcript:
        print()
        for a in happy["answers"]:
            print(f"- *{a['input']}* -> Line: {a['text']}")
    ok = happy["words"] <= GOAL_WORDS
    print()
    print(f"happy path: {happy['words']} words ({'within' if ok else 'OVER'} the goal of {GOAL_WORDS})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
