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

# --- categories ------------------------------------------------------------------------------

SKINCARE = Category(
    slug="skincare",
    zh="护肤",
    n_posts=450,
    video_share=0.25,
    collect_ratio=(0.6, 1.2),
    female_share=(0.8, 0.95),
    generic_tags=("护肤", "好物分享", "护肤心得", "平价好物", "护肤日常"),
    brands=(("澜肌", "LANJI"), ("初研", "CHUYAN"), ("芙沁", "FUQIN"), ("木白植研", "MUBAI LAB")),
    products=("精华", "面霜", "水乳", "洁面", "防晒霜", "面膜", "精华油"),
    details=(
        "质地是清爽的啫喱",
        "上脸很快吸收",
        "有淡淡的草本味",
        "不搓泥",
        "乳液质地，偏滋润",
        "挤出来是透明的",
        "后续叠加防晒不搓泥",
    ),
    price=(59, 699),
    places=("浴室", "梳妆台", "办公室", "宿舍"),
    lines=(
        "我是{detail}的那种肤质，混油，T区容易出油。",
        "{product}早晚各用一次，{detail}。",
        "价格{price}元左右，{detail}。",
        "用完第{days}天，上妆服帖多了。",
        "步骤是洁面、水、{product}、面霜，简单四步。",
        "空瓶了{n}瓶，算是真爱了。",
    ),
    pains=("搓泥", "闷痘", "过敏泛红", "太贵了", "味道有点大", "用了爆闭口"),
    questions=("油皮能用吗？", "敏感肌可以用吗？", "孕妇能用吗？", "和{product}冲突吗？"),
    bios=("油皮女孩｜成分党", "敏感肌自救中", "只分享自用好物", "护肤博主｜不接硬广", "干皮｜抗老研究员"),
    topics=(
        T(
            "以油养肤",
            RISING,
            "face oil routine",
            ("以油养肤", "干皮护肤", "修护屏障"),
            ("精华油", "角鲨烷", "按摩手法", "油皮也能用油"),
            ("以油养肤{days}天，皮肤稳了", "油皮也能{kw}？"),
            (
                "{kw}我是先用两滴在掌心搓热，再按压上脸。",
                "换季之后改成{kw}，起皮明显少了。",
                "一开始怕闷痘，其实{kw2}选对了就不会。",
            ),
        ),
        T(
            "早C晚A",
            RISING,
            "vitamin C and retinol",
            ("早C晚A", "抗老", "成分党", "美白"),
            ("维C精华", "A醇", "建立耐受", "抗氧化"),
            ("早C晚A新手{n}步走", "{kw}建立耐受全记录"),
            (
                "早上{kw}，晚上A醇，中间一定要防晒。",
                "A醇从低浓度开始，前{n}周隔天用来建立耐受。",
                "坚持{days}天，暗沉和细纹都淡了一点。",
            ),
        ),
        T(
            "刷酸",
            DECLINING,
            "acid exfoliation",
            ("刷酸", "闭口", "控油", "成分党"),
            ("水杨酸", "果酸", "闭口粉刺", "刷酸频率"),
            ("刷酸{n}个月闭口没了", "{kw}刷酸别踩这些坑"),
            (
                "{kw}一周最多两次，刷完脸会有点刺痛。",
                "刷酸期间一定要加强保湿和防晒。",
                "下巴的闭口刷了{days}天基本平了。",
            ),
        ),
        T(
            "精简护肤",
            DECLINING,
            "skin minimalism",
            ("精简护肤", "敏感肌", "护肤误区"),
            ("护肤做减法", "精简步骤", "屏障", "空瓶"),
            ("护肤做减法｜只留{n}步", "精简护肤后我的皮肤"),
            ("现在只留洁面、面霜、防晒三样，{kw}。", "以前叠七八层，反而烂脸，{kw}之后稳定多了。"),
        ),
        T(
            "防晒",
            SUMMER,
            "sunscreen",
            ("防晒", "防晒霜", "美白", "通勤护肤"),
            ("SPF50", "成膜", "假白", "补涂"),
            ("通勤防晒｜不假白不闷", "{kw}防晒测评"),
            ("这支防晒{kw}很快，不假白。", "户外每{n}小时补涂一次，室内早上一次就够。"),
        ),
        T(
            "敏感肌修护",
            STABLE,
            "sensitive skin repair",
            ("敏感肌修护", "敏感肌", "修护屏障"),
            ("泛红", "刺痛", "舒缓", "积雪草"),
            ("烂脸{days}天自救记录", "敏感肌{kw}怎么办"),
            ("换季{kw}的时候我只用修护面霜。", "湿敷{n}分钟，{kw2}很快退下去。"),
        ),
        T(
            "油皮控油",
            STABLE,
            "oily skin control",
            ("油皮控油", "控油", "油皮护肤", "闭口"),
            ("出油", "毛孔", "清爽", "控油乳"),
            ("大油皮夏天{kw}攻略", "油皮亲妈｜{product}"),
            ("中午{kw}不再满脸油光。", "油皮也要保湿，{kw2}不然越控越油。"),
        ),
        T(
            "抗老精华",
            STABLE,
            "anti-aging serum",
            ("抗老精华", "抗老", "淡纹"),
            ("胜肽", "玻色因", "法令纹", "紧致"),
            ("28岁开始{kw}抗老", "{kw}抗老精华对比"),
            ("{kw}精华用了两个月，法令纹浅了一点。", "抗老这件事越早开始越好。"),
        ),
        T(
            "平价水乳",
            STABLE,
            "budget toner and lotion",
            ("平价水乳", "学生党护肤", "干皮护肤"),
            ("学生党", "百元内", "补水", "水乳套装"),
            ("百元内水乳｜学生党冲", "{kw}平价水乳红黑榜"),
            ("{kw}预算有限的话这套完全够用。", "一套{price}元，用了快三个月。"),
        ),
    ),
)

