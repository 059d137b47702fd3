#!/usr/bin/env python3
"""Generate bot/eval/data/second_kb/: a second, independent, SYNTHETIC knowledge folder.

It exists to check that RedPilot does not work only because of the bundled `knowledge/` folder: other creators,
brands, products, topics and guides, with notes and comments in MediaCrawler's Xiaohongshu export format and
creators in RedPilot's own JSONL format. Standard library only, a fixed seed, byte-identical output on every run.

    python scripts/generate_second_kb.py           # (re)write the folder
    python scripts/generate_second_kb.py --check   # also print the planted-trend figures and sanity checks
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import statistics
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

SEED = 20261120
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bot" / "eval" / "data" / "second_kb"

CN = timezone(timedelta(hours=8))
FIRST_DAY = date(2026, 6, 24)  # 150 days ending LAST_DAY, China time
LAST_DAY = date(2026, 11, 20)
PIVOT_DAY = date(2026, 10, 22)  # first day of the "last 30 days" window
PREV_FIRST = PIVOT_DAY - timedelta(days=30)  # 2026-09-22
NEWEST = datetime(2026, 11, 20, 22, 48, 6, tzinfo=CN)  # the newest note; "now" for analyses
CRAWLED = datetime(2026, 11, 21, 9, 12, 40, tzinfo=CN)  # MediaCrawler's last_modify_ts

N_ENGLISH = 36  # about 5% of the notes
EN_PAIRS_PER_CATEGORY = 3
TIERS = ("head", "mid", "junior", "koc")
TIER_FANS = {
    "head": (520_000, 2_600_000),
    "mid": (105_000, 480_000),
    "junior": (10_500, 96_000),
    "koc": (1_200, 9_800),
}
# interactions per note / fans (likes + collects + comments + shares), typical ranges per tier
TIER_ER = {"head": (0.008, 0.022), "mid": (0.015, 0.038), "junior": (0.025, 0.06), "koc": (0.04, 0.11)}
TIER_PLAN = {"head": 2, "mid": 8, "junior": 16, "koc": 14}  # per category: 40 creators x 4 = 160
TIER_AUTHOR_WEIGHT = {"head": 0.5, "mid": 0.9, "junior": 1.2, "koc": 1.1}

CITIES = [  # (city, province as MediaCrawler's ip_location shows it, weight)
    ("上海", "上海", 14),
    ("北京", "北京", 12),
    ("杭州", "浙江", 9),
    ("深圳", "广东", 8),
    ("广州", "广东", 7),
    ("成都", "四川", 7),
    ("南京", "江苏", 5),
    ("苏州", "江苏", 4),
    ("武汉", "湖北", 5),
    ("重庆", "重庆", 4),
    ("西安", "陕西", 3),
    ("长沙", "湖南", 3),
    ("厦门", "福建", 3),
    ("青岛", "山东", 3),
    ("天津", "天津", 2),
    ("合肥", "安徽", 2),
    ("郑州", "河南", 2),
    ("昆明", "云南", 2),
    ("宁波", "浙江", 2),
    ("大连", "辽宁", 1),
]
HOUR_W = [
    0.3,
    0.15,
    0.06,
    0.03,
    0.02,
    0.03,
    0.15,
    0.45,
    0.8,
    0.9,
    1.0,
    1.1,
    1.6,
    1.3,
    1.0,
    1.0,
    1.1,
    1.3,
    1.6,
    2.0,
    2.4,
    2.6,
    2.2,
    1.1,
]


# --------------------------------------------------------------------------------------------------------------------
# Catalogue: brands, products, topics
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class Product:
    name: str
    en: str
    brand: str
    price: tuple[int, int]
    species: str  # cat / dog / any / "" (what {pet} means)
    pros: list[str]
    cons: list[str]
    en_pros: list[str]
    en_cons: list[str]
    c_neg: list[str]  # comment pain points
    c_pos: list[str]
    c_q: list[str]


@dataclass
class Topic:
    name: str
    tags: list[str]  # the first is the topic's own hashtag
    products: list[str]
    trend: str  # rising / declining / stable
    counts: tuple[
        int, int, int
    ]  # notes before 2026-09-22, in the 30 days before 2026-10-22, in the 30 days after
    openers: list[str]
    titles: list[str]


@dataclass
class Category:
    slug: str
    zh: str
    en: str
    base_tag: str
    extra_tags: list[str]
    brands: list[tuple[str, str, str]]  # (中文, ENGLISH, what they make)
    video_share: float
    collect_ratio: float
    topics: list[Topic]
    products: dict[str, Product] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    en_openers: list[str] = field(default_factory=list)
    en_comments: dict[str, list[str]] = field(default_factory=dict)
    c_generic: dict[str, list[str]] = field(default_factory=dict)


def P(name, en, brand, price, species, pros, cons, en_pros, en_cons, c_neg, c_pos, c_q):
    return Product(name, en, brand, price, species, pros, cons, en_pros, en_cons, c_neg, c_pos, c_q)


PET_NAMES = {
    "cat": ["我家橘猫", "家里的布偶", "我家英短", "我家小狸花", "家里的暹罗", "我家三花"],
    "dog": ["我家柯基", "家里的金毛", "我家比熊", "我家边牧", "家里的小柴", "我家拉布拉多"],
}
PET_NAMES["any"] = PET_NAMES["cat"][:3] + PET_NAMES["dog"][:3]
PET_NAMES[""] = ["家里人"]

PETS = Category(
    slug="pets",
    zh="萌宠",
    en="Pets",
    base_tag="萌宠",
    extra_tags=["铲屎官日常", "宠物好物", "养宠经验"],
    brands=[
        ("呼噜岛", "HULUDAO", "冻干猫粮、自发热猫窝"),
        ("澄宠", "CHENGCHONG", "宠物饮水机、自动猫砂盆、宠物烘干箱"),
        ("爪迹", "PAWTRACE", "猫抓板、除毛梳、宠物冰垫"),
        ("野牧", "YEMU PET", "狗粮、牵引绳、狗狗救生衣"),
    ],
    video_share=0.35,
    collect_ratio=0.45,
    topics=[
        Topic(
            "猫粮测评",
            ["猫粮测评", "冻干猫粮"],
            ["冻干猫粮"],
            "stable",
            (4, 6, 6),
            ["最近在给家里的猫换粮，顺手做了个对比。", "冻干猫粮到底值不值得买？说说我的看法。"],
            ["冻干猫粮横评｜挑食猫实测", "猫粮配料表怎么看？", "换粮7天记录🐱"],
        ),
        Topic(
            "智能养宠",
            ["智能养宠", "自动猫砂盆"],
            ["宠物饮水机", "自动猫砂盆"],
            "stable",
            (4, 6, 6),
            ["上班族养猫，能交给机器的就交给机器。", "家里的养宠设备越来越多，挑两件真正在用的说说。"],
            ["上班族养猫神器清单", "自动猫砂盆用了半年说实话", "饮水机让猫多喝水了吗"],
        ),
        Topic(
            "新手养猫",
            ["新手养猫", "养猫清单"],
            ["猫抓板", "宠物饮水机", "冻干猫粮"],
            "stable",
            (4, 6, 6),
            ["第一次养猫，踩过的坑都写在这里了。", "接猫回家前一周，我把要买的东西列了个清单。"],
            ["新手养猫清单｜不乱花钱", "接猫回家前要准备什么", "养猫第一个月踩的坑"],
        ),
        Topic(
            "猫咪掉毛",
            ["猫咪掉毛", "除毛神器"],
            ["除毛梳"],
            "stable",
            (4, 6, 6),
            ["掉毛季家里全是毛，衣服上、沙发上、饭里都有。", "每天梳毛十分钟，家里的浮毛少了一半。"],
            ["掉毛季救星！浮毛少一半", "猫咪掉毛严重怎么办", "每天梳毛10分钟的变化"],
        ),
        Topic(
            "遛狗日常",
            ["遛狗日常", "狗狗牵引绳"],
            ["狗狗牵引绳"],
            "stable",
            (4, 6, 6),
            ["每天早晚各遛一次，装备选对了真的省心。", "家里的狗子精力旺盛，遛狗是每天的必修课。"],
            ["遛狗装备分享｜不再暴冲", "晚上遛狗一定要有反光", "狗狗牵引绳怎么选"],
        ),
        Topic(
            "狗粮怎么选",
            ["狗粮怎么选", "狗狗主粮"],
            ["狗粮"],
            "stable",
            (4, 6, 6),
            ["换了好几款狗粮，说说怎么看配料表。", "狗狗吃什么粮，真的要看体型和年龄。"],
            ["狗粮怎么选？看这3点", "泪痕淡了！换粮一个月", "大狗狗粮真实对比"],
        ),
        Topic(
            "宠物烘干箱",
            ["宠物烘干箱", "给猫洗澡"],
            ["宠物烘干箱"],
            "rising",
            (2, 3, 17),
            ["天冷了，给猫洗澡最怕吹不干着凉。", "以前洗完澡要拿吹风机追着吹半小时，今年终于换了烘干箱。"],
            ["冬天洗猫不再追着吹", "宠物烘干箱到底值不值", "烘干箱用了一个月说说"],
        ),
        Topic(
            "冬季猫窝",
            ["冬季猫窝", "猫窝推荐"],
            ["自发热猫窝"],
            "rising",
            (1, 4, 18),
            ["降温以后，家里的猫开始到处找暖和的地方钻。", "给猫换了冬天的窝，它终于不抢我的被窝了。"],
            ["冬天猫咪最爱的窝🐱", "猫窝怎么选？冬季版", "自发热猫窝真的暖吗"],
        ),
        Topic(
            "宠物冰垫",
            ["宠物冰垫", "猫咪避暑"],
            ["宠物冰垫"],
            "declining",
            (10, 18, 3),
            ["今年热得早，狗子一直趴在地砖上。", "空调房之外，给毛孩子降温还得靠冰垫。"],
            ["夏天狗子离不开的冰垫", "宠物冰垫真的凉吗", "给猫降温的几个办法"],
        ),
        Topic(
            "狗狗游泳",
            ["狗狗游泳", "带狗玩水"],
            ["狗狗救生衣"],
            "declining",
            (9, 17, 4),
            ["周末带狗去玩水，它开心得不想回家。", "第一次带狗游泳，准备工作一定要做足。"],
            ["第一次带狗游泳🐶", "带狗玩水装备清单", "狗狗游泳要注意什么"],
        ),
    ],
    extra=[
        "铲屎官的钱真的花得心甘情愿。",
        "每只毛孩子情况不一样，别盲目跟风。",
        "有问题先问医生，别自己乱试。",
    ],
    en_openers=[
        "Writing this in English for the expat cat and dog owners here.",
        "A few friends asked, so here is my honest take.",
        "We adopted our cat last year and I have tested a lot of gear since.",
    ],
    en_comments={
        "neg": [
            "Way too pricey for what it is.",
            "My cat refused to touch it.",
            "Is it loud? My cat is super skittish.",
        ],
        "pos": ["So helpful, saving this!", "Your pet is adorable 😍"],
        "q": ["Where did you buy it?", "Does it work for kittens?"],
    },
    c_generic={
        "pos": ["博主家的毛孩子好可爱😍", "太实用了，已收藏", "好详细，感谢分享"],
        "q": ["求链接", "多少钱呀", "在哪里买的"],
        "neg": ["感觉智商税", "有点贵，再观望一下"],
    },
)
PETS.products = {
    p.name: p
    for p in [
        P(
            "冻干猫粮",
            "freeze-dried cat food",
            "呼噜岛",
            (129, 269),
            "cat",
            [
                "配料表第一位是鸡肉，没有乱七八糟的诱食剂。",
                "{pet}第一口就吃光了，挑食的毛病好了不少。",
                "冻干颗粒泡水后很软，老猫也能嚼得动。",
                "按每天的量算下来，一天成本大概{small}元。",
            ],
            [
                "价格确实不便宜，一袋{price}元吃不了太久。",
                "刚换的时候有两天软便，后来慢慢过渡就好了。",
                "开袋后要密封好，不然容易受潮。",
            ],
            [
                "The first ingredient is chicken and my cat finished the bowl in minutes.",
                "Soaked in a little water it turns soft enough for an older cat.",
            ],
            [
                "It is not cheap: one bag costs about {price} yuan.",
                "Switch slowly; mine had soft stools for two days.",
            ],
            [
                "太贵了吧，一袋吃不了半个月",
                "我家吃了软便，停了",
                "买了猫不吃，闻一下就走",
                "颗粒有点碎，袋底全是渣",
            ],
            ["我家也在吃，毛色亮了很多", "挑食猫也吃光了，回购第三次"],
            ["幼猫能吃吗？", "和主粮怎么搭配呀", "一天喂多少合适"],
        ),
        P(
            "宠物饮水机",
            "pet water fountain",
            "澄宠",
            (159, 329),
            "cat",
            [
                "水是循环流动的，{pet}现在一天会主动去喝好几次。",
                "无线水泵，不用担心漏电。",
                "滤芯一个月换一次，拆洗很方便。",
            ],
            ["水泵有很轻的嗡嗡声，晚上放卧室能听到。", "滤芯要另买，长期算也是一笔钱。"],
            [
                "Running water really works: my cat drinks several times a day now.",
                "The pump is wireless and easy to clean.",
            ],
            ["There is a faint hum at night.", "Filters are extra and add up over a year."],
            ["晚上有声音吗，我家的嗡嗡响吵得睡不着", "滤芯太贵了，比机器还费钱", "清洗死角多，水垢很难刷"],
            ["猫喝水变多了，尿团大了", "颜值高，静音做得不错"],
            ["多久换一次滤芯？", "能放在卧室吗"],
        ),
        P(
            "自动猫砂盆",
            "self-cleaning litter box",
            "澄宠",
            (1299, 2499),
            "cat",
            [
                "自动铲屎之后再也不用每天弯腰铲屎了。",
                "App 能看到{pet}每天上厕所的次数，观察身体状况挺方便。",
                "除臭做得还行，门口基本闻不到味道。",
            ],
            [
                "体积很大，小户型要先量好尺寸。",
                "转动的时候有声音，胆小的猫要适应好几天。",
                "价格两千左右，不是小数目。",
            ],
            [
                "No more scooping every morning, which alone was worth it.",
                "The app logs every visit, handy for spotting changes.",
            ],
            ["It is huge; measure your bathroom first.", "The rotation noise scared my cat for a few days."],
            [
                "太大了，我家卫生间放不下",
                "声音有点大，我家猫吓得不敢进",
                "会不会夹到猫啊，看着有点怕",
                "两千多买个猫砂盆，有点肉疼",
            ],
            ["解放双手，出差两天也不担心", "用了半年没出过故障"],
            ["多猫家庭够用吗？", "要用什么猫砂"],
        ),
        P(
            "宠物烘干箱",
            "pet drying box",
            "澄宠",
            (699, 1399),
            "any",
            [
                "烘干一只短毛猫大概{minutes}分钟，毛吹得很蓬松。",
                "有恒温和低噪模式，{pet}在里面会自己趴着。",
                "冬天洗完澡不用再拿吹风机追着吹，不怕着凉。",
            ],
            [
                "运行声音还是有，第一次用最好先让它熟悉箱子。",
                "体积不小，放阳台要留出位置。",
                "大型犬装不下，选之前看好尺寸。",
            ],
            [
                "A short-haired cat is dry in about {minutes} minutes and the fur comes out fluffy.",
                "Bath time in winter is no longer a chase with a hair dryer.",
            ],
            [
                "It still makes noise; let your pet get used to the box first.",
                "Large dogs will not fit, check the size.",
            ],
            [
                "噪音大吗？我家猫很胆小",
                "大金毛能进去吗，感觉尺寸不够",
                "一千多有点贵，吹风机不香吗",
                "我家猫进去就叫，根本待不住",
            ],
            ["冬天洗澡神器，终于不用追着吹了", "买了之后洗澡频率都提高了"],
            ["长毛猫要烘多久？", "箱子里会不会太闷"],
        ),
        P(
            "猫抓板",
            "cat scratcher",
            "爪迹",
            (39, 129),
            "cat",
            ["瓦楞纸很厚，{pet}抓了两个月还没散。", "做成了沙发造型，猫会躺在上面睡觉。", "沙发终于保住了。"],
            ["会掉纸屑，旁边要经常扫。", "有股胶水味，放通风处散两天再用。"],
            ["Thick cardboard that survived two months of daily scratching.", "Our sofa is finally safe."],
            ["It sheds cardboard bits everywhere."],
            ["纸屑太多了，扫不完", "我家猫根本不抓，还是抓沙发", "有味道，猫不愿意靠近"],
            ["便宜又耐抓，囤了三个", "沙发得救了"],
            ["怎么引导猫去抓呀？", "大猫用够不够长"],
        ),
        P(
            "除毛梳",
            "deshedding comb",
            "爪迹",
            (49, 99),
            "any",
            [
                "一次能梳下来一大团浮毛，沙发上的毛明显少了。",
                "梳齿是圆头的，不会刮到皮肤。",
                "一键退毛，清理梳子很方便。",
            ],
            ["毛太厚的狗要分区梳，不然容易卡住。", "短毛猫效果没有长毛猫明显。"],
            [
                "One session fills the comb with loose fur; the sofa is visibly cleaner.",
                "Rounded teeth, no scratching.",
            ],
            ["Thick double coats need to be combed in sections or it snags."],
            ["掉毛季根本梳不完，家里全是毛", "梳完皮肤有点红，是不是太用力了", "卡毛，退毛按钮不好用"],
            ["一次梳出一只猫的量哈哈", "我家柯基用了之后掉毛少多了"],
            ["短毛猫有必要买吗？", "多久梳一次合适"],
        ),
        P(
            "狗狗牵引绳",
            "dog harness and leash",
            "野牧",
            (69, 159),
            "dog",
            [
                "胸背款受力均匀，{pet}暴冲的时候不会勒脖子。",
                "夜间有反光条，晚上遛狗安全很多。",
                "伸缩长度可以锁定，过马路时很好控制。",
            ],
            ["尺码偏小，建议量好胸围再买大一号。", "卡扣是塑料的，大狗用要注意。"],
            [
                "The harness spreads the pull, so no choking when my dog lunges.",
                "Reflective strips make night walks safer.",
            ],
            ["Sizes run small; measure the chest and go one size up."],
            ["尺码偏小，勒得腋下都磨红了", "卡扣断了一次，差点跑掉", "有点贵，网上同款一半价格"],
            ["反光条很实用，晚上遛狗安心", "颜色好看，出门回头率高"],
            ["30斤的狗选什么码？", "会暴冲的狗适合胸背还是项圈"],
        ),
        P(
            "狗粮",
            "dog food",
            "野牧",
            (169, 359),
            "dog",
            [
                "颗粒大小合适，{pet}吃得很香。",
                "吃了一个月泪痕淡了一些，便便也成型。",
                "配料表比较干净，蛋白含量够。",
            ],
            ["大包装开袋后要尽快吃完，不然容易油哈。", "价格比超市狗粮贵一截。"],
            [
                "Kibble size is right and my dog eats it happily.",
                "After a month the tear stains look lighter.",
            ],
            ["Pricier than supermarket brands."],
            ["我家吃了一直软便", "太贵了，大狗一个月要两袋", "颗粒太大，小型犬不好嚼"],
            ["泪痕真的淡了", "我家挑嘴的比熊也吃"],
            ["幼犬能吃吗", "和之前的粮怎么过渡"],
        ),
        P(
            "自发热猫窝",
            "self-warming cat bed",
            "呼噜岛",
            (79, 229),
            "cat",
            [
                "铝膜自发热，不用插电，{pet}一躺进去就不想出来。",
                "窝沿够高，猫喜欢把下巴搭在上面睡。",
                "外套可以拆下来机洗，掉的毛也好清理。",
            ],
            ["粘毛有点严重，要经常用粘毛器。", "尺寸偏小，十斤以上的猫会有点挤。"],
            [
                "It warms itself with a foil layer, no power needed; my cat moved in on day one.",
                "The cover comes off and goes in the washing machine.",
            ],
            ["It attracts a lot of fur.", "Runs small for cats over 5 kg."],
            [
                "太粘毛了，清理不完",
                "尺寸偏小，我家大橘躺不下",
                "不插电真的会暖吗，感觉就是普通窝",
                "洗了一次就变形了",
            ],
            ["我家猫冬天就住里面了", "便宜又好看，买了两个"],
            ["多重的猫适合哪个尺寸", "能放阳台吗"],
        ),
        P(
            "宠物冰垫",
            "pet cooling mat",
            "爪迹",
            (39, 99),
            "any",
            [
                "夏天{pet}最爱趴在上面，摸着一直是凉的。",
                "不用插电，擦一擦就干净。",
                "有大中小三个尺寸，大狗也能整个趴下。",
            ],
            ["被猫抓破了一个小口，里面是凝胶，要注意。", "用一段时间会和体温一样，没那么凉了。"],
            [
                "My dog sprawls on it all afternoon; it stays cool to the touch.",
                "No power needed, just wipe it clean.",
            ],
            ["After half an hour it warms up to body temperature."],
            ["被抓破了漏胶，吓死我了", "用半小时就不凉了", "有股塑料味"],
            ["夏天狗子离不开它", "便宜好用，买了两块"],
            ["猫会咬吗？安全吗", "放空调房还需要吗"],
        ),
        P(
            "狗狗救生衣",
            "dog life jacket",
            "野牧",
            (89, 189),
            "dog",
            ["浮力足，{pet}第一次下水也不慌。", "背上有提手，拉它上岸很方便。", "颜色鲜艳，在水里很好找。"],
            ["尺码要按胸围选，偏大会往前滑。", "魔术贴粘多了会起毛。"],
            [
                "Plenty of buoyancy; my dog stayed calm on the first swim.",
                "The handle on the back makes lifting out easy.",
            ],
            ["Choose by chest size, a loose one slides forward."],
            ["尺码不准，穿上一直往脖子滑", "魔术贴不牢，游一会儿就开了", "一百多有点贵，游一个夏天就不用了"],
            ["带狗玩水必备", "我家胆小的狗穿上终于敢下水了"],
            ["哪里有可以带狗游泳的地方？", "小型犬有必要穿吗"],
        ),
    ]
}

HOME = Category(
    slug="home",
    zh="家居",
    en="Home",
    base_tag="家居",
    extra_tags=["家居好物", "居家生活", "我的家"],
    brands=[
        ("净途", "JINGTU CLEAN", "扫地机器人"),
        ("格物", "GEWU", "收纳盒、真空压缩袋、种植箱"),
        ("棉语", "MIANYU", "电热毯、冰丝凉席、亚麻窗帘"),
        ("晴窗", "QINGCHUANG", "氛围灯、落地灯、香薰"),
    ],
    video_share=0.25,
    collect_ratio=1.05,
    topics=[
        Topic(
            "扫地机器人",
            ["扫地机器人", "懒人清洁"],
            ["扫地机器人"],
            "stable",
            (4, 6, 6),
            [
                "上班族每天回家已经累瘫，地面清洁我全交给了扫地机器人。",
                "家里有猫又有长头发，扫地机器人选了很久。",
            ],
            ["扫地机器人怎么选？", "懒人清洁｜每天省1小时", "有猫家庭扫地机器人实测"],
        ),
        Topic(
            "收纳盒",
            ["收纳盒", "收纳神器"],
            ["收纳盒"],
            "stable",
            (4, 6, 6),
            ["厨房台面终于清空了，分享一下我的收纳思路。", "东西多的小家，收纳盒帮了大忙。"],
            ["台面清空｜收纳盒这样买", "收纳盒选不对全白买", "收纳好物清单"],
        ),
        Topic(
            "衣柜收纳",
            ["衣柜收纳", "换季整理"],
            ["真空压缩袋", "收纳盒"],
            "stable",
            (4, 6, 6),
            ["换季整理衣柜，花了一个周末。", "衣柜永远不够用？其实是没整理好。"],
            ["换季整理衣柜｜空出一半", "衣柜收纳的3个技巧", "羽绒服怎么收纳不占地"],
        ),
        Topic(
            "卧室布置",
            ["卧室布置", "氛围灯"],
            ["氛围灯"],
            "stable",
            (4, 6, 6),
            ["租的房子也想住得舒服一点。", "卧室改了一下灯光，氛围完全不一样了。"],
            ["出租屋卧室氛围感改造", "一盏灯改变整个卧室", "卧室布置｜暖光真的好"],
        ),
        Topic(
            "居家香氛",
            ["居家香氛", "香薰"],
            ["香薰"],
            "stable",
            (4, 6, 6),
            ["家里有味道这件事，真的很影响心情。", "最近爱上了给家里换香味。"],
            ["让家里一直香香的方法", "居家香氛清单｜不冲鼻", "卫生间放什么香薰"],
        ),
        Topic(
            "小户型改造",
            ["小户型改造", "一人居"],
            ["收纳盒", "落地灯"],
            "stable",
            (4, 6, 6),
            ["40平的小房子，也能住得不拥挤。", "一个人住的小户型，我只留下真正用得上的东西。"],
            ["40平小户型也不挤", "一人居小家改造记录", "小户型收纳思路分享"],
        ),
        Topic(
            "侘寂风",
            ["侘寂风", "侘寂风装修"],
            ["亚麻窗帘", "落地灯"],
            "rising",
            (2, 3, 16),
            [
                "最近把客厅改成了侘寂风，留白多了，心也静了。",
                "侘寂风不是把墙刷成灰色就完事，重点是材质和光线。",
            ],
            ["侘寂风客厅｜留白的高级感", "侘寂风装修避坑", "侘寂风软装清单"],
        ),
        Topic(
            "冬日暖居",
            ["冬日暖居", "电热毯"],
            ["电热毯"],
            "rising",
            (2, 4, 19),
            ["入冬以后最想做的事就是把家弄得暖暖的。", "南方没有暖气，冬天全靠这些小物件撑着。"],
            ["南方冬天取暖好物", "冬日暖居｜被窝是暖的", "电热毯真的安全吗"],
        ),
        Topic(
            "凉感床品",
            ["凉感床品", "冰丝凉席"],
            ["冰丝凉席"],
            "declining",
            (11, 17, 4),
            ["夏天睡觉太热，换了一整套凉感床品。", "怕热星人的夏天床品清单。"],
            ["怕热星人夏天床品清单", "冰丝凉席睡了一个月", "凉感床品真的凉吗"],
        ),
        Topic(
            "阳台种菜",
            ["阳台种菜", "阳台菜园"],
            ["种植箱"],
            "declining",
            (8, 18, 3),
            ["阳台一米，种出了一个小菜园。", "在阳台种菜三个月，分享一下收获和翻车。"],
            ["阳台小菜园｜一米种出一片绿", "阳台种菜新手攻略", "在阳台种小番茄🍅"],
        ),
    ],
    extra=[
        "家是自己住的，舒服最重要。",
        "买之前一定先量尺寸，这是血泪教训。",
        "租房党也可以，全部不用打孔。",
    ],
    en_openers=[
        "Renting in Shanghai and trying to make the flat feel like home.",
        "Quick notes for anyone furnishing a small apartment.",
        "Our flat is tiny, so everything here has to earn its place.",
    ],
    en_comments={
        "neg": ["Check the size first, mine didn't fit.", "It's noisier than I expected."],
        "pos": ["Love this setup!", "Saved for my next move."],
        "q": ["Where is that from?", "How big is your flat?"],
    },
    c_generic={
        "pos": ["好温馨的家，已收藏", "参考了，周末就去改", "审美好好"],
        "q": ["求链接", "多少钱呀", "房子多大呀"],
        "neg": ["看着好看，实际用起来未必", "有点贵了"],
    },
)
HOME.products = {
    p.name: p
    for p in [
        P(
            "扫地机器人",
            "robot vacuum",
            "净途",
            (1499, 3999),
            "",
            [
                "扫拖一体，每天出门前按一下，回家地面是干净的。",
                "激光导航建图很准，不会在桌腿间来回撞。",
                "自动集尘，一个月才倒一次尘袋。",
            ],
            [
                "长头发会缠在滚刷上，要定期剪。",
                "最大吸力档声音不小，在家的时候我一般开静音档。",
                "门槛超过两厘米就过不去。",
            ],
            [
                "Sweeps and mops while I am at work; the floor is clean when I get home.",
                "The laser map is accurate, no bumping around.",
            ],
            ["Long hair tangles on the brush roll.", "Max suction is loud, so I use quiet mode when home."],
            [
                "噪音太大了，开着没法开会",
                "头发缠滚刷，每周都要剪",
                "过不去门槛，总卡在卫生间门口",
                "三千多的价格，售后还慢",
            ],
            ["解放双手，懒人必备", "建图很准，再也不乱撞了"],
            ["有宠物的家庭好用吗？", "拖布多久洗一次"],
        ),
        P(
            "收纳盒",
            "storage boxes",
            "格物",
            (29, 89),
            "",
            [
                "透明盒身，里面放了什么一眼就能看到。",
                "可以叠放，柜子里的空间一下子多出一半。",
                "带滑轮的款放在床底，抽拉很顺。",
            ],
            ["买之前一定量好柜子尺寸，我第一次买的放不进去。", "盖子扣得有点紧，老人开起来费劲。"],
            [
                "Clear boxes, so I can see what is inside at a glance.",
                "They stack well and doubled my cupboard space.",
            ],
            ["Measure the cupboard first; my first batch did not fit."],
            [
                "尺寸不对，放不进柜子，退货运费还得自己出",
                "塑料味很重，晾了一周还有",
                "盖子太紧了，打开很费劲",
                "一个几十块，买一套下来也不便宜",
            ],
            ["整整齐齐，强迫症狂喜", "叠起来很稳，不会塌"],
            ["能放厨房吗，耐不耐热", "有没有更窄的尺寸"],
        ),
        P(
            "真空压缩袋",
            "vacuum storage bags",
            "格物",
            (39, 79),
            "",
            ["冬天的羽绒服抽完真空只有原来三分之一厚。", "换季整理时一个袋子装一类，找起来方便。"],
            ["用久了会慢慢回气，最好两三个月检查一次。", "羽绒服不建议长时间压缩，会影响蓬松度。"],
            [
                "A down jacket shrinks to a third of its thickness.",
                "One bag per type of clothing makes seasonal swaps easy.",
            ],
            ["They slowly lose vacuum; check every couple of months."],
            ["没两个月就漏气了", "压完羽绒服拿出来塌了", "气阀不好用，抽不干净"],
            ["衣柜空出一半", "换季整理神器"],
            ["需要配电泵吗", "被子能压吗"],
        ),
        P(
            "氛围灯",
            "ambient lamp",
            "晴窗",
            (99, 299),
            "",
            [
                "暖黄光很柔和，晚上只开这一盏，卧室一下就温馨了。",
                "三档亮度加定时关灯，睡前看书正好。",
                "灯罩是亚麻的，白天关着也好看。",
            ],
            ["最亮档也不够当主灯用。", "开关线有点短，插座远的话要配延长线。"],
            [
                "Soft warm light; with only this lamp on the bedroom feels cosy.",
                "Three brightness levels and a sleep timer.",
            ],
            ["Even the brightest setting cannot replace a ceiling light."],
            ["亮度太低了，只能当摆设", "线太短，插座够不着", "有频闪，拍照能看出来"],
            ["氛围感拉满，拍照超出片", "睡前只开它，很放松"],
            ["色温多少K呀", "能接智能家居吗"],
        ),
        P(
            "香薰",
            "home fragrance",
            "晴窗",
            (69, 199),
            "",
            ["木质调，不冲，进门能闻到淡淡的味道。", "无火香薰放卫生间正好，一瓶能用两个月。"],
            ["第一周香味很浓，后面会越来越淡。", "有宠物的家庭要注意精油种类。"],
            [
                "A soft woody scent that greets you at the door.",
                "A bottle of reed diffuser lasts about two months.",
            ],
            ["Strong the first week, faint after that."],
            ["味道太淡了，放客厅根本闻不到", "闻久了头疼", "两个月就挥发完了，太贵"],
            ["进门就很香，客人都问", "木质调好高级"],
            ["有猫能用吗", "卧室放哪款比较好"],
        ),
        P(
            "落地灯",
            "floor lamp",
            "晴窗",
            (199, 599),
            "",
            ["纸灯罩透出来的光很柔，角落一下子有了层次。", "高度可以调，放沙发边看书刚好。"],
            ["底座有点轻，家里有猫容易被碰倒。", "纸灯罩怕潮，别放卫生间附近。"],
            [
                "The paper shade gives a soft glow and the corner finally has depth.",
                "Adjustable height, perfect next to the sofa.",
            ],
            ["The base is light; our cat knocked it over twice."],
            ["底座太轻了，被猫撞倒两次", "灯罩容易积灰，不好清理", "五百多买个灯有点贵"],
            ["开灯的瞬间就是侘寂风", "角落终于不空了"],
            ["灯泡能换暖一点的吗", "多高呀"],
        ),
        P(
            "亚麻窗帘",
            "linen curtains",
            "棉语",
            (199, 499),
            "",
            ["亚麻的垂感很好，自然的褶皱很有质感。", "遮光不是全黑，白天透进来的光很舒服。"],
            ["会缩水，第一次洗最好冷水手洗。", "容易起皱，不喜欢褶皱感的人慎选。"],
            [
                "Linen drapes beautifully and the natural creases look great.",
                "Not blackout, but the daylight through it is lovely.",
            ],
            ["They shrink: wash cold by hand the first time."],
            ["洗了一次缩了五厘米", "太透了，卧室用不行", "皱得厉害，熨都熨不平"],
            ["质感绝了，房间高级了好几个度", "米白色很百搭"],
            ["定制尺寸要多久", "能机洗吗"],
        ),
        P(
            "电热毯",
            "electric blanket",
            "棉语",
            (129, 299),
            "",
            [
                "双人双控，两边温度可以分开调。",
                "提前半小时打开，钻进被窝是暖的。",
                "有定时功能，睡着后自动关，不用担心一直开着。",
            ],
            ["刚拆开有一点点味道，晾一天就好了。", "线在床尾，床垫厚的话要注意放的位置。"],
            [
                "Dual controls, so each side sets its own temperature.",
                "Turn it on half an hour early and the bed is warm.",
            ],
            ["A faint smell out of the box, gone after a day."],
            ["睡一晚口干，感觉太燥了", "控制器指示灯太亮，晚上刺眼", "加热不均匀，脚那头不热"],
            ["南方冬天的救命神器", "双控太好了，再也不抢温度"],
            ["整晚开着安全吗", "可以水洗吗"],
        ),
        P(
            "冰丝凉席",
            "ice-silk cooling sheet",
            "棉语",
            (99, 259),
            "",
            ["躺上去是凉的，不用整晚开空调。", "可以直接机洗，夏天换洗很方便。"],
            ["刚开始凉，睡久了会被体温捂热。", "边角会起球，用一季就有点旧了。"],
            ["Cool to lie on, so the air conditioner can go off at night.", "Machine washable."],
            ["It warms up after a few hours of sleep."],
            ["睡半夜就不凉了", "起球了，一个夏天就旧", "尺寸偏小，床垫包不住"],
            ["夏天终于不用整晚开空调", "机洗不变形，好评"],
            ["小孩能睡吗", "和竹席比哪个凉"],
        ),
        P(
            "种植箱",
            "balcony planter",
            "格物",
            (59, 159),
            "",
            ["带储水层，出差三天回来菜也没干。", "阳台一米的空间种了小葱、生菜和小番茄。"],
            ["夏天阳台太晒，叶菜容易蔫。", "土要自己配，第一次种踩了不少坑。"],
            [
                "A water reservoir kept everything alive while I travelled for three days.",
                "Spring onions, lettuce and cherry tomatoes in one metre.",
            ],
            ["Leafy greens wilt in full summer sun."],
            ["长虫了，不敢吃", "储水层积水发臭", "阳台朝北，根本长不起来"],
            ["自己种的生菜吃着就是香", "小番茄结了好多"],
            ["新手先种什么好活", "用什么土"],
        ),
    ]
}

ELEC = Category(
    slug="electronics",
    zh="数码",
    en="Electronics",
    base_tag="数码",
    extra_tags=["数码好物", "科技生活", "好物测评"],
    brands=[
        ("零界", "ZEROLINE", "降噪耳机、开放式耳机、蓝牙音箱"),
        ("映月", "MOONCAST", "投影仪、电纸书"),
        ("圈知", "QUANZHI", "智能戒指、智能手表"),
        ("迅能", "XUNNENG POWER", "氮化镓充电器、充电宝、手机散热器、手持风扇"),
    ],
    video_share=0.4,
    collect_ratio=0.6,
    topics=[
        Topic(
            "降噪耳机",
            ["降噪耳机", "通勤耳机"],
            ["降噪耳机"],
            "stable",
            (4, 6, 6),
            ["每天地铁通勤一个多小时，降噪耳机是我最离不开的东西。", "换了三副降噪耳机，说说真实体验。"],
            ["通勤降噪耳机怎么选", "降噪耳机用了一年说说", "500元档降噪耳机对比"],
        ),
        Topic(
            "家用投影仪",
            ["家用投影仪", "投影仪推荐"],
            ["投影仪"],
            "stable",
            (4, 6, 6),
            ["家里没装电视，一台投影仪解决了看片需求。", "卧室放投影仪一年，说点真心话。"],
            ["卧室投影仪｜躺着看电影", "投影仪避坑：亮度别只看参数", "家用投影仪值不值"],
        ),
        Topic(
            "氮化镓充电器",
            ["氮化镓充电器", "出差装备"],
            ["氮化镓充电器", "充电宝"],
            "stable",
            (4, 6, 6),
            ["出差党的包越轻越好，充电设备我精简到了两件。", "桌上一堆充电线的日子终于结束了。"],
            ["出差党充电装备精简", "一个充电头搞定所有设备", "氮化镓充电器实测"],
        ),
        Topic(
            "智能手表",
            ["智能手表", "手表推荐"],
            ["智能手表"],
            "stable",
            (4, 6, 6),
            ["戴了半年智能手表，说说哪些功能真的在用。", "手表选了很久，最后看重的是续航。"],
            ["智能手表哪些功能真有用", "戴了半年手表的感受", "续航一周的手表体验"],
        ),
        Topic(
            "电纸书",
            ["电纸书", "墨水屏"],
            ["电纸书"],
            "stable",
            (4, 6, 6),
            ["手机刷多了，想找回读书的感觉。", "墨水屏用了一年，读完了三十多本书。"],
            ["电纸书让我重新开始读书📚", "墨水屏阅读器一年体验", "电纸书值不值得买"],
        ),
        Topic(
            "蓝牙音箱",
            ["蓝牙音箱", "音质党"],
            ["蓝牙音箱"],
            "stable",
            (4, 6, 6),
            ["周末在家放歌，一台小音箱就够了。", "浴室和书房都在用的小音箱。"],
            ["小音箱大声音", "浴室也能用的蓝牙音箱", "蓝牙音箱怎么选"],
        ),
        Topic(
            "智能戒指",
            ["智能戒指", "睡眠监测"],
            ["智能戒指"],
            "rising",
            (1, 3, 18),
            [
                "戴了一个月智能戒指，说说和手表比到底怎么样。",
                "一直想要一个睡觉时不硌手的设备，最后选了智能戒指。",
            ],
            ["智能戒指戴了一个月", "智能戒指VS手表｜怎么选", "睡觉不硌手的监测设备"],
        ),
        Topic(
            "开放式耳机",
            ["开放式耳机", "不入耳耳机"],
            ["开放式耳机"],
            "rising",
            (2, 3, 17),
            ["耳道敏感的人终于有了选择。", "通勤换成开放式耳机之后，耳朵舒服多了。"],
            ["开放式耳机通勤实测", "耳道敏感星人的耳机", "开放式耳机漏音吗"],
        ),
        Topic(
            "手机散热器",
            ["手机散热器", "手游散热"],
            ["手机散热器"],
            "declining",
            (9, 19, 4),
            ["夏天打游戏手机烫到降帧，只好买了散热器。", "游戏党的夏天离不开散热器。"],
            ["打游戏不烫手的秘密", "手机散热器有用吗", "游戏党夏天必备"],
        ),
        Topic(
            "手持风扇",
            ["手持风扇", "便携风扇"],
            ["手持风扇"],
            "declining",
            (10, 16, 3),
            ["夏天通勤没有风扇活不下去。", "今年夏天买了三个手持风扇，留下了这一个。"],
            ["夏天通勤必带小风扇", "手持风扇横评🌀", "哪款手持风扇最安静"],
        ),
    ],
    extra=[
        "参数只是参考，适合自己的场景最重要。",
        "不吹不黑，缺点我也都写了。",
        "买电子产品记得留好发票，保修要用。",
    ],
    en_openers=[
        "I've been using this for {n} weeks on my daily commute.",
        "Short review for the English speakers on RED.",
        "I test a lot of gadgets, most go back. This one stayed.",
    ],
    en_comments={
        "neg": ["Battery life dropped a lot after a year.", "Too expensive for what you get."],
        "pos": ["Great review, very clear.", "Bought it after your post, no regrets."],
        "q": ["Does it work with Android?", "How is the call quality?"],
    },
    c_generic={
        "pos": ["测评好详细，收藏了", "讲得很清楚，小白也看懂了", "等你这篇很久了"],
        "q": ["求链接", "现在什么价", "和某某比哪个好"],
        "neg": ["感觉溢价有点高", "参数党表示一般"],
    },
)
ELEC.products = {
    p.name: p
    for p in [
        P(
            "降噪耳机",
            "noise-cancelling earbuds",
            "零界",
            (399, 1299),
            "",
            [
                "地铁上开降噪，报站声以外基本都安静了。",
                "续航单次大概{hours}小时，加上充电盒够用一周通勤。",
                "通透模式很自然，买咖啡不用摘耳机。",
            ],
            ["戴久了耳朵有压迫感，耳道小的人注意。", "通话降噪一般，风大的时候对方听不清。"],
            [
                "On the metro, noise cancelling leaves little but the station announcements.",
                "About {hours} hours per charge, a week of commuting with the case.",
            ],
            ["Long sessions put pressure on small ear canals.", "Call quality suffers in wind."],
            ["续航缩水了，一年后只有三小时", "戴久了耳朵疼", "连接电脑经常断连", "降噪一般，地铁还是吵"],
            ["降噪对得起价格", "通勤必备，戴上世界都安静了"],
            ["安卓手机能用全部功能吗", "打电话效果怎么样"],
        ),
        P(
            "投影仪",
            "home projector",
            "映月",
            (1999, 4999),
            "",
            [
                "白天拉上窗帘就能看，晚上效果更好。",
                "自动对焦和梯形校正很快，开机十几秒就能看。",
                "内置音箱够用，小客厅不用再接音响。",
            ],
            ["亮度在开灯的情况下不太够。", "风扇有声音，安静的片段能听到。"],
            [
                "With the curtains drawn it works in daytime; at night it is great.",
                "Autofocus and keystone correction take seconds.",
            ],
            ["Not bright enough with the lights on.", "The fan is audible in quiet scenes."],
            ["白天根本看不清，亮度虚标", "风扇太吵了", "系统广告好多", "四千多的价格，不如买电视"],
            ["卧室躺着看电影太爽了", "画质比预期好"],
            ["多大的墙面合适", "能投手机吗"],
        ),
        P(
            "电纸书",
            "e-reader",
            "映月",
            (799, 1699),
            "",
            ["墨水屏看久了眼睛不累，通勤路上能看半本书。", "支持导入PDF和手写笔记，开会记笔记很方便。"],
            ["翻页有残影，看漫画体验一般。", "PDF 排版复杂的时候要手动缩放。"],
            [
                "E-ink is easy on the eyes; I read half a book per commute.",
                "Handwritten notes in meetings work well.",
            ],
            ["Page turns leave ghosting; comics are meh."],
            ["翻页有残影，卡顿", "吃灰了，买了没看几本", "价格不便宜"],
            ["终于把手机放下了", "看久了眼睛确实舒服"],
            ["能装阅读App吗", "手写延迟大吗"],
        ),
        P(
            "蓝牙音箱",
            "Bluetooth speaker",
            "零界",
            (299, 799),
            "",
            ["低音很足，小房间放歌很有氛围。", "防水，洗澡的时候也能听。"],
            ["最大音量时有一点破音。", "续航比标称短一些。"],
            ["Solid bass for a small room.", "Waterproof, so it lives in the bathroom."],
            ["It distorts a little at max volume."],
            ["音量大一点就破音", "续航只有一半", "连接不稳定"],
            ["小小一个声音很大", "颜值很高"],
            ["能两台配对吗", "户外用够响吗"],
        ),
        P(
            "氮化镓充电器",
            "GaN charger",
            "迅能",
            (99, 259),
            "",
            ["一个充电头同时充电脑、手机和耳机，出差只带它。", "体积只有原装电脑充电器的一半。"],
            ["多口同时充的时候会降功率。", "充电时机身会发热。"],
            [
                "One charger for laptop, phone and earbuds; it is all I pack.",
                "Half the size of the laptop's own brick.",
            ],
            ["Power drops when all ports are in use."],
            ["发热很严重，不敢整晚插着", "三个口一起充速度明显变慢", "用半年一个口坏了"],
            ["出差党必备，少带一堆线", "小巧好带"],
            ["能给笔记本快充吗", "苹果能用吗"],
        ),
        P(
            "充电宝",
            "power bank",
            "迅能",
            (129, 299),
            "",
            ["两万毫安，手机能充四次左右。", "自带线，不用再找充电线。"],
            ["重量不轻，放小包里有点坠。", "自带线容易磨损。"],
            ["20,000 mAh, about four phone charges.", "Built-in cable, one less thing to forget."],
            ["Heavy in a small bag."],
            ["太重了，放包里坠得慌", "线用了两个月就断了", "充满要好久"],
            ["出门一整天都不怕没电", "能带上飞机，很方便"],
            ["能带上飞机吗", "给平板充快吗"],
        ),
        P(
            "智能手表",
            "smartwatch",
            "圈知",
            (699, 1999),
            "",
            [
                "续航一周，不用每天充电。",
                "心率和睡眠记录挺稳定，适合看趋势。",
                "消息提醒很及时，开会不用一直看手机。",
            ],
            ["表盘偏大，手腕细的戴着有点夸张。", "第三方应用比较少。"],
            [
                "A week of battery, no daily charging.",
                "Notifications are reliable, so the phone stays in my pocket.",
            ],
            ["The case is big on a thin wrist."],
            ["手腕细戴着太大了", "续航没说的那么久", "表带戴久了过敏"],
            ["戴着睡觉也不硌", "颜值和续航都在线"],
            ["能NFC刷门禁吗", "防水吗，能游泳吗"],
        ),
        P(
            "智能戒指",
            "smart ring",
            "圈知",
            (1299, 2299),
            "",
            [
                "比手表轻太多，睡觉戴着几乎没感觉。",
                "早上打开 App 就能看到睡眠分期和心率变化，用来看趋势挺方便。",
                "续航四到五天，充电盒很小。",
            ],
            [
                "尺码一定要先买量圈试戴，我第一次买大了一号。",
                "数据只能参考，不能当医疗诊断。",
                "价格两千左右，比很多手表还贵。",
            ],
            [
                "Far lighter than a watch; I barely notice it at night.",
                "Sleep stages and heart-rate trends are there every morning.",
            ],
            [
                "Get the sizing kit first; my first ring was a size too big.",
                "The data is a trend, not a diagnosis.",
            ],
            [
                "尺码选错了，换货要等两周",
                "两千块买个戒指，功能还没手表多",
                "洗手的时候老是转，硌得慌",
                "续航没有宣传的长",
            ],
            ["睡觉戴着完全无感，比手表舒服", "颜值高，看不出是智能设备"],
            ["怎么确定尺码？", "苹果手机能连吗"],
        ),
        P(
            "开放式耳机",
            "open-ear earbuds",
            "零界",
            (299, 899),
            "",
            [
                "不入耳，戴一整天耳朵也不闷。",
                "骑车和跑步能听到周围的声音，安全很多。",
                "挂耳很稳，甩头也不掉。",
            ],
            ["地铁上漏音，音量开大旁边人能听到。", "低音比入耳式弱。"],
            [
                "Nothing in the ear canal, comfortable all day.",
                "I can hear traffic when cycling, which feels safer.",
            ],
            ["They leak sound on a quiet train.", "Less bass than in-ear buds."],
            [
                "漏音太严重，地铁上不敢开大声",
                "戴眼镜的话挂耳会压着",
                "低音很弱，听歌没劲",
                "五六百的价格音质不如入耳式",
            ],
            ["终于不用担心耳朵闷了", "运动的时候戴很稳"],
            ["戴眼镜会不会冲突", "打电话对方听得清吗"],
        ),
        P(
            "手机散热器",
            "phone cooler",
            "迅能",
            (59, 159),
            "",
            ["磁吸上去几秒手机背面就凉了，打游戏不降帧。", "有温度显示，能看到背面降了多少度。"],
            ["要一直插电，线有点碍事。", "半导体制冷会有冷凝水，梅雨天要注意。"],
            [
                "Snap it on and the phone's back cools within seconds; no more frame drops.",
                "A display shows the temperature drop.",
            ],
            ["It needs a cable the whole time."],
            ["风扇声音太大了", "有冷凝水，担心手机进水", "磁吸不稳，一动就掉"],
            ["夏天打游戏终于不烫手", "降温很快"],
            ["手机壳戴着能用吗", "安卓能吸住吗"],
        ),
        P(
            "手持风扇",
            "handheld fan",
            "迅能",
            (49, 129),
            "",
            ["三档风力，最大档出门通勤也凉快。", "可以折叠立在桌上当小台扇。"],
            ["最大档声音有点大。", "续航在最大档只有两三个小时。"],
            ["Three speeds; the top one keeps me cool on the commute.", "Folds into a little desk fan."],
            ["Top speed is loud and drains the battery in two to three hours."],
            ["最大档太吵了", "续航太短，下午就没电", "用了一个月就坏了"],
            ["夏天出门必带", "小巧放包里不占地"],
            ["能上飞机吗", "充电要多久"],
        ),
    ]
}

FIT = Category(
    slug="fitness",
    zh="健身",
    en="Fitness",
    base_tag="健身",
    extra_tags=["运动打卡", "自律生活", "健身日常"],
    brands=[
        ("韧行", "RENXING", "瑜伽垫、弹力带"),
        ("肌源", "JIYUAN NUTRITION", "蛋白粉"),
        ("跳点", "TIAODIAN", "智能跳绳、体脂秤"),
        ("松筋", "SONGJIN", "筋膜枪、泡沫轴"),
    ],
    video_share=0.45,
    collect_ratio=0.8,
    topics=[
        Topic(
            "居家瑜伽",
            ["居家瑜伽", "瑜伽垫"],
            ["瑜伽垫"],
            "stable",
            (7, 6, 6),
            ["每天早上二十分钟瑜伽，坚持了三个月。", "居家瑜伽第一步，先换一张好垫子。"],
            ["居家瑜伽好物分享", "瑜伽垫怎么选？厚度很关键", "瑜伽新手入门清单🧘"],
        ),
        Topic(
            "蛋白粉",
            ["蛋白粉", "健身补剂"],
            ["蛋白粉"],
            "stable",
            (7, 6, 6),
            ["增肌期蛋白粉喝了好几桶，说说口感和性价比。", "练完到底要不要喝蛋白粉？说说我的做法。"],
            ["蛋白粉怎么选不踩坑", "5款蛋白粉口感对比", "健身新手要不要喝蛋白粉"],
        ),
        Topic(
            "跳绳",
            ["跳绳", "燃脂运动"],
            ["智能跳绳"],
            "stable",
            (7, 6, 6),
            ["下班没时间去健身房，就在家跳绳。", "跳绳一个月，说说真实变化。"],
            ["跳绳30天打卡记录", "在家跳绳不扰民的办法", "智能跳绳值得买吗"],
        ),
        Topic(
            "运动恢复",
            ["运动恢复", "筋膜枪"],
            ["筋膜枪", "泡沫轴"],
            "stable",
            (7, 6, 6),
            ["练完不放松，第二天腿酸得下不了楼。", "运动恢复做好了，训练才能持续。"],
            ["练后放松｜筋膜枪怎么用", "运动恢复装备分享", "筋膜枪用错了反而伤"],
        ),
        Topic(
            "臀腿训练",
            ["臀腿训练", "弹力带训练"],
            ["弹力带", "蛋白粉"],
            "stable",
            (7, 6, 6),
            ["开始练臀腿半年，体态变化最明显。", "不去健身房，一条弹力带也能练。"],
            ["女生臀腿训练入门", "弹力带练臀腿｜跟我练", "练臀腿半年的变化"],
        ),
        Topic(
            "减脂打卡",
            ["减脂打卡", "体脂秤"],
            ["体脂秤"],
            "stable",
            (7, 6, 6),
            ["减脂期每天称体重，心态很重要。", "别只盯着体重，体脂变化更重要。"],
            ["减脂打卡第60天", "体脂秤数据准吗", "减脂期我只看这条曲线"],
        ),
    ],
    extra=["运动这件事，坚持比强度重要。", "每个人基础不一样，量力而行。", "饮食和睡眠跟上，效果才稳。"],
    en_openers=[
        "Training at home most days, so here is what I actually use.",
        "Sharing my routine since a few people asked in the comments.",
        "Coach here; this is what I tell clients who ask about gear.",
    ],
    en_comments={
        "neg": ["The mat smelled for a week.", "Too sweet for me."],
        "pos": ["Thanks for the routine!", "Super motivating."],
        "q": ["Which size did you get?", "How often do you train?"],
    },
    c_generic={
        "pos": ["跟着练了一周，有效果", "太自律了，向你学习", "收藏了，明天开始"],
        "q": ["求链接", "新手可以吗", "一周练几次"],
        "neg": ["感觉没什么用", "有点贵，学生党买不起"],
    },
)
FIT.products = {
    p.name: p
    for p in [
        P(
            "瑜伽垫",
            "yoga mat",
            "韧行",
            (99, 299),
            "",
            ["6毫米厚，跪姿的时候膝盖不疼。", "正反面都防滑，出汗了也不打滑。", "带体位线，新手对齐很方便。"],
            ["刚拆开有一点橡胶味，晾两天就散了。", "比较重，带去瑜伽馆有点沉。"],
            ["6 mm thick, kneeling poses no longer hurt.", "Grippy on both sides even when sweaty."],
            ["A rubber smell for the first two days.", "Heavy to carry to class."],
            ["味道太大了，晾了一周还有", "出汗之后还是滑", "太窄了，我肩宽放不下", "薄了，膝盖跪着疼"],
            ["防滑真的好，下犬式不滑了", "颜色好看，每天都想练"],
            ["多厚合适新手", "能放地板上跳操吗"],
        ),
        P(
            "蛋白粉",
            "whey protein",
            "肌源",
            (199, 399),
            "",
            [
                "巧克力味不齁，冲牛奶很顺滑。",
                "一勺大概{protein}克蛋白，练完一杯很方便。",
                "溶解很快，摇几下就没有结块。",
            ],
            ["价格不便宜，一桶吃一个多月。", "乳糖不耐受的人喝了可能胀气。"],
            [
                "Chocolate flavour that is not too sweet; smooth with milk.",
                "About {protein} g of protein per scoop.",
            ],
            ["Not cheap: a tub lasts a bit over a month.", "Lactose-sensitive people may feel bloated."],
            ["喝了胀气，乳糖不耐的别买", "太甜了，喝不下去", "结块，摇不开", "太贵了，一桶三百多"],
            ["口感在我喝过的里面排前面", "练完一杯，很方便"],
            ["女生喝会变壮吗", "早上喝还是练完喝"],
        ),
        P(
            "智能跳绳",
            "smart jump rope",
            "跳点",
            (69, 169),
            "",
            [
                "自动计数，连着App能看到每天跳了多少。",
                "无绳模式在家也能跳，不怕打到灯。",
                "手柄是防滑的，出汗也握得住。",
            ],
            ["在楼上跳还是会吵到邻居，最好加个垫子。", "计数偶尔会多算几个。"],
            [
                "Counts automatically and syncs to the app.",
                "Cordless mode means no hitting the lamp indoors.",
            ],
            ["Still noisy for the neighbours downstairs; use a mat."],
            ["楼下邻居来敲门了，太吵", "计数不准", "绳子缠在一起很烦", "跳了一周膝盖疼"],
            ["一天一千个，坚持一个月", "便宜好用"],
            ["体重大能跳吗", "每天跳多少合适"],
        ),
        P(
            "筋膜枪",
            "massage gun",
            "松筋",
            (199, 599),
            "",
            [
                "练完腿用五分钟，第二天酸痛轻了不少。",
                "有四个按摩头，肩颈和大腿都能用。",
                "机身不重，自己按背也够得着。",
            ],
            ["最高档声音不小，晚上用会吵到家人。", "骨头和关节部位不要直接打。"],
            [
                "Five minutes after leg day and I am far less sore the next morning.",
                "Light enough to reach my own back.",
            ],
            ["The top setting is loud.", "Keep it off bones and joints."],
            ["声音太大了，晚上没法用", "续航短，用三次就要充", "力度不够，像挠痒痒"],
            ["练完腿必备", "肩颈放松很舒服"],
            ["孕妇能用吗", "一次打多久"],
        ),
        P(
            "泡沫轴",
            "foam roller",
            "松筋",
            (59, 159),
            "",
            ["滚大腿外侧的时候酸爽，练完放松必备。", "硬度适中，新手也能接受。"],
            ["体积大，小房间放着有点占地方。", "表面纹路容易积灰。"],
            ["Rolling the outer thigh hurts in a good way.", "Medium firmness, fine for beginners."],
            ["Bulky in a small room."],
            ["太硬了，滚着疼", "占地方", "用了两个月变形了"],
            ["放松效果很好", "便宜实用"],
            ["每天滚多久", "腰能滚吗"],
        ),
        P(
            "弹力带",
            "resistance bands",
            "韧行",
            (39, 99),
            "",
            ["五种阻力，从热身到臀腿训练都能用。", "出差放在行李箱里，在酒店也能练。"],
            ["用力过猛会卷边。", "乳胶款有一点味道。"],
            [
                "Five resistance levels, from warm-up to glute work.",
                "They travel in a suitcase, so hotel workouts happen.",
            ],
            ["They roll up at the edges under load."],
            ["用了一周就断了", "卷边，勒得大腿疼", "有味道"],
            ["出差也能练，很方便", "练臀效果明显"],
            ["新手选哪个阻力", "男生用哪个"],
        ),
        P(
            "体脂秤",
            "body-fat scale",
            "跳点",
            (99, 249),
            "",
            ["每天早上称一下，体重和体脂的变化一目了然。", "能连App看曲线，比只看体重有动力。"],
            ["体脂数据只能看趋势，绝对值参考意义不大。", "放在瓷砖上要放平，不然数据会跳。"],
            [
                "A morning weigh-in shows weight and body-fat trends at a glance.",
                "The app's curve is more motivating than a number.",
            ],
            ["Body-fat readings are a trend, not an exact value."],
            ["数据不准，两次差了好几个点", "连不上App", "电池掉得快"],
            ["看着曲线下降很有动力", "颜值高"],
            ["家里人能一起用吗", "体脂率怎么算"],
        ),
    ]
}

CATEGORIES = [PETS, HOME, ELEC, FIT]
TREND_CATEGORIES = ("pets", "home", "electronics")  # fitness stays flat

ZH_OPENERS = [
    "先说结论：{product}值得入。",
    "被问了很多次，统一回复一下{product}。",
    "用了{n}个月才来写，算是比较真实的反馈。",
    "纠结了很久还是入了{product}，说说真实感受。",
    "对比了{k}款才选定，做了不少功课。",
]
ZH_OWN_MONEY = "这篇是自己花钱买的，放心看。"
ZH_CLOSERS = [
    "有问题评论区问我，看到都会回。",
    "建议先收藏，买之前再翻出来看。",
    "以上都是个人体验，每个人情况不一样，按需购买。",
    "下一篇想看什么可以留言。",
    "整体来说会回购。",
    "总的来说性价比还可以，但不是非买不可。",
]
ZH_BRAND = [
    "这次用的是{brand}家的{product}，到手价{price}元。",
    "入的是{brand}的款，{price}元左右。",
    "{brand}的{product}，{price}元，活动价会更低。",
]
ZH_PRICE = ["价格{price}元左右。", "到手{price}元。"]
ZH_SPONSORED = [
    "品牌合作｜感谢{brand}寄来体验，以下是真实使用感受。",
    "本篇与{brand}合作，产品由品牌方提供。",
]
ZH_TITLES = [
    "{product}真实测评",
    "{product}用了{n}个月说说",
    "{product}怎么选？看这篇",
    "{product}避坑指南⚠️",
    "后悔没早买{product}",
    "{k}款{product}横评",
    "{product}值不值得买",
]
EN_TITLES = [
    "Honest review: {en}",
    "{n} months of {en}: my notes",
    "{en}: worth it?",
    "Buying {en} in China",
    "{en}: what I wish I knew",
]
EN_CLOSERS = [
    "Ask me anything in the comments.",
    "Save it for later if it helps.",
    "Hope this helps someone!",
    "Happy to answer questions below.",
]
EN_SPONSORED = "Partnered with {brand_en}; opinions are my own."
EN_BRAND = "Mine is from {brand_en}, about {price} yuan."
EN_TAGS = {
    "pets": ["petlife", "catsofRED"],
    "home": ["homedecor", "smallapartment"],
    "electronics": ["gadgets", "techreview"],
    "fitness": ["homeworkout", "fitnessjourney"],
}

REPLY_AUTHOR = [
    "主页有写哦",
    "是的，用了{n}个月了",
    "不会，我家的适应得挺好",
    "可以先买小包装试试",
    "看个人需求啦",
    "这个我下一篇详细写",
]
REPLY_OTHER = ["同问", "我也是这个问题", "+1", "我家也是，后来换了", "蹲一个答案", "我用着还行，看个人吧"]
REPLY_EN = ["Same question!", "It's in my profile.", "Works fine for me so far."]

# --------------------------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------------------------

FRAGS_F = [
    "阿澄",
    "砚秋",
    "苏禾",
    "林间月",
    "晚枫",
    "松果",
    "海盐",
    "梨涡",
    "枇杷",
    "晏晏",
    "乔木",
    "岑岑",
    "稻禾",
    "霁月",
    "阿槐",
    "陈皮",
    "山楂",
    "榛子",
    "荔枝",
    "茉莉",
    "芒种",
    "白露",
    "小蔚",
    "阿琰",
    "蕉蕉",
    "沐沐子",
    "杳杳",
    "菱角",
    "绿萝",
    "云朵棉",
]
FRAGS_M = [
    "老周",
    "阿凯",
    "大伟",
    "小宇",
    "阿琛",
    "老陆",
    "阿航",
    "老胡",
    "子墨",
    "阿哲",
    "大鹏",
    "阿峰",
    "老K",
    "阿泽",
    "石头哥",
    "小鹤",
    "老樊",
    "阿骁",
    "二毛",
    "大熊",
]
PET_NICK = [
    "橘座",
    "煤球",
    "年糕",
    "可颂",
    "奥利奥",
    "豆腐",
    "拿铁",
    "墩墩",
    "雪碧",
    "咖喱",
    "布朗尼",
    "小笼包",
    "花卷",
    "黄油",
    "芋圆",
    "大福",
    "阿福仔",
    "糖三角",
]
NICK_PATTERNS = {
    "pets": [
        "{pet}的铲屎官{frag}",
        "{frag}和{pet}",
        "养猫的{frag}",
        "{pet}今天干饭了吗",
        "{frag}家有只{pet}",
        "遛{pet}的{frag}",
        "{pet}和{pet2}的日常",
    ],
    "home": [
        "{frag}的小家",
        "{frag}住在{city}",
        "{frag}爱收纳",
        "{frag}装修日记",
        "住进{frag}的房子",
        "{frag}的90平",
        "慢生活的{frag}",
    ],
    "electronics": [
        "{frag}玩数码",
        "数码{frag}",
        "{frag}测评室",
        "{frag}的桌面",
        "科技{frag}",
        "{frag}爱折腾",
        "{frag}的数码箱",
    ],
    "fitness": [
        "{frag}练起来",
        "健身的{frag}",
        "{frag}的自律日记",
        "{frag}举铁中",
        "{frag}瑜伽日记",
        "跳绳的{frag}",
        "{frag}减脂中",
    ],
}
EN_CREATORS = {  # English-language creators (write the English notes)
    "pets": [
        ("Nora's Cat Diary", "female", "Expat in Shanghai｜two cats, one balcony｜English & 中文"),
        ("Juno & the Corgi", "female", "A corgi, a city, and a lot of walks｜English notes"),
    ],
    "home": [("Hazel at Home", "female", "Small flats, big ideas｜renter-friendly fixes in English")],
    "electronics": [
        ("Theo Tests Gadgets", "male", "Gadget reviews in English｜based in Shenzhen"),
        ("Felix Tech Notes", "male", "Commute tech & audio｜English reviews"),
    ],
    "fitness": [("Rowan Lifts", "male", "Personal trainer｜strength for busy people｜English")],
}
EN_USERS = [
    "Amelia_SH",
    "Tom in Beijing",
    "Lena.W",
    "Marco_expat",
    "Sophie Lin",
    "Dan the Runner",
    "Ivy Chen",
    "Ollie_gz",
]
BIOS = {
    "pets": [
        "{pet}的铲屎官｜记录两只猫的日常",
        "养宠{y}年｜只分享自己用过的",
        "宠物营养学在读｜科学养宠",
        "三猫一狗｜合作请私信",
        "新手铲屎官成长日记",
        "狗狗训练｜遛狗装备测评",
        "多猫家庭｜猫粮猫砂真实测评",
    ],
    "home": [
        "租房改造｜小户型收纳",
        "室内设计师｜侘寂与原木",
        "收纳整理师｜让家变轻",
        "装修日记进行中｜合作请私信",
        "一个人住的小家｜慢生活",
        "家居好物测评｜只说真话",
        "新房软装记录",
    ],
    "electronics": [
        "数码测评｜只说真话",
        "通勤党的数码装备",
        "程序员｜效率工具与耳机",
        "耳机发烧友｜合作邮箱见主页",
        "科技生活分享",
        "数码小白也能看懂的测评",
        "游戏党｜手机与外设",
    ],
    "fitness": [
        "健身教练｜持证上岗",
        "普通上班族的减脂记录",
        "瑜伽老师｜每天20分钟",
        "力量训练｜增肌日记",
        "跳绳打卡第{y}00天",
        "跑者｜全马完赛{y}次",
        "产后恢复训练分享",
    ],
}


# --------------------------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------------------------


def fmt_count(n: int) -> str:
    """How MediaCrawler exports RED's counts: plain below 10,000, '1.2万' above, '10万+' from 100,000."""
    if n >= 100_000:
        return "10万+"
    if n >= 10_000:
        return f"{n / 10_000:.1f}".rstrip("0").rstrip(".") + "万"
    return str(n)


