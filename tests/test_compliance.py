"""check_compliance as a marketer sees it: what gets flagged, where, how badly, and what to write instead.

Fixtures are built so the right answer is known by construction: a term is planted after a known prefix, so
its span is (len(prefix), len(prefix) + len(term)).
"""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import ComplianceReport
from bot.tools.compliance import FILES, ComplianceRules, check_compliance, packaged_rules_dir

# (prefix, term, suffix, category, severity): the term is the exact text the check must report.
PLANTED = [
    # absolute terms
    ("这是我用过", "最好", "的面霜，质地很轻薄", "absolute_term", "high"),
    ("This is ", "the best", " serum I own", "absolute_term", "high"),
    ("国货之光，", "销量第一", "的粉底液", "absolute_term", "high"),
    ("Korea's ", "No.1", " sunscreen", "absolute_term", "high"),
    # medical and efficacy claims
    ("用了三天就能", "治疗痘痘", "，真的很神奇", "medical_claim", "high"),
    ("This toner ", "cures", " acne overnight", "medical_claim", "high"),
    ("这款精华主打", "祛痘", "，油皮可以试试", "medical_claim", "medium"),
    ("Our tea helps you ", "lose 10 kg", " in a month", "medical_claim", "high"),
    # guarantees
    ("", "保证", "有效，七天见效", "guarantee", "high"),
    ("Results ", "guaranteed", " in 7 days", "guarantee", "high"),
    ("跟着我做副业，", "月入过万", "不是梦", "guarantee", "high"),
    # superstition
    ("戴上这条手链能", "招财", "，送朋友很合适", "superstition", "medium"),
    ("A ", "lucky charm", " for exam season", "superstition", "medium"),
    # missing disclosure: the span is the collaboration phrase
    ("", "恰饭", "啦～这款精华真的好用", "missing_disclosure", "medium"),
    ("", "Gifted", " by the brand, but this is my honest review", "missing_disclosure", "medium"),
    # diversion
    ("想要同款的加我", "vx: glow_2024", "，发你链接", "diversion", "high"),
    ("Questions? ", "WeChat: glowlab88", " anytime", "diversion", "high"),
    ("咨询电话 ", "138-1234-5678", "，工作日在线", "diversion", "high"),
    ("Shop at ", "https://glow.example.com/p/1", " today", "diversion", "high"),
    ("官网 ", "glowlab.cn", " 有更多色号", "diversion", "high"),
    ("", "扫码", "领取试用装", "diversion", "high"),
    ("", "复制这段话打开淘宝", "，领券下单", "diversion", "high"),
]


def issues_of(report: ComplianceReport) -> list[tuple[str, str, int, int, str]]:
    return [(i.term, i.category, i.start, i.end, i.severity) for i in report.issues]


def assert_well_formed(text: str, report: ComplianceReport) -> None:
    """What every report promises: exact spans, sorted, no text reported twice, ok matches the severities.

    The one missing-disclosure issue is about the whole note; its phrase is the only span allowed to overlap."""
    assert report.checked_chars == len(text)
    for issue in report.issues:
        assert text[issue.start : issue.end] == issue.term
        assert issue.suggestion.strip()
    starts = [issue.start for issue in report.issues]
    assert starts == sorted(starts)
    terms = [issue for issue in report.issues if issue.category != "missing_disclosure"]
    for before, after in pairwise(terms):
        assert before.end <= after.start, (before, after)
    assert len(report.issues) - len(terms) <= 1
    assert report.ok == all(issue.severity == "low" for issue in report.issues)


@pytest.mark.parametrize(
    ("prefix", "term", "suffix", "category", "severity"), PLANTED, ids=lambda v: str(v)[:12]
)
def test_each_category_is_caught_with_its_span_and_a_suggestion(
    prefix: str, term: str, suffix: str, category: str, severity: str
) -> None:
    text = prefix + term + suffix
    report = check_compliance(text)
    start = len(prefix)
    assert (term, category, start, start + len(term), severity) in issues_of(report)
    assert_well_formed(text, report)
    assert not report.ok


def test_suggestions_are_concrete_rewrites_in_the_copys_language() -> None:
    zh = check_compliance("这是我用过最好的面霜").issues[0]
    assert "我个人很喜欢" in zh.suggestion
    en = check_compliance("This is the best serum I own").issues[0]
    assert "one of my favourites" in en.suggestion
    medical = check_compliance("能治疗痘痘").issues[0]
    assert "改善肌肤状态" in medical.suggestion and "功效评价" in medical.suggestion
    # A term spelled the same in both languages gets advice in the language of the copy.
    assert "检测" in check_compliance("这款精华100%有效").issues[0].suggestion
    assert "test" in check_compliance("This serum is 100% effective for everyone").issues[0].suggestion
    diversion = check_compliance("加我vx: glow_2024").issues[0]
    assert "删去联系方式" in diversion.suggestion and "小红书" in diversion.suggestion