FASHION = Category(
    slug="fashion",
    zh="穿搭",
    n_posts=420,
    video_share=0.3,
    collect_ratio=(0.2, 0.5),
    female_share=(0.8, 0.95),
    generic_tags=("穿搭", "ootd", "每日穿搭", "穿搭分享", "今天穿什么"),
    brands=(("素衣集", "SUYI"), ("北纬线", "LATITUDE N"), ("棉川", "MIANCHUAN"), ("拾光衣橱", "SHIGUANG")),
    products=("针织开衫", "阔腿裤", "风衣", "半身裙", "短靴", "卫衣", "托特包"),
    details=("面料软糯不扎", "版型很正", "腰线提得很高", "垂感很好", "颜色比图片温柔", "不起球"),
    price=(89, 899),
    places=("武康路", "公司楼下", "商场", "咖啡店门口"),
    lines=(
        "身高{n}5，体重一百出头，穿M码刚好。",
        "这件{product}{price}元，{detail}。",
        "今天在{place}拍的，光线刚好。",
        "内搭白T，外面叠{product}，{detail}。",
        "鞋子是去年买的短靴，百搭。",
        "配色就三个原则：同色系、深浅搭、留一点亮色。",
    ),
    pains=("显胖", "起球", "色差大", "有线头", "尺码偏小", "质量一般"),
    questions=("身高体重多少呀？", "衣服链接有吗？", "微胖能穿吗？", "小个子能驾驭吗？"),
    bios=("小个子穿搭｜155cm", "通勤穿搭记录", "微胖女孩的衣橱", "每天一套ootd", "平价穿搭博主"),
    topics=(
        T(
            "美拉德穿搭",
            RISING,
            "Maillard outfits",
            ("美拉德穿搭", "通勤穿搭", "秋冬穿搭"),
            ("焦糖色", "棕色系", "麂皮", "叠穿"),
            ("美拉德穿搭｜秋天的第一套", "{kw}怎么穿不显老"),
            (
                "今年秋天最爱{kw}，整个人都温柔了。",
                "{kw}外套配奶咖色针织，{kw2}很高级。",
                "美拉德的重点是深浅层次，不要全身一个色。",
            ),
        ),
        T(
            "山系穿搭",
            RISING,
            "gorpcore outfits",
            ("山系穿搭", "户外穿搭", "显高穿搭"),
            ("冲锋衣", "机能风", "登山鞋", "抓绒"),
            ("山系穿搭｜通勤也能穿", "{kw}城市穿法"),
            (
                "{kw}平时通勤也能穿，防风又保暖。",
                "下身配工装裤和{kw2}，周末直接去爬山。",
                "山系不等于邋遢，颜色控制在三种以内。",
            ),
        ),
        T(
            "多巴胺穿搭",
            DECLINING,
            "dopamine dressing",
            ("多巴胺穿搭", "夏日穿搭", "撞色穿搭"),
            ("高饱和", "撞色", "亮色", "彩色"),
            ("多巴胺穿搭｜快乐加倍", "{kw}撞色公式"),
            ("{kw}的衣服穿上心情直接变好。", "撞色记住一个大面积一个小面积，{kw2}点缀就好。"),
        ),
        T(
            "老钱风",
            DECLINING,
            "old money style",
            ("老钱风", "气质穿搭", "低调穿搭"),
            ("羊绒", "衬衫", "珍珠耳环", "低饱和"),
            ("平价老钱风｜{n}件搞定", "{kw}老钱风公式"),
            ("{kw}的关键是面料和剪裁。", "一件好的{kw2}能穿很多年。"),
        ),
        T(
            "法式穿搭",
            STABLE,
            "French style",
            ("法式穿搭", "法式风", "气质穿搭"),
            ("碎花裙", "条纹衫", "方领", "慵懒"),
            ("法式慵懒感｜{product}", "{kw}怎么穿出法式"),
            ("{kw}配草编包，很有度假感。", "法式的精髓是不费力，头发随便挽一下。"),
        ),
        T(
            "小个子穿搭",
            STABLE,
            "petite outfits",
            ("小个子穿搭", "显高穿搭", "显瘦穿搭"),
            ("显高", "短款上衣", "高腰", "比例"),
            ("155小个子｜{kw}公式", "小个子显高{n}招"),
            ("小个子一定要{kw}，上短下长。", "{kw2}的裤子配厚底鞋，视觉高了五厘米。"),
        ),
        T(
            "微胖穿搭",
            STABLE,
            "curvy outfits",
            ("微胖穿搭", "显瘦穿搭", "梨形身材"),
            ("遮肉", "V领", "A字裙", "梨形"),
            ("微胖女孩{kw}穿搭", "140斤也能穿{product}"),
            ("{kw}选对版型真的差很多。", "梨形身材可以选{kw2}，遮胯又显腿细。"),
        ),
        T(
            "通勤穿搭",
            STABLE,
            "office outfits",
            ("通勤穿搭", "上班穿什么", "秋冬穿搭"),
            ("西装", "一周不重样", "胶囊衣橱", "干练"),
            ("一周通勤不重样", "打工人{kw}穿搭"),
            ("{kw}外套是通勤最值得投资的单品。", "用{n}件单品搭出一周的{kw2}。"),
        ),
        T(
            "夏日连衣裙",
            SUMMER,
            "summer dresses",
            ("夏日连衣裙", "夏日穿搭", "连衣裙"),
            ("吊带裙", "棉麻", "度假风", "凉快"),
            ("夏天的{kw}｜凉快又好看", "度假必带{n}条连衣裙"),
            ("{kw}透气不闷，热天首选。", "去海边带了{n}条{kw2}连衣裙，每条都出片。"),
        ),
    ),
)