def ms(dt: datetime) -> int:
    return int(dt.timestamp()) * 1000


def day_range(a: date, b: date) -> list[date]:
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


def pick_day(rng: random.Random, days: list[date], weight=None) -> date:
    ws = [(1.25 if d.weekday() >= 5 else 1.0) * (weight(d) if weight else 1.0) for d in days]
    return rng.choices(days, ws)[0]


def pick_time(rng: random.Random, d: date) -> datetime:
    h = rng.choices(range(24), HOUR_W)[0]
    dt = datetime(d.year, d.month, d.day, h, rng.randrange(60), rng.randrange(60), tzinfo=CN)
    if dt >= NEWEST:
        dt = NEWEST - timedelta(minutes=rng.randint(20, 600))
    return dt


def rid(rng: random.Random, ts: int) -> str:
    """24 hex digits like RED's ids: 8 of the creation time, then zeros and random digits."""
    return f"{ts:08x}00000000{rng.getrandbits(32):08x}"


def user_id(rng: random.Random) -> str:
    ts = rng.randint(
        int(datetime(2016, 1, 1, tzinfo=CN).timestamp()), int(datetime(2024, 6, 1, tzinfo=CN).timestamp())
    )
    return f"{ts:08x}0000000000{rng.getrandbits(24):06x}"


