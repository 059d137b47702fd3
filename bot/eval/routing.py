"""Routing evaluation: how often the offline engine picks the tool a competent assistant would call first.

The set (bot/eval/data/routing.jsonl) has 120 messages, 20 per intent, half Chinese and half English.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

from pydantic import BaseModel

from bot.engine.reply import INTENTS
from bot.engine.router import route


class RoutingCase(BaseModel):
    text: str
    lang: str
    tool: str


class RoutingResult(BaseModel):
    total: int
    correct: int
    accuracy: float
    per_class: dict[str, float]
    per_lang: dict[str, float]
    confusion: dict[str, dict[str, int]]  # expected -> predicted -> count
    misses: list[dict[str, str]]


def load_cases() -> list[RoutingCase]:
    text = resources.files("bot.eval").joinpath("data", "routing.jsonl").read_text(encoding="utf-8")
    return [RoutingCase.model_validate_json(line) for line in text.splitlines() if line.strip()]


def evaluate(cases: list[RoutingCase]) -> RoutingResult:
    confusion: dict[str, Counter[str]] = {i: Counter() for i in INTENTS}
    by_lang: dict[str, list[bool]] = {}
    misses = []
    for case in cases:
        predicted = route(case.text).intent
        confusion[case.tool][predicted] += 1
        by_lang.setdefault(case.lang, []).append(predicted == case.tool)
        if predicted != case.tool:
            misses.append({"text": case.text, "expected": case.tool, "predicted": predicted})
    correct = sum(confusion[i][i] for i in INTENTS)
    return RoutingResult(
        total=len(cases),
        correct=correct,
        accuracy=round(correct / len(cases), 4) if cases else 0.0,
        per_class={i: round(confusion[i][i] / max(1, sum(confusion[i].values())), 4) for i in INTENTS},
        per_lang={lang: round(sum(v) / len(v), 4) for lang, v in by_lang.items()},
        confusion={i: dict(confusion[i]) for i in INTENTS},
        misses=misses,
    )