FOOD = Category(
    slug="food",
    zh="美食探店",
    n_posts=400,
    video_share=0.45,
    collect_ratio=(0.5, 1.1),
    female_share=(0.55, 0.8),
    generic_tags=("美食", "探店", "吃货日常", "周末去哪儿", "美食分享"),
    brands=(
        ("麦野", "MAIYE"),
        ("山隐咖啡", "SHANYIN COFFEE"),
        ("阿满烘焙", "AMAN BAKERY"),
        ("鲜记", "XIANJI"),
    ),
    products=("拿铁", "碱水面包", "招牌菜", "套餐", "甜品", "火锅锅底", "手冲"),
    details=("排队二十分钟", "人均不到一百", "分量很足", "环境很出片", "服务很热情", "口味偏甜"),
    price=(25, 268),
    places=("武康路", "太古里", "五道营胡同", "东山口", "湖滨", "解放碑"),
    lines=(
        "地址在{place}附近，{detail}。",
        "点了{product}和两个小菜，{detail}。",
        "人均{price}元，这个价位算良心了。",
        "周末中午去的，{detail}。",
        "老板说{product}每天限量，建议早点去。",
        "个人打分{n}分，会二刷。",
    ),
    pains=("排队太久", "踩雷了", "分量少", "太贵了", "服务态度差", "味道一般"),
    questions=("在哪里呀？", "人均多少？", "需要预约吗？", "带小孩方便吗？"),
    bios=("吃遍{city}的探店人", "周末只做一件事：吃", "咖啡重度爱好者", "厨房小白的食谱", "吃货一枚"),
    topics=(
        T(
            "面包探店",
            RISING,
            "bakery hopping",
            ("面包探店", "碳水快乐", "周末去哪儿"),
            ("碱水", "贝果", "可颂", "老面"),
            ("{city}面包地图｜{n}家", "为了{kw}跑遍半个城"),
            (
                "这家{kw}是现烤的，外脆里软。",
                "{kw}配一杯美式，就是完美早餐。",
                "最近面包店越开越多，我按区整理了一份地图。",
            ),
        ),
        T(
            "一人食",
            RISING,
            "solo dining",
            ("一人食", "独居美食", "快手菜"),
            ("一人份", "十分钟", "打工人午饭", "小份菜"),
            ("一人食｜{n}分钟搞定", "独居女孩的{kw}"),
            (
                "{kw}也要好好吃饭，这是我的周一晚餐。",
                "冰箱剩菜十分钟做成{kw2}。",
                "一个人吃饭不用迁就别人，想吃啥做啥。",
            ),
        ),
        T(
            "围炉煮茶",
            DECLINING,
            "tea brewing by the stove",
            ("围炉煮茶", "喝茶", "氛围感"),
            ("烤橘子", "炭炉", "柿饼", "红枣"),
            ("{kw}｜冬日仪式感", "在家也能{kw}"),
            ("{kw}配烤橘子和柿饼，仪式感拉满。", "茶馆{kw2}一人{price}元，环境很出片。"),
        ),
        T(
            "早午餐",
            STABLE,
            "brunch spots",
            ("早午餐", "brunch", "周末去哪儿"),
            ("班尼迪克蛋", "松饼", "牛油果", "露台"),
            ("{city}宝藏早午餐", "周末{kw}就去这家"),
            ("{kw}分量很大，两个人点三样吃不完。", "露台位置要提前订。"),
        ),
        T(
            "火锅",
            STABLE,
            "hotpot",
            ("火锅", "重庆火锅", "吃辣"),
            ("牛油锅", "毛肚", "鸭肠", "蘸碟"),
            ("本地人常去的{kw}", "{kw}毛肚七上八下"),
            ("{kw}锅底香而不燥，{kw2}很新鲜。", "辣度选了微辣，外地朋友也能吃。"),
        ),
        T(
            "咖啡探店",
            STABLE,
            "coffee shops",
            ("咖啡探店", "咖啡", "手冲咖啡"),
            ("手冲", "豆子", "拉花", "风味"),
            ("{city}小众咖啡店｜{n}家", "{kw}爱好者必去"),
            ("{kw}是埃塞的豆子，有明显的花香。", "店很小，只有{n}个座位。"),
        ),
        T(
            "家常菜谱",
            STABLE,
            "home cooking",
            ("家常菜谱", "快手菜", "下饭菜"),
            ("红烧肉", "番茄炒蛋", "电饭煲", "下饭"),
            ("零失败{kw}｜{n}步", "{kw}做法合集"),
            ("{kw}的秘诀是先炒糖色。", "新手按这个步骤做，{kw2}一次成功。"),
        ),
        T(
            "夏日冰饮",
            SUMMER,
            "summer iced drinks",
            ("夏日冰饮", "自制饮品", "奶茶"),
            ("杨枝甘露", "冰美式", "柠檬茶", "气泡水"),
            ("自制{kw}｜夏天续命", "{n}款夏日冰饮"),
            ("{kw}在家做成本不到十块。", "夏天每天一杯{kw2}续命。"),
        ),
    ),
)

