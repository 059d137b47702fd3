"""Read a marketer's free-text brief (Chinese or English) into a `Brief`.

"多巴胺穿搭女装新品，预算20万，18-30岁一二线女性" -> product, category fashion, goal launch, budget 200,000 CNY,
audience female 18-30 in tier 1/2 cities. Only what the text says is filled in; the rest stays None.
"""

from __future__ import annotations

import re

from bot.models import Audience, Brief, Goal
from bot.resources import categories, infer_category

# --- amounts ------------------------------------------------------------------------------------------------

_UNITS = {
    "万": 10_000,
    "w": 10_000,
    "k": 1_000,
    "千": 1_000,
    "m": 1_000_000,
    "百万": 1_000_000,
    "亿": 100_000_000,
}
_AMOUNT = re.compile(
    r"(?P<cur>[¥￥$]|usd|us\$|rmb|cny)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>百万|万|千|亿|w(?![a-z])|k(?![a-z])|m(?![a-z]))?\s*"
    r"(?P<tail>元|块|rmb|cny|yuan|usd|dollars?|美元|美金)?",
    re.IGNORECASE,
)
_BUDGET_WORDS = re.compile(
    r"预算|budget|花费|spend|投入|总价|费用|under|within|up to|不超过|以内|控制在", re.IGNORECASE
)


class AmountError(ValueError):
    pass


def parse_amount(text: str, usd_rate: float = 7.2) -> int:
    """One amount: '50万', '30w', '¥200,000', '200k RMB', '$30k' (USD at `usd_rate`) -> CNY."""
    match = _AMOUNT.fullmatch(text.strip())
    if not match or not match.group("num"):
        raise AmountError(f"not an amount: {text!r}")
    value = _amount_value(match, usd_rate)
    if value is None:
        raise AmountError(f"not an amount: {text!r}")
    return value


def _amount_value(match: re.Match[str], usd_rate: float) -> int | None:
    number = float(match.group("num").replace(",", ""))
    unit = (match.group("unit") or "").lower()
    number *= _UNITS.get(unit, 1)
    currency = f"{match.group('cur') or ''}{match.group('tail') or ''}".lower()
    if any(mark in currency for mark in ("$", "usd", "dollar", "美元", "美金")):
        number *= usd_rate
    if number <= 0 or number > 1e11:
        return None
    return round(number)


def find_budget(text: str, usd_rate: float = 7.2) -> int | None:
    """The budget mentioned in a sentence: an amount with a currency or a 万/w/k unit, preferring one next to
    a budget word. Ages ('18-30岁'), counts ('10个达人') and dates ('618') are not amounts."""
    best: tuple[int, int] | None = None  # (priority, value)
    for match in _AMOUNT.finditer(text):
        if not match.group("num"):
            continue
        unit, currency = match.group("unit"), (match.group("cur") or match.group("tail"))
        after = text[match.end() : match.end() + 3]
        if re.match(
            r"\s*(岁|个|位|篇|条|天|周|月|年|%|号|人|kols?|creators?|influencers?|posts?|notes?)", after, re.I
        ):
            continue
        near = text[max(0, match.start() - 8) : match.start()]
        budget_word = bool(_BUDGET_WORDS.search(near))
        if not (unit or currency or budget_word):
            continue
        value = _amount_value(match, usd_rate)
        if value is None or (not unit and not currency and value < 1000):
            continue
        priority = 2 if budget_word else 1
        if best is None or priority > best[0]:
            best = (priority, value)
    return best[1] if best else None


# --- counts and audience ---------------------------------------------------------------------------------------

_CN_DIGITS = {
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
    "十": 10,
}
_COUNT = re.compile(
    r"(\d{1,3}|[一两二三四五六七八九十]{1,2})\s*(?:个|位|名)?\s*[\u4e00-\u9fff]{0,4}?"
    r"(?:达人|博主|kols?|kocs?|creators?|influencers?|bloggers?)",
    re.IGNORECASE,
)


