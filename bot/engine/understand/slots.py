"""Slots read from a message: product, category, budget, count, tiers, audience, goal, weeks, days, tone ...

A product is a run of content words the message names ("男士防晒", "冻干猫粮", "vitamin C serum"), never the
leftover of the request ("荐达人", "一些", "做一下小红书"): request words, amounts, counts, audiences, goals,
dates and tiers are taken out first, and a run that holds a word the data knows (a hashtag, a category
keyword) is preferred.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from bot.engine.understand.amounts import find_budget, find_count, find_title_count
from bot.engine.understand.lexicon import Lexicon
from bot.engine.understand.turn import Slots, Tone
from bot.i18n import Lang
from bot.models import Audience, Goal, Tier
from bot.resources import categories

# --- audience, goal, tiers, time --------------------------------------------------------------------------------

_AGE_RANGE = re.compile(r"(\d{2})\s*(?:-|~|～|到|至|to)\s*(\d{2})\s*(?:岁|years?|yo|y/o)?", re.IGNORECASE)
_FEMALE = re.compile(
    r"女性|女生|女孩|女士|姐妹|宝妈|妈妈|女装|女人|\bwomen'?s?\b|\bfemale\b|\bgirls?\b|\bladies\b|\bmoms?\b"
    r"|\bmums?\b|\bmothers?\b|\bwives\b|\bher\b",
    re.I,
)
_MALE = re.compile(
    r"男性|男生|男士|男孩|男人|男装|\bmen'?s?\b|\bmale\b|\bguys?\b|\bboys?\b|\bdads?\b|\bhim\b", re.I
)
_CITY_TIERS: list[tuple[re.Pattern[str], list[str]]] = [
    (
        re.compile(
            r"一二线|一、二线|tier[- ]?1\s*(?:/|and|&|-|or)\s*(?:tier[- ]?)?2|first[- ] and second[- ]tier",
            re.I,
        ),
        ["tier1", "new_tier1", "tier2"],
    ),
    (re.compile(r"一线|tier[- ]?1(?![/\d])|first[- ]tier", re.I), ["tier1", "new_tier1"]),
    (re.compile(r"下沉|三线|四线|小镇|县城|tier[- ]?3|lower[- ]tier", re.I), ["tier3_plus"]),
]
_GEN_Z = re.compile(r"z世代|gen[- ]?z|00后|大学生|学生党|college students?", re.I)


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
    for pattern, names in _CITY_TIERS:
        if pattern.search(text):
            tiers = dict.fromkeys(names, 1.0)
            break
    if share is None and not ages and not tiers:
        return None
    return Audience(female_share=share, age=ages, city_tier=tiers)


_GOALS: list[tuple[Goal, re.Pattern[str]]] = [
    (
        "conversion",
        re.compile(r"转化|带货|卖货|销量|成交|下单|gmv|\bsales\b|conversion|convert|\bsell", re.I),
    ),
    ("launch", re.compile(r"新品|上新|首发|上市|launch|new product|debut", re.I)),
    (
        "awareness",
        re.compile(
            r"曝光|声量|知名度|品牌认知|种草|awareness|\breach\b|exposure|visibility|brand building", re.I
        ),
    ),
]


def find_goal(text: str) -> Goal | None:
    for goal, pattern in _GOALS:
        if pattern.search(text):
            return goal
    return None


_TIER_WORDS: list[tuple[Tier, re.Pattern[str]]] = [
    ("head", re.compile(r"头部|大博主|大v|(?<![a-z])head(?![a-z])|top[- ]tier|mega|celebrit|明星", re.I)),
    ("mid", re.compile(r"腰部|mid[- ]?tier|mid[- ]?level|(?<![a-z])mid(?![a-z])|macro", re.I)),
    ("junior", re.compile(r"初级|尾部|小博主|junior|micro|small creators?", re.I)),
    ("koc", re.compile(r"(?<![a-z])kocs?(?![a-z])|素人|nano", re.I)),
]
_NOT_BEFORE = re.compile(
    r"(?:不要|不用|别找|别要|去掉|除了|拿掉|删掉|\bno\b|without|exclude|except|skip|drop|remove|minus|not)\s*(?:the\s+)?$",
    re.I,
)
_NOT_AFTER = re.compile(
    r"^\s*(?:的)?(?:都)?(?:去掉|不要了?|拿掉|删掉|就不要了|就算了|不用了?|太贵|贵了|占太多|(?:is |are )?too (?:expensive|pricey|much))",
    re.I,
)
_ONLY = re.compile(r"只要|只找|只用|只留|只选|就要|only|just", re.I)
_ONLY_BEFORE_LIST = re.compile(
    r"只要|只找|只用|只留|只选|就要"
)  # Chinese puts the list after; English may not
TIERS: tuple[Tier, ...] = ("head", "mid", "junior", "koc")


def find_tiers(text: str) -> list[Tier]:
    """The creator tiers asked for: '只要头部和腰部' -> [head, mid]; '不要KOC' or '头部去掉' -> every tier but
    those; '头部去掉，只要腰部和初级' -> [mid, junior]."""
    wanted: list[Tier] = []
    excluded: list[Tier] = []
    only = _ONLY_BEFORE_LIST.search(text)
    if only:  # "头部占太多了 只要腰部初级和koc": what follows 只要 is the list
        text = text[only.start() :]
    for tier, pattern in _TIER_WORDS:
        for match in pattern.finditer(text):
            before, after = (
                text[max(0, match.start() - 14) : match.start()],
                text[match.end() : match.end() + 18],
            )
            if _NOT_BEFORE.search(before) or _NOT_AFTER.search(after):
                excluded.append(tier)
            else:
                wanted.append(tier)
    wanted = [t for t in TIERS if t in wanted and t not in excluded]
    if wanted:
        return wanted
    return [t for t in TIERS if t not in excluded] if excluded else []


_EN_WEEKS = {
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}


def find_weeks(text: str) -> int | None:
    english = re.search(r"\b(three|four|five|six|seven|eight|nine|ten|twelve)[- ]weeks?\b", text, re.I)
    if english:
        return _EN_WEEKS[english.group(1).lower()]
    match = re.search(r"(\d{1,2}|[一两二三四五六七八九十]{1,2})\s*(?:个)?\s*(?:周|星期|weeks?)", text, re.I)
    if match:
        raw = match.group(1)
        from bot.engine.understand.amounts import cn_number

        value = int(raw) if raw.isdigit() else cn_number(raw)
        if (
            value
            and 1 <= value <= 26
            and not re.search(
                r"近|过去|最近|last|past", text[max(0, match.start() - 4) : match.start()], re.I
            )
        ):
            return max(3, min(12, value))
    match = re.search(r"(\d|[一两二三])\s*个月", text)
    if match and not re.search(r"近|过去|最近", text[max(0, match.start() - 3) : match.start()]):
        months = (
            int(match.group(1))
            if match.group(1).isdigit()
            else {"一": 1, "两": 2, "二": 2, "三": 3}[match.group(1)]
        )
        return max(3, min(12, months * 4))
    return None


_DAYS = [
    (
        re.compile(
            r"一周|7\s*天|七天|本周|这周|上周|last week\b|this week\b|7 days|past week|seven days", re.I
        ),
        7,
    ),
    (re.compile(r"两周|半个月|14\s*天|two weeks|2 weeks|fortnight", re.I), 14),
    (re.compile(r"三个月|季度|90\s*天|quarter|3 months|three months", re.I), 90),
    (re.compile(r"两个月|60\s*天|two months|2 months", re.I), 60),
    (re.compile(r"一个月|这个月|本月|上个月|30\s*天|last month|this month|30 days|past month", re.I), 30),
]


def find_days(text: str) -> int | None:
    match = re.search(
        r"(?:近|过去|最近|last|past)\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:天|days?)", text, re.I
    )
    if match:
        from bot.engine.understand.amounts import cn_number

        raw = match.group(1)
        value = int(raw) if raw.isdigit() else cn_number(raw.replace("两", "二"))
        if value and 3 <= value <= 180:
            return value
    for pattern, days in _DAYS:
        if pattern.search(text):
            return days
    return None


_OCCASIONS = re.compile(
    r"双\s*11|双十一|双\s*12|双十二|618|年货节|春节|新年|情人节|520|七夕|中秋|国庆|开学季|圣诞|"
    r"\bdouble 11\b|\bsingles'? day\b|\b11\.11\b|\bchristmas\b|\bchinese new year\b"
    r"|(?<![\d,.kw万]\s)(?<![\d,.kw万])\bcny\b(?!\s*\d)",  # "230,000 CNY" is money, not the New Year
    re.IGNORECASE,
)


def find_occasion(text: str) -> str | None:
    match = _OCCASIONS.search(text)
    if not match:
        return None
    value = match.group(0)
    if re.fullmatch(r"双\s*11|双十一|double 11|singles'? day|11\.11", value, re.I):
        return "双11"
    if re.fullmatch(r"双\s*12|双十二", value):
        return "双12"
    return value


_CHEAPER = re.compile(
    r"便宜|省点|省钱|少花|降低预算|降预算|预算(?:减|砍|少|压|低)|太贵|贵了|cheaper|less money|lower (?:the )?budget|"
    r"cut (?:the )?budget|too expensive|save money|smaller budget|tighter budget|less expensive|cut costs?|"
    r"reduce (?:the )?(?:budget|cost)",
    re.I,
)
_PRICIER = re.compile(
    r"加预算|多花|预算(?:加|翻|提|多)|更多预算|more budget|bigger budget|increase (?:the )?budget|spend more|"
    r"higher budget|raise (?:the )?budget",
    re.I,
)
_NO_BUDGET = re.compile(
    r"没(?:有)?预算|还没定预算|预算(?:还)?没定|预算未定|no budget|budget (?:is )?(?:not set|tbd|open)", re.I
)


_DOUBLE = re.compile(r"翻倍|翻一倍|加倍|double|twice (?:the|as)|x2\b|×2", re.I)
_HALVE = re.compile(r"减半|砍半|砍一半|一半|halve|half (?:the|of)", re.I)
_TIER_BEFORE = re.compile(
    r"(?:头部|腰部|初级|尾部|大v|kol|koc|top[- ]tier|head|mid[- ]tier|macro)\S{0,3}\s*(?:is |are )?$", re.I
)


def find_budget_scale(text: str) -> float | None:
    """A budget changed by a factor: cheaper 0.7, more 1.5, doubled 2, halved 0.5. "头部太贵了" says a tier
    costs too much (the tiers change), not the budget."""
    if _DOUBLE.search(text) and re.search(r"预算|budget|花|spend|钱", text, re.I):
        return 2.0
    if _HALVE.search(text) and re.search(r"预算|budget|花|spend|钱", text, re.I):
        return 0.5
    cheaper = _CHEAPER.search(text)
    if cheaper and not _TIER_BEFORE.search(text[max(0, cheaper.start() - 14) : cheaper.start()]):
        return 0.7
    if _PRICIER.search(text):
        return 1.5
    return None


# --- copy, tone, language ---------------------------------------------------------------------------------------

_QUOTED = re.compile(
    r"[「“\"『‘]([^「“\"『」”\"』‘’]{2,})[」”\"』’]|(?<![A-Za-z])'([^'\s]+\s[^']{2,})'(?![A-Za-z])"
)
_AFTER_COLON = re.compile(r"[:：]\s*\n?(.{4,})", re.S)


def find_copy(text: str) -> str | None:
    """Copy pasted into the message: quoted, after a colon, or on the lines after the request."""
    quoted = [(m.group(1) or m.group(2) or "").strip() for m in _QUOTED.finditer(text)]
    quoted = [q for q in quoted if len(q) >= 2]
    if quoted:
        return max(quoted, key=len)
    match = _AFTER_COLON.search(text)
    if match:
        return match.group(1).strip()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > 1:
        return "\n".join(lines[1:]).strip()
    return None


_TONES: list[tuple[Tone, re.Pattern[str]]] = [
    (
        "shorter",
        re.compile(
            r"精简|短一点|短一些|短点|改短|写短|简短|简洁|缩短|删减|shorter|shorten|more concise|concise|trim|tighter|less wordy|cut it down",
            re.I,
        ),
    ),
    ("emoji", re.compile(r"表情|emoji|emojis|颜文字", re.I)),
    (
        "professional",
        re.compile(r"专业|正式|高级感|书面|professional|formal|polished|serious|corporate", re.I),
    ),
    (
        "casual",
        re.compile(
            r"口语|接地气|轻松|活泼|随意|俏皮|像朋友|唠嗑|亲切|casual|conversational|chatty|friendly|relaxed|fun|playful|informal|human",
            re.I,
        ),
    ),
]


def find_tone(text: str) -> Tone | None:
    """The tone asked for, outside quoted copy ("能写‘全市最专业’吗" asks about the word, not for a tone)."""
    bare = _QUOTED.sub(" ", text)
    for tone, pattern in _TONES:
        if pattern.search(bare):
            return tone
    return None


def find_to_lang(text: str) -> Lang | None:
    """'in English', '翻成中文', '用英文再说一遍' -> the language asked for. The language a request points to
    wins over one it only mentions ("这段英文文案帮我改成中文", "in Chinese, my boss doesn't read English")."""
    directed = re.search(
        r"(?:翻译?成|译成|改成|换成|写成|变成|转成|用|出个?|要)\s*(英文|英语|中文|汉语|普通话)"
        r"|\b(?:in|into|to)\s+(english|chinese|mandarin)\b",
        text,
        re.I,
    )
    if directed:
        word = (directed.group(1) or directed.group(2)).lower()
        return "en" if word in ("英文", "英语", "english") else "zh"
    if re.search(r"英文|英语|english|\ben\b", text, re.I) and not re.search(
        r"从英文|英文的(?:笔记|资料)", text
    ):
        return "en"
    if re.search(r"中文|汉语|普通话|chinese|mandarin|\bzh\b|\bcn\b", text, re.I):
        return "zh"
    return None


def find_kind(text: str) -> str | None:
    if re.search(r"一篇|完整的?笔记|整篇|whole note|full note|a note\b|full post", text, re.I):
        return "note"  # "再写一篇完整的笔记，用第一个标题": a note, whatever title it takes
    if re.search(r"标题|titles?|headlines?|hooks?", text, re.I):
        return "titles"
    if re.search(r"笔记|文案|正文|一篇|帖子|\bnote\b|\bpost\b|caption|copy|draft", text, re.I):
        return "note"
    return None


# --- product, category, topic ---------------------------------------------------------------------------------

# Words that make up requests, never products. Kept as data in a string: one word per space.
_STOP_ZH = (
    """