TRAVEL = Category(
    slug="travel", zh="旅行户外", n_posts=360, video_share=0.45, collect_ratio=(0.6, 1.2),
    female_share=(0.55, 0.8),
    generic_tags=("旅行", "旅行攻略", "户外", "周末去哪儿", "小众旅行地"),
    brands=(("远山行", "YUANSHAN TREK"), ("云栖民宿", "YUNQI STAY"), ("野径", "YEJING OUTDOOR")),
    products=("冲锋衣", "帐篷", "民宿", "徒步鞋", "登山杖", "行程"),
    details=("人少景美", "交通很方便", "日出超级震撼", "住宿性价比高", "路线难度不大", "需要提前预约"),
    price=(99, 2999), places=("阿勒泰", "大理", "川西", "莫干山", "安吉", "腾冲", "徽州", "武功山"),
    lines=("这次去的是{place}，{detail}。", "行程一共{n}天，总花费{price}元左右。",
           "住的{product}推荐，{detail}。", "出发前一定查好天气，山里温差很大。",
           "建议避开节假日，不然到处都是人。", "从{city}出发，高铁加包车最省心。"),
    pains=("人太多了", "性价比不高", "被坑了", "交通不方便", "住宿很一般", "天气不好白去了"),
    questions=("几月去合适？", "需要包车吗？", "一个人去安全吗？", "带老人能走吗？"),
    bios=("一年飞{n}次的旅行博主", "周末户外人", "带着相机去流浪", "露营｜徒步｜自驾", "小众目的地收集者"),
    topics=(
        T("徒步", RISING, "hiking", ("徒步", "徒步路线", "户外"),
          ("徒步路线", "爬升", "轻装", "补给"),
          ("新手友好｜{n}条徒步路线", "{place}徒步全攻略"),
          ("这条{kw}全程12公里，爬升五百米左右。", "徒步{kw2}一定要带够水和盐丸。",
           "周末不想躺平，就去山里走一走。")),
        T("县城旅游", RISING, "small-town trips", ("县城旅游", "小众旅行地", "慢生活"),
          ("县城", "烟火气", "低消费", "老街"),
          ("县城旅游｜人均{price}玩三天", "被低估的{kw}"),
          ("{kw}没什么网红景点，但物价低、节奏慢。", "三天花了不到{price}元，{kw2}很足。",
           "老街上的早餐铺子，一碗面才八块。")),
        T("露营", DECLINING, "camping", ("露营", "精致露营", "露营装备"),
          ("天幕", "蛋卷桌", "营地", "氛围灯"),
          ("新手露营装备清单", "{kw}｜城市周边营地"),
          ("{kw}搭好之后，晚上点上氛围灯很出片。", "营地一晚{price}元，带了全套{kw2}。")),
        T("城市漫步", STABLE, "citywalk", ("citywalk", "城市漫步", "周末去哪儿"),
          ("老街区", "梧桐", "路线", "小店"),
          ("{city}citywalk路线｜{n}小时", "私藏{kw}路线"),
          ("这条{kw}从地铁站出发，一路都是小店。", "走走停停三个小时，{kw2}很适合拍照。")),
        T("自驾游", STABLE, "road trips", ("自驾游", "自驾路线", "旅行攻略"),
          ("自驾", "服务区", "路况", "油费"),
          ("{n}天自驾路线分享", "{place}自驾避坑"),
          ("{kw}全程一千二百公里，路况很好。", "油费加过路费大概{price}元。")),
        T("海岛度假", SUMMER, "island holidays", ("海岛度假", "海边", "度假"),
          ("潜水", "浮潜", "海景房", "防晒"),
          ("海岛度假｜{n}天怎么玩", "{kw}人均多少钱"),
          ("第一次{kw}，水下真的太美了。", "海景房一晚{price}元，推开窗就是海。")),
        T("酒店测评", STABLE, "hotel reviews", ("酒店测评", "酒店推荐", "住宿"),
          ("行政酒廊", "早餐", "景观房", "性价比"),
          ("{city}酒店测评｜值不值", "{kw}早餐太丰盛"),
          ("{kw}性价比很高，一晚{price}元。", "房间干净，{kw2}视野很好。")),
        T("特种兵旅游", DECLINING, "speed-run trips", ("特种兵旅游", "穷游", "旅行攻略"),
          ("暴走", "一天打卡", "夜车", "省钱"),
          ("特种兵{n}天打卡{n}个城", "{kw}极限行程表"),
          ("{kw}两天走了四万步，腿已经不是自己的了。", "夜车加{kw2}，总共才花{price}元。")),
    ),
)