def split_shares(
    rng: random.Random, keys: list[str], base: list[float], jitter: float = 0.35
) -> dict[str, float]:
    vals = [max(0.0, b * rng.uniform(1 - jitter, 1 + jitter)) for b in base]
    total = sum(vals)
    out = [round(v / total, 2) for v in vals]
    i = out.index(max(out))
    out[i] = round(out[i] + 1 - sum(out), 2)
    return dict(zip(keys, out, strict=True))


def round_price(x: float) -> int:
    if x >= 10_000:
        return int(round(x / 1000) * 1000)
    if x >= 1000:
        return int(round(x / 100) * 100)
    return int(round(x / 50) * 50)


def lognorm(rng: random.Random, mu: float, sigma: float) -> float:
    return math.exp(rng.gauss(mu, sigma))


def hashtags(tags: list[str]) -> str:
    return " ".join(f"#{t}[话题]#" for t in tags)


class Fill(dict):
    def __missing__(self, key):
        return "{" + key + "}"


# --------------------------------------------------------------------------------------------------------------------
# Creators
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class Creator:
    id: str
    nickname: str
    gender: str
    city: str
    province: str
    bio: str
    categories: list[str]
    tier: str
    fans: int
    avg: dict[str, int]
    price_image: int | None
    price_video: int | None
    audience: dict
    sponsored_share: float
    notes_count: int
    english: bool = False
    flag: str = ""  # fake_fans / over_commercial
    notes: list = field(default_factory=list)