帮我 帮忙 帮 麻烦 请问 请 能否 能不能 可以 可不可以 能 想 想要 要 需要 我们 我 你 你们 他们 咱们 大家
找 找找 推荐 推 挑 选 筛 配 搭 搭配 给 出 做 写 弄 整 来 发 发我 看 看看 查 查查 分析 规划 策划 准备 打算 安排 列 列个
一下 一些 一点 一套 一组 一批 一个 一份 一篇 几个 几位 些 点 个 位 名 篇 条 份 家 款 下 的 了 吗 呢 吧 啊 呀 嘛 哦 哈
和 跟 与 及 以及 或 或者 还是 还有 再 也 都 就 先 又 在 是 有 把 被 让 对 从 到 向 为 为了 关于 针对 用 用于
这个 那个 这 那 这些 那些 这款 那款 这次 本次 哪些 哪个 什么 怎么 怎么样 如何 为啥 为什么 多少 吗 呢
达人 博主 红人 网红 素人 kol koc 账号 矩阵 名单 清单 阵容 组合 方案 计划 全案 策略 打法 思路 排期 投放 推广 营销
宣传 种草 铺量 合作 预算 费用 报价 小红书 红书 平台 笔记 标题 文案 内容 话题 趋势 热点 热词 数据 品类 类目 赛道
产品 商品 单品 品牌 新品 上新 首发 上市 转化 带货 卖货 销量 曝光 声量 引流 拉新 完整 详细 具体 最近 近期 现在 目前
头部 腰部 初级 尾部 大v 小博主 女性 女生 男性 男生 用户 人群 受众 粉丝 一二线 一线 二线 下沉 城市 左右 大概 以内 万 元 块
最好 适合 合适 靠谱 优质 好的 不错 高质量 便宜 一起 上 中 里 月 周 天 年 季度 期间 这段 时间 之前 之后 下周 下个月
风格 方向 类型 东西 玩法 啥 什么样 变化 情况 为主 主要 单独 老板 老板说 等下 等等 这组 组人 这批 这些人 那批
打错 打错了 刚才 来着 就这些 场景 天猫 淘宝 京东 抖音 快手 微博 微信 电商 这块 这个词 这类 整体 面向 针对 竞品 竞对 同行 主推 主打 达人矩阵 达人名单 这波 那波 蹭 蹭一下 借势 去掉 拿掉 只要 只 不要 不用 别 不 换成 改成 换 改 变成 那 再来 投 投了 合作过 用了 更 更加 一些些 多 少 按 按照 照 基于
根据 同样 一样 其他 别的 另外 还 呢 哪 谁 时候 怎样 行 好 好吗 可以吗 行吗 对吧 是不是 有没有 顺便 另外 然后 所以 因为 但是
"""
    + """