PARENTING = Category(
    slug="parenting", zh="母婴", n_posts=300, video_share=0.25, collect_ratio=(0.5, 1.0),
    female_share=(0.85, 0.95),
    generic_tags=("母婴", "育儿经验", "宝妈日常", "带娃日常", "母婴好物"),
    brands=(("小禾苗", "XIAOHEMIAO"), ("贝语", "BEIYU"), ("暖芽", "NUANYA"), ("童趣森林", "KIDWOODS")),
    products=("纸尿裤", "辅食机", "婴儿车", "安抚奶嘴", "儿童餐椅", "绘本", "润肤霜"),
    details=("材质很软", "宝宝不抗拒", "清洗方便", "折叠后能放进后备箱", "没有异味", "单手就能操作"),
    price=(39, 1999), places=("小区楼下", "早教中心", "亲子餐厅", "游乐场"),
    lines=("宝宝现在{n}个月，{product}用了快一个月。", "{product}{price}元，{detail}。",
           "新手妈妈第一次买{product}真的很纠结。", "我们家是混合喂养，作息比较规律。",
           "安全第一，买之前一定看检测报告。", "{detail}，这点对新手爸妈很友好。"),
    pains=("红屁屁了", "安全性存疑", "宝宝不爱用", "太贵了", "有异味", "做工粗糙"),
    questions=("几个月可以用？", "新生儿能用吗？", "男宝女宝都适合吗？", "哪里买的？"),
    bios=("二胎妈妈的育儿笔记", "新手妈妈成长记", "儿科护士妈妈", "科学育儿｜不焦虑", "宝妈｜好物测评"),
    topics=(
        T("低结构游戏", RISING, "open-ended play", ("低结构游戏", "早教", "亲子游戏"),
          ("松散材料", "自主探索", "纸箱", "专注力"),
          ("{kw}｜0成本遛娃", "在家玩{kw}的{n}个点子"),
          ("{kw}就是给孩子松散材料，让他自己玩。", "一个纸箱玩了一下午，{kw2}比玩具好用。",
           "孩子专注的时候，大人不要急着插手。")),
        T("自主进食", RISING, "baby-led weaning", ("自主进食", "辅食", "宝宝辅食"),
          ("手指食物", "BLW", "防噎", "餐椅"),
          ("宝宝{kw}第{days}天", "{kw}手指食物清单"),
          ("从七个月开始练{kw}，现在自己能拿勺子了。", "{kw2}切成条状更好抓，也不容易噎。",
           "吃得满地都是也没关系，多练几次就好了。")),
        T("哄睡神器", DECLINING, "sleep aids", ("哄睡神器", "宝宝睡眠", "母婴好物"),
          ("安抚巾", "白噪音", "睡袋", "抱睡"),
          ("{kw}真的有用吗", "靠{kw}睡整觉"),
          ("{kw}开了之后，宝宝十分钟就睡着了。", "{kw2}是我们家的续命神器。")),
        T("辅食", STABLE, "baby food", ("宝宝辅食", "辅食", "辅食食谱"),
          ("米粉", "南瓜泥", "高铁", "辅食机"),
          ("{n}月龄辅食一周食谱", "{kw}添加顺序"),
          ("{kw}先从高铁米粉开始，一次只加一种新食物。", "周末做好一周的{kw2}冻起来。")),
        T("纸尿裤测评", STABLE, "diaper reviews", ("纸尿裤测评", "纸尿裤", "母婴好物"),
          ("透气", "红屁屁", "拉拉裤", "吸水"),
          ("{n}款纸尿裤横评", "{kw}不红屁屁的选择"),
          ("{kw}最看重的是透气和吸水。", "夏天用{kw2}要勤换。")),
        T("孕期日记", STABLE, "pregnancy diary", ("孕期日记", "孕期", "孕妈"),
          ("孕吐", "产检", "待产包", "胎动"),
          ("孕{n}周｜{kw}记录", "待产包清单｜{kw}"),
          ("{kw}最难熬的是前三个月。", "产检记得带上{kw2}，排队很久。")),
        T("儿童安全座椅", STABLE, "car seats", ("儿童安全座椅", "安全座椅", "出行好物"),
          ("ISOFIX", "反向安装", "侧撞", "i-Size"),
          ("{kw}怎么选｜{n}个要点", "反向安装的{kw}"),
          ("{kw}一定要选{kw2}接口的。", "宝宝15个月前建议反向安装。")),
        T("遛娃好去处", SUMMER, "days out with kids", ("遛娃好去处", "亲子游", "周末遛娃"),
          ("室内乐园", "亲子农场", "戏水", "科技馆"),
          ("{city}遛娃好去处｜{n}个", "暑假{kw}合集"),
          ("暑假{kw}，室内的{kw2}最舒服。", "门票{price}元，大人小孩都玩得开心。")),
    ),
)

