"""Match a product onto 3–8 entries of its locale's tag vocabulary.

Evidence, strongest first (a tag's `why` is its strongest reason):
- `keyword`: the product's own facts name the entry: its category is the entry's path (or an
  ancestor of it), or every word of the tag occurs in the title, keywords, category or
  attribute values (jieba tokens for Chinese, with the vocabulary's tags added to jieba's
  dictionary so `保温杯` stays one word; lowercase word tokens with a plural fold for English).
- `proposal`: the model proposed a string that maps onto the entry (same text, or the nearest
  entry by embedding at cosine >= PROPOSAL_MIN_COSINE). A proposal that maps to nothing, or to
  an entry unrelated to the product, is dropped: the vocabulary decides.
- `embedding`: cosine of the product text (title + keywords) with the tag >= EMBEDDING_MIN_COSINE.

Every returned tag is a vocabulary row; output is deterministic (scores rounded, ties by path).
Thresholds were chosen by `python -m bench.tags_measure` on worker/samples/catalog.jsonl (see
the constants below for the numbers).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from sqlalchemy import Text, func, literal, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import is_chinese
from worker.models import TagVocabulary
from worker.tags import embeddings
from worker.tags.vocabulary import SEPARATOR, normalise_path

Why = Literal["keyword", "proposal", "embedding"]

# Which vocabulary serves which product locale (names as loaded by `shelfwriter vocab defaults`).
DEFAULT_VOCABULARIES: dict[str, tuple[str, str]] = {
    "en": ("google", "en"),
    "zh-CN": ("shelfwriter-zh", "zh-CN"),
}

# Thresholds (cosine, USE multilingual v3), measured with `python -m bench.tags_measure` on the
# 50 sample products (25 en against the 5,595-entry Google taxonomy, 25 zh against zh-CN.txt);
# an entry counts as relevant when it shares the first two levels of the product's category.
# - EMBEDDING_MIN_COSINE: an embedding-only candidate (top 8). Precision en/zh: 0.53/0.53 at
#   0.30, 0.57/0.61 at 0.40, 0.72/0.66 at 0.45, 0.80/0.68 at 0.50 (but only 10 en candidates
#   for 25 products). 0.45 is the first point above 0.7 (en) that still finds ~1 per product;
#   the matcher also keeps embedding-only hits inside the category's top level.
EMBEDDING_MIN_COSINE = 0.45
# - RELATED_MIN_COSINE: a keyword or proposal hit must still resemble the product this much
#   (drops e.g. the beverage `Water` for a water bottle). Of the keyword hits outside the
#   category's subtree, 51/60 (en) and 54/85 (zh, mostly facets, which are exempt) are below it.
RELATED_MIN_COSINE = 0.25
# - PROPOSAL_MIN_COSINE: a proposal maps onto its nearest entry at or above this. With the
#   samples' keywords as proposals: en 42/75 mapped at 0.60 (62 at 0.50), zh 70/75; the six
#   off-vocabulary strings per language peaked at 0.36–0.80 (the high ones hit real entries
#   such as `送礼`/gift tags), so the product-resemblance rule above does the rejecting.
PROPOSAL_MIN_COSINE = 0.60

# Score = cosine + bonuses; bonuses only order the evidence (category lineage, then keyword,
# then proposal, then embedding) and keep the most specific lineage entry first.
LINEAGE_BONUS = 0.5
KEYWORD_BONUS = 0.25
PROPOSAL_BONUS = 0.15
MAX_PROPOSALS = 16
_SCORE_DECIMALS = 4  # round before sorting: BLAS thread counts may change the last bits

_EN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_EN_STOP = frozenset({"and", "or", "the", "of", "for", "with", "a", "an", "in", "on", "to", "s"})


@dataclass(frozen=True)
class TagMatch:
    tag: str
    path: str
    score: float
    why: Why


def _fold_en(word: str) -> str:
    """A plural fold good enough to meet `Water Bottles` with `water bottle`."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _Tokenizer:
    def __init__(self, chinese: bool, words: Iterable[str]) -> None:
        self.chinese = chinese
        self._jieba: Any = None
        if chinese:
            import jieba

            # A private dictionary so adding the vocabulary's words leaves other users of the
            # global jieba instance alone.
            tk = jieba.Tokenizer()
            tk.initialize()
            for w in sorted(set(words)):
                if len(w) > 1:
                    tk.add_word(w, freq=100_000)
            self._jieba = tk

    def tokens(self, text: str) -> set[str]:
        if self.chinese:
            out = set()
            for tok in self._jieba.lcut(text.lower(), HMM=False):
                tok = tok.strip()
                if tok and not tok.isspace() and any(ch.isalnum() for ch in tok):
                    out.add(tok)
            # English words inside Chinese text (`TPE`, `T恤`) are folded the same way.
            return out | {_fold_en(w) for w in _EN_WORD.findall(text.lower())}
        return {_fold_en(w) for w in _EN_WORD.findall(text.lower()) if w not in _EN_STOP}


