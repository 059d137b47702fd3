"""Data tables for scripts/generate_sample.py: categories, topics, brands and text templates.

Everything here is invented. Brands, creators and notes are fictional; the generator fills the
templates below with a seeded random number generator, so the sample is synthetic but stable.

Template slots (filled by the generator): {topic} topic name, {kw}/{kw2} topic keywords, {product}
and {detail} category nouns/phrases, {price} a price in CNY, {place} a place, {brand} a fictional
brand, {n} a small number, {days} a duration in days, {city} the author's city.
"""

from __future__ import annotations

from dataclasses import dataclass

RISING, DECLINING, STABLE, SUMMER = "rising", "declining", "stable", "summer"


@dataclass(frozen=True)
class Topic:
    name: str
    trend: str  # RISING, DECLINING, STABLE or SUMMER (stable, heavier June-August)
    en: str  # short English phrase for the bilingual creators' notes
    tags: tuple[str, ...]  # the first is the topic's own hashtag
    keywords: tuple[str, ...]
    titles: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    slug: str
    zh: str
    n_posts: int
    video_share: float
    collect_ratio: tuple[float, float]  # collects / likes
    female_share: tuple[float, float]  # audience
    generic_tags: tuple[str, ...]
    brands: tuple[tuple[str, str], ...]  # (Chinese name, pinyin/English)
    products: tuple[str, ...]
    details: tuple[str, ...]
    price: tuple[int, int]  # typical product/spend in CNY
    places: tuple[str, ...]
    lines: tuple[str, ...]  # category body sentences
    pains: tuple[str, ...]  # comment complaints
    questions: tuple[str, ...]  # comment questions
    bios: tuple[str, ...]  # influencer bio fragments
    topics: tuple[Topic, ...]


T = Topic  # short alias for the tables below

# --- places and time -------------------------------------------------------------------------

# IP location as RED shows it, weighted towards the big provinces and municipalities.
PROVINCES: tuple[tuple[str, float], ...] = (
    ("广东", 14),
    ("上海", 12),
    ("北京", 10),
    ("浙江", 10),
    ("江苏", 9),
    ("四川", 7),
    ("湖北", 5),
    ("山东", 5),
    ("福建", 4),
    ("湖南", 4),
    ("河南", 3),
    ("重庆", 3),
    ("陕西", 3),
    ("天津", 2),
    ("河北", 2),
    ("辽宁", 2),
    ("云南", 2),
    ("安徽", 2),
    ("广西", 1.5),
    ("江西", 1),
    ("海南", 1),
    ("贵州", 1),
    ("山西", 1),
    ("黑龙江", 1),
    ("吉林", 0.5),
    ("内蒙古", 0.5),
    ("新疆", 0.5),
    ("甘肃", 0.5),
    ("香港", 0.5),
)

# Creator cities: (city, province, weight).
CITIES: tuple[tuple[str, str, float], ...] = (
    ("上海", "上海", 16),
    ("北京", "北京", 12),
    ("杭州", "浙江", 9),
    ("广州", "广东", 8),
    ("深圳", "广东", 8),
    ("成都", "四川", 8),
    ("南京", "江苏", 5),
    ("苏州", "江苏", 4),
    ("武汉", "湖北", 4),
    ("重庆", "重庆", 4),
    ("长沙", "湖南", 3),
    ("西安", "陕西", 3),
    ("厦门", "福建", 3),
    ("天津", "天津", 2),
    ("青岛", "山东", 2),
    ("郑州", "河南", 2),
    ("昆明", "云南", 2),
    ("大连", "辽宁", 1),
    ("合肥", "安徽", 1),
    ("三亚", "海南", 1),
)

# Relative posting activity per hour (China time): lunch and evening peaks, quiet nights.
HOUR_WEIGHTS: tuple[float, ...] = (
    3,
    1.5,
    0.8,
    0.4,
    0.3,
    0.4,
    0.9,
    2,
    3,
    3.5,
    3.5,
    4,
    7,
    6.5,
    4,
    3.5,
    3.5,
    4,
    5,
    7.5,
    9,
    9.5,
    8.5,
    5.5,
)

# --- people ----------------------------------------------------------------------------------

NICK_HEADS = (
    "小",
    "是",
    "阿",
    "大",
    "一只",
    "今天也是",
    "爱吃",
    "会飞的",
    "不秃头的",
    "元气",
    "",
    "",
    "",
    "",
)
NICK_CORES = (
    "鹿鹿",
    "桃子",
    "橙子",
    "栗子",
    "柚子",
    "米粒",
    "糯米",
    "小满",
    "阿布",
    "Momo",
    "Kiki",
    "Coco",
    "Luna",
    "Yuki",
    "Mia",
    "Leo",
    "Max",
    "Jason",
    "芝士",
    "可乐",
    "奶盖",
    "团子",
    "阿念",
    "七七",
    "十一",
    "南风",
    "北北",
    "知夏",
    "安安",
    "嘟嘟",
    "饭团",
    "豆包",
    "麦兜",
    "青柠",
    "木木",
    "一一",
)
NICK_TAILS = (
    "酱",
    "同学",
    "呀",
    "的日常",
    "不吃辣",
    "在努力",
    "本人",
    "Official",
    "的小窝",
    "碎碎念",
    "在上海",
    "在杭州",
    "在成都",
    "",
    "",
    "",
    "",
)
# Ordinary users keep RED's default nickname surprisingly often.
DEFAULT_NICK_PREFIX = "小红薯"

