"""Tokens for the lexical index: jieba for Chinese, lower-cased words for English, stop words removed.

jieba takes about half a second to load its dictionary, so it is imported on first use.
"""

from __future__ import annotations

import re
import threading
from functools import cache

from bot.resources import categories, glossary

# Kept as data in a string: a list literal of 200 words would drown the module.
_STOP_WORDS = """
的 了 和 是 在 我 有 也 就 都 而 及 与 着 或 一个 没有 我们 你们 他们 她们 这个 那个 这些 那些 什么 怎么 怎样 如何 为什么
哪些 哪个 可以 能 会 要 吗 呢 吧 啊 呀 哦 嘛 么 把 被 让 给 对 从 到 向 为 以 于 上 下 中 里 这 那 很 还 更 一下 一些
不 没 请 帮 帮我 想 需要 应该 是否 多少 几 个 篇 些 该 用 做 做好 如果 因为 所以 但是 然后
a an the and or of to in on for with at by from is are was were be been being it its this that these those i me
my we our you your he she they them their what which who whom how why when where do does did can could should
would will shall may might must about into than then there here so if as not no yes any some all more most much
many very just also get got have has had make makes one us
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z0-9][a-z0-9+.'-]*[a-z0-9+]|[a-z0-9]")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_lock = threading.Lock()


@cache
def _jieba():  # type: ignore[no-untyped-def]
    with _lock:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        # Marketing terms and category words jieba's general dictionary splits badly (达人, 以油养肤, 早C晚A...).
        for group in glossary():
            for term in group:
                if _HAS_CJK.search(term) and " " not in term:
                    jieba.add_word(term, freq=20000)
        for category in categories().values():
            for term in (category.zh, *category.keywords):
                if _HAS_CJK.search(term) and " " not in term:
                    jieba.add_word(term, freq=20000)
        jieba.initialize()
        return jieba


def _stem(word: str) -> str:
    # Light plural folding so "influencers" finds "influencer"; anything smarter hurts brand names.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Search tokens of a text, in order, lower-cased, without stop words or punctuation."""
    lowered = text.lower()
    out: list[str] = []
    if _HAS_CJK.search(lowered):
        for piece in _jieba().cut_for_search(lowered):
            piece = piece.strip()
            if not piece or piece in _STOP:
                continue
            if _HAS_CJK.search(piece):
                out.append(piece)
            else:
                out.extend(_stem(w) for w in _WORD.findall(piece) if w not in _STOP)
    else:
        out.extend(_stem(w) for w in _WORD.findall(lowered) if w not in _STOP)
    return out


_KEYWORD_STOP = _STOP | frozenset(
    [
        "真的",
        "感觉",
        "觉得",
        "就是",
        "还是",
        "已经",
        "非常",
        "特别",
        "一下",
        "这次",
        "今天",
        "自己",
        "大家",
        "姐妹",
        "姐妹们",
        "宝子",
        "宝子们",
        "时候",
        "一定",
        "不会",
        "可能",
        "知道",
        "看到",
        "之前",
        "之后",
        "现在",
        "还有",
        "而且",
        "然后",
        "其实",
        "比较",
        "有点",
        "一直",
        "每天",
        "一样",
        "不是",
        "没有",
        "不要",
        "这样",
        "那么",
        "这么",
        "很多",
        "一些",
        "一点",
        "出来",
        "起来",
        "下来",
        "东西",
        "问题",
        "地方",
        "分享",
        "推荐",
        "笔记",
        "评论",
        "评论区",
        "小红书",
        "大概",
        "左右",
        "不过",
        "虽然",
        "只是",
        "只有",
        "开始",
        "最后",
        "还在",
        "真是",
        "记得",
        "可以",
        "需要",
        "建议",
        "以后",
        "时间",
        "第一次",
        "一篇",
        "一个",
        "两个",
        "几个",
        "个人",
        "本人",
        "适合",
        "适合我",
    ]
)


def keywords(text: str) -> set[str]:
    """Content words of a text for trend counting: jieba's precise mode (whole words, no overlapping
    sub-words as in search mode), at least two characters, no stop words or numbers."""
    lowered = text.lower()
    words: set[str] = set()
    pieces = _jieba().lcut(lowered) if _HAS_CJK.search(lowered) else _WORD.findall(lowered)
    for piece in pieces:
        piece = piece.strip()
        if len(piece) < 2 or piece in _KEYWORD_STOP or piece.isdigit():
            continue
        if _HAS_CJK.search(piece) or (piece.isascii() and piece.isalpha() and len(piece) >= 3):
            words.add(piece)
    return words