def _product_text(facts: ProductFacts) -> str:
    """What is embedded for a product: title and keywords (attributes lowered the cosine of
    the true category in the measurement: median 0.27 vs 0.36)."""
    parts = [facts.title.strip()]
    if facts.keywords:
        parts.append(", ".join(k.strip() for k in facts.keywords if k.strip()))
    return ". ".join(p for p in parts if p)


def _keyword_text(facts: ProductFacts) -> str:
    # String values only: `true`/`false` and bare numbers name no tag.
    values = [v for _, v in sorted(facts.attributes.items()) if isinstance(v, str)]
    parts = [facts.title, " ".join(facts.keywords), facts.category or "", " ".join(values)]
    return "\n".join(parts)


class TagMatcher:
    """The entries of one vocabulary and locale, their embeddings and keyword index."""

    def __init__(
        self,
        vocabulary: str,
        locale: str,
        entries: Sequence[tuple[str, str, bytes | None]],
        version: str = "",
    ) -> None:
        self.vocabulary = vocabulary
        self.locale = locale
        self.version = version
        rows = sorted(entries, key=lambda e: e[1])  # by path: a deterministic order
        self.tags = [r[0] for r in rows]
        self.paths = [r[1] for r in rows]
        self._index = {p: i for i, p in enumerate(self.paths)}
        self._by_tag: dict[str, list[int]] = {}
        for i, t in enumerate(self.tags):
            self._by_tag.setdefault(t.casefold(), []).append(i)
        self._by_casefold_path = {p.casefold(): i for i, p in enumerate(self.paths)}
        self._roots = [p.split(SEPARATOR, 1)[0] for p in self.paths]
        # A facet (`属性 > 材质 > 纯棉`) hangs under a group that is not itself an entry: it
        # describes any product, so the category's subtree does not constrain it.
        self._facet = [r not in self._index for r in self._roots]
        matrix = np.zeros((len(rows), embeddings.DIM), dtype=np.float32)
        for i, r in enumerate(rows):
            if r[2] is not None:
                matrix[i] = embeddings.from_bytes(r[2])
        self.matrix = matrix
        self._tokenizer = _Tokenizer(is_chinese(locale), self.tags)
        self._tag_tokens = [frozenset(self._tokenizer.tokens(t)) for t in self.tags]

    def __len__(self) -> int:
        return len(self.paths)

    # ---- lineage -------------------------------------------------------------------------
    def _ancestors(self, i: int) -> list[int]:
        segs = self.paths[i].split(SEPARATOR)
        out = []
        for d in range(len(segs) - 1, 0, -1):
            j = self._index.get(SEPARATOR.join(segs[:d]))
            if j is not None:
                out.append(j)
        return out

    def _anchor(self, category: str | None) -> int | None:
        """The entry the product's category names: its exact path, else the entry whose tag is
        the category's leaf sharing most of its path."""
        if not category or not category.strip():
            return None
        cat = normalise_path(category)
        exact = self._by_casefold_path.get(cat.casefold())
        if exact is not None:
            return exact
        segs = {s.casefold() for s in cat.split(SEPARATOR)}
        candidates = self._by_tag.get(cat.rsplit(SEPARATOR, 1)[-1].casefold(), [])

        def key(i: int) -> tuple[int, str]:
            shared = sum(1 for s in self.paths[i].split(SEPARATOR) if s.casefold() in segs)
            return (-shared, self.paths[i])

        return min(candidates, key=key) if candidates else None

    def _named(self, text: str, i: int) -> bool:
        return text.strip().casefold() == self.tags[i].casefold() or (
            frozenset(self._tokenizer.tokens(text)) == self._tag_tokens[i]
        )

    # ---- matching ------------------------------------------------------------------------
    def _map_proposal(
        self, text: str, vector: np.ndarray[Any, Any], min_cosine: float = PROPOSAL_MIN_COSINE
    ) -> int | None:
        """The entry a proposal names: same tag text, then same words, then nearest by
        embedding (>= PROPOSAL_MIN_COSINE). Ties go to the first path."""
        same = self._by_tag.get(text.strip().casefold())
        if same:
            return same[0]
        toks = frozenset(self._tokenizer.tokens(text))
        if toks:
            for i, tt in enumerate(self._tag_tokens):
                if tt == toks:
                    return i
        if not len(self):
            return None
        sims = self.matrix @ vector
        j = int(np.argmax(sims))
        return j if float(sims[j]) >= min_cosine else None

    def match(
        self,
        facts: ProductFacts,
        proposals: Sequence[str] = (),
        k_min: int = 3,
        k_max: int = 8,
    ) -> list[TagMatch]:
        """k_min..k_max tags for `facts` (fewer only if the vocabulary is that small)."""
        if k_min > k_max:
            raise ValueError("k_min > k_max")
        n = len(self)
        if n == 0:
            return []
        clean: list[str] = []
        for p in proposals:
            s = p.strip() if isinstance(p, str) else ""
            if s and s.casefold() not in {c.casefold() for c in clean}:
                clean.append(s)
        clean = clean[:MAX_PROPOSALS]
        vectors = embeddings.embed([_product_text(facts), *clean])
        cos = np.round(self.matrix @ vectors[0], _SCORE_DECIMALS)

        reasons: dict[int, set[Why]] = {}
        bonus = np.zeros(n, dtype=np.float64)

        anchor = self._anchor(facts.category)
        if anchor is not None:
            lineage = [anchor, *self._ancestors(anchor)]
            depth = len(lineage)
            for rank, i in enumerate(lineage):
                # The most specific entry first, then up the tree.
                bonus[i] += LINEAGE_BONUS * (depth - rank) / depth + KEYWORD_BONUS
                reasons.setdefault(i, set()).add("keyword")

        def plausible(i: int) -> bool:
            # Outside the category's subtree only with embedding-level evidence: keeps the
            # instrument `Brass Instruments` off a brass stapler, `Laptops` off a notebook.
            if cos[i] < RELATED_MIN_COSINE:
                return False
            if self._facet[i] or anchor is None or self._roots[i] == self._roots[anchor]:
                return True
            return bool(cos[i] >= EMBEDDING_MIN_COSINE)

        def near_anchor(i: int) -> bool:
            # Shares the category's first two levels (`Home & Garden > Kitchen & Dining`).
            if anchor is None:
                return False
            a = self.paths[anchor].split(SEPARATOR)[:2]
            return self.paths[i].split(SEPARATOR)[: len(a)] == a

        product_tokens = self._tokenizer.tokens(_keyword_text(facts))
        for i, tt in enumerate(self._tag_tokens):
            # A facet named word for word by the product (jieba's exact word) needs no cosine.
            if tt and tt <= product_tokens and (self._facet[i] or plausible(i)):
                if "keyword" not in reasons.get(i, set()):
                    bonus[i] += KEYWORD_BONUS
                reasons.setdefault(i, set()).add("keyword")

        for text, vec in zip(clean, vectors[1:], strict=True):
            j = self._map_proposal(text, vec)
            # Nothing in the vocabulary, or an entry unlike the product: dropped. A proposal
            # naming an entry beside the category (`Drinkware` for a water bottle) is kept
            # even where the short tag embeds far from the product text.
            if j is None or not (
                j in reasons or plausible(j) or (self._named(text, j) and near_anchor(j))
            ):
                continue
            if "proposal" not in reasons.get(j, set()):
                bonus[j] += PROPOSAL_BONUS
            reasons.setdefault(j, set()).add("proposal")

        for hit in np.flatnonzero(cos >= EMBEDDING_MIN_COSINE).tolist():
            i = int(hit)
            if self._facet[i] or anchor is None or self._roots[i] == self._roots[anchor]:
                reasons.setdefault(i, set()).add("embedding")

        score = np.round(cos + bonus, _SCORE_DECIMALS)
        order = sorted(reasons, key=lambda i: (-score[i], self.paths[i]))
        # Pad from the vocabulary only: ancestors of what was found, then the nearest rest.
        pad = [a for i in order for a in self._ancestors(i)]
        pad += sorted(range(n), key=lambda i: (-score[i], self.paths[i]))
        chosen: list[int] = []
        seen_tags: set[str] = set()
        for i in [*order, *pad]:
            if len(chosen) >= (k_max if i in reasons else k_min):
                if i in reasons:
                    continue
                break
            # One entry per tag text: `女装 > 外套` and `童装 > 外套` read the same to a shopper.
            if self.tags[i].casefold() in seen_tags:
                continue
            seen_tags.add(self.tags[i].casefold())
            chosen.append(i)
            reasons.setdefault(i, {"embedding"})
        return [
            TagMatch(
                tag=self.tags[i],
                path=self.paths[i],
                score=float(score[i]),
                why=_strongest(reasons[i]),
            )
            for i in chosen
        ]