AGE_KEYS = ["<18", "18-24", "25-30", "31-40", ">40"]
AGE_BASE = {
    "pets": [0.03, 0.30, 0.35, 0.25, 0.07],
    "home": [0.01, 0.18, 0.36, 0.33, 0.12],
    "electronics": [0.06, 0.34, 0.32, 0.21, 0.07],
    "fitness": [0.03, 0.33, 0.36, 0.22, 0.06],
}
CITY_KEYS = ["tier1", "new_tier1", "tier2", "tier3_plus"]
CITY_BASE = [0.30, 0.30, 0.20, 0.20]
SECOND_CATEGORY = {"pets": "home", "home": "electronics", "electronics": "fitness", "fitness": "pets"}


def make_creators(rng: random.Random) -> list[Creator]:
    creators: list[Creator] = []
    used: set[str] = set()
    cities = [c for c in CITIES]
    city_w = [c[2] for c in CITIES]
    # anomalies: (category, tier, kind)
    fake_slots = {
        ("pets", "mid", 0),
        ("home", "head", 0),
        ("electronics", "mid", 1),
        ("electronics", "junior", 2),
        ("fitness", "mid", 2),
        ("fitness", "junior", 5),
    }
    commercial_slots = {
        ("pets", "junior", 3),
        ("pets", "koc", 4),
        ("home", "mid", 3),
        ("home", "koc", 7),
        ("electronics", "junior", 6),
        ("fitness", "koc", 2),
    }
    for cat in CATEGORIES:
        en_left = list(EN_CREATORS[cat.slug])
        for tier in TIERS:
            for k in range(TIER_PLAN[tier]):
                english = False
                if en_left and tier in ("junior", "koc") and k in (1, 9):
                    nickname, gender, bio = en_left.pop(0)
                    english = True
                else:
                    if cat.slug == "electronics":
                        gender = "male" if rng.random() < 0.7 else "female"
                    elif cat.slug == "fitness":
                        gender = "male" if rng.random() < 0.45 else "female"
                    else:
                        gender = "male" if rng.random() < 0.2 else "female"
                    while True:
                        pat = rng.choice(NICK_PATTERNS[cat.slug])
                        frag = rng.choice(FRAGS_M if gender == "male" else FRAGS_F)
                        pet, pet2 = rng.sample(PET_NICK, 2)
                        nickname = pat.format(frag=frag, pet=pet, pet2=pet2, city=rng.choice(cities)[0])
                        if nickname not in used:
                            break
                    bio = rng.choice(BIOS[cat.slug]).format(pet=rng.choice(PET_NICK), y=rng.randint(2, 9))
                    if rng.random() < 0.35 and "合作" not in bio:
                        bio += "｜合作请私信"
                used.add(nickname)
                city, province, _ = rng.choices(cities, city_w)[0]
                if english:
                    city, province = rng.choice([("上海", "上海"), ("北京", "北京"), ("深圳", "广东")])
                lo, hi = TIER_FANS[tier]
                flag = ""
                if (cat.slug, tier, k) in fake_slots:
                    flag = "fake_fans"
                elif (cat.slug, tier, k) in commercial_slots:
                    flag = "over_commercial"
                if flag == "fake_fans":
                    fans = int(math.exp(rng.uniform(math.log(lo + (hi - lo) * 0.6), math.log(hi))))
                    er = rng.uniform(0.0008, 0.0025)
                else:
                    fans = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
                    er = rng.uniform(*TIER_ER[tier])
                total = fans * er
                cr = cat.collect_ratio * rng.uniform(0.7, 1.3)
                cm = rng.uniform(0.04, 0.12)
                sh = rng.uniform(0.02, 0.08)
                likes = total / (1 + cr + cm + sh)
                avg = {
                    "likes": max(1, round(likes)),
                    "collects": round(likes * cr),
                    "comments": round(likes * cm),
                    "shares": round(likes * sh),
                }
                # prices: rules of thumb, CNY per note
                per_fan = {
                    "head": (0.035, 0.065),
                    "mid": (0.05, 0.09),
                    "junior": (0.06, 0.12),
                    "koc": (0.05, 0.12),
                }[tier]
                price_image = round_price(max(200, fans * rng.uniform(*per_fan)))
                if (tier == "koc" and rng.random() < 0.35) or (tier == "junior" and rng.random() < 0.08):
                    price_image = None
                price_video = round_price(price_image * rng.uniform(1.3, 1.7)) if price_image else None
                # audience
                if cat.slug == "electronics":
                    male_skew = rng.random() < (0.8 if gender == "male" else 0.25)
                    fs = rng.uniform(0.16, 0.4) if male_skew else rng.uniform(0.52, 0.78)
                elif cat.slug == "fitness":
                    male_skew = rng.random() < (0.85 if gender == "male" else 0.05)
                    fs = rng.uniform(0.2, 0.42) if male_skew else rng.uniform(0.66, 0.9)
                else:
                    fs = rng.uniform(0.55, 0.76) if gender == "male" else rng.uniform(0.72, 0.92)
                audience = {
                    "female_share": round(fs, 2),
                    "age": split_shares(rng, AGE_KEYS, AGE_BASE[cat.slug]),
                    "city_tier": split_shares(rng, CITY_KEYS, CITY_BASE),
                }
                if flag == "over_commercial":
                    sponsored = rng.uniform(0.72, 0.92)
                else:
                    sponsored = rng.uniform(
                        *{
                            "head": (0.12, 0.35),
                            "mid": (0.08, 0.3),
                            "junior": (0.03, 0.2),
                            "koc": (0.0, 0.12),
                        }[tier]
                    )
                notes_count = rng.randint(
                    *{"head": (300, 1500), "mid": (200, 1200), "junior": (80, 600), "koc": (20, 200)}[tier]
                )
                cats = [cat.slug]
                if rng.random() < 0.15:
                    cats.append(SECOND_CATEGORY[cat.slug])
                creators.append(
                    Creator(
                        id=user_id(rng),
                        nickname=nickname,
                        gender=gender,
                        city=city,
                        province=province,
                        bio=bio,
                        categories=cats,
                        tier=tier,
                        fans=fans,
                        avg=avg,
                        price_image=price_image,
                        price_video=price_video,
                        audience=audience,
                        sponsored_share=round(sponsored, 2),
                        notes_count=notes_count,
                        english=english,
                        flag=flag,
                    )
                )
    return creators