HOME = Category(
    slug="home", zh="家居", n_posts=320, video_share=0.3, collect_ratio=(0.6, 1.2),
    female_share=(0.55, 0.8),
    generic_tags=("家居", "家居好物", "装修", "我的家", "生活好物"),
    brands=(("栖木", "QIMU HOME"), ("一方器", "YIFANG"), ("素居", "SUJU"), ("小隅", "XIAOYU")),
    products=("收纳盒", "沙发", "落地灯", "置物架", "床品四件套", "地毯", "洞洞板"),
    details=("安装十分钟搞定", "颜色很耐看", "承重很好", "没有味道", "尺寸刚刚好", "质感不输大牌"),
    price=(29, 4999), places=("客厅", "卧室", "厨房", "玄关", "阳台", "书房"),
    lines=("我家{place}只有八平米，{detail}。", "这个{product}{price}元，{detail}。",
           "租的房子不能打孔，所以选了免打孔的。", "改造前后对比放最后一张图。",
           "{place}的动线重新规划了一下，舒服多了。", "整个改造花了不到{price}元。"),
    pains=("甲醛超标", "收纳难", "安装麻烦", "质量一般", "色差大", "有异味"),
    questions=("尺寸是多少？", "租房能装吗？", "有甲醛吗？", "求同款链接"),
    bios=("租房改造达人", "家居好物分享", "极简生活实践者", "装修日记｜{city}", "收纳整理师"),
    topics=(
        T("奶油风装修", DECLINING, "cream-style interiors", ("奶油风装修", "奶油风", "装修灵感"),
          ("奶白色", "弧形", "圆角", "温柔"),
          ("奶油风装修｜全屋{n}万", "{kw}客厅实拍"),
          ("全屋{kw}，弧形门洞是点睛之笔。", "{kw2}的家具很容易脏，要勤打理。")),
        T("中古风", RISING, "vintage mid-century interiors", ("中古风", "中古家具", "装修灵感"),
          ("中古家具", "柚木", "vintage", "包豪斯"),
          ("中古风｜淘到一把椅子", "{kw}入门{n}件"),
          ("这把{kw}是在二手市场淘的，{price}元。", "{kw2}的木头颜色越用越有味道。",
           "中古不是堆旧东西，留白很重要。")),
        T("洞洞板收纳", RISING, "pegboard storage", ("洞洞板收纳", "收纳", "租房改造"),
          ("洞洞板", "免打孔", "墙面收纳", "挂钩"),
          ("洞洞板收纳｜{place}大变样", "{kw}真的能装"),
          ("{place}墙上装了{kw}，桌面终于清爽了。", "{kw2}配件很多，自由组合。",
           "租房党也能用，撕下来不留痕。")),
        T("租房改造", STABLE, "rental makeovers", ("租房改造", "出租屋改造", "小户型"),
          ("出租屋", "软装", "墙纸", "地垫"),
          ("出租屋改造｜花了{price}元", "{kw}前后对比"),
          ("{kw}不动硬装，只换软装。", "{kw2}一贴，整个房间氛围都变了。")),
        T("收纳整理", STABLE, "decluttering", ("收纳整理", "收纳", "断舍离"),
          ("断舍离", "衣柜", "分区", "收纳盒"),
          ("{kw}｜衣柜大改造", "{n}个收纳小技巧"),
          ("{kw}先分类再收纳，不然越收越乱。", "{kw2}之后衣柜空出一半。")),
        T("小户型", STABLE, "small apartments", ("小户型", "小户型装修", "空间利用"),
          ("空间利用", "折叠桌", "榻榻米", "隐形"),
          ("{n}平小户型也能很大", "{kw}装修避坑"),
          ("{kw}最重要的是留出动线。", "{kw2}一张顶两张用。")),
        T("厨房好物", STABLE, "kitchen gadgets", ("厨房好物", "厨房收纳", "家居好物"),
          ("沥水架", "调料瓶", "炒锅", "保鲜盒"),
          ("{kw}｜用了就回不去", "厨房里的{n}件神器"),
          ("{kw}这个{kw2}用了半年还很好。", "厨房台面清空之后，做饭心情都好了。")),
        T("阳台花园", SUMMER, "balcony garden", ("阳台花园", "阳台改造", "养花"),
          ("月季", "绣球", "花架", "浇水"),
          ("阳台花园｜夏天的{kw}", "{n}平米阳台种满花"),
          ("夏天的{kw}开得最好，每天都想在阳台待着。", "{kw2}浇水要早晚各一次。")),
    ),
)