def _strongest(reasons: set[Why]) -> Why:
    for why in ("keyword", "proposal", "embedding"):
        if why in reasons:
            return why
    return "embedding"


# ---- per-process cache ---------------------------------------------------------------------
_cache: dict[tuple[str, str], TagMatcher] = {}
_cache_lock = threading.Lock()


def vocabulary_for(locale: str) -> tuple[str, str]:
    """(vocabulary name, vocabulary locale) serving products of `locale` (`en-US` → `en`)."""
    if locale in DEFAULT_VOCABULARIES:
        return DEFAULT_VOCABULARIES[locale]
    base = locale.split("-")[0].lower()
    for key, value in sorted(DEFAULT_VOCABULARIES.items()):
        if key.split("-")[0].lower() == base:
            return value
    raise LookupError(f"no tag vocabulary for locale {locale!r}")


def vocabulary_version(session: Session, vocabulary: str, locale: str) -> str:
    """Changes whenever a row is added, removed, renamed or re-embedded (a few ms for the
    5,595-row taxonomy), so a reload is picked up by running workers on their next batch."""
    where = (TagVocabulary.vocabulary == vocabulary, TagVocabulary.locale == locale)
    count, max_id, digest = session.execute(
        select(
            func.count(),
            func.max(TagVocabulary.id),
            func.md5(
                func.string_agg(
                    func.concat_ws(
                        "|", TagVocabulary.id, TagVocabulary.tag, TagVocabulary.embedding_model
                    ),
                    aggregate_order_by(literal("\n", Text), TagVocabulary.id),
                )
            ),
        ).where(*where)
    ).one()
    return f"{count}:{max_id}:{digest}"