# --------------------------------------------------------------------------------------------------------------------
# Notes
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class Plan:
    cat: Category
    topic: Topic
    period: str  # early / prev / last
    time: datetime
    english: bool = False
    author: Creator | None = None
    user: tuple | None = None  # ordinary user: (id, nickname, province, base_likes, english)


def make_plans(rng: random.Random) -> list[Plan]:
    early = day_range(FIRST_DAY, PREV_FIRST - timedelta(days=1))
    prev = day_range(PREV_FIRST, PIVOT_DAY - timedelta(days=1))
    last = day_range(PIVOT_DAY, LAST_DAY)
    # planted topics keep two days clear of the window boundary, so a window taken from any hour of the
    # newest day still counts them on the same side
    prev_p = day_range(PREV_FIRST + timedelta(days=1), PIVOT_DAY - timedelta(days=3))
    last_p = day_range(PIVOT_DAY + timedelta(days=2), LAST_DAY)
    plans = []
    for cat in CATEGORIES:
        for topic in cat.topics:
            n_early, n_prev, n_last = topic.counts
            for period, n in (("early", n_early), ("prev", n_prev), ("last", n_last)):
                for _ in range(n):
                    if period == "early":
                        if topic.trend == "declining":  # summer topics: heavy in July and August
                            d = pick_day(rng, early, lambda d: {6: 1.5, 7: 3.0, 8: 3.0}.get(d.month, 1.0))
                        elif topic.trend == "rising":
                            d = pick_day(rng, [x for x in early if x >= date(2026, 8, 20)])
                        else:
                            d = pick_day(rng, early)
                    elif period == "prev":
                        if topic.trend == "stable":
                            d = pick_day(rng, prev)
                        else:
                            fade = (
                                (lambda d: 1.6 - (d - PREV_FIRST).days / 30)
                                if topic.trend == "declining"
                                else None
                            )
                            d = pick_day(rng, prev_p, fade)
                    else:
                        if topic.trend == "stable":
                            d = pick_day(rng, last)
                        else:
                            grow = (
                                (lambda d: 0.6 + (d - PIVOT_DAY).days / 25)
                                if topic.trend == "rising"
                                else None
                            )
                            d = pick_day(rng, last_p, grow)
                    plans.append(Plan(cat, topic, period, pick_time(rng, d)))
    plans.sort(key=lambda p: (p.time, p.cat.slug, p.topic.name))
    # the newest note defines "now" for RedPilot's analyses: make it exactly NEWEST, a stable-topic note
    for p in reversed(plans):
        if p.topic.trend == "stable" and p.cat.slug == "home":
            p.time = NEWEST
            break
    plans.sort(key=lambda p: (p.time, p.cat.slug, p.topic.name))
    # English notes: in the two trend windows only on stable topics and in pairs (one in each window, same
    # topic), so English words and tags stay flat; the rest before the windows, on any topic
    n_early = N_ENGLISH - 2 * EN_PAIRS_PER_CATEGORY * len(CATEGORIES)
    for cat in CATEGORIES:
        stable = [t for t in cat.topics if t.trend == "stable"]
        for t in rng.sample(stable, EN_PAIRS_PER_CATEGORY):
            for period in ("prev", "last"):
                rng.choice(
                    [p for p in plans if p.topic is t and p.period == period and not p.english]
                ).english = True
    early = [p for p in plans if p.period == "early"]
    for p in rng.sample(early, n_early):
        p.english = True
    return plans


def make_users(rng: random.Random, n: int) -> list[tuple]:
    users = []
    used = set()
    for i in range(n):
        if i < len(EN_USERS):
            name, english = EN_USERS[i], True
        else:
            english = False
            while True:
                if rng.random() < 0.45:
                    name = "小红薯" + f"{rng.getrandbits(32):08X}"
                else:
                    name = rng.choice(FRAGS_F + FRAGS_M) + rng.choice(
                        ["", "呀", "1998", "_", "今天早睡", "不加班", "在路上"]
                    )
                    if name.endswith("_"):
                        name += str(rng.randint(10, 99))
                if name not in used:
                    break
        used.add(name)
        _city, province, _ = rng.choices(CITIES, [c[2] for c in CITIES])[0]
        users.append((user_id(rng), name, province, lognorm(rng, math.log(30), 0.9), english))
    return users


def assign_authors(
    rng: random.Random, plans: list[Plan], creators: list[Creator], users: list[tuple]
) -> None:
    # every creator gets at least one note in its first category (English creators an English note)
    order = list(creators)
    rng.shuffle(order)
    for c in order:
        options = [
            p
            for p in plans
            if p.author is None
            and p.user is None
            and p.cat.slug == c.categories[0]
            and p.english == c.english
        ]
        if options:
            rng.choice(options).author = c
    zh_users = [u for u in users if not u[4]]
    en_users = [u for u in users if u[4]]
    for p in plans:
        if p.author or p.user:
            continue
        pool = [c for c in creators if p.cat.slug in c.categories and c.english == p.english]
        weights = [TIER_AUTHOR_WEIGHT[c.tier] * (1.0 if c.categories[0] == p.cat.slug else 0.4) for c in pool]
        if pool and rng.random() < (0.8 if p.english else 0.84):
            p.author = rng.choices(pool, weights)[0]
        else:
            p.user = rng.choice(en_users if p.english else zh_users)


# Each note's wording is a set of choices (which opener, which pros, which closer ...). Choices about the topic and
# its product ("topic keys") and choices that any note of the category can make ("category keys") are drawn at
# random, then, so that nothing but the planted topics changes between the two trend windows, the last window's
# notes get a permutation of the previous window's values (Chinese and English notes separately): all keys within
# each stable topic, and the category keys among the planted topics' notes. Every word and tag of a stable topic,
# and every generic sentence, then occurs equally often in both windows.
# (keys in one tuple are permuted together: the pros, con and price depend on the product)
TOPIC_KEYS = (
    (
        "product",
        "pros",
        "con",
        "price",
        "pet",
        "small",
        "minutes",
        "hours",
        "protein",
        "brand_mention",
        "brand_tpl",
        "price_tpl",
        "sponsored",
        "sponsored_tpl",
        "own_money",
    ),
    ("title",),
    ("opener",),
)
CATEGORY_KEYS = tuple(
    (k,) for k in ("closer", "extra", "city_prefix", "extra_tag", "video", "n", "k", "city")
)


def draw_choices(rng: random.Random, p: Plan) -> dict:
    cat, topic = p.cat, p.topic
    product = cat.products[rng.choice(topic.products)]
    price = rng.randint(*product.price)
    price = int(round(price / 10) * 10 - 1) if price > 100 else price
    c = {
        "product": product.name,
        "price": price,
        "pet": rng.choice(PET_NAMES[product.species]),
        "small": rng.randint(3, 9),
        "minutes": rng.randint(15, 35),
        "hours": rng.randint(5, 9),
        "protein": rng.randint(22, 27),
        "n": rng.randint(2, 8),
        "k": rng.randint(3, 6),
        "city": rng.choice(CITIES)[0],
        "sponsored": bool(p.author) and rng.random() < p.author.sponsored_share,
        "brand_mention": rng.random() < 0.45,
        "video": rng.random() < cat.video_share,
    }
    if p.english:
        c["pros"] = tuple(rng.sample(range(len(product.en_pros)), min(2, len(product.en_pros))))
        c["con"] = rng.randrange(len(product.en_cons)) if rng.random() < 0.75 else None
        c["title"] = rng.randrange(len(EN_TITLES))
        c["opener"] = rng.randrange(len(cat.en_openers))
        c["closer"] = rng.randrange(len(EN_CLOSERS))
        for k in (
            "extra",
            "own_money",
            "city_prefix",
            "brand_tpl",
            "price_tpl",
            "extra_tag",
            "sponsored_tpl",
        ):
            c[k] = None
        return c
    c["pros"] = tuple(rng.sample(range(len(product.pros)), min(len(product.pros), rng.choice([2, 2, 3]))))
    c["con"] = rng.randrange(len(product.cons)) if rng.random() < 0.75 else None
    c["title"] = (
        ("topic", rng.randrange(len(topic.titles)))
        if rng.random() < 0.5
        else ("generic", rng.randrange(len(ZH_TITLES)))
    )
    c["opener"] = (
        ("topic", rng.randrange(len(topic.openers)))
        if rng.random() < 0.7
        else ("generic", rng.randrange(len(ZH_OPENERS)))
    )
    c["city_prefix"] = rng.random() < 0.25
    c["own_money"] = rng.random() < 0.2
    c["brand_tpl"] = rng.randrange(len(ZH_BRAND))
    c["price_tpl"] = rng.randrange(len(ZH_PRICE)) if rng.random() < 0.5 else None
    c["extra"] = rng.randrange(len(cat.extra)) if rng.random() < 0.4 else None
    c["closer"] = rng.randrange(len(ZH_CLOSERS))
    c["extra_tag"] = rng.randrange(len(cat.extra_tags))
    c["sponsored_tpl"] = rng.randrange(len(ZH_SPONSORED))
    return c


def mirror(rng: random.Random, src: list[dict], dst: list[dict], groups: tuple[tuple[str, ...], ...]) -> None:
    """Give dst (the last window's notes) a permutation of src's values, group of keys by group of keys."""
    n = min(len(src), len(dst))
    for group in groups:
        vals = [tuple(c[k] for k in group) for c in src[:n]]
        rng.shuffle(vals)
        for c, v in zip(dst[:n], vals, strict=True):
            c.update(zip(group, v, strict=True))


def choose_all(rng: random.Random, plans: list[Plan]) -> list[dict]:
    choices = [draw_choices(rng, p) for p in plans]
    for cat in CATEGORIES:
        for english in (False, True):
            idx = {
                w: [i for i, p in enumerate(plans) if p.cat is cat and p.period == w and p.english == english]
                for w in ("prev", "last")
            }
            planted = {w: [choices[i] for i in idx[w] if plans[i].topic.trend != "stable"] for w in idx}
            mirror(rng, planted["prev"], planted["last"], CATEGORY_KEYS)
            for topic in cat.topics:
                if topic.trend != "stable":
                    continue
                src = [choices[i] for i in idx["prev"] if plans[i].topic is topic]
                dst = [choices[i] for i in idx["last"] if plans[i].topic is topic]
                mirror(rng, src, dst, TOPIC_KEYS + CATEGORY_KEYS)
    # accounts that are paid for nearly everything stay that way
    for p, c in zip(plans, choices, strict=True):
        if p.author and p.author.flag == "over_commercial" and rng.random() < p.author.sponsored_share:
            c["sponsored"] = True
    return choices