CLEAN_NOTES = [
    "第一次来这家咖啡店☕️ 最近天气好，周末和best friend一起打卡。拿铁28元，环境很出片，第一口就被惊艳到！"
    "最后推荐大家早点去，最好提前预约。2024年3月15日 #周末去哪儿 #咖啡探店",
    "秋冬通勤穿搭分享｜第一套：米色大衣+阔腿裤，第二套：针织开衫。大衣1299元，面料是羊毛混纺，摸起来很舒服。"
    "最初是被颜色吸引的，最终还是买了两个色～",
    "新手护肤第一步：做好清洁和保湿。我最近在用这款面霜，质地很清爽，适合混油皮。价格199元/50ml，"
    "用了两周感觉皮肤没那么干了。唯一的缺点是包装有点大。",
    "带娃去动物园攻略：最佳观赏时间是上午9点到11点，门票成人20元，1.2米以下儿童免费。第一站推荐熊猫馆，"
    "记得扫码入园哦～ 开放时间 9:00-17:00",
    "第一，补水要到位；第二，防晒不能少；第三，作息要规律。这是我第一篇护肤笔记，第一眼看到这个色号就心动了。",
    "这次去成都玩了三天，最后一天去了宽窄巷子，最初以为人会很多，结果还好。最终花费大概2000元左右，"
    "住宿300元一晚，订单号20240315123。",
    "朋友送的生日礼物🎁 是一条手链，超喜欢！收到老公的礼物也很开心，妈妈寄来的腊肉已经吃完了。",
    "完美日记的新眼影盘到手了，色号是09，价格89元。上眼很显色，粉质比上一盘更细腻。扫码点单很方便。",
    "Weekend brunch with my best friend 🥞 The avocado toast was ¥68 and the flat white ¥32. First time here "
    "and I loved the vibe. Open 8am-5pm, 2 minutes from the metro.",
    "My skincare routine this winter: cleanser, toner, then a rich cream. Tip #1: don't over-exfoliate! "
    "This is not sponsored, I bought everything myself. A little treat for myself after a long week.",
]


@pytest.mark.parametrize("text", CLEAN_NOTES, ids=lambda t: t[:10])
def test_everyday_red_copy_passes_without_any_issue(text: str) -> None:
    report = check_compliance(text)
    assert report.issues == []
    assert report.ok
    assert report.rewritten is None
    assert report.checked_chars == len(text)


SPONSORED = "品牌方寄来的新品面霜，质地很轻薄，上脸不油腻。"


@pytest.mark.parametrize("label", ["#广告 品牌合作", "#广告", "品牌合作", "本篇为品牌合作", "#ad", "Ad: "])
def test_a_disclosed_note_passes_while_the_same_note_without_the_label_is_flagged(label: str) -> None:
    flagged = check_compliance(SPONSORED)
    assert issues_of(flagged) == [("品牌方寄来", "missing_disclosure", 0, 5, "medium")]
    assert "#广告" in flagged.issues[0].suggestion and "蒲公英" in flagged.issues[0].suggestion
    assert not flagged.ok
    assert flagged.rewritten is None  # what to add is for the marketer to decide: the text is not changed
    disclosed = check_compliance(f"{label} {SPONSORED}")
    assert disclosed.ok and disclosed.issues == []


def test_denying_an_ad_or_a_bio_contact_line_is_not_a_disclosure() -> None:
    for text in ("不是广告！品牌方寄来的，真心推荐", "品牌方寄来的面霜 品牌合作请私信"):
        report = check_compliance(text)
        assert [issue.category for issue in report.issues] == ["missing_disclosure"]
        assert report.issues[0].term == "品牌方寄来"


def test_english_disclosure() -> None:
    text = "The brand sent me this cleanser and I love it."
    report = check_compliance(text)
    assert issues_of(report) == [("The brand sent me", "missing_disclosure", 0, 17, "medium")]
    assert "#ad" in report.issues[0].suggestion
    assert check_compliance("#ad " + text).ok
    assert check_compliance("Sponsored by Glow. " + text).ok