def get_matcher(session: Session, vocabulary: str, locale: str) -> TagMatcher:
    """The process's matcher for a vocabulary, rebuilt only when its version changed."""
    version = vocabulary_version(session, vocabulary, locale)
    key = (vocabulary, locale)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None and cached.version == version:
            return cached
    rows = session.execute(
        select(TagVocabulary.tag, TagVocabulary.path, TagVocabulary.embedding).where(
            TagVocabulary.vocabulary == vocabulary, TagVocabulary.locale == locale
        )
    ).all()
    matcher = TagMatcher(vocabulary, locale, [(r[0], r[1], r[2]) for r in rows], version)
    with _cache_lock:
        _cache[key] = matcher
    return matcher


def match_product(
    session: Session,
    facts: ProductFacts,
    proposals: Sequence[str] = (),
    *,
    vocabulary: str | None = None,
    k_min: int = 3,
    k_max: int = 8,
) -> list[TagMatch]:
    """Tags for a product from the vocabulary serving its locale (or `vocabulary`)."""
    name, vocab_locale = vocabulary_for(facts.locale)
    matcher = get_matcher(session, vocabulary or name, vocab_locale)
    if not len(matcher):
        raise LookupError(
            f"tag vocabulary {vocabulary or name!r}/{vocab_locale} is empty: run"
            " `shelfwriter vocab defaults`"
        )
    return matcher.match(facts, proposals, k_min=k_min, k_max=k_max)