你好 您好 哈喽 嗨 早 早上好 晚上好 谢谢 感谢 多谢 辛苦了 好的 收到 明白 了解 没问题 再见 拜拜
第一 第二 第三 第四 第五 第六 第七 第八 第九 第十 篇 版 遍 次 口语 口语化 专业 正式 精简 表情 英文 中文 英语 翻译 翻成 改成
为什么 为何 选 选了 对比 比较 比 区别 导出 文件 表格 详细 详情 资料 介绍 说说 讲讲 解释 算 算的 计算
相关 有关 趁 踩坑 不想 避雷 过季 过时 凉了 爆款 爆文 急 最火 很火 火 在涨 涨 热门 流行 热度 上升 降温 风向 占太多 太多 砍 砍一半 一半 冲 冲一波 想冲 一波 太贵 贵 太贵了 翻倍 加倍 减半 加进来 加进去 加上 加入 放进来 互动率 互动 很高 挺高 很低 挺好 很好 好不好 值不值 值得 划算 报价 价格 多少钱
那种 这种 那样 这样 打 突出 重点 强调 围绕 走 偏 要有 氛围 调性 感觉 角度 卖点 路线 正经 正经点 认真 认真点 靠谱点
"""
)
_STOP_EN = """
a an the our my your their his her its we i you they us me them this that these those some any few handful set
eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
dozen hold rather than instead as targeting target nothing moving look tmrw tomorrow today tonight asap urgent
ugh meh argh welp yikes makes double twice half kindly sense sure wait hmm hm oh ah sorry actually own client clients customer customers boss team agency love loves like likes writes posts speaks reads
find suggest recommend pick choose shortlist give get show tell make build create draft write plan put together need
want looking look help please can could would should will shall do does did is are was were be been being have has
for to of in on at with by from about into onto as and or but also just only maybe around roughly approx approximately
creator creators influencer influencers kol kols koc kocs blogger bloggers account accounts matrix list lineup roster
campaign campaigns plan plans proposal strategy budget budgets rmb cny usd yuan dollar dollars k w spend
red xiaohongshu rednote platform note notes post posts title titles copy caption content topic topics trend trends
product products brand brands new launch launching promote promoting promotion sell selling market marketing seed
seeding advertise advertising awareness sales conversion reach go-to-market gtm
mid-tier mid head junior micro nano top tier tiers women woman men man female male girls guys audience people users
fans followers young gen z city cities next month week weeks months days quarter year full complete whole detailed
please thanks hi hello ok okay now then also some good great nice best right conversion conversions
thinking local opening real actual actually scrap quick proper basically kind names name person people
toddlers toddler kids kid children babies moms mums dads parents students teens seniors
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
october november december rm myr sgd hkd aud eur gbp director manager boss ceo founder intern priced price target targets workers tbc tbd
what how why when where which who whom whose turn into say said again still thing things stuff something anything
everything it there here yes no not dont don't pls kinda sort type kind way ways idea ideas even well too back up
down out over off first second third fourth fifth last one two three four five six seven eight nine ten dozen
anyone everyone chinese english language version translate translation picked chose chosen compare versus vs
better worse send export file csv excel download details detail explain rewrite casual shorter professional emoji
tone draft drafts versions show me cheaper instead switch swap replace remove drop add ones mostly literally lol
pls plz yet guys folks client clients team boss manager line range series collection stuff item items
 change keep same other another else like such lot lots much many more less really very