def test_only_the_first_collaboration_phrase_is_reported() -> None:
    text = "恰饭啦～品牌方寄来的礼盒，这次和他们合作很愉快"
    report = check_compliance(text)
    assert issues_of(report) == [("恰饭", "missing_disclosure", 0, 2, "medium")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这是全网最低价！", [("全网最低价", "absolute_term", 2, 7, "high")]),
        ("主打美白祛斑的精华", [("美白祛斑", "medical_claim", 2, 6, "high")]),
        ("史上最全攻略", [("史上最", "absolute_term", 0, 3, "high")]),
        ("100%纯棉T恤", [("100%纯棉", "absolute_term", 0, 6, "low")]),
        ("Money back if it doesn't work!", [("Money back if it doesn't work", "guarantee", 0, 29, "high")]),
    ],
)
def test_overlapping_terms_are_reported_once_as_the_longest_match(
    text: str, expected: list[tuple[str, str, int, int, str]]
) -> None:
    report = check_compliance(text)
    assert issues_of(report) == expected
    assert_well_formed(text, report)


def test_composition_claims_are_low_and_do_not_fail_the_check() -> None:
    report = check_compliance("100%纯棉T恤，夏天穿很透气")
    assert [issue.severity for issue in report.issues] == ["low"]
    assert report.ok
    assert not check_compliance("100%纯天然，孕妇可用").ok  # not a composition fact: still absolute


@pytest.mark.parametrize(
    "prefix",
    ["👩\u200d👩\u200d👧✨", "\u200b\u200b", "🇨🇳\ufeff ", "e\u0301", "\U0001f600" * 3 + "\u200d"],
    ids=["zwj-family", "zwsp", "flag-bom", "combining", "emoji"],
)
def test_offsets_are_python_string_offsets_with_emoji_and_invisible_characters(prefix: str) -> None:
    text = prefix + "这是最好的面霜，加我vx: glow_2024"
    report = check_compliance(text)
    assert_well_formed(text, report)
    assert [(issue.term, issue.start) for issue in report.issues] == [
        ("最好", text.index("最好")),
        ("vx: glow_2024", text.index("vx")),
    ]


def test_zero_width_characters_inside_a_term_do_not_hide_it() -> None:
    text = "🎉这是最\u200b好的面霜"
    report = check_compliance(text)
    assert issues_of(report) == [("最\u200b好", "absolute_term", 3, 6, "high")]
    assert report.rewritten == "🎉这是我个人很喜欢的面霜"


def test_phone_numbers_but_not_years_prices_or_order_numbers() -> None:
    for phone in ("13812345678", "138-1234-5678", "138 1234 5678", "+86 13912345678"):
        text = f"联系 {phone} 咨询"
        assert issues_of(check_compliance(text)) == [(phone, "diversion", 3, 3 + len(phone), "high")]
    assert check_compliance("2024年双十一，到手价1399元，订单号20240315123，满300减40").issues == []


def test_english_terms_are_whole_words_and_case_insensitive() -> None:
    assert check_compliance("Secure checkout, my best friend approves").issues == []
    report = check_compliance("THE BEST cream. It is PERFECT.")
    assert [issue.term for issue in report.issues] == ["THE BEST", "PERFECT"]
    assert report.rewritten == "One of my favourites cream. It is Great."


def test_rewritten_applies_every_replacement_and_leaves_the_rest() -> None:
    text = "这是最好的面霜，绝对好用！还能消炎，保证有效"
    report = check_compliance(text)
    assert [issue.term for issue in report.issues] == ["最好", "绝对", "消炎", "保证"]
    # 保证 has advice only (no safe one-for-one rewrite), so it stays for a human to edit.
    assert report.rewritten == "这是我个人很喜欢的面霜，真的好用！还能舒缓，保证有效"
    english = check_compliance("The best serum and anti-inflammatory too.")
    assert english.rewritten == "One of my favourites serum and soothing too."
    assert check_compliance("保证有效").rewritten is None


