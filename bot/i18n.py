"""The message catalogue: every sentence RedPilot writes, in Chinese and English, and the language rules.

The catalogue is data (`bot/resources/messages/*.yaml`, one file per area; a file's name prefixes its keys):

    creators.yaml
      tier_part:
        zh: "{tier} {n} 位（¥{spent:,}）"
        en: "{tier} {n} (¥{spent:,})"

`t("creators.tier_part", "en", tier=..., n=..., spent=...)` formats one entry with `str.format`. An entry
may also hold lists (phrase banks, template lists); `phrases()` returns those. Keys are checked by the tests:
every entry has both languages with the same placeholders, and every key the code asks for exists.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

import yaml
from pydantic import BaseModel, Field

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


class MissingMessage(KeyError):
    pass


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    """key -> {"zh": ..., "en": ...}, read once from the packaged YAML files."""
    entries: dict[str, dict[str, Any]] = {}
    folder = resources.files("bot").joinpath("resources", "messages")
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if not item.name.endswith(".yaml"):
            continue
        area = item.name.removesuffix(".yaml")
        # libyaml's loader when PyYAML was built with it: a third of a second less on every cold start.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(item.read_text(encoding="utf-8"), Loader=loader) or {}
        for key, value in data.items():
            entries[f"{area}.{key}"] = value
    return entries


def t(key: str, lang: Lang | str, /, **params: Any) -> str:
    """The catalogue's sentence for `key` in `lang`, formatted with `params`."""
    template = _entry(key, lang)
    if not isinstance(template, str):
        raise MissingMessage(f"{key} is a list, not a sentence")
    return template.format(**params) if params else template


def phrases(key: str, lang: Lang | str) -> list[Any]:
    """A list entry of the catalogue (a phrase bank or a list of templates) in `lang`."""
    value = _entry(key, lang)
    if not isinstance(value, list):
        raise MissingMessage(f"{key} is a sentence, not a list")
    return value


def _entry(key: str, lang: Lang | str) -> Any:
    entry = catalogue().get(key)
    if entry is None:
        raise MissingMessage(key)
    return entry["zh" if lang == "zh" else "en"]


def join(items: list[str], lang: Lang | str) -> str:
    """A list as one phrase: 、 between Chinese items, commas between English ones."""
    return ("、" if lang == "zh" else ", ").join(items)


def detect(text: str) -> Lang | None:
    """The language a message is written in: Chinese if it has Chinese characters, English if it has Latin
    words; None when it has neither ("8", "👍"), so the caller keeps the previous language."""
    if _CJK.search(text):
        return "zh"
    if _LATIN_WORD.search(text):
        return "en"
    return None


def mostly(text: str) -> Lang:
    """The main language of a longer text (copy, a guide passage): more Chinese characters than English words
    makes it Chinese."""
    return "zh" if len(_CJK.findall(text)) >= len(_LATIN_WORD.findall(text)) else "en"


def other(lang: Lang) -> Lang:
    return "en" if lang == "zh" else "zh"


class Note(BaseModel):
    """A sentence a tool wants shown (an assumption, a caveat, a reason), kept as a catalogue key and its
    values so it can be written in either language later."""

    key: str
    params: dict[str, Any] = Field(default_factory=dict)

    def render(self, lang: Lang | str) -> str:
        # A value given in both languages ({"zh": ..., "en": ...}, see both()) is taken in the one asked for.
        values = {
            name: value[lang if lang in LANGS else "en"]
            if isinstance(value, dict) and set(value) == set(LANGS)
            else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **values)


def both(key: str, /, **params: Any) -> dict[str, str]:
    """A catalogue sentence in both languages, for a Note's parameter that is itself words (a tier's name)."""
    return {lang: t(key, lang, **params) for lang in LANGS}


def as_lang(value: str | None, fallback: Lang = "zh") -> Lang:
    return cast(Lang, value) if value in LANGS else fallback