awesome cool perfect let let's lets go going gonna wanna gotta got am im i'm it's that's what's thats whats doing
done try tried use used using see seen share know think doing hot popular rising trending viral buzz lately
currently recently today right still dying dead fading declining growing blowing taking alive big
hmm hey hi hello um uh oh sorry well confirmed confirm tbc tbd finally final updated update tmall taobao jd douyin tiktok weibo wechat global online store shop
"""
_CITIES = (
    "上海 北京 广州 深圳 杭州 成都 重庆 南京 武汉 西安 苏州 天津 长沙 厦门 青岛 新加坡 香港 "
    "shanghai beijing guangzhou shenzhen hangzhou chengdu chongqing nanjing wuhan xian suzhou singapore hong kong"
)
_STOP_WORDS = frozenset(_STOP_ZH.split()) | frozenset(_STOP_EN.split()) | frozenset(_CITIES.split())
_CLAUSE = re.compile(r"[，,。;；!！?？\n：:、()（）\[\]【】]")
_NUMBERISH = re.compile(
    r"[¥￥$~～]?\s*\d[\d,.]*\s*(?:万|千|元|块|个|位|名|篇|条|天|周|岁|%|号|月|(?:w|k|m|rmb|cny|usd|million|mn|ish)(?![a-z]))?"
    r"(?:\s*(?:-|~|～|到|至)\s*\d+\s*岁?)?",
    re.I,
)


@cache
def _jieba():  # type: ignore[no-untyped-def]
    from bot.store.tokenize import _jieba as search_jieba  # the search index's segmenter, already loaded

    return search_jieba()


def _segments(clause: str) -> list[str]:
    """Words of a clause: jieba for Chinese, spaces for the rest."""
    words: list[str] = []
    for token in _jieba().lcut(clause):
        token = token.strip()
        if token:
            words.append(token)
    return words


_ORDINAL = re.compile(
    r"第\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:个|位|篇|条|名|版)?|\b(?:#\d+|no\.?\s*\d+|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_REQUEST_PHRASE = re.compile(
    r"(?:请|麻烦你?|能不能|可不可以)?(?:帮我们?|帮忙|给我们?|替我们?|请帮我?)|[改写弄调变做搞]得更?|"
    r"改一[版下遍稿]|改成|改写|重写|润色|优化一下|调整一下|"
    r"(?:写|做|出|配|找|弄|搞|来|挑|选|列)一?[篇个份套组条版些](?![\u4e00-\u9fff]{0,1}(?:月|天|周|小时))|"
    r"今年|明年|去年|秋冬|春夏|夏季|冬季|春季|秋季|下个月|下月|这个月|年底|年初|"
    r"近\s*\d+\s*[天周月]|近[一两三]?(?:周|个月)|最近|近期|[看查]近|[挺很好超爆]火了?|火了|新出了?"
)
_CN_MONEY = re.compile(
    r"[一两二三四五六七八九十]{1,3}(?:万|千)[一二三四五六七八九]?(?:元|块)?|[一两二三四五六七八九十百]{1,3}\s*[个位名篇条家款周天](?:左右)?"
)


def _strip_slot_words(text: str) -> str:
    """Take out what other slots own, so it never ends up in a product."""
    text = _QUOTED.sub(" ", text)
    text = _ORDINAL.sub(" ", text)
    text = _CN_MONEY.sub(" ", text)
    text = _REQUEST_PHRASE.sub(" ", text)
    text = _OCCASIONS.sub(" ", text)
    text = _AGE_RANGE.sub(" ", text)
    for pattern, _ in _CITY_TIERS:
        text = pattern.sub(" ", text)
    text = _NUMBERISH.sub(" ", text)
    return text


# Where Chinese requests name their product: 给X写, 为X找, 主推X, 我们是做X的, X的方案 ...
# Where Chinese requests name their product, strongest first: 给X写, 新出了一款X, 主推X, X的方案 name what is
# sold; 做X的, 我们是做X describe the business ("我们是做女装的 …… 新品大衣": the product is 大衣).
_ZH_CUES = (
    (
        2,
        re.compile(
            r"(?:给|为|帮|替)(?:我们的?|我的?)?(?!我|你|他|她|咱)(?P<x>[^，,。;；!！?？\s]{2,14}?)(?:写|找|配|做|出|推|种草|起|想|搭|挑)"
        ),
    ),
    (
        2,
        re.compile(
            r"(?:主推|主打|推广|推|卖|上新|新品|新款|新出了?(?:个|一款|款)?|一款|这款|做的是|我们的|我家)"
            r"(?P<x>[^，,。;；!！?？\s的找写配出推挑]{2,14})"
        ),
    ),
    (
        2,
        re.compile(
            r"(?P<x>[^，,。;；!！?？\s]{2,14}?)的?(?:推广|种草|投放|营销|上新|新品)?(?:方案|笔记|标题|文案|campaign)"
        ),
    ),
    (1, re.compile(r"(?:我们(?:是)?做|是做|(?:^|[，,。\s])做)(?P<x>[^，,。;；!！?？\s的]{2,10})的?")),
)


# "我们是棉语，……", "我们晴窗的落地灯": the name a marketer introduces their business by, known to the data or not.
_INTRO_NAME = re.compile(
    r"(?:我们是|我们家是|这边是|我们这边是|我们)(?!的|是|做|家|想|要|需要|在|也|还|这|那|刚|正|准备|打算|计划)"
    r"(?P<name>[^\s，,。；;！!？?的]{2,8}?)(?=[，,。；;\s]|的[^\s，,。]{2,})"
)
_NOT_A_NAME = re.compile(r"一家|一个|品牌|公司|团队|工作室|代理|店|做|新人|小白|客户|老板|乙方|甲方|想|要")


def _introduced_name(text: str) -> str | None:
    match = _INTRO_NAME.search(text)
    if match and not _NOT_A_NAME.search(match.group("name")):
        return match.group("name")
    return None


def find_product(text: str, lex: Lexicon) -> str | None:
    found = read_product(text, lex)
    return found[0] if found else None


def read_product(text: str, lex: Lexicon) -> tuple[str, bool] | None:
    """The product or topic a message names, as the user wrote it. Where a request names it ("给蛋白粉写",
    "for our oak side table") beats any other content words; words that only say what kind of creator
    ("美食博主", "户外达人") come last; among the rest, words the data knows win."""
    english = _english_product(text, lex)
    if english:
        return english
    correction = re.search(
        r"(?:不对|错了|打错了?)?[，,\s]*是\s*(?P<right>[^，,。\s]{2,14}?)\s*[，,]?\s*不是", text
    )
    if correction:  # "不对 是自发热猫窝 不是普通猫窝"
        runs = _content_runs(_strip_slot_words(correction.group("right")))
        if runs:
            return _joined(runs[0]), True
    cued: dict[str, tuple[int, int]] = {}  # what a request names -> (cue strength, where)
    for strength, pattern in _ZH_CUES:
        for match in pattern.finditer(_QUOTED.sub(" ", text)):
            for run in _content_runs(_strip_slot_words(match.group("x"))):
                name = _joined(run)
                if strength > cued.get(name, (0, 0))[0]:
                    cued[name] = (strength, match.start("x"))
    candidates: list[tuple[int, ...] | tuple[int, int, int, int, int, str]] = []
    for candidate, (strength, at) in cued.items():  # named by a cue, as named; the strongest, then the first
        describes = bool(re.search(re.escape(candidate) + r"\s*(?:达人|博主|红人|kol|koc)", text, re.I))
        candidates.append(
            (
                strength,
                int(not describes),
                1,
                -at,
                _known_length(candidate, lex),
                0,
                candidate,
            )
        )
    for position, clause in enumerate(_CLAUSE.split(_strip_slot_words(text))):
        if not re.search(r"[\u4e00-\u9fff]", clause):
            continue
        for run in _content_runs(clause):
            candidate = _joined(run)
            is_cued = any(candidate in c for c in cued)
            # "美食博主", "户外达人" say what kind of creator, not what is sold; "我们是做女装的 …… 新品大衣": a
            # category's word is the business, the thing named beside it the product.
            describes_creators = bool(
                re.search(re.escape(run[-1]) + r"\s*(?:达人|博主|红人|kol|koc)", clause, re.I)
            )
            candidates.append(
                (
                    int(is_cued),
                    int(not describes_creators),
                    1,
                    -(10**6),  # below a candidate a cue names itself
                    _known_length(candidate, lex),
                    -position,
                    candidate,
                )
            )
    usable = [
        c
        for c in candidates
        if not _a_topic(str(c[-1]), text)
        and 2 <= len(c[-1]) <= 20
        and not c[-1].isdigit()
        and not _is_category_word(c[-1])
        and not _only_stop(c[-1])  # type: ignore[arg-type]
    ]
    if not usable:
        return None
    best = max(usable, key=lambda c: c[:6])
    return str(best[-1]), bool(best[0]) or int(best[4]) > 0  # named by a cue, or a word the data knows


# Words around a trend being ridden or an angle to take, which name no product: "蹭下面包探店这波", "走侘寂风",
# "要有烟火气的那种", "突出修护屏障", "重点打冬日暖居", "遛狗场景".
_TOPIC_AFTER = re.compile(
    r"\s*(?:这波|那波|的?热度|的?势|的?风|风格?|的?趋势|的?话题|这个(?:词|话题|方向|点|角度)|这股|的?那种|的?感觉|感"
    r"|的?场景|的?氛围|的?调性|的?角度|的?卖点|的?风格|的?路线|过季|还火|火不火|还有热度)"
)
_TOPIC_BEFORE = re.compile(
    r"(?:蹭|借|趁|赶|追|跟|突出|主打|强调|重点(?:打|讲|推|放在)?|要有|偏|走|围绕)(?:一?下|着)?\s*$"
)


def _a_topic(candidate: str, text: str) -> bool:
    """A trend being ridden, not a product: "想蹭下面包探店这波", "借山系穿搭的势"."""
    at = text.find(candidate)
    return at >= 0 and bool(
        _TOPIC_AFTER.match(text, at + len(candidate)) or _TOPIC_BEFORE.search(text[max(0, at - 4) : at])
    )


def find_angle(text: str, lex: Lexicon | None = None) -> str | None:
    """The trend ridden or the angle asked for, which the product reading leaves out ("想蹭下面包探店这波"),
    as the data names it when a term of the data holds it ("县城旅游这个词", though 县城 alone is a city tier)."""
    for clause in _CLAUSE.split(_strip_slot_words(text)):
        for run in _content_runs(clause):
            candidate = _joined(run)
            if (
                2 <= len(candidate) <= 12
                and _a_topic(candidate, text)
                and not _only_stop(candidate)
                and not _is_category_word(candidate)
                and not named_category(candidate)
            ):
                lowered = text.lower()
                known = [t for t in (lex.known_terms(text) if lex else []) if candidate.lower() in t.lower()]
                if known:  # as the user typed it: "早C晚A", not the index's "早c晚a"
                    term = max(known, key=len).lower()
                    at = lowered.find(term)
                    return text[at : at + len(term)] if at >= 0 else term
                return candidate
    return None


def _only_stop(candidate: str) -> bool:
    """Made of request words only ("达人矩阵", "推广方案"), however jieba cut it. Chinese only: English words
    are whole words ("ai" is not "a" + "i")."""
    if not re.search(r"[\u4e00-\u9fff]", candidate):
        return candidate.lower() in _STOP_WORDS
    text = candidate.lower().replace(" ", "")
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        reachable[end] = any(
            reachable[start] and text[start:end] in _STOP_WORDS for start in range(max(0, end - 6), end)
        )
    return reachable[-1]


def _joined(run: list[str]) -> str:
    """Words back into a name: no space next to a Chinese character ("AI眼镜"), a space between Latin words."""
    out = ""
    for word in run:
        if out and re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", word):
            out += " "
        out += word
    return out.strip(" -_·")


def _known_length(candidate: str, lex: Lexicon) -> int:
    return sum(len(term) for term in lex.known_terms(candidate) if not _is_category_word(term))


def _content_runs(clause: str) -> list[list[str]]:
    if _only_stop(clause.strip()):
        return []  # "你好", "谢谢": nothing to segment (and jieba's dictionary need not load)
    runs: list[list[str]] = []
    current: list[str] = []
    for word in _segments(clause):
        lowered = word.lower()
        is_stop = (
            lowered in _STOP_WORDS or not re.search(r"[\u4e00-\u9fffA-Za-z]", word) or _only_stop(lowered)
        )
        if is_stop:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(word)
    if current:
        runs.append(current)
    # A run of one single character ("猫", "给") says too little to be a product unless the data knows it.
    return [r for r in runs if len("".join(r)) >= 2]


_EN_CUE = re.compile(
    r"\b(?:for|launch(?:ing)?|promot(?:e|ing)|sell(?:ing)?|market(?:ing)?|advertis(?:e|ing)|seed(?:ing)?|"
    r"about|around|selling|called|named|new|(?:we|they|i) make|makes(?! sense)|making(?! sure)|(?:we|i) do|run|"
    r"running|our|my|we're an?|we are an?)\s+"
    r"((?:[\w'’&+-]+[ \t]*){1,6})",
    re.IGNORECASE,
)
# Where English names what is sold, stronger than "for X" or "about X": "we sell X", "our X", "it's a X".
# ("we're a small Danish furniture brand" says what the business is: the product is named elsewhere.)
_EN_STRONG_CUE = re.compile(
    r"(?=\b(?:we sell|we make|we're launching|launching|launch|selling|our new|our|it's an?|it is an?|called|"
    r"brand new)\s+(?!is\b|was\b|date\b|day\b|on\b|in\b)((?:[\w'’&+-]+[ \t]*){1,6}))"
    r"|\b(?:brand|company|label|business|client)\s*\(((?:[\w'’&+-]+[ \t]*){1,6})\)",  # "an apparel brand (shell jackets)"
    re.IGNORECASE,
)
# The same cues read from every position, so "marketing team for a retro camera" also yields "a retro camera".
_EN_CUE_OVERLAPPING = re.compile(
    r"(?=\b(?:for|our|new|sell|selling|launch(?:ing)?|(?:we|they|i) make|makes(?! sense))\s+((?:[\w'’&+-]+[ \t]*){1,6}))",
    re.I,
)
_EN_STOP_AFTER = re.compile(
    r"\s+(?:for|to|in|with|on|among|budget|targeting|aimed|next|this|that|who|which|around|under|within|at|by|"
    r"and find|please|creators?|influencers?|kols?|kocs?|campaign|plan)\b.*$",
    re.IGNORECASE,
)


_OPENERS = re.compile(
    r"^(?:[\s,.!?~:;-]+|(?:lol|ok|okay|so|hmm+|well|right|alright|yeah|yes|no|nah|hi|hey|hello|thanks|thx|cool|"
    r"great|fine|sure|then|and|also|now|actually|wait)\b)*"
)
_ANGLE_WORDS = frozenset(
    [
        "angle",
        "angles",
        "vibe",
        "vibes",
        "style",
        "tone",
        "theme",
        "feel",
        "aesthetic",
        "focus",
        "mood",
        "story",
    ]
)
_CONTENT_WORDS = frozenset(
    ["note", "notes", "post", "posts", "video", "videos", "content", "caption", "captions", "title", "titles"]
)


def _english_product(text: str, lex: Lexicon) -> tuple[str, bool] | None:
    """English names its product after "for", "our", "new", "we sell" ...; other runs of words count only when
    they hold a word the data or the category lexicon knows (English has no segmenter to tell nouns)."""
    unquoted = _QUOTED.sub("", text)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", unquoted))
    if cjk and (cjk > 6 or len(re.findall(r"[A-Za-z]{2,}", unquoted)) < 4):
        return None  # Chinese, or Chinese with English words in it: read by the Chinese rules
    text = (
        re.sub(r"[\u4e00-\u9fff]+", " , ", text) if cjk else text
    )  # "中古风 style": a name, not the product
    # Possessives go ("GEWU's bags"), except those that say who a product is for ("men's sunscreen").
    cleaned = re.sub(
        r"\b(?!(?:men|women|kid|baby|pet)['’]s\b)(\w+)['’]s\b", r"\1", _strip_slot_words(text), flags=re.I
    )
    candidates: list[tuple[int, int, int, str]] = []  # (cue, known length, words, candidate)
    opening = _OPENERS.sub("", cleaned.lower())  # "lol ok. lip tint for gen z girls": what it opens with
    for cue, phrases in (
        (2, [_EN_STOP_AFTER.sub("", m.group(1) or m.group(2)) for m in _EN_STRONG_CUE.finditer(cleaned)]),
        (1, [_EN_STOP_AFTER.sub("", m.group(1)) for m in _EN_CUE.finditer(cleaned)]),
        (1, [_EN_STOP_AFTER.sub("", m.group(1)) for m in _EN_CUE_OVERLAPPING.finditer(cleaned)]),
        (0, [" ".join(run) for run in _english_runs(cleaned)]),
    ):
        for phrase in phrases:
            words = re.findall(r"[A-Za-z][\w'’&+-]*|&", phrase.strip(" .,!?'’"))
            if cue and words and _AUDIENCE_FIRST.fullmatch(words[0]):
                continue  # "for women rather than as a gadget" says who, not what
            while words and words[0].lower() in _STOP_WORDS:
                words.pop(0)
            trailing: list[str] = []
            while words and words[-1].lower() in _STOP_WORDS:
                trailing.append(words.pop().lower())
            if cue and trailing and trailing[-1] in _CONTENT_WORDS:
                continue  # "titles for the opening-day note": what the note is for, not what is sold
            if words and words[-1].lower() in _ANGLE_WORDS:
                continue  # "post-workout recovery angle": how to talk about it, not what it is
            if (
                not words
                or len([w for w in words if w != "&"]) > 5
                or all(w.lower() in _STOP_WORDS or _FOR_WHOM.fullmatch(w) for w in words)
            ):
                continue
            candidate = " ".join(words)
            if _is_category_word(candidate):
                continue
            known = _known_length(candidate.lower(), lex) + sum(
                len(w) for w in words if _is_category_keyword(w) or _is_category_keyword(w.rstrip("s"))
            )
            # Telegraphic briefs name the product first: "smart jump rope, need kocs, 15k".
            leads = not cue and opening.startswith(candidate.lower()) and len(words) <= 4
            if not cue and not known and not leads:
                continue
            candidates.append((cue, known, len(words), candidate))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c[:3])
    # Named: after a cue ("for our oak side table") or opening the message; a known word found anywhere else
    # ("... rather than as a gadget") is only a guess.
    return best[3], bool(best[0]) or opening.startswith(best[3].lower())


_AUDIENCE_FIRST = re.compile(
    r"women|woman|men|man|girls?|guys?|moms?|mums?|mothers?|parents?|students?|teens?|kids?|gen|young|older",
    re.I,
)
_FOR_WHOM = re.compile(r"(?:men|women|kid|kids|baby|pet)['’]?s?", re.I)


def _english_runs(text: str) -> list[list[str]]:
    runs: list[list[str]] = []
    current: list[str] = []
    for word in re.findall(r"[A-Za-z][\w'’&+-]*|[^\sA-Za-z]+", text):
        stop = (
            word.lower() in _STOP_WORDS or not re.match(r"[A-Za-z]", word) or len(word) < 2
        ) and word != "&"
        possessive = re.fullmatch(r"(?:men|women|kids|baby|pet)'?s", word, re.I)
        if stop and not possessive:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(word)
    if current:
        runs.append(current)
    return runs


def named_category(text: str) -> str | None:
    """A category the message names. A phrase of several words the lexicon lists is the most specific name
    there is: "pet food" is Pets, though "food" alone names Food."""
    lowered = text.lower()
    for c in categories().values():
        for keyword in c.keywords:
            if " " in keyword and re.search(rf"(?<![a-z]){re.escape(keyword)}s?(?![a-z])", lowered):
                return c.slug
    for c in categories().values():
        if (
            c.zh in text
            or re.search(rf"(?<![a-z-]){re.escape(c.en.lower())}(?![a-z-])", lowered)
            or re.search(rf"(?<![a-z_-]){c.slug}(?![a-z_-])", lowered)
        ):
            return c.slug
    return None


def _is_category_keyword(term: str) -> bool:
    lowered = term.lower()
    return any(lowered in c.keywords for c in categories().values())


_FOR_MEN = re.compile(r"\bmen['’]?s\s+[a-z]|\bmale\s+[a-z]|男士(?!们)[\u4e00-\u9fff]", re.I)


def find_category(text: str, product: str | None, lex: Lexicon) -> str | None:
    """A category named in the message (护肤, skincare), else the one its product belongs to. Grooming for
    men is its own category: "men's scalp care", "男士防晒" (but "what about for men?" only changes the
    audience)."""
    return _for_men(text, _find_category(text, product, lex))


def _for_men(text: str, found: str | None) -> str | None:
    return "mens_grooming" if found in (None, "skincare") and _FOR_MEN.search(text) else found


def _find_category(text: str, product: str | None, lex: Lexicon) -> str | None:
    named = named_category(text)
    if named:
        return named
    if product:
        found = lex.category_of(product)
        if found:
            return found
    # Audience words are not categories: "what about for men?" keeps the brief's category.
    return lex.category_of(_MALE.sub(" ", _FEMALE.sub(" ", text)))


_TREND_WORDS = re.compile(
    r"最近|近期|现在|目前|这个月|本月|近\d+天|一周|两周|趋势|火吗|还火|很火|最火|火不火|热门|热点|流行|风向|在涨|上升|下滑|降温|热度|热词|"
    r"\b(?:what(?:'s| is| are)?|is|are|still|trending|trends?|hot|popular|rising|right now|lately|these days|"
    r"buzz\w*|blowing up|taking off|momentum|a thing|dying|dead|over|fading|declining|peaked|growing)\b",
    re.IGNORECASE,
)


# "萌宠最近有啥在涨的话题", "what's trending in home & living": the whole category, whatever the business sells.
_CATEGORY_WIDE = re.compile(
    r"(?:有啥|有什么|什么|哪些|啥)(?:话题|内容|东西|趋势|方向|热点)?\s*(?:在涨|在火|最火|火|热|涨|流行|上升)|整体|这块.{0,4}(?:涨|火|趋势)"
    r"|what'?s (?:trending|hot|rising|growing|popular|new|big|going up|taking off) (?:in|on|for)\b|\btrends? in\b"
    r"|\boverall\b",
    re.I,
)


def whole_category(text: str) -> bool:
    """Asked of a category by its own name ("萌宠", "skincare"), not of a product in it ("pet food")."""
    if not _CATEGORY_WIDE.search(text):
        return False
    lowered = text.lower()
    for c in categories().values():
        for keyword in c.keywords:
            if " " in keyword:
                lowered = lowered.replace(keyword, " ")  # "pet food" names a product, not the category Food
    for c in categories().values():
        names = (c.zh, c.keywords[0] if c.keywords else c.zh)
        if any(name in text for name in names) or re.search(
            rf"(?<![a-z_-])(?:{re.escape(c.en.lower())}|{c.slug})(?![a-z_-])", lowered
        ):
            return True
    return False


def find_topic(text: str, product: str | None, lex: Lexicon) -> str | None:
    """What a trend question is about: a hashtag, else whichever comes first of the product named and a
    term the data knows ("早C晚A还能做吗 澜肌VC精华想蹭一下" asks about 早C晚A)."""
    tag = re.search(r"#([^\s#，,。]+)", text)
    if tag:
        return tag.group(1)
    if not re.search(r"[\u4e00-\u9fff]", text):
        subject = _english_trend_subject(text, lex)
        if subject:
            return subject
    bare = _MALE.sub(
        " ", _FEMALE.sub(" ", _TREND_WORDS.sub(" ", text))
    )  # "for men" is an audience, not a topic
    known = [t for t in lex.known_terms(bare) if not _is_category_word(t)]
    lowered = text.lower().replace(" ", "")
    first_known = min(known, key=lambda term: lowered.find(term.replace(" ", "")), default=None)
    if product and first_known and product.lower().replace(" ", "") in first_known.replace(" ", ""):
        at = lowered.find(
            first_known.replace(" ", "")
        )  # "早C晚A" cut short by the segmenter: the data's term
        return text.replace(" ", "")[at : at + len(first_known.replace(" ", ""))] if at >= 0 else first_known
    if product is None or first_known is None or first_known in product.lower():
        return product or first_known
    at = lowered.find(product.lower().replace(" ", ""))
    return product if 0 <= at <= lowered.find(first_known.replace(" ", "")) else first_known


def _is_category_word(term: str) -> bool:
    """A word that names a whole category: its name, slug or head word ("美食", "数码")."""
    lowered = term.lower()
    return any(
        lowered in (c.zh, c.en.lower(), c.slug, c.keywords[0] if c.keywords else c.zh)
        for c in categories().values()
    )


# English says what a trend question is about in a few set ways: "is X a real trend", "whether X are gaining
# traction", "ride the 'X' trend", "X (Y)" where Y is the data's own word.
_EN_TREND_SUBJECT = (
    re.compile(
        r"\b(?:is|are)\s+(?:the\s+|this\s+)?(?P<x>[\w' -]{2,40}?)\s+(?:thing\s+)?(?:still\s+|really\s+|actually\s+)?"
        r"(?:an?\s+)?(?:real\s+|growing\s+|rising\s+|big\s+)?(?:trend|trending|growing|gaining|picking up|rising|"
        r"taking off|blowing up|popular|hot|a thing|dying|fading|over|topic)\b",
        re.I,
    ),
    re.compile(r"\bwhether\s+(?P<x>[\w' -]{2,40}?)\s+(?:is|are)\s+(?:still\s+)?\w+", re.I),
    re.compile(r"\bride the\s+['\"‘“]?(?P<x>[\w' -]{2,40}?)['\"’”]?\s+(?:trend|wave|hype)", re.I),
    re.compile(r"\bhow (?:is|are)\s+(?P<x>[\w' -]{2,40}?)\s+(?:doing|trending|performing)", re.I),
)


def _english_trend_subject(text: str, lex: Lexicon) -> str | None:
    alias = re.search(r"\(\s*([\w-]{2,20})\s*\)", text)
    if alias and lex.known_terms(alias.group(1).lower()):
        return alias.group(1)  # "retro digital cameras (ccd)": the data's word for it
    for pattern in _EN_TREND_SUBJECT:
        match = pattern.search(text)
        if match:
            words = [w for w in re.findall(r"[\w'-]+", match.group("x")) if w.lower() not in _STOP_WORDS]
            if words and len(words) <= 5:
                return " ".join(words)
    return None


COMPARING = re.compile(
    r"哪个|哪一个|哪种|谁更|对比|比较|相比|\bvs\.?\b|versus|which (?:one|is)|compare|bigger|hotter|better",
    re.I,
)


_POINTING = re.compile(r"这|那|俩|两个|一下|\b(?:these|those|them|both|two|ones?)\b", re.I)


def find_topics(text: str, lex: Lexicon) -> list[str]:
    """Two topics compared: '露营和徒步哪个更火', 'glamping vs hiking'."""
    if not COMPARING.search(text):
        return []
    match = re.search(
        r"([^\s，,。？?和跟与还是]{2,12})\s*(?:和|跟|与|还是|vs\.?|versus|or|and|with|对比|比)\s*([^\s，,。？?]{2,12}?)(?:哪个|谁|which|相比|比较|更|$|[，,。？?\s])",
        text,
        re.I,
    )
    if not match:
        return []
    a, b = (_TREND_WORDS.sub("", part).strip() for part in match.groups())
    a, b = a.strip("#「」“”\"' "), b.strip("#「」“”\"' ")
    if any(_POINTING.search(part) for part in (a, b)):
        return []  # "这俩对比一下", "compare these two": what was shown, not topics named here
    if len(a) >= 2 and len(b) >= 2 and a != b:
        return [a, b]
    return []


def extract(
    text: str, lex: Lexicon, usd_rate: float = 7.2, neighbours: Callable[[str], str | None] | None = None
) -> Slots:
    """Every slot the message fills. `neighbours` finds a product's category from similar notes in the data
    when no word of it says (it costs an embedding, so only then)."""
    budget = find_budget(text, usd_rate)
    brand = lex.brand_in(text) or _introduced_name(text)
    # A brand is its own slot: "汪小乐狗零食" is the product 狗零食 of the brand 汪小乐.
    found = read_product((lex.without_brands(text) if brand else text).replace(brand or "\0", " "), lex)
    product, named = found if found else (None, False)
    if product and _is_category_word(product):
        product = None  # "护肤" names the category, not a product
    introduced = brand and re.search(
        rf"(?:我们是|我们|我家|这边是|we are|we're|i'm at|this is)\s*{re.escape(brand.split()[0])}",
        text,
        re.I,
    )
    if brand and (product is None or (introduced and not named and lex.brand_in(text))):
        product, named = brand.split()[0], True  # "我们是山隐咖啡，想蹭下面包探店": the brand is marketed
    tone = find_tone(text)
    return Slots(
        product=product,
        product_named=bool(product) and named,
        brand=brand,
        category=_for_men(
            text,
            named_category(text)
            or lex.brand_category(brand)
            or _find_category(text, product, lex)
            or (neighbours(product) if neighbours and product else None),
        ),
        goal=find_goal(text),
        budget=budget[0] if budget else None,
        currency=budget[1] if budget else "CNY",
        budget_scale=find_budget_scale(text) if not budget else None,
        audience=find_audience(text),
        count=find_count(text),
        tiers=find_tiers(text),
        weeks=find_weeks(text),
        days=find_days(text),
        occasion=find_occasion(text),
        topic=None if whole_category(text) else find_angle(text, lex) or find_topic(text, product, lex),
        topics=find_topics(text, lex),
        tone=tone,
        to_lang=find_to_lang(text),
        n=find_title_count(text),
        kind=find_kind(text),  # type: ignore[arg-type]
        copy_text=find_copy(text),
        video=True if re.search(r"视频|video|vlog", text, re.I) else None,
        no_budget=bool(_NO_BUDGET.search(text)),
    )