def test_a_100k_character_note_completes_and_finds_the_planted_terms() -> None:
    unit = CLEAN_NOTES[0] + "\n" + CLEAN_NOTES[8] + "\n"  # clean copy, cut only at whole notes
    filler = unit * (34_000 // len(unit))
    planted = ["最好", "vx: glow_2024", "guaranteed"]
    text, expected = "", []
    for term in planted:
        text += filler + " "
        expected.append((term, len(text)))
        text += term + " "
    assert len(text) >= 100_000
    started = time.perf_counter()
    report = check_compliance(text)
    elapsed = time.perf_counter() - started
    assert [(issue.term, issue.start) for issue in report.issues] == expected
    assert report.checked_chars == len(text)
    assert elapsed < 10, f"{elapsed:.1f}s for {len(text)} characters"  # typically well under a second


def test_a_long_run_of_one_character_stays_fast() -> None:
    for text in ("a" * 100_000, "1" * 100_000, "最" * 100_000, "a." * 50_000):
        started = time.perf_counter()
        check_compliance(text)
        assert time.perf_counter() - started < 10


# --- rule files ----------------------------------------------------------------------------------------------


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """A copy of the packaged rule files that a test may edit, as an admin would."""
    target = tmp_path / "compliance"
    target.mkdir()
    source = packaged_rules_dir()
    for name in FILES.values():
        (target / name).write_text(source.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def append_line(path: Path, line: str) -> int:
    """Append a line and return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("absolute_terms.tsv", "最牛\thgh\t=> 很不错", "bad severity 'hgh'"),
        ("medical_claims.tsv", "re:治(疗\thigh\t删去", "bad regex 're:治(疗'"),
        ("guarantees.tsv", "包赚钱\thigh", "expected 3 TAB-separated columns"),
        ("superstition.tsv", "re:x?\tmedium\t删去", "matches the empty string"),
        ("diversion.tsv", "加我\thigh\t=>", "'=>' needs the replacement text"),
        ("disclosure.tsv", "hint\t恰饭\tmedium\t加上#广告", "unknown kind 'hint'"),
        ("disclosure.tsv", "marker\tre:[广告", "bad regex"),
    ],
)
def test_a_malformed_rules_file_gives_a_one_line_error_naming_file_and_line(
    rules_dir: Path, name: str, line: str, reason: str
) -> None:
    lineno = append_line(rules_dir / name, line)
    with pytest.raises(ValueError) as caught:
        ComplianceRules.load(rules_dir)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{rules_dir / name}:{lineno}: ")
    assert reason in message


def test_a_missing_rules_file_is_named(rules_dir: Path) -> None:
    (rules_dir / "superstition.tsv").unlink()
    with pytest.raises(ValueError, match=r"superstition\.tsv: compliance rules file missing"):
        ComplianceRules.load(rules_dir)


def test_rules_loaded_from_a_directory_override_the_packaged_ones(rules_dir: Path) -> None:
    text = "这款是爆款神器，完美通勤"
    assert [issue.term for issue in check_compliance(text).issues] == ["完美"]
    absolute = rules_dir / "absolute_terms.tsv"
    # The admin drops 完美 and adds a term of their own.
    kept = [
        line for line in absolute.read_text(encoding="utf-8").split("\n") if not line.startswith("re:完美")
    ]
    absolute.write_text("\n".join(kept), encoding="utf-8")
    append_line(absolute, "爆款神器\thigh\t=> 热门单品 ;; 需有销量依据")
    report = check_compliance(text, ComplianceRules.load(rules_dir))
    assert issues_of(report) == [("爆款神器", "absolute_term", 3, 7, "high")]
    assert report.issues[0].suggestion == "改为“热门单品”（需有销量依据）"
    assert report.rewritten == "这款是热门单品，完美通勤"
    assert [issue.term for issue in check_compliance(text).issues] == ["完美"]  # packaged rules untouched


def test_an_admin_can_add_a_disclosure_marker(rules_dir: Path) -> None:
    text = "恰饭啦～ 合作笔记"
    assert not check_compliance(text).ok
    append_line(rules_dir / "disclosure.tsv", "marker\t合作笔记")
    assert check_compliance(text, ComplianceRules.load(rules_dir)).ok


def test_the_packaged_rules_cover_every_category() -> None:
    rules = ComplianceRules.load(packaged_rules_dir())
    assert {rule.category for rule in rules.rules} == set(FILES)
    assert rules.markers


# --- properties ----------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [term for _, term, _, _, _ in PLANTED]
    + [
        "第一次",
        "最近",
        "best friend",
        "2024年",
        "1399元",
        "#广告",
        "😀",
        "\u200b",
        "，",
        " ",
        "a",
        "1",
        "最",
        "好",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_any_mix_of_terms_gives_a_well_formed_report(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert_well_formed(text, check_compliance(text))


def test_a_missing_label_is_reported_even_when_its_phrase_contains_another_term() -> None:
    text = "受品牌独家邀请参加发布会"
    report = check_compliance(text)
    assert issues_of(report) == [
        ("受品牌独家邀请", "missing_disclosure", 0, 7, "medium"),
        ("独家", "absolute_term", 3, 5, "high"),
    ]
    assert_well_formed(text, report)