# --- note text -------------------------------------------------------------------------------

EMOJI = ("✨", "🔥", "💯", "🥹", "❤️", "🌿", "📌", "👀", "🙌", "😭", "☀️", "🍂")

GENERIC_TITLES = (
    "{topic}｜我的{n}个心得",
    "{kw}真的有用吗？",
    "亲测{days}天｜{topic}",
    "{topic}避坑指南！",
    "{kw}，这次我服了",
    "{topic}新手看这篇就够",
    "{city}姐妹的{topic}分享",
    "{kw}｜{price}元搞定",
    "别再乱买了！{kw}",
    "{topic}合集｜建议收藏",
    "{kw}真香现场",
    "终于找到本命{product}",
)

OPENERS = (
    "姐妹们，今天必须聊聊{topic}。",
    "最近被问了好多次{kw}，统一回复一下。",
    "先说结论：{kw}值得试。",
    "坐标{city}，{topic}已经坚持{days}天了。",
    "本人踩坑无数，这次{kw}真的不一样。",
    "周末终于有空整理{topic}的笔记。",
    "刷到很多人在聊{kw}，我也来交作业。",
    "{topic}这件事我一开始是拒绝的。",
    "打工人的{topic}日常来啦。",
    "来更新一下{kw}的后续！",
)

CLOSERS = (
    "以上纯个人体验，大家按需参考～",
    "有问题评论区见，看到都会回。",
    "先收藏，用得上的时候再翻出来。",
    "总之是会回购的程度。",
    "不踩一捧，适合自己最重要。",
    "后续有变化再来更新。",
    "码字不易，觉得有用就点个赞吧。",
    "建议收藏，下次不迷路。",
)

READER_QUESTIONS = (
    "你们平时{kw}都怎么做的？",
    "有没有姐妹也在试{kw}？",
    "大家还有什么{product}推荐吗？",
    "你们觉得{price}元这个价位值吗？",
    "还有什么想看的评论区告诉我！",
)

SPONSOR_LINES = (
    "这次和{brand}合作，拿到的是他们家新款{product}。",
    "感谢{brand}寄来的{product}，先用了{days}天。",
    "{brand}的{product}是这次的主角，到手价{price}元左右。",
)
REVIEW_LINES = (
    "自费买了{brand}的{product}，{price}元，不是广。",
    "顺便说下我在用的{brand}{product}，自己回购的。",
    "之前种草的{brand}{product}也到了，{price}元入的。",
)
DOUBLE11_LINES = (
    "双11预售快开始了，{product}可以先加购物车。",
    "准备双11囤一波{product}，大家有清单吗？",
    "双11之前先把{kw}的功课做好，别冲动消费。",
)
DOUBLE11_TAGS = ("双11攻略", "双十一囤货")

# English notes by expat / bilingual creators.
EN_TITLES = (
    "My {en} routine ✨",
    "{en}: worth the hype?",
    "Honest review: {en}",
    "{en} in {city_en}",
    "{days} days of {en}",
    "Expat tips: {en}",
)
EN_LINES = (
    "Living in {city_en} for {n} years now and {en} has become part of my weekly routine.",
    "A lot of you asked about {en}, so here is my honest take.",
    "I paid about {price} RMB, which felt fair for what you get.",
    "Tried it for {days} days before writing this, no filter.",
    "The Chinese name is {topic} if you want to search it on RED.",
    "Small tip: go on a weekday, it is much quieter.",
    "Would I buy it again? Probably yes.",
    "Let me know in the comments if you want a part two!",
    "Still learning Chinese, so feel free to correct my tags 😅",
)
EN_CITIES = {
    "上海": "Shanghai",
    "北京": "Beijing",
    "深圳": "Shenzhen",
    "广州": "Guangzhou",
    "杭州": "Hangzhou",
    "成都": "Chengdu",
}

# --- comments ----------------------------------------------------------------------------------

POSITIVE_COMMENTS = (
    "太实用了，已收藏！",
    "姐妹讲得好清楚",
    "被种草了😭",
    "码住，周末试试",
    "博主好会",
    "好看！！",
    "这篇有用，谢谢分享",
    "同款，确实好用",
    "终于有人说实话了",
    "蹲一个后续",
    "学到了学到了",
    "看完马上去下单了",
    "这个价位很可以了",
    "跟着买了，不后悔",
)
QUESTION_COMMENTS = ("求链接", "多少钱呀？", "在哪里买的？", "求问是哪一款", "能出个详细教程吗？")
NEGATIVE_COMMENTS = (
    "{pain}，有点失望",
    "我用了{pain}，不太适合我",
    "说实话{pain}",
    "只有我觉得{pain}吗？",
    "踩雷了，{pain}",
    "{pain}，不会回购了",
)
TREND_COMMENTS = (
    "最近到处都是{kw}，终于看到一篇讲明白的",
    "{kw}到底适不适合新手？",
    "跟着做{kw}第二周了，有变化！",
    "{kw}已经被安利第三次了",
    "想问下{kw}要坚持多久才有效果",
)