def find_count(text: str) -> int | None:
    """'找10个达人', '20 KOLs', '五位博主' -> the number of creators asked for."""
    match = _COUNT.search(text)
    if not match:
        return None
    raw = match.group(1)
    if raw.isdigit():
        value = int(raw)
    elif raw.startswith("十"):
        value = 10 + _CN_DIGITS.get(raw[1:], 0) if len(raw) > 1 else 10
    elif raw.endswith("十"):
        value = _CN_DIGITS[raw[0]] * 10
    else:
        value = _CN_DIGITS.get(raw[0], 0) * (10 if len(raw) > 1 else 1) + (
            _CN_DIGITS.get(raw[1], 0) if len(raw) > 1 else 0
        )
    return value if 0 < value <= 500 else None


_AGE_RANGE = re.compile(r"(\d{2})\s*(?:-|~|～|到|至|to)\s*(\d{2})\s*(?:岁|years?|yo|y/o)?", re.IGNORECASE)
_FEMALE = re.compile(
    r"女性|女生|女孩|女士|姐妹|宝妈|妈妈|女装|\bwomen\b|\bfemale\b|\bgirls?\b|\bladies\b|\bmoms?\b", re.I
)
_MALE = re.compile(r"男性|男生|男士|男孩|男人|男装|\bmen\b|\bmale\b|\bguys?\b|\bboys?\b|\bdads?\b", re.I)
_TIER_WORDS: list[tuple[re.Pattern[str], list[str]]] = [
    (
        re.compile(
            r"一二线|一、二线|tier[- ]?1\s*(?:/|and|&|-)\s*(?:tier[- ]?)?2|first[- ] and second[- ]tier", re.I
        ),
        ["tier1", "new_tier1", "tier2"],
    ),
    (re.compile(r"一线|tier[- ]?1(?![/\d])|first[- ]tier", re.I), ["tier1", "new_tier1"]),
    (re.compile(r"下沉|三线|四线|小镇|tier[- ]?3|lower[- ]tier", re.I), ["tier3_plus"]),
]
_GEN_Z = re.compile(r"z世代|gen[- ]?z|大学生|学生党|college students?", re.I)


def find_audience(text: str) -> Audience | None:
    female, male = bool(_FEMALE.search(text)), bool(_MALE.search(text))
    share = 0.85 if female and not male else 0.15 if male and not female else None
    ages: dict[str, float] = {}
    match = _AGE_RANGE.search(text)
    if match and 10 <= int(match.group(1)) < int(match.group(2)) <= 70:
        ages = {f"{match.group(1)}-{match.group(2)}": 1.0}
    elif _GEN_Z.search(text):
        ages = {"18-24": 1.0}
    tiers: dict[str, float] = {}
    for pattern, names in _TIER_WORDS:
        if pattern.search(text):
            tiers = {name: 1.0 for name in names}
            break
    if share is None and not ages and not tiers:
        return None
    return Audience(female_share=share, age=ages, city_tier=tiers)


_GOALS: list[tuple[Goal, re.Pattern[str]]] = [
    ("launch", re.compile(r"新品|上新|首发|上市|launch|new product|debut", re.I)),
    ("conversion", re.compile(r"转化|带货|卖货|销量|成交|下单|gmv|sales|conversion|convert|sell", re.I)),
    ("awareness", re.compile(r"曝光|声量|知名度|品牌认知|种草|awareness|reach|exposure|visibility", re.I)),
]


def find_goal(text: str) -> Goal | None:
    for goal, pattern in _GOALS:
        if pattern.search(text):
            return goal
    return None


