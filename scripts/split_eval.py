"""Split a helper-written evaluation file into a tuning part and a held-back part, before anyone reads it.

Messages are split per (act, language) so both parts have every act; conversations are split whole. The split
is seeded, so rerunning it on the same file gives the same parts.

    python scripts/split_eval.py messages SRC TRAIN HOLDOUT [--share 0.3]
    python scripts/split_eval.py dialogues SRC TRAIN HOLDOUT [--share 0.4]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["messages", "dialogues"])
    parser.add_argument("source", type=Path)
    parser.add_argument("train", type=Path)
    parser.add_argument("holdout", type=Path)
    parser.add_argument("--share", type=float, default=None)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.source.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(args.seed)
    share = args.share if args.share is not None else (0.3 if args.kind == "messages" else 0.4)
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for row in rows:
        key = (
            (row["act"], row["lang"]) if args.kind == "messages" else (row.get("kb", ""), row.get("lang", ""))
        )
        groups[key].append(row)
    train: list[dict] = []
    held: list[dict] = []
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        cut = round(len(members) * share)
        held += members[:cut]
        train += members[cut:]
    for path, part in ((args.train, train), (args.holdout, held)):
        with path.open("a", encoding="utf-8") as out:
            for row in part:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(
        f"{args.source.name}: {len(train)} to {args.train.name}, {len(held)} held back in {args.holdout.name}"
    )


if __name__ == "__main__":
    main()