def render(p: Plan, c: dict, brand_en: dict[str, str]) -> tuple[str, str, list[str], Product]:
    cat = p.cat
    product = cat.products[c["product"]]
    vals = Fill(
        product=product.name,
        en=product.en,
        brand=product.brand,
        brand_en=brand_en[product.brand],
        price=c["price"],
        n=c["n"],
        k=c["k"],
        small=c["small"],
        minutes=c["minutes"],
        hours=c["hours"],
        protein=c["protein"],
        pet=c["pet"],
        city=c["city"],
    )
    sponsored = c["sponsored"]
    mention_brand = sponsored or c["brand_mention"]
    if p.english:
        title = EN_TITLES[c["title"]].format_map(vals)
        title = title[0].upper() + title[1:]
        parts = [cat.en_openers[c["opener"]]]
        if sponsored:
            parts.append(EN_SPONSORED)
        parts += [product.en_pros[i] for i in c["pros"]]
        if mention_brand:
            parts.append(EN_BRAND)
        if c["con"] is not None:
            parts.append(product.en_cons[c["con"]])
        parts.append(EN_CLOSERS[c["closer"]])
        body = " ".join(parts).format_map(vals)
        tags = [p.topic.tags[0], cat.base_tag, *EN_TAGS[cat.slug][:1]]
        return title, body, tags, product
    kind, i = c["title"]
    title = (p.topic.titles[i] if kind == "topic" else ZH_TITLES[i]).format_map(vals)
    parts = []
    if sponsored:
        parts.append(ZH_SPONSORED[c["sponsored_tpl"]])
    kind, i = c["opener"]
    opener = p.topic.openers[i] if kind == "topic" else ZH_OPENERS[i]
    parts.append(("坐标{city}，" if c["city_prefix"] else "") + opener)
    if not sponsored and c["own_money"]:
        parts.append(ZH_OWN_MONEY)
    if mention_brand:
        parts.append(ZH_BRAND[c["brand_tpl"]])
    elif c["price_tpl"] is not None:
        parts.append(ZH_PRICE[c["price_tpl"]])
    parts += [product.pros[i] for i in c["pros"]]
    if c["con"] is not None:
        parts.append("缺点也说一下：" + product.cons[c["con"]])
    if c["extra"] is not None:
        parts.append(cat.extra[c["extra"]])
    parts.append(ZH_CLOSERS[c["closer"]])
    body = "".join(parts).format_map(vals)
    tags = [*p.topic.tags, cat.base_tag, cat.extra_tags[c["extra_tag"]]]
    return title, body, tags, product


def make_notes(rng: random.Random, plans: list[Plan], creators: list[Creator]) -> list[dict]:
    brand_en = {b[0]: b[1] for cat in CATEGORIES for b in cat.brands}
    choices = choose_all(rng, plans)
    rows = []
    used_ids = set()
    for i, (p, c) in enumerate(zip(plans, choices, strict=True)):
        author = p.author
        title, desc, tags, product = render(p, c, brand_en)
        sponsored = c["sponsored"]
        ts = int(p.time.timestamp())
        nid = rid(rng, ts)
        while nid in used_ids:
            nid = rid(rng, ts)
        used_ids.add(nid)
        video = c["video"]
        # engagement: the author's usual level, a heavy-tailed draw, a few breakouts
        base = author.avg["likes"] if author else p.user[3]
        boost = 1.0
        if p.topic.trend == "rising" and p.period == "last":
            boost = 1.5
        elif p.topic.trend == "declining" and p.period == "last":
            boost = 0.8
        breakout = 0.25 if author and author.tier == "head" else 0.025
        viral = (
            rng.uniform(6, 20)
            if (rng.random() < breakout and not (author and author.flag == "fake_fans"))
            else 1.0
        )
        likes = max(0, round(base * lognorm(rng, -0.3, 0.85) * boost * viral))
        cr = p.cat.collect_ratio * lognorm(rng, 0, 0.3)
        collects = round(likes * cr)
        comments = round(likes * rng.uniform(0.03, 0.12))
        shares = round(likes * rng.uniform(0.01, 0.08))
        uid = author.id if author else p.user[0]
        nick = author.nickname if author else p.user[1]
        province = author.province if author else p.user[2]
        if rng.random() < 0.04:
            province = rng.choice(CITIES)[1]  # travelling
        n_img = 1 if video else rng.randint(2, 6)
        updated = p.time + (timedelta(hours=rng.randint(1, 30)) if rng.random() < 0.2 else timedelta(0))
        row = {
            "note_id": nid,
            "type": "video" if video else "normal",
            "title": title,
            "desc": desc + " " + hashtags(tags),
            "video_url": f"https://example.invalid/video/{nid}.mp4" if video else "",
            "time": ms(p.time),
            "last_update_time": ms(min(updated, CRAWLED)),
            "user_id": uid,
            "nickname": nick,
            "avatar": f"https://example.invalid/avatar/{uid}.jpg",
            "liked_count": fmt_count(likes),
            "collected_count": fmt_count(collects),
            "comment_count": fmt_count(comments),
            "share_count": "" if rng.random() < 0.01 else fmt_count(shares),
            "ip_location": province,
            "image_list": ",".join(f"https://example.invalid/img/{nid}_{j}.jpg" for j in range(1, n_img + 1)),
            "tag_list": ",".join(tags),
            "last_modify_ts": ms(CRAWLED) + i * 137,
            "note_url": f"https://www.xiaohongshu.com/explore/{nid}",
            "source_keyword": product.name,
            "xsec_token": "AB"
            + "".join(
                rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                for _ in range(30)
            )
            + "=",
        }
        meta = {
            "plan": p,
            "product": product,
            "likes": likes,
            "collects": collects,
            "comments": comments,
            "shares": shares,
            "sponsored": sponsored,
            "author": author,
            "tags": tags,
        }
        rows.append((row, meta))
        if author:
            author.notes.append(row)
    return rows


# --------------------------------------------------------------------------------------------------------------------
# Comments
# --------------------------------------------------------------------------------------------------------------------

N_TOP = 1290
N_REPLY = 210


def commenter(rng: random.Random, english: bool) -> tuple[str, str, str]:
    if english:
        name = rng.choice(
            ["Mia_sh", "Ken W", "Anna B", "Leo_bj", "sam.l", "Rachel Z", "J. Park", "Ben_expat"]
        )
    elif rng.random() < 0.5:
        name = "小红薯" + f"{rng.getrandbits(32):08X}"
    else:
        name = rng.choice(FRAGS_F + FRAGS_M + PET_NICK) + rng.choice(
            ["", "呀", "_", "爱睡觉", "0812", "不想上班", "的小号"]
        )
        if name.endswith("_"):
            name += str(rng.randint(1, 99))
    return user_id(rng), name, rng.choices(CITIES, [c[2] for c in CITIES])[0][1]


def make_comments(rng: random.Random, notes: list[tuple[dict, dict]]) -> tuple[list[dict], dict]:
    weights = [math.sqrt(meta["comments"] + 2) for _, meta in notes]
    per_note: dict[int, int] = {}
    top = []
    stats = {"neg": 0, "pos": 0, "q": 0}
    cap = CRAWLED - timedelta(minutes=40)
    while len(top) < N_TOP:
        idx = rng.choices(range(len(notes)), weights)[0]
        if per_note.get(idx, 0) >= 14:
            continue
        per_note[idx] = per_note.get(idx, 0) + 1
        row, meta = notes[idx]
        plan: Plan = meta["plan"]
        product: Product = meta["product"]
        kind = rng.choices(["neg", "pos", "q"], [0.38, 0.34, 0.28])[0]
        english = plan.english and rng.random() < 0.6
        if english:
            content = rng.choice(plan.cat.en_comments[kind])
        elif rng.random() < 0.72:
            content = rng.choice({"neg": product.c_neg, "pos": product.c_pos, "q": product.c_q}[kind])
        else:
            content = rng.choice(plan.cat.c_generic[kind])
        if not english and rng.random() < 0.15:
            content += rng.choice(["😂", "🥲", "👍", "！", "～", "[捂脸R]"])
        stats[kind] += 1
        t = plan.time + timedelta(minutes=rng.randint(3, 90), hours=int(rng.expovariate(1 / 30)))
        t = min(t, cap)
        uid, nick, loc = commenter(rng, english)
        likes = int(lognorm(rng, 0.8, 1.4)) if rng.random() < 0.8 else 0
        if meta["likes"] > 20_000 and rng.random() < 0.3:
            likes = int(likes * rng.uniform(20, 120))
        top.append(
            {
                "comment_id": rid(rng, int(t.timestamp())),
                "create_time": ms(t),
                "ip_location": loc,
                "note_id": row["note_id"],
                "content": content,
                "user_id": uid,
                "nickname": nick,
                "sub_comment_count": "0",
                "pictures": "",
                "parent_comment_id": 0,
                "like_count": likes,
                "last_modify_ts": ms(CRAWLED),
                "_idx": idx,
                "_time": t,
            }
        )
    replies = []
    rweights = [c["like_count"] + 1 for c in top]
    note_by_id = {row["note_id"]: (row, meta) for row, meta in notes}
    for _ in range(N_REPLY):
        parent = rng.choices(top, rweights)[0]
        row, meta = note_by_id[parent["note_id"]]
        plan = meta["plan"]
        t = min(
            parent["_time"] + timedelta(minutes=rng.randint(2, 59), hours=int(rng.expovariate(1 / 8))), cap
        )
        if plan.english:
            content = rng.choice(REPLY_EN)
            uid, nick, loc = commenter(rng, True)
            if rng.random() < 0.5:
                uid, nick, loc = row["user_id"], row["nickname"], row["ip_location"]
        elif rng.random() < 0.5:
            content = rng.choice(REPLY_AUTHOR).replace("{n}", str(rng.randint(2, 8)))
            uid, nick, loc = row["user_id"], row["nickname"], row["ip_location"]
        else:
            content = rng.choice(REPLY_OTHER)
            uid, nick, loc = commenter(rng, False)
        parent["sub_comment_count"] = str(int(parent["sub_comment_count"]) + 1)
        replies.append(
            {
                "comment_id": rid(rng, int(t.timestamp())),
                "create_time": ms(t),
                "ip_location": loc,
                "note_id": parent["note_id"],
                "content": content,
                "user_id": uid,
                "nickname": nick,
                "sub_comment_count": "0",
                "pictures": "",
                "parent_comment_id": parent["comment_id"],
                "like_count": int(lognorm(rng, 0, 1.0)) if rng.random() < 0.6 else 0,
                "last_modify_ts": ms(CRAWLED),
                "_idx": parent["_idx"],
                "_time": t,
            }
        )
    allc = top + replies
    allc.sort(key=lambda c: (c["_idx"], c["_time"], c["comment_id"]))
    out = []
    for c in allc:
        c = dict(c)
        c.pop("_idx")
        c.pop("_time")
        c["like_count"] = fmt_count(c["like_count"])
        out.append(c)
    stats["replies"] = len(replies)
    stats["notes_with_comments"] = len(per_note)
    return out, stats


# --------------------------------------------------------------------------------------------------------------------
# Guides (written for this folder; numbers in them are rules of thumb)
# --------------------------------------------------------------------------------------------------------------------

GUIDES: dict[str, str] = {}

GUIDES["playbook/pets-trust-first.md"] = """---
title: 萌宠品类打法：先建立信任，再谈种草
lang: zh
category: pets
tags: [萌宠, 铲屎官, 猫粮, 宠物用品, 智能养宠, 达人选择, 评论区]
---
# 萌宠品类打法：先建立信任，再谈种草

## 铲屎官在担心什么

养宠的人买东西，最怕的不是多花钱，而是"买错了让毛孩子受罪"。所以萌宠笔记里，可信度比颜值重要：配料表、真实的使用天数、宠物自己的反应（吃不吃、敢不敢进、掉毛有没有少），才是让人收藏和下单的理由。

按决策方式，萌宠产品大致分三类，打法不同：

- **主粮、零食、冻干**：复购型消费。用户关心配料、适口性、会不会软便、每天的成本。第一单靠信任，后面靠复购。
- **耐用品和智能设备**（饮水机、自动猫砂盆、烘干箱、喂食器）：一次性大额支出。用户关心噪音、清洗难度、安全（会不会夹到猫、漏电）、尺寸和售后。
- **季节性用品**（冰垫、保暖窝、烘干箱、驱虫）：跟着气温走，窗口短，要提前布局内容，等天气变了再发就晚了。

## 内容怎么做

1. **记录型笔记**：7天换粮记录、猫砂盆适应记录、第一次用烘干箱的全过程。写清日期和宠物的反应，最容易建立信任。
2. **横评和拆解**：3到5款同类产品对比，拆配料表、拆机看结构。对比时不要点名贬低别的品牌，用"A款、B款"即可。
3. **问题解决型**：掉毛怎么办、猫不爱喝水怎么办、冬天洗澡怕感冒怎么办。产品作为解决办法之一出现，不要一上来就推。
4. **萌系日常**：负责曝光和人设，产品出现在画面里就够了，不必硬讲卖点。

标题直接写场景和痛点效果更好，例如「猫不爱喝水？换了饮水机之后」「冬天洗猫不再追着吹」。封面用宠物的真实反应，比摆拍的产品图更容易被点开。

## 达人怎么选

- **先看宠物，再看粉丝**：幼猫粮找养幼猫的，大型犬用品找养大狗的。账号里的宠物是谁，比粉丝多少更重要。
- **分清"看可爱"和"来买东西"**：萌宠头部账号互动常常很高，但粉丝多半是来看可爱的。翻翻评论区里"求链接""多少钱"的比例，能粗略判断带货意愿。
- **专业背景要核实**：兽医、宠物营养背景的达人可信度高，但要核实资质，也不要让他们说"治疗""预防疾病"。
- **消耗品多铺、耐用品深测**：粮、砂、零食适合多铺初级达人和 KOC，让不同品种、不同年龄的宠物都出现；烘干箱、猫砂盆这类大件适合少量腰部达人做深度测评。

一个常见的经验分配（只是经验值，没有统一标准，需按品牌阶段调整）：新品粮的达人预算里，头部约 10%-15%，腰部约 30%，初级约 35%，KOC 约 20%-25%。

## 合规和风险

- 不宣称"治疗""根治""预防疾病"，不用"最好""第一"等极限词。
- 食品类写明换粮要过渡（一般建议一周左右，具体看宠物情况），否则评论区容易集中出现"吃了软便"。
- 智能设备提前准备好噪音、清洗、安全三个问题的标准回复，评论区的质疑大多集中在这几点。
- 合作笔记按平台规则报备；素人体验也要如实写明产品来源。

## 看数据时注意什么

- **季节**：夏天的降温用品到秋天会明显退潮，冬季洗护、保暖类会升温。看趋势时看"近30天对比前30天"的占比变化，而不是只看篇数。
- **评论比点赞更诚实**：负面集中在哪里（噪音、掉毛、软便、价格），比点赞数更能说明产品问题。
- **收藏和求链接**：收藏率高说明内容有参考价值；评论里"求链接"多说明有购买意向。
"""

GUIDES["playbook/home-living.md"] = """# Home & living (家居) on RED: a working playbook

Home content on Xiaohongshu is aspirational and practical at the same time. People save a beautiful living room to dream about it, and save a storage checklist to use on Saturday morning. A brand in this category needs both kinds of note, and needs to know which one it is paying for.

## What people are looking for

- **Renters** (租房党) want changes that need no drilling, no landlord approval and can move with them: lamps, curtains, storage, rugs, peel-off fixes.
- **New homeowners** (新房装修) research for months: styles (侘寂风, 原木风, 中古风), layouts, materials, and "what I regret" lists.
- **Small-flat dwellers** (小户型, 一人居) care about every centimetre and search for storage and multi-use furniture.
- **Busy households** want to spend less time cleaning: robot vacuums, washable textiles, easy-clean surfaces.

Search words are concrete: the room (卧室, 玄关, 阳台), the problem (放不下, 太暗, 落灰), the style and the budget.

## Note formats that work

1. **Before / after**: one corner, one weekend, one budget. The "after" photo earns the click, the "before" earns the trust.
2. **Room tours** with a price list at the end. Readers save them as shopping lists.
3. **"What I'd buy again / what I regret"**: honest lists carry more weight than praise.
4. **Routines**: a weekly cleaning routine with a robot vacuum, a seasonal wardrobe swap with storage boxes and vacuum bags.
5. **Measurements first**: notes that give sizes (cupboard depth, box dimensions, lamp height) get saved because they prevent returns.

Photography matters more here than in most categories. Natural daylight, a consistent colour palette and one clear focal point per image beat a cluttered flat-lay.

## Creators

Useful creator types: interior designers, professional organisers (收纳师), renters who document their makeovers, new homeowners in the middle of a renovation, and cleaning-focused KOCs. For big-ticket items (a robot vacuum, lighting for a whole flat) a few mid-tier creators doing long-term reviews usually persuade more than many quick posts. For small items (storage boxes, diffusers) many KOC notes with real homes of different sizes work well.

Check the audience before you book. Home audiences tend to skew female and 25-40 (a rough observation from practice, not platform data), but robot vacuums and smart-home products often reach more men; look at the audience split rather than assuming.

## Seasons and styles

Home has two clocks. The **weather clock**: cooling bedding and balcony gardening in summer, electric blankets and warm textiles as soon as it turns cold, wardrobe swaps at each change of season. The **style clock**: decoration styles rise and fade over months. Watch the share of notes carrying a style's hashtag over the last 30 days against the 30 before, not the raw count, so a generally busier month does not fool you.

## Common mistakes

- Briefing every creator with the same hero shot. Home readers want to see the product in a home like theirs.
- Hiding the size and the price. Those are the two questions every comment section asks.
- Ignoring the "it didn't fit" comments. Sizing complaints are the most common negative in storage and textiles; answer them with a size guide, not with silence.
- Overclaiming: avoid "best", "number one" and health claims (for example about air or sleep) that you cannot substantiate.

## What to measure

Saves (收藏) are the signal to watch in home: a collect-to-like ratio around 1 or above is common for useful home notes (a rule of thumb from practice, not a platform figure). Track searches for your product words and your brand during and after the campaign, and read the comments for sizing, noise and smell complaints. Those tell you what to fix in the product page and the next brief.
"""