_CLAUSE = re.compile(r"[，,。;；!！?？\n：:]")
# Words a product name is never made of: budgets, amounts, and the request itself ("方案", "campaign").
_NOT_A_PRODUCT = re.compile(
    r"预算|budget|\d+\s*(?:万|w|k|元)|方案|计划|^的|^(?:campaign|plan)$", re.IGNORECASE
)
_REQUEST_TAIL = re.compile(
    r"的?(?:推广|营销|投放|种草|上新|上市)?(?:方案|计划|campaign|plan)$", re.IGNORECASE
)
_LABELLED_PRODUCT = re.compile(r"(?:产品|商品|单品|product)\s*[:：]\s*([^，,。;；\n]{2,60})", re.IGNORECASE)
_ZH_PRODUCT = re.compile(
    r"(?:推广|推|卖|种草|宣传|上新|新品|投放)\s*([\u4e00-\u9fffA-Za-z0-9]{2,14}?)(?=[，,。;；\s]|预算|$)"
)
_EN_PRODUCT = re.compile(
    r"\b(?:launch(?:ing)?|promot(?:e|ing)|sell(?:ing)?|market(?:ing)?|advertis(?:e|ing)|seed(?:ing)?)\s+"
    r"(?:(?:our|a|an|the|my|new)\s+)*(.+?)(?=\s+(?:for|to|in|with|on|among|budget|targeting|next|this)\b|[,.;]|$)",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"(?:\d+\s*(?:个|位|名))?\s*(?:达人|博主|红人|kols?|kocs?|creators?|influencers?|bloggers?)|"
    r"预算.*|budget.*|\d+\s*(?:-|~|到)\s*\d+\s*岁.*|帮我|请|找|推荐|我们|想|要|做一个|做个|"
    r"\b(?:find|suggest|recommend|please|i need|we need|help me|plan|a campaign for|campaign for)\b",
    re.IGNORECASE,
)


def find_product(text: str) -> str | None:
    """What is being marketed: '推纸尿裤' -> 纸尿裤, 'launch a vitamin C serum for ...' -> vitamin C serum,
    else the first clause with budget, audience and request words taken out ('多巴胺穿搭女装新品')."""
    for pattern in (_LABELLED_PRODUCT, _EN_PRODUCT, _ZH_PRODUCT):
        for match in pattern.finditer(text):
            candidate = match.group(1).strip()
            if len(candidate) >= 2 and not _NOT_A_PRODUCT.search(candidate):
                return candidate[:60]
    for clause in _CLAUSE.split(text):
        cleaned = _REQUEST_TAIL.sub("", _NOISE.sub("", clause).strip(" :：-")).strip()
        cleaned = re.sub(r"\s+", " ", cleaned)
        if (
            len(cleaned) >= 2
            and not re.fullmatch(r"[\d\s.,万wk¥$元]+", cleaned, re.I)
            and not re.fullmatch(
                r"(?:做|出|写)?(?:一个|个)?(?:推广|营销|投放|种草)?(?:方案|计划)|(?:a )?(?:campaign|plan)",
                cleaned,
                re.I,
            )
        ):
            return cleaned[:60]
    return None


_TIER_WORDS_IN_BRIEF: list[tuple[str, re.Pattern[str]]] = [
    ("head", re.compile(r"头部|大博主|大v|(?<![a-z])head(?![a-z])|top[- ]tier|mega|celebrit", re.I)),
    ("mid", re.compile(r"腰部|mid[- ]?tier|(?<![a-z])mid(?![a-z])|macro", re.I)),
    ("junior", re.compile(r"初级|尾部|小博主|junior|micro", re.I)),
    ("koc", re.compile(r"(?<![a-z])kocs?(?![a-z])|素人|nano", re.I)),
]


def find_tiers(text: str) -> list[str]:
    """Creator tiers the text asks for ('腰部达人', 'only KOCs'); empty when it names none."""
    return [tier for tier, pattern in _TIER_WORDS_IN_BRIEF if pattern.search(text)]


def parse_brief(text: str, usd_rate: float = 7.2) -> Brief:
    category = infer_category(text)
    return Brief(
        text=text.strip(),
        product=find_product(text),
        category=category,
        goal=find_goal(text),
        budget=find_budget(text, usd_rate),
        audience=find_audience(text),
        count=find_count(text),
        tiers=find_tiers(text),  # type: ignore[arg-type]
    )


def category_label(slug: str | None, lang: str = "zh") -> str:
    if not slug:
        return ""
    known = categories().get(slug)
    if known is None:
        return slug
    return known.zh if lang == "zh" else known.en
