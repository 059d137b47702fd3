"""The message catalogue: every sentence in both languages, the same placeholders in each, each language
written in itself, and every key the code asks for present."""

from __future__ import annotations

import re
import string

import pytest

from bot.i18n import Note, catalogue, detect, mostly, phrases, t
from tests.helpers import ROOT

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Proper names an English reader needs in Chinese to find them in the app (蒲公英, the creator platform).
_ALLOWED_IN_ENGLISH = re.compile(r"\((?:蒲公英|Pugongying|[^()]*[\u4e00-\u9fff][^()]*)\)")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    entries = catalogue()
    assert len(entries) > 300
    for key, entry in entries.items():
        assert set(entry) == {"zh", "en"}, key
        zh, en = entry["zh"], entry["en"]
        assert type(zh) is type(en), key
        if isinstance(zh, str):
            assert _fields(zh) == _fields(en), key
        elif not (zh and isinstance(zh[0], list)):  # phrase banks of pairs may differ; template lists may not
            assert len(zh) == len(en), key


def test_each_language_is_written_in_itself() -> None:
    for key, entry in catalogue().items():
        for text in _strings(entry["en"]):
            bare = _ALLOWED_IN_ENGLISH.sub("", text)
            assert not _CJK.search(bare) or key.startswith("actions.restate"), (key, text)
        for text in _strings(entry["zh"]):
            # Chinese sentences may name KOL, CES or CPE, never carry an English sentence.
            assert not re.search(r"(?:\b[A-Za-z]{3,}\b[\s,.]+){4}", text), (key, text)
            words = re.sub(r"\{[^}]*\}|[A-Z]{2,}|¥|/\w+(?: [a-z]+)?|\[\w+\]|ID", "", text)
            if len(words) > 12:
                assert mostly(words) == "zh", (key, text)


def test_every_key_the_code_asks_for_exists() -> None:
    entries = catalogue()
    used: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used.update(re.findall(r"""\b(?:t|phrases|both)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", source))
        used.update(re.findall(r"""key=["']([a-z_]+\.[a-z0-9_.]+)["']""", source))
    missing = sorted(k for k in used if k not in entries)
    assert not missing, missing
    assert len(used) > 150


def test_keys_built_from_values_exist() -> None:
    # Keys put together from a slot's value (a tier, a goal, a weekday, an issue kind ...), for every value.
    for group, values in {
        "common.tier": ("head", "mid", "junior", "koc"),
        "common.goal": ("launch", "conversion", "awareness"),
        "common.weekday": tuple(str(d) for d in range(7)),
        "compliance.kind": (
            "absolute_term",
            "medical_claim",
            "guarantee",
            "superstition",
            "missing_disclosure",
            "diversion",
        ),
        "compliance.advice": (
            "absolute_term",
            "medical_claim",
            "guarantee",
            "superstition",
            "missing_disclosure",
            "diversion",
        ),
        "compliance.severity": ("high", "medium", "low"),
        "copy.tone_name": ("plain", "casual", "professional", "shorter", "emoji"),
        "decline": ("fake_engagement", "fake_reviews", "disclosure", "bypass", "general"),
        "no_data": ("competitor", "other_platform", "prices", "sales", "general"),
        "explain.figure": ("cpe", "ces", "audience", "engagement_rate", "score"),
        "actions": ("more", "export", "campaign", "creators", "cheaper", "drafts", "explain", "restate"),
    }.items():
        for value in values:
            for lang in ("zh", "en"):
                assert t(f"{group}.{value}", lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notes_render_in_either_language_later(lang: str) -> None:
    note = Note(
        key="creators.note.tier_unfilled", params={"tier": {"zh": "腰部", "en": "mid-tier"}, "budget": 35000}
    )
    text = note.render(lang)
    assert "35,000" in text and detect(text) == lang
    assert phrases("copy.default_scenes", lang)