GUIDES["playbook/electronics-launch.md"] = """---
title: "Consumer electronics (数码) on RED: launching a gadget"
lang: en
category: electronics
tags: [electronics, 数码, launch, earbuds, projector, smart ring, reviews, specs]
---
# Consumer electronics (数码) on RED: launching a gadget

Electronics buyers on Xiaohongshu read before they buy, compare before they read, and look at the comment section before they trust anything. A launch here is less about one viral note and more about making sure that whoever searches the product category in the weeks after launch finds honest, specific notes about yours.

## Who buys and how they search

The category has two audiences that rarely overlap:

- **Spec readers**, more often men, who search model names, "A vs B", "值不值" and teardown content. They trust reviewers who show measurements and flaws.
- **Lifestyle buyers**, more often women, who search by scene: commuting (通勤), sleeping, movie night at home, working from a café. They trust creators whose life looks like theirs.

Decide which one the product is for before you book anyone. A smart ring can be sold as a sleep-tracking gadget (spec readers) or as jewellery that happens to be smart (lifestyle). Both can work; mixing them in one brief usually produces vague notes.

## Content that works

1. **Hands-on reviews after real use**: "two weeks on the commute" beats "unboxing". Ask creators to wait until they have lived with the product.
2. **Scene notes**: the projector on a bedroom wall, open-ear earbuds on a bike ride, a charger in a carry-on. The scene answers "is this for me?".
3. **Plain-words specs**: explain what a number means in daily life ("about a week of commuting per charge") rather than listing the spec sheet.
4. **Honest comparisons**: comparisons with unnamed alternatives or with the creator's previous device. Avoid naming and attacking competitors.
5. **Flaws up front**: a note that names one real drawback is more credible, and the comment section will find it anyway.

## Choosing creators

- Look at audience gender and age against your buyer, not against the category average. Many electronics creators have men-skewed audiences; a lifestyle gadget for women needs a different list.
- Check engagement against the creator's tier. A large account with very low likes and comments per note is a warning sign.
- Prefer creators whose past notes show they test things for weeks. Their comment sections ask real questions, which you can use as insight.
- A usual starting point, as a rule of thumb that teams adjust to their goal: a few mid-tier reviewers for depth, a wider layer of junior creators and KOCs for scenes, and a head creator only once notes have shown which message works.

## A launch timeline (rule of thumb)

- **Weeks -4 to -2**: seed devices to reviewers; agree on a review date; prepare an FAQ (battery, compatibility, sizing, warranty).
- **Launch week**: reviews go live within a few days of each other, so searches right after the launch find several notes.
- **Weeks +1 to +4**: scene notes from junior creators and KOCs; boost the notes that perform best with paid traffic; answer comments.
- **After**: keep an eye on search results for the product name and category words; add notes where the results are thin.

## Claims and compliance

- State battery life with its conditions ("about 6 hours with noise cancelling on, in my use").
- Health wearables (rings, watches, scales) show trends, not diagnoses. Do not let creators say a device detects, prevents or treats anything.
- No "best", "number one" or "lowest price ever". Disclose every paid collaboration.

## What to measure

Saves, comments with questions, searches for the product name and category words, and the share of notes in the category that mention the product. Read the negative comments weekly; in this category they cluster on battery, comfort, connection drops, noise, heat and price, and each of them has a fix or an honest answer.
"""

GUIDES["playbook/fitness-content.md"] = """# 健身品类：内容、达人与转化

健身内容在小红书上有两拨很不一样的人：一拨以女性为主，关注瑜伽、普拉提、减脂、体态；另一拨以男性为主，关注力量训练、增肌、补剂和运动恢复。两拨人搜索的词、信任的达人、在意的卖点都不同，做内容和选达人之前先想清楚产品卖给谁。

## 常见产品和用户关心的点

- **瑜伽垫**：厚度、防滑、味道、宽度和重量。
- **蛋白粉**：口感、溶解度、乳糖不耐受、每份蛋白含量、价格。
- **智能跳绳**：计数准不准、会不会吵到楼下、膝盖受不受得了。
- **筋膜枪、泡沫轴**：力度、噪音、续航、哪些部位不能用。
- **体脂秤、弹力带**：数据稳定性、耐用度。

这些点几乎都会出现在评论区。写卖点之前先翻一遍同类笔记的评论，比开会讨论更快找到用户真正在意什么。

## 内容怎么做

1. **打卡和记录**：30天跳绳、60天减脂、三个月臀腿训练。真实的时间线和数据比结论更有说服力。
2. **跟练视频**：十到二十分钟、不需要器械或只需要一两件器械，适合居家场景。
3. **科普和避坑**：筋膜枪怎么用不伤、蛋白粉什么时候喝、体脂数据怎么看。
4. **装备清单**：新手入门清单、出差也能练的装备，收藏率通常较高。

## 达人怎么选

- **看资质也看身材变化**：教练、康复、运动营养背景的达人专业可信，但要核实资质；普通人的真实变化记录更有代入感。
- **看受众性别**：同样是健身博主，受众可能是七成女性，也可能是七成男性。卖瑜伽垫和卖增肌蛋白粉，名单应该完全不同。
- **看评论区的问题**：评论里有很多"新手能练吗""一周练几次"的账号，粉丝是真的在跟练，种草效果更好。
- **层级搭配**：作为经验做法（不是固定比例），新品可以先用一批初级达人和 KOC 测试哪种角度更受欢迎，再把预算加到表现好的腰部达人身上。

## 合规红线

- 不承诺效果："7天瘦10斤""练完马上变瘦"之类的说法不要写。
- 蛋白粉、补剂是食品，不能写治疗、预防疾病等功效。
- 减脂、体态相关的前后对比要真实，不要修图夸大。
- 合作笔记要报备，KOC 体验也要写明产品来源。

## 看数据时注意什么

健身内容有明显的时间规律：年初、开春和夏天之前是高峰，但日常打卡内容全年都很稳定。判断一个话题有没有变化，用近30天和前30天的占比比较，而不是看某一周的篇数。视频笔记看完播和收藏，图文看收藏和评论里的提问数量。
"""

GUIDES["playbook/koc-seeding-small-budget.md"] = """---
title: 小预算种草：用 KOC 铺量的做法
lang: zh
category: general
tags: [KOC, 素人铺量, 小预算, 种草, 蒲公英, 置换, 冷启动]
---
# 小预算种草：用 KOC 铺量的做法

预算有限的新品牌、新产品，往往请不起头部达人，也没必要请。用一批 KOC（关键意见消费者，粉丝通常在一万以下的普通用户）先把真实的使用笔记铺出来，让用户搜索时能看到足够多的"真人用过"的内容，是成本较低的冷启动方式。

## 什么时候适合

- 新品上市初期，需要在搜索结果里先有内容。
- 产品本身有明确的使用场景和体验点，普通人也能讲清楚。
- 预算不多（比如几万元），或者想先测试卖点再决定要不要投大达人。

不太适合的情况：产品需要专业背书才能被信任（比如功效很强的产品），或者卖点主要靠视觉冲击（需要专业拍摄）。

## 怎么找人

1. 用产品词和场景词在站内搜索，找最近一两个月发过相关内容的普通用户，而不是只看粉丝数。
2. 翻他们的主页：内容是不是自己的生活，评论区是不是真人在聊，商业合作的比例高不高。几乎每篇都是合作的账号，粉丝已经不太信了，要避开。
3. 看互动和粉丝是否匹配：粉丝很多但每篇只有个位数点赞，可能有刷量，要谨慎。
4. 多样性比数量重要：不同城市、年龄、家庭情况的人，能覆盖更多搜索场景。

## 合作方式

- 常见做法是寄样加少量稿费，或者纯置换。金额没有统一标准，按粉丝量、内容质量和行业行情商量。
- 商业合作要按平台规则报备（通过蒲公英下单），不要私下给钱发"伪素人"笔记。
- 不要统一文案，不要要求必须好评。给出产品要点和禁用说法，其他让 KOC 用自己的话写。内容同质化会被平台和用户同时识别出来。

## 节奏：分批测试，再加量

一个常见的经验节奏（仅供参考）：

- **第一批**：20到30位 KOC，覆盖两三个不同的角度（比如"省时间""颜值""性价比"）。
- **复盘**：两周后看哪个角度的收藏、评论提问、搜索量更好。
- **第二批**：把预算集中到表现好的角度，再找一批 KOC，同时考虑给表现最好的几篇笔记加信息流投放。

示例（仅为演示算法，不是报价）：3万元预算，产品成本按每份150元算，40位 KOC 的寄样约6000元；每人给300到500元稿费，约1.2万到2万元；剩下的几千元留给第二批或给表现好的笔记加热。

## 风险和底线

- 不买粉、不刷赞、不刷评论，也不要让 KOC 假装没有合作。
- 负面反馈是信息，不是问题：如果多位 KOC 提到同一个缺点，先改产品说明或产品本身，而不是删评论。
- 一批 KOC 笔记发完之后，持续两到四周观察搜索结果，看自己的笔记是否出现在产品词、场景词的前几屏。
"""

GUIDES["playbook/618-double11-planning.md"] = """---
title: Planning RED campaigns around 618 and Double 11
lang: en
category: general
tags: [618, Double 11, 双11, 大促, campaign timeline, seeding, search, presale]
---
# Planning RED campaigns around 618 and Double 11

On Xiaohongshu the shopping festival starts long before the sale. People research, save notes and build shopping lists for weeks; on the sale days they mostly execute the list. A brand that shows up on RED only when the discount starts has already missed most of the decisions.

## How the festival works on RED

Most purchases still happen on e-commerce platforms or in RED's own shops, but the *decision* is made while reading notes: "what should I stock up on", "is this worth buying at the sale price", "which one did you buy". Your goal for the festival is to be on those lists: in the notes people save, and in the search results they check before paying.

## Phases (a rule-of-thumb timeline; adjust to your category and the platforms' own dates)

1. **Seeding, about 4-6 weeks before the presale.** Creators publish real-use notes: reviews, scenes, comparisons. No prices yet. This is when saves happen.
2. **Warm-up, 1-2 weeks before the presale.** "What I'm buying this year" lists, guides, bundles. Search volume for product words starts climbing; paid search and feeds ads help notes that already perform.
3. **Presale and sale days.** Short, practical content: how to get the best deal, what is in the bundle, what not to buy. Keep answering comments; questions peak here.
4. **After the sale, 1-3 weeks.** Unboxing and "was it worth it" notes from buyers and KOCs. These feed the long tail of search and the next festival.

## Budget

A common starting split (a rule of thumb, not a standard) is to spend most of the creator budget in the seeding and warm-up phases, for example about half to two thirds before the presale opens, and keep a reserve for boosting the notes that clearly work. Creator prices and availability get tighter close to the festival, so book the important ones early.

## Content by phase

- Seeding: problem-solution notes, long-term use, "why I chose this".
- Warm-up: lists and comparisons, "stock-up" guides, price-per-use arithmetic.
- Sale: clear, short, factual; no pressure tactics.
- After: honest reviews, including what did not work.

## Search

Make a keyword list before the seeding phase: the category words, the product words, the problem words and your brand name. Check which notes rank for them in the weeks before the sale, and fill the gaps with notes or search ads. During the festival, searches for "攻略", "清单" and "值不值" rise across categories.

## Category notes

- **Pets**: stock-up behaviour for food and litter is strong; bundles and trial sizes help first-time buyers.
- **Home**: big-ticket items (robot vacuums, furniture) are researched long before; small items ride on lists.
- **Electronics**: discount comparisons dominate; make sure honest reviews exist before the price talk starts.
- **Fitness**: the festival matters for equipment and supplements, but fitness interest also peaks around the new year and before summer, so do not spend everything in November.

## Pitfalls

- Everyone posts at once. Content published in the last days competes with every other brand; earlier notes have time to gather saves and rank.
- Price claims: avoid "lowest price ever", "全网最低" and similar absolute claims; they are not allowed in ads and are easily disproved.
- Measuring only sales days. Track saves, search volume and comment questions from the seeding phase onwards; they tell you whether the sale will work while there is still time to adjust.
"""

GUIDES["playbook/comment-mining.md"] = """# 从评论区读出产品洞察

评论区是小红书上最诚实的地方：用户在这里提问、吐槽、比较、求链接，没有人要求他们这么写。产品、内容和客服想知道用户在意什么，评论区往往比问卷更快、更准。

## 读谁的评论

1. **自己品牌的笔记**：包括合作笔记和用户自发的笔记。看用户问什么、担心什么。
2. **品类的热门笔记**：搜索产品词和场景词，读前几屏笔记的评论。这里能看到整个品类的共同痛点。
3. **达人的历史笔记**：合作前翻翻达人过去的评论区，看粉丝是在认真提问，还是只在夸"好可爱"。

## 怎么分类

建议给每条评论打一个主标签，经验上这五类就够用：

- **痛点**：不好用、坏了、不适合（"太吵了""尺码偏小""续航缩水"）。
- **疑问**：购买前的问题（"新手能用吗""多大尺寸""能放卧室吗"）。
- **购买意向**："求链接""多少钱""在哪买"。
- **正面反馈**：用得好的具体点（"猫喝水变多了""防滑很好"）。
- **比较**：提到别的产品或别的做法。

痛点再细分到具体问题：价格、噪音、尺寸、味道、续航、掉毛、清洗、售后……同一个问题出现越多、点赞越高，越要优先处理。

## 读多少才够

没有标准答案。经验上，一个品类先读两三百条，能看到大部分反复出现的问题；之后每周补读新笔记的评论，看有没有新问题冒出来。注意样本偏差：新品早期的评论多来自尝鲜用户，问题往往比后期多。

## 把洞察变成行动

- **卖点**：正面反馈里最具体的那几条，往往就是最好的卖点表达，用用户自己的话写进下一轮 brief。
- **FAQ 和详情页**：反复出现的疑问，直接写进产品说明和置顶评论。
- **产品改进**：反复出现的痛点交给产品团队，比如尺码表不清楚、滤芯太贵、噪音大。
- **达人 brief**：让达人在笔记里主动回答最常见的两三个问题，而不是回避。
- **回复策略**：真诚回复负面评论，说明原因或解决办法；不要删评、不要用小号刷好评。

## 注意

- 警惕刷出来的评论：大量内容雷同、账号很新、只夸不说具体的评论，参考价值低。
- 一条高赞的吐槽可能代表很多人的想法，但也可能只是段子，结合其他评论一起判断。
- 评论区里的数字（"用了三个月""掉了一半的毛"）是个人体验，不能直接当作产品功效写进宣传。
"""

GUIDES["playbook/video-note-briefs.md"] = """# Briefing creators for video notes

Video notes on Xiaohongshu are short, vertical and watched with the sound off as often as on. A brief that works for an image carousel usually produces a weak video: too much text, no hook, the product shown like a catalogue. This guide is about writing a brief that gives a creator what they need for a video and leaves them room to make it their own.

## What is different about video

- **The first seconds decide.** If the opening does not show the problem, the result or something surprising, viewers scroll on. Ask for the hook first, not the logo.
- **Captions carry the message.** Many people watch muted; key points should be on screen as text.
- **Length.** As a rule of thumb, 30 to 90 seconds suits most product notes; tutorials and follow-along workouts can run longer if every minute earns its place.
- **Real use beats demonstration.** A pet walking into a drying box by itself, earbuds in on a crowded metro, a robot vacuum finding its way around a real sofa: these are more convincing than a product turning on a table.

## The brief, on one page

1. **One goal**: awareness, consideration or conversion. Pick one.
2. **Audience**: who should recognise themselves in the video (a renter with a cat, a commuter, a beginner at home).
3. **One key message**: the single thing viewers should remember. Put supporting points in a short list, marked as optional.
4. **Must-show**: the moments the video needs (the product in use, the result, the size next to a familiar object).
5. **Must-say**: the paid-partnership disclosure and any required wording on claims.
6. **Do-not-say**: absolute claims ("best", "number one"), medical or efficacy claims, competitor names, prices that may change.
7. **Creative freedom**: say explicitly what the creator decides: story, tone, music, setting. Creators know what their audience watches.
8. **Deliverables and dates**: draft date, publication window, cover image, two or three title options, the caption with hashtags.

## Shot ideas to suggest (not to impose)

- Problem, then solution: the wet cat shivering, then the dry, fluffy cat.
- Day in the life: the product appears where it really would.
- Side by side: before and after, or the creator's old device against the new one.
- Close-ups of the details people ask about in comments: the filter, the button, the seam, the size label.

## Review rounds

Agree on the rules before filming: what the brand reviews (facts, claims, disclosure) and what it does not (the creator's style). A practical rule of thumb is one round of comments on a draft and at most one more on the final cut; more rounds cost time and usually make the video feel like an advert.

## Rights and logistics

Clarify whether the brand may reuse the video in ads, for how long and where; music licensed for the platform may not be licensed for other uses. Send products early enough for real use, ideally one to two weeks before filming for anything the creator needs to live with.

## Measuring a video note

Completion rate and replays show whether the video held attention; saves and comments with questions show whether it was useful; profile visits and searches for the product show interest. Compare each video with the creator's own recent videos rather than with other creators; audiences differ.
"""


