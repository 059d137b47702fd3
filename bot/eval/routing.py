"""Act and routing evaluation: how often the understanding picks what a marketer meant, message by message.

`acts_holdout.jsonl` was split off the helper-written sets before anyone read them and is never tuned on;
`acts_train.jsonl` is what the classifier is trained on. "Routing" is the coarser question the old router
answered: which tool runs first (a follow-up runs none of its own, small talk runs none).
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

from pydantic import BaseModel

from bot.engine.understand.classifier import ActClassifier
from bot.engine.understand.turn import ACTS, FOLLOW_UPS, REQUESTS

HOLDOUT = "acts_holdout.jsonl"
TRAIN = "acts_train.jsonl"


class ActCase(BaseModel):
    text: str
    act: str
    lang: str
    after: str | None = None
    source: str | None = None


class ActResult(BaseModel):
    set: str
    total: int
    correct: int
    accuracy: float
    routing_accuracy: float  # the tool that runs first (requests), a follow-up, or none
    per_class: dict[str, float]
    per_lang: dict[str, float]
    confusion: dict[str, dict[str, int]]  # expected -> predicted -> count
    misses: list[dict[str, str]]


def route(act: str) -> str:
    if act in REQUESTS:
        return act
    return "follow_up" if act in FOLLOW_UPS else "none"


def load_cases(name: str = HOLDOUT) -> list[ActCase]:
    text = resources.files("bot.eval").joinpath("data", name).read_text(encoding="utf-8")
    return [ActCase.model_validate_json(line) for line in text.splitlines() if line.strip()]


def evaluate(cases: list[ActCase], name: str = HOLDOUT) -> ActResult:
    classify = ActClassifier()
    confusion: dict[str, Counter[str]] = {a: Counter() for a in ACTS}
    by_lang: dict[str, list[bool]] = {}
    routed: list[bool] = []
    misses = []
    for case in cases:
        scores = classify(case.text)
        predicted = max(scores, key=lambda a: scores[a])
        confusion[case.act][predicted] += 1
        by_lang.setdefault(case.lang, []).append(predicted == case.act)
        routed.append(route(predicted) == route(case.act))
        if predicted != case.act:
            misses.append({"text": case.text, "expected": case.act, "predicted": predicted})
    correct = sum(confusion[a][a] for a in ACTS)
    return ActResult(
        set=name,
        total=len(cases),
        correct=correct,
        accuracy=round(correct / len(cases), 4) if cases else 0.0,
        routing_accuracy=round(sum(routed) / len(routed), 4) if routed else 0.0,
        per_class={a: round(confusion[a][a] / max(1, sum(confusion[a].values())), 4) for a in ACTS},
        per_lang={lang: round(sum(v) / len(v), 4) for lang, v in by_lang.items()},
        confusion={a: dict(confusion[a]) for a in ACTS},
        misses=misses,
    )
