"""Amounts of money and numbers of things, in the spellings marketers type.

Budgets: 50万, 30w, ¥200,000, 200k RMB, $30k (US dollars at a set rate), 七万五. Counts of creators: 10个,
20 KOLs, 五位, "8个左右", "十来个", "a dozen", and the vague ones ("一套", "几个", "a handful").
"""

from __future__ import annotations

import re
from typing import Literal

_UNITS = {
    "万": 10_000,
    "w": 10_000,
    "k": 1_000,
    "千": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "百万": 1_000_000,
    "亿": 100_000_000,
}
_AMOUNT = re.compile(
    r"(?P<cur>[¥￥$]|usd|us\$|rmb|cny)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:个(?=\s*(?:万|w|千|k)))?\s*"
    r"(?P<unit>百万|万|千|亿|million|mn(?![a-z])|w(?![a-z])|k(?![a-z])|m(?![a-z]))?\s*"
    r"(?P<tail>元|块|rmb|cny|yuan|usd|dollars?|美元|美金)?",
    re.IGNORECASE,
)
_BUDGET_WORDS = re.compile(
    r"预算|budget|花费|spend|投入|总价|费用|经费|under|within|up to|不超过|以内|控制在|左右的钱|块钱",
    re.IGNORECASE,
)
_NOT_MONEY_AFTER = re.compile(
    r"\s*(岁|个|位|名|篇|条|天|周|月|年|%|号|人|粉|w粉|万粉|fans|followers|kols?|kocs?|creators?|influencers?|"
    r"posts?|notes?|days?|weeks?|months?|titles?|篇笔记|快充|充电|氮化镓|gan\b|pd\b|功率|瓦)",  # "65W快充" is watts
    re.IGNORECASE,
)
CN_DIGITS = {
    "零": 0,
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_NEGATED_BEFORE = re.compile(r"(?:不是|而不是|不要|not|instead of|rather than|rather)\s*$", re.IGNORECASE)
_WRONG_AFTER = re.compile(r"\s*(?:was wrong|is wrong|wrong|不对|错了|打错了?)", re.IGNORECASE)


class AmountError(ValueError):
    pass


def cn_number(text: str) -> int | None:
    """一 .. 九十九 as a number: 五, 十, 十二, 二十, 二十五."""
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return value or None


def parse_amount(text: str, usd_rate: float = 7.2) -> int:
    """One amount: '50万', '30w', '¥200,000', '200k RMB', '$30k' (USD at `usd_rate`), '七万五' -> CNY."""
    stripped = text.strip()
    chinese = _chinese_amount(stripped)
    if chinese is not None:
        return chinese
    match = _AMOUNT.fullmatch(stripped)
    if not match or not match.group("num"):
        raise AmountError(f"not an amount: {text!r}")
    value, _ = _value(match, usd_rate)
    if value is None:
        raise AmountError(f"not an amount: {text!r}")
    return value


_CN_AMOUNT = re.compile(r"([一两二三四五六七八九十]{1,3})(万|千)([一二三四五六七八九])?")


def _chinese_amount(text: str) -> int | None:
    """七万五 -> 75,000, 三万 -> 30,000, 五千 -> 5,000."""
    match = _CN_AMOUNT.fullmatch(text.removesuffix("元").removesuffix("块"))
    if not match:
        return None
    head = cn_number(match.group(1))
    if head is None:
        return None
    unit = 10_000 if match.group(2) == "万" else 1_000
    tail = CN_DIGITS.get(match.group(3) or "", 0) * unit // 10
    return head * unit + tail


def _value(match: re.Match[str], usd_rate: float) -> tuple[int | None, Literal["CNY", "USD"]]:
    number = float(match.group("num").replace(",", ""))
    number *= _UNITS.get((match.group("unit") or "").lower(), 1)
    currency_text = f"{match.group('cur') or ''}{match.group('tail') or ''}".lower()
    currency: Literal["CNY", "USD"] = "CNY"
    if any(mark in currency_text for mark in ("$", "usd", "dollar", "美元", "美金")):
        number *= usd_rate
        currency = "USD"
    if number <= 0 or number > 1e11:
        return None, currency
    return round(number), currency


_EN_SMALL = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_EN_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_EN_NUMBER_WORDS = re.compile(
    r"(?<![\d.,]\s)(?<![\d.,])\b(?:(?:a|"
    + "|".join([*_EN_SMALL, *_EN_TENS, *_EN_SCALES])
    + r")(?:[\s-]+(?:and[\s-]+)?|\b))+",
    re.IGNORECASE,
)


def _english_number(words: str) -> int | None:
    """'two hundred thousand' -> 200000, 'fifty k' is left to the digits' rules."""
    total = current = 0
    seen = False
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in ("and", "a"):
            current = current or (1 if word == "a" else 0)
            continue
        seen = True
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _EN_SCALES[word]
            current = 0
    return total + current if seen else None


def _with_english_numbers(text: str) -> str:
    """Spelled-out amounts as digits, when they reach the thousands ("two hundred thousand RMB")."""

    def digits(match: re.Match[str]) -> str:
        value = _english_number(match.group(0))
        return f"{value} " if value is not None and value >= 1000 else match.group(0)

    return _EN_NUMBER_WORDS.sub(digits, text)


def find_budget(text: str, usd_rate: float = 7.2) -> tuple[int, Literal["CNY", "USD"]] | None:
    """The budget a sentence mentions: an amount with a currency or a 万/w/k unit, preferring one next to a
    budget word. Ages ('18-30岁'), counts ('10个达人', '20 KOLs'), fans ('10w粉') and dates are not amounts."""
    text = _with_english_numbers(text)
    alone = re.fullmatch(r"\s*(\d{4,9}|\d{1,3}(?:,\d{3})+)\s*", text)
    if alone:  # a bare "20000" sent on its own is an amount: nothing else in a brief runs to thousands
        return int(alone.group(1).replace(",", "")), "CNY"
    best: tuple[int, int, Literal["CNY", "USD"]] | None = None  # (priority, value, currency)
    for match in _AMOUNT.finditer(text):
        if not match.group("num"):
            continue
        unit, currency = match.group("unit"), (match.group("cur") or match.group("tail"))
        end = max(match.end(g) for g in ("num", "unit", "tail") if match.group(g))
        counted = not unit and _NOT_MONEY_AFTER.match(text, match.end("num"))  # "20个达人", not "20个w"
        if _NOT_MONEY_AFTER.match(text, end) or counted:
            continue
        if re.match(r"\d", text[end : end + 1]) or text[max(0, match.start() - 1) : match.start()] in (
            "-",
            "到",
        ):
            continue
        near = text[max(0, match.start() - 10) : match.start()]
        after = text[match.end() : match.end() + 6]
        budget_word = bool(_BUDGET_WORDS.search(near) or re.match(r"\s*(?:的)?(?:预算|budget)", after, re.I))
        if not (unit or currency or budget_word):
            continue
        value, money = _value(match, usd_rate)
        if value is None or (not unit and not currency and value < 1000):
            continue
        if match.group("num") in ("11", "618", "618.0") and not (currency or budget_word):
            continue  # 双11, 618: shopping festivals, not money
        priority = 2 if budget_word else 1
        if _NEGATED_BEFORE.search(text[max(0, match.start() - 12) : match.start()]) or _WRONG_AFTER.match(
            text, end
        ):
            priority = 0  # "不是5千", "5w was wrong": the amount being corrected
        if best is None or priority >= best[0]:  # the later of equals: a correction comes after
            best = (priority, value, money)
    for match in _CN_AMOUNT.finditer(text):
        value = _chinese_amount(match.group(0))
        if value is not None and (best is None or best[0] < 2):
            near = text[max(0, match.start() - 10) : match.start()]
            priority = 2 if _BUDGET_WORDS.search(near) else 1
            if best is None or priority > best[0]:
                best = (priority, value, "CNY")
    return (best[1], best[2]) if best else None


_CREATOR_WORDS = r"(?:达人|博主|红人|网红|kols?|kocs?|creators?|influencers?|bloggers?|账号|accounts?|号)"
_COUNT = re.compile(
    r"(?P<num>\d{1,3}|[一两二三四五六七八九十]{1,3})(?![些套组批点下])\s*(?:个|位|名|家)?\s*(?P<approx>左右|上下|来个|多个|个左右)?\s*"
    r"[\u4e00-\u9fff]{0,4}?" + _CREATOR_WORDS,
    re.IGNORECASE,
)
_COUNT_ALONE = re.compile(
    r"(?:要|找|挑|选|给我|来|just|only|about|around|roughly|~)\s*(?P<num>\d{1,3}|[一两二三四五六七八九十]{1,3})\s*"
    r"(?:个|位|名)?\s*(?:左右|上下|就够了?|就行|即可|个就够)?(?![\d万wk千%岁天周月号])",
    re.IGNORECASE,
)
_APPROX = re.compile(
    r"(?P<num>\d{1,3}|[一两二三四五六七八九十]{1,3})\s*(?:个|位|名)\s*(?:左右|上下)", re.IGNORECASE
)
# "like 8 of them", "make that 12": a count said of the creators already in play.
_OF_THEM = re.compile(
    r"\b(\d{1,3})\s+of (?:them|those|these|'?em)\b"
    r"|\bmake (?:that|it) (\d{1,3})\b(?!\s*(?:k|w|万|%|rmb|yuan|cny|usd|days?|weeks?|months?|titles?))",
    re.I,
)
_TEN_ISH = re.compile(r"十来个|十几个|a dozen|一打")
_SET = re.compile(
    r"一套|一组|一批|一个矩阵|一份名单|\ba (?:set|team|lineup|roster|shortlist|mix) of\b|一个达人矩阵",
    re.IGNORECASE,
)
_FEW = re.compile(
    r"(?:几个|几位|一些|一小批|少量|a few|a handful of|some)\s*[\u4e00-\u9fffA-Za-z\s-]{0,14}?"
    + _CREATOR_WORDS
    + r"|\ba handful\b|几个就(?:行|够|好)|几位就(?:行|够|好)|a few (?:is|are|will do)",
    re.IGNORECASE,
)
_DIGIT_EN_COUNT = re.compile(
    r"\b(?P<num>\d{1,3})\s+(?:[A-Za-z-]+\s+){0,2}?" + _CREATOR_WORDS + r"\b", re.IGNORECASE
)
_EN_NUMBERS = {
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
_EN_COUNT = re.compile(
    r"\b(?P<word>three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)\s+(?:\w+\s+)?"
    + _CREATOR_WORDS,
    re.IGNORECASE,
)
SET_SIZE = 8  # "一套达人", "a set of KOLs": a matrix of the usual size
FEW_SIZE = 5


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else cn_number(raw)


_INSTEAD = re.compile(
    r"(\d{1,3})\s*(?:个|位)?\s*(?:instead of|rather than|not|而不是|不要)\s*\d{1,3}", re.IGNORECASE
)
_CLAUSE_END_COUNT = re.compile(
    r"(?:^|[\s，,。；;])(?P<num>\d{1,3}|[一两二三四五六七八九十]{1,3})\s*(?:个|位|名)(?:\s*左右)?(?=$|[\s，,。；;！!？?～~]|就)"
)
_ISH = re.compile(
    r"\b(\d{1,3})\s*-?ish\b|\b(?:about|around|roughly|approx\.?|~)\s*(\d{1,3})\b(?!\s*(?:k|w|万|%|days?|weeks?|months?|rmb|yuan))",
    re.I,
)


def find_count(text: str, vague: bool = True) -> int | None:
    """The number of creators asked for: '找10个达人', '20 KOLs', '五位博主', '8个左右', '十来个', '8ish',
    '10 instead of 5'; with `vague`, also '一套' (8) and '几个' / 'a handful' (5)."""
    match = _INSTEAD.search(text)
    if match:
        return int(match.group(1))
    for pattern in (_COUNT, _DIGIT_EN_COUNT, _APPROX, _CLAUSE_END_COUNT):
        match = pattern.search(text)
        if match:
            value = _number(match.group("num"))
            if value and 0 < value <= 500:
                return value
    match = _EN_COUNT.search(text)
    if match:
        return _EN_NUMBERS[match.group("word").lower()]
    match = _OF_THEM.search(text)
    if match:
        value = int(match.group(1) or match.group(2))
        if 2 <= value <= 200:
            return value
    match = _ISH.search(text)
    if match:
        value = int(match.group(1) or match.group(2))
        if 2 <= value <= 200:
            return value
    if _TEN_ISH.search(text):
        return 12 if "dozen" in text.lower() or "一打" in text else 10
    match = _COUNT_ALONE.search(text)
    if match:
        value = _number(match.group("num"))
        if value and 2 <= value <= 200:
            return value
    if vague:
        if _SET.search(text):
            return SET_SIZE
        if _FEW.search(text):
            return FEW_SIZE
    return None


def find_title_count(text: str) -> int | None:
    """'5个标题', '写三个标题', '10 titles', 'a few titles'."""
    match = re.search(
        r"(\d{1,2}|[一两二三四五六七八九十]{1,2})\s*(?:个|条|版)?\s*(?:[A-Za-z-]+\s+|[\u4e00-\u9fff]{1,4}?)?"
        r"(?:标题|title|titles|headlines?|options?)",
        text,
        re.I,
    )
    if match:
        value = _number(match.group(1))
        return value if value and 1 <= value <= 10 else None
    match = re.search(
        r"\b(three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?(?:titles?|headlines?)", text, re.I
    )
    if match:
        return _EN_NUMBERS[match.group(1).lower()]
    if re.search(r"几个标题|几条标题|a few titles|some titles", text, re.I):
        return 5
    return None