# --------------------------------------------------------------------------------------------------------------------
# Write
# --------------------------------------------------------------------------------------------------------------------


def dump_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def creator_row(c: Creator) -> dict:
    recent = sorted(c.notes, key=lambda r: r["time"], reverse=True)[:4]
    return {
        "influencer_id": c.id,
        "nickname": c.nickname,
        "gender": c.gender,
        "location": c.city,
        "bio": c.bio,
        "categories": c.categories,
        "tier": c.tier,
        "fans": c.fans,
        "avg_likes": c.avg["likes"],
        "avg_collects": c.avg["collects"],
        "avg_comments": c.avg["comments"],
        "avg_shares": c.avg["shares"],
        "price_image": c.price_image,
        "price_video": c.price_video,
        "audience": c.audience,
        "sponsored_share": c.sponsored_share,
        "notes_count": c.notes_count,
        "recent_note_ids": [r["note_id"] for r in recent],
    }


def window_of(t: datetime) -> str:
    d = t.date()
    if PREV_FIRST <= d < PIVOT_DAY:
        return "prev"
    if d >= PIVOT_DAY:
        return "last"
    return "early"


def trend_figures(notes: list[tuple[dict, dict]]) -> dict:
    """Per category: notes per window, and per topic the notes carrying its own hashtag per window."""
    out = {}
    for cat in CATEGORIES:
        rows = [(r, m) for r, m in notes if m["plan"].cat is cat]
        tot = {"prev": 0, "last": 0}
        for _r, m in rows:
            w = window_of(m["plan"].time)
            if w in tot:
                tot[w] += 1
        topics = []
        for t in cat.topics:
            c = {"early": 0, "prev": 0, "last": 0}
            for _r, m in rows:
                if t.tags[0] in m["tags"]:
                    c[window_of(m["plan"].time)] += 1
            sp = c["prev"] / tot["prev"]
            sl = c["last"] / tot["last"]
            topics.append(
                {
                    "topic": t,
                    "counts": c,
                    "share_prev": sp,
                    "share_last": sl,
                    "growth": (sl / sp) if sp else float("inf"),
                }
            )
        out[cat.slug] = {"totals": tot, "notes": len(rows), "topics": topics}
    return out


def readme(notes, creators, comments, cstats, figures, hashes) -> str:
    L = []
    a = L.append
    n_video = sum(1 for r, _ in notes if r["type"] == "video")
    n_en = sum(1 for _, m in notes if m["plan"].english)
    n_by_creators = sum(1 for _, m in notes if m["author"])
    n_sponsored = sum(1 for _, m in notes if m["sponsored"])
    likes = sorted(m["likes"] for _, m in notes)
    tiers = {t: sum(1 for c in creators if c.tier == t) for t in TIERS}
    a("# Second knowledge folder (SYNTHETIC)")
    a("")
    a(
        "> **This data is synthetic.** It was generated by `scripts/generate_second_kb.py` (seed "
        f"{SEED}, standard library only; a rerun gives byte-identical files). It is not real Xiaohongshu (RED) data: "
        "every brand, creator, nickname, id, note and comment is invented, and any resemblance to real accounts or "
        "brands is coincidental. Use it to test RedPilot, never as market evidence."
    )
    a("")
    a(
        "It is a second, independent knowledge folder: other creators, brands, products, topics and guides than the "
        "bundled `knowledge/` folder, and the notes and comments are in **MediaCrawler's** Xiaohongshu export format "
        "(what marketers really export), so RedPilot has to map the columns and infer each note's category itself "
        "(there is no `category` field). Point RedPilot at it with "
        "`REDPILOT_KNOWLEDGE_DIR=bot/eval/data/second_kb` (and a fresh `REDPILOT_DATA_DIR`), or import it with "
        "`redpilot ingest bot/eval/data/second_kb`. This README is not imported."
    )
    a("")
    a("## Files")
    a("")
    a("| file | rows | format | sha256 |")
    a("|---|---:|---|---|")
    a(
        f"| posts/notes.jsonl | {len(notes)} | MediaCrawler notes (`note_id`, `type`, `title`, `desc` with `#话题[话题]#`, "
        f"`time` in epoch ms, `liked_count` ... as exported) | `{hashes['posts/notes.jsonl']}` |"
    )
    a(
        f"| comments/comments.jsonl | {len(comments)} | MediaCrawler comments (`comment_id`, `note_id`, `content`, "
        f"`create_time` in epoch ms, `parent_comment_id` 0 or an id, `like_count`) | `{hashes['comments/comments.jsonl']}` |"
    )
    a(
        f"| influencers/creators.jsonl | {len(creators)} | RedPilot's own creator format (docs/DATA_FORMATS.md) | "
        f"`{hashes['influencers/creators.jsonl']}` |"
    )
    for path in sorted(GUIDES):
        a(f"| {path} | 1 guide | Markdown | `{hashes[path]}` |")
    a("")
    a("## Coverage")
    a("")
    a(
        f"- Dates: {FIRST_DAY} .. {LAST_DAY} (150 days), China time (+08:00). Newest note "
        f'{NEWEST.isoformat()}: RedPilot takes it as "now", so the default trend windows are the 30 days '
        f'{PREV_FIRST} .. {PIVOT_DAY - timedelta(days=1)} ("previous") and {PIVOT_DAY} .. {LAST_DAY} ("last").'
    )
    a(
        f"- Notes: {len(notes)} ({n_by_creators} by creators in `creators.jsonl`, {len(notes) - n_by_creators} by "
        f"ordinary users who are not); {n_video} videos (`type: video`, with a `video_url`), {n_en} English-language "
        f"notes, {n_sponsored} written as brand collaborations (the text says so; MediaCrawler has no sponsored "
        f"column)."
    )
    a(
        f"- Engagement is heavy-tailed: median likes {int(statistics.median(likes))}, 90th percentile "
        f"{likes[int(len(likes) * 0.9)]}, 99th percentile {likes[int(len(likes) * 0.99)]}, maximum {likes[-1]} "
        f"(exported as `{fmt_count(likes[-1])}`). Counts are strings as MediaCrawler exports them: `8923`, `1.2万`, "
        f"`10万+`; a few `share_count` values are blank (unknown)."
    )
    a(
        f"- Creators: {len(creators)} (head {tiers['head']}, mid {tiers['mid']}, junior {tiers['junior']}, koc "
        f"{tiers['koc']}; tiers by fans: head >= 500k, mid >= 100k, junior >= 10k, KOC below). Every creator has at "
        "least one note in `notes.jsonl` (`recent_note_ids` lists up to four of them, newest first)."
    )
    a(
        f"- Comments: {len(comments)} on {cstats['notes_with_comments']} notes, {cstats['replies']} of them replies "
        f"(`parent_comment_id` set; about half by the note's author). Top-level comments: {cstats['neg']} complaints "
        f"(pain points), {cstats['pos']} positive, {cstats['q']} questions."
    )
    a("")
    a("## Categories, brands, products and topics")
    a("")
    a(
        "Four categories. Notes have no category field; the category each note was written for is the one of the "
        "hashtag it always carries (`#萌宠`, `#家居`, `#数码` or `#健身`; also its first topic hashtag's category "
        "below). The brand names are invented (Chinese and English name); each note names at most one brand, in "
        "its text only (no brand column)."
    )
    a("")
    for cat in CATEGORIES:
        f = figures[cat.slug]
        ncre = sum(1 for c in creators if c.categories[0] == cat.slug)
        a(f"### {cat.slug} {cat.zh}")
        a("")
        a(f"{f['notes']} notes; {ncre} creators with it as their first category.")
        a("")
        a("| brand | English | products |")
        a("|---|---|---|")
        for zh, en, what in cat.brands:
            a(f"| {zh} | {en} | {what} |")
        a("")
        a("| product | English | brand | price range (CNY) | comment pain points |")
        a("|---|---|---|---|---|")
        for p in cat.products.values():
            a(f"| {p.name} | {p.en} | {p.brand} | {p.price[0]}-{p.price[1]} | {' / '.join(p.c_neg)} |")
        a("")
        a("| topic | hashtags | trend | notes before 09-22 | previous 30 d | last 30 d |")
        a("|---|---|---|---:|---:|---:|")
        for t in f["topics"]:
            tp = t["topic"]
            c = t["counts"]
            a(
                f"| {tp.name} | {' '.join('#' + x for x in tp.tags)} | {tp.trend} | {c['early']} | {c['prev']} | {c['last']} |"
            )
        a("")
        a(
            f"Every note also carries `#{cat.base_tag}` and one of "
            f"{', '.join('`#' + x + '`' for x in cat.extra_tags)} (each as often in the previous window as in the last); "
            f"English notes carry the topic's "
            f"own Chinese hashtag, `#{cat.base_tag}` and `#{EN_TAGS[cat.slug][0]}`."
        )
        a("")
    a("## Planted trends")
    a("")
    a(
        f"Windows: previous = {PREV_FIRST} .. {PIVOT_DAY - timedelta(days=1)}, last = {PIVOT_DAY} .. {LAST_DAY} "
        "(the 30 days before and after 2026-10-22; RedPilot's default window as of the newest note). Counts are notes "
        "carrying the topic's own hashtag (the first listed); share is of the category's notes in that window; "
        "growth is the ratio of the shares. The planted notes keep a couple of days clear of the boundary, so the "
        "counts do not depend on the hour at which a window is cut."
    )
    a("")
    a(
        "| category | trend | topic | hashtags | previous 30 d | last 30 d | share previous | share last | growth |"
    )
    a("|---|---|---|---|---:|---:|---:|---:|---:|")
    for slug in TREND_CATEGORIES:
        f = figures[slug]
        for t in f["topics"]:
            tp = t["topic"]
            if tp.trend == "stable":
                continue
            a(
                f"| {slug} | {tp.trend} | {tp.name} | {' '.join('#' + x for x in tp.tags)} | {t['counts']['prev']} | "
                f"{t['counts']['last']} | {t['share_prev']:.1%} | {t['share_last']:.1%} | {t['growth']:.2f}x |"
            )
    a("")
    for slug in TREND_CATEGORIES:
        f = figures[slug]
        a(
            f"- {slug}: {f['totals']['prev']} notes in the previous window, {f['totals']['last']} in the last; the six "
            "other topics have the same count in both windows."
        )
    ff = figures["fitness"]
    a(
        f"- **fitness stays flat**: {ff['totals']['prev']} notes in the previous window, {ff['totals']['last']} in the "
        'last, and every topic has the same count in both (table above). "Nothing has clearly changed" is the right '
        "answer for fitness."
    )
    a("")
    a(
        "Context for conversations: the declining topics are summer ones (cooling mats, dogs swimming, cooling "
        "bedding, balcony vegetables, phone coolers, handheld fans) and were busiest in July and August; the rising "
        "ones are winter or new-product topics (pet drying boxes, warm cat beds, wabi-sabi interiors, winter warmth and "
        "electric blankets, smart rings, open-ear earbuds) with a handful of notes before late October. Notes on rising "
        "topics in the last window get about 1.5x their author's usual engagement. There is no 双11 or other "
        "festival tag in the notes (a festival tag would rise in every category, fitness included)."
    )
    a("")
    a("## Creators")
    a("")
    male = {
        cat.slug: sum(1 for c in creators if c.categories[0] == cat.slug and c.audience["female_share"] < 0.5)
        for cat in CATEGORIES
    }
    a(
        "Audience female share by first category: pets and home mostly 0.72-0.92; men-skewed audiences (female share "
        f"under 0.5): electronics {male['electronics']} of 40, fitness {male['fitness']} of 40, pets {male['pets']}, "
        f"home {male['home']}. About 15% of creators have a second category. Six creators write in English "
        f"({', '.join(n for cat in CATEGORIES for n, _, _ in EN_CREATORS[cat.slug])}) and author most English notes. "
        "Prices are CNY per note, invented as rules of thumb (roughly 0.035-0.12 CNY per fan); some KOCs and a few "
        "junior creators have no quoted price (`null`)."
    )
    a("")
    a("### Accounts a careful marketer would reject")
    a("")
    a(
        "| nickname | influencer_id | category | tier | fans | avg likes+collects+comments+shares | engagement rate | sponsored share | why |"
    )
    a("|---|---|---|---|---:|---:|---:|---:|---|")
    for c in creators:
        if not c.flag:
            continue
        inter = sum(c.avg.values())
        why = (
            "huge fans, tiny engagement (suspected fake fans)"
            if c.flag == "fake_fans"
            else "nearly every note paid"
        )
        a(
            f"| {c.nickname} | {c.id} | {'/'.join(c.categories)} | {c.tier} | {c.fans} | {inter} | {inter / c.fans:.2%} | "
            f"{c.sponsored_share:.2f} | {why} |"
        )
    a("")
    a("### 30 creators across the categories")
    a("")
    a("| nickname | category | tier | fans | image price (CNY) | audience female share |")
    a("|---|---|---|---|---:|---:|")
    for c in pick_table(creators):
        price = f"{c.price_image:,}" if c.price_image else "—"
        a(
            f"| {c.nickname} | {'/'.join(c.categories)} | {c.tier} | {c.fans:,} | {price} | {c.audience['female_share']:.2f} |"
        )
    a("")
    a("## Guides (playbook/)")
    a("")
    a("Eight guides written for this folder; every number in them is presented as a rule of thumb.")
    a("")
    a("| file | language | front matter | category |")
    a("|---|---|---|---|")
    for path, text in sorted(GUIDES.items()):
        fm = text.startswith("---\n")
        lang = "zh" if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") > len(text) * 0.2 else "en"
        catg = "general"
        for line in text.splitlines()[:6]:
            if line.startswith("category:"):
                catg = line.split(":", 1)[1].strip()
        if not fm:
            catg = "(none given) " + {"home-living": "home", "fitness-content": "fitness"}.get(
                Path(path).stem, "general"
            )
        title = next(line[2:] for line in text.splitlines() if line.startswith("# "))
        a(f"| {path} — {title} | {lang} | {'yes' if fm else 'no'} | {catg} |")
    a("")
    return "\n".join(L)


def pick_table(creators: list[Creator]) -> list[Creator]:
    """30 creators for the README: per category 1 head, 2 mid, 2 junior, 2 KOC, plus a few with a men-skewed or
    second-category profile; never the flagged accounts (they have their own table)."""
    out = []
    for cat in CATEGORIES:
        mine = [c for c in creators if c.categories[0] == cat.slug and not c.flag and not c.english]
        for tier, k in (("head", 1), ("mid", 2), ("junior", 2), ("koc", 2)):
            out += [c for c in mine if c.tier == tier][:k]
    extra = [
        c
        for c in creators
        if not c.flag
        and c not in out
        and c.categories[0] in ("electronics", "fitness")
        and c.audience["female_share"] < 0.5
    ]
    out += extra[:2]
    return out[:30]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="print the planted-trend figures and sanity checks")
    args = ap.parse_args()

    rng = random.Random(SEED)
    creators = make_creators(rng)
    plans = make_plans(rng)
    users = make_users(rng, 90)
    assign_authors(rng, plans, creators, users)
    notes = make_notes(rng, plans, creators)
    comments, cstats = make_comments(rng, notes)

    OUT.mkdir(parents=True, exist_ok=True)
    note_rows = [r for r, _ in sorted(notes, key=lambda x: x[0]["time"], reverse=True)]  # newest first
    dump_jsonl(OUT / "posts" / "notes.jsonl", note_rows)
    dump_jsonl(OUT / "comments" / "comments.jsonl", comments)
    dump_jsonl(OUT / "influencers" / "creators.jsonl", [creator_row(c) for c in creators])
    playbook = OUT / "playbook"
    if playbook.is_dir():
        for old in sorted(playbook.glob("*.md")):
            if f"playbook/{old.name}" not in GUIDES:
                old.unlink()
    for path, text in GUIDES.items():
        write_text(OUT / path, text)
    hashes = {
        p: sha256(OUT / p)
        for p in ["posts/notes.jsonl", "comments/comments.jsonl", "influencers/creators.jsonl", *GUIDES]
    }
    figures = trend_figures(notes)
    write_text(OUT / "README.md", readme(notes, creators, comments, cstats, figures, hashes))

    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file() and ".cache" not in f.parts)
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(notes)} notes, {len(comments)} comments, {len(creators)} creators, "
        f"{len(GUIDES)} guides, {size / 1e6:.2f} MB"
    )
    if args.check:
        for slug, f in figures.items():
            print(f"{slug}: previous {f['totals']['prev']} notes, last {f['totals']['last']}")
            for t in f["topics"]:
                print(
                    f"  {t['topic'].trend:9} {t['topic'].name:8} {t['counts']}  {t['share_prev']:.3f} -> "
                    f"{t['share_last']:.3f}  x{t['growth']:.2f}"
                )
        bundled = ROOT / "knowledge" / "influencers" / "influencers.jsonl"
        if bundled.exists():
            names = {json.loads(line)["nickname"] for line in bundled.open(encoding="utf-8")}
            clash = sorted({c.nickname for c in creators} & names)
            print(f"nicknames also in knowledge/influencers: {clash or 'none'}")
        print("notes without a creator:", sum(1 for c in creators if not c.notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
