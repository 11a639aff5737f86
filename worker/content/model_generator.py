"""The real content step: prompts → ONNX model (batched across products) → candidates →
guards → discriminator → one result per unit.

Candidates and a discriminator (the seeds' GAN idea made practical): the model samples N
candidates per unit with a fixed seed (reproducible); each is cleaned, run through the
deterministic guards, and the passing ones are scored on attribute coverage, fluency and
distinctness from the category's other copy. The best passing candidate wins; when none
passes, the unit fails with the reasons and the previous good content stays.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import not_chinese, serving_language
from worker.config import Settings, get_settings
from worker.content import demos as house
from worker.content import discriminator, prompts
from worker.content.consensus import consensus
from worker.content.editor import edit
from worker.content.english import capital
from worker.content.fact_sentences import fact_sentences
from worker.content.generator import ContentResult, GenerationContext
from worker.content.guards import GuardReport, hamming, run_guards, simhash
from worker.content.guards.audience import contradicting_words
from worker.content.guards.claims import unsupported_claim_words
from worker.content.guards.corpus import FactsText, is_sparse, is_title_only, says_only_title
from worker.content.guards.echo import audience_words
from worker.content.guards.entities import foreign_brand_words
from worker.content.guards.filler import filler_words
from worker.content.guards.sentences import (
    Dropped,
    Grounded,
    ground_sentences,
    split_sentences,
)
from worker.content.guards.specifics import allowed_words, restates_title, supported_share
from worker.content.guards.style import SPARSE_DESCRIPTION_MIN
from worker.content.inputs import flatten_attributes, prepare_facts
from worker.content.plan import WorkItem
from worker.content.title_copy import (
    caption,
    end_sentence,
    informative,
    is_clause,
    lead_variants,
    product_heads,
    says_every_fact,
    starts_sentence,
    title_lead,
    zh_field_joints,
)
from worker.models import ContentKind
from worker.runtime import GenerationParams, GenerationResult, OnnxModel, load_model
from worker.runtime.device import Device
from worker.runtime.generation import Ban, Message
from worker.runtime.manifest import read_manifest
from worker.runtime.model import context_length, lexicon_ban, read_genai_config
from worker.runtime.registry import ModelNotExportedError, default_model_dir, serving_model_dir
from worker.tags.matcher import TagMatcher

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# Fixed seed: the same batch regenerated gives the same candidates (reviewable, testable).
SEED = 20261122

NO_CANDIDATE = "no candidate passed the guards: "
# Candidates per unit, on either device. On the CPU it was 2 while each candidate paid its
# prompt's prefill; with the cached loop a candidate costs only its decode, and on the
# sparse catalogs 4 published every description against 0.93 (en) and 0.78 (zh) with 2, in
# 1.6x / 1.4x the wall time (evaluation/results/README.md, "Candidates").
DEFAULT_CANDIDATES = 4
# The strict pass's token budget (about 60 English words or 80 Chinese characters).
STRICT_MAX_NEW_TOKENS = 96
# A sparse product's description budget: its prompt asks for one or two sentences (20 to
# 50 words, 30 to 60 characters); the long budget only gave room to invent.
SPARSE_MAX_NEW_TOKENS = {"en": 80, "zh": 72}


@dataclass(frozen=True)
class KindParams:
    max_new_tokens: dict[str, int]  # per language: Chinese needs ~1 token per character
    candidates: bool = True  # sample N candidates (else one greedy decode)
    stop: tuple[str, ...] = ()


KIND_PARAMS: dict[ContentKind, KindParams] = {
    # Budgets from the prompts' asked lengths (en 50-120 words ≈ 70-160 tokens; zh 80-150
    # characters ≈ 60-120 Qwen tokens) plus slack; a padded batch runs to its longest row.
    ContentKind.description: KindParams({"en": 160, "zh": 150}),
    ContentKind.recommendation_copy: KindParams({"en": 56, "zh": 48}, stop=("\n",)),
    ContentKind.review_summary: KindParams({"en": 120, "zh": 150}),
    # Tag proposals: one greedy list; the vocabulary decides (see worker.tags).
    ContentKind.tags: KindParams({"en": 40, "zh": 40}, candidates=False, stop=("\n",)),
}

# Preambles small chat models like to emit before the answer.
_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|certainly|okay|ok|here(?:'s| is| are)?)[^\n:]*[:!.]\s*|"
    r"(?:product\s+)?(?:description|summary|tags|recommendation)\s*[:：]\s*|"
    r"(?:商品)?(?:描述|推荐语|标签|总结)\s*[:：]\s*)",
    re.IGNORECASE,
)


# The chat model's sign-offs, which no shop prints: cut as an editor would ("希望这能帮到您！"
# closed a dev-split description).
_SIGN_OFF = re.compile(
    r"(?:希望(?:这|以上|本)?(?:能|可以|对您)?(?:帮到|帮助|有所帮助|有帮助)[^。！？]*|如(?:果您?)?有(?:任何|其他)"
    r"(?:问题|需要)[^。！？]*|(?:i )?hope (?:this|that) helps[^.!?]*|let me know if[^.!?]*|"
    r"feel free to (?:ask|reach)[^.!?]*)[。！？.!?]?\s*$",
    re.IGNORECASE,
)


# A sentence ends at 。！？ or at .!? followed by a space or the end ("22.5 W" is no end).
_SENTENCE_END_RE = re.compile(r"[。！？]|[.!?](?=\s|$)")


def trim_sentences(text: str, kind: ContentKind) -> str:
    """What an editor does with a cut-off candidate: a one-line recommendation keeps its
    first sentence; prose that stopped mid-sentence (token budget) keeps its complete
    sentences. If nothing complete is left, the text is returned as is and the guards
    judge it."""
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    if not ends:
        return text
    if kind == ContentKind.recommendation_copy:
        return text[: ends[0]].strip()
    if ends[-1] < len(text.rstrip()):
        return text[: ends[-1]].strip()
    return text


def clean_candidate(text: str, kind: ContentKind) -> str:
    """Normalise a raw model output into copy: no preamble, quotes or stray markup;
    trimmed to complete sentences."""
    quotes = "\"'“”‘’「」 "
    text = text.strip().strip(quotes)
    for _ in range(2):
        text = _PREAMBLE.sub("", text, count=1).strip().strip(quotes)
    text = re.sub(r"\*\*|__|^#+\s*", "", text, flags=re.MULTILINE)
    if kind == ContentKind.recommendation_copy:
        text = text.splitlines()[0].strip() if text else text
    text = re.sub(r"[ \t]+", " ", re.sub(r"\n{2,}", "\n", text)).strip()
    if kind == ContentKind.tags:
        return text
    text = trim_sentences(text, kind)
    while (cut := _SIGN_OFF.sub("", text).strip()) != text:
        text = cut
    return text


def _distinct_ratio(text: str, n: int = 3) -> float:
    """Share of distinct character n-grams: low when the model loops."""
    grams = [text[i : i + n] for i in range(max(len(text) - n + 1, 0))]
    return len(set(grams)) / len(grams) if grams else 0.0


def _mentions_product(text: str, facts: ProductFacts) -> bool:
    """Does the copy name the product? A title word (en) or a 2-character piece of the
    title (zh), or the brand: copy that never names what it sells is off-topic."""
    lowered = text.lower()
    if facts.brand and facts.brand.lower() in lowered:
        return True
    if serving_language(facts.locale) == "zh":
        title = re.sub(r"\s+", "", facts.title)
        return any(title[i : i + 2] in text for i in range(len(title) - 1))
    words = [w for w in re.findall(r"[a-z]{4,}", facts.title.lower())]
    return any(w in lowered for w in words)


def _coverage(text: str, facts: ProductFacts, attributes: list[tuple[str, str]]) -> float:
    """Half: does it name the product; half: share of attribute values it mentions."""
    values = [v.lower() for _, v in attributes if v and len(v) <= 40]
    lowered = text.lower()
    share = sum(1 for v in values if v in lowered) / len(values) if values else 1.0
    return 0.5 * float(_mentions_product(text, facts)) + 0.5 * share


@dataclass
class Scored:
    text: str
    report: GuardReport
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)  # sentences cut, and why
    cleaned: str = ""  # the candidate before sentence grounding

    @property
    def failures(self) -> list[str]:
        """Why it was refused: a candidate whose every sentence was dropped failed for its
        sentences' reasons (its empty remainder's "too short" says nothing)."""
        if not self.text and self.dropped:
            return [f for d in self.dropped for f in d.failures]
        return self.report.failures


# Score weights: (coverage, fluency, distinctness, human-likeness). Without the
# discriminator the first three as before; with it, it takes a third and coverage keeps
# the largest share, since style must not outrank saying the facts.
WEIGHTS_PLAIN = (0.5, 0.3, 0.2, 0.0)
WEIGHTS_DISCRIMINATOR = (0.4, 0.15, 0.1, 0.35)


# How much the model's own confidence in a candidate (the geometric mean of its tokens'
# probabilities) weighs: the score is multiplied by (1 - w) + w * confidence.
CONFIDENCE_WEIGHT = 0.0


def combine(
    parts: dict[str, float],
    weights: tuple[float, float, float, float],
    confidence_weight: float | None = None,
    supported_weight: float = 0.0,
    consensus_weight: float = 0.0,
) -> float:
    """The score from its parts (`parts["kept"]`: share of sentences grounding kept;
    `parts["confidence"]`: the model's confidence in its tokens, where the loop reports it;
    `parts["consensus"]`: its agreement with the other candidates, relative to the best)."""
    names = ("coverage", "fluency", "distinctness", "human")
    score = sum(w * parts.get(n, 0.0) for w, n in zip(weights, names, strict=True))
    if "kept" in parts:
        # Prefer what the model got right unedited: each cut costs a share of the score.
        score *= 0.5 + 0.5 * parts["kept"]
    if "supported" in parts:
        # Of two candidates the guards passed, the one guessing fewer details wins unless
        # the other says clearly more of the facts (Settings.supported_weight).
        score *= (1 - supported_weight) + supported_weight * parts["supported"]
    if "consensus" in parts:
        # What most samples say is what the model is sure of (worker/content/consensus.py).
        score *= (1 - consensus_weight) + consensus_weight * parts["consensus"]
    w = CONFIDENCE_WEIGHT if confidence_weight is None else confidence_weight
    if "confidence" in parts:
        score *= (1 - w) + w * parts["confidence"]
    return score


# The score of a candidate that only says "X is a X" (`guards.specifics.restates_title`).
RESTATES_FACTOR = 0.5


# Context (tokens) a model needs before the prompt shows it the house examples: they and a
# product's facts take well under 1,000 tokens of the default model's 32,768.
MIN_CONTEXT_FOR_DEMOS = 4096


@functools.cache
def _context_length(model_dir: Path) -> int:
    """The model's context from its genai_config.json, without loading it (0 if unreadable:
    loading the model will say what is wrong)."""
    try:
        return context_length(read_genai_config(model_dir))
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def score_candidate(
    text: str,
    finish: str,
    facts: ProductFacts,
    attributes: list[tuple[str, str]],
    neighbour_hashes: Sequence[int],
    human: float | None = None,
    kept: float | None = None,
    mean_logprob: float | None = None,
    supported: float | None = None,
    supported_weight: float = 0.0,
    consensus: float | None = None,
    consensus_weight: float = 0.0,
    describes: bool = True,
) -> tuple[float, dict[str, float]]:
    """Score in [0, 1] for a candidate that passed the guards: coverage of the product's
    facts, fluency (no loops, finished), distinctness from the category's other copy,
    `human` (the discriminator's P(human), when it ranks), `kept` (the share of its
    sentences grounding kept, when it dropped any), `supported` (the share of its
    content words the facts or shop prose carry) and `consensus` (its agreement with the
    unit's other candidates, relative to the most central); `describes`: the copy is a
    description (only there is restating the title penalised)."""
    fluency = _distinct_ratio(text) * (1.0 if finish in ("eos", "stop") else 0.7)
    coverage = _coverage(text, facts, attributes)
    own = simhash(text)
    nearest = min((hamming(own, h) for h in neighbour_hashes), default=64)
    distinct = nearest / 64
    parts = {"coverage": coverage, "fluency": fluency, "distinctness": distinct}
    if kept is not None:
        parts["kept"] = kept
    if mean_logprob is not None:
        parts["confidence"] = math.exp(mean_logprob)
    if supported is not None:
        parts["supported"] = supported
    if consensus is not None:
        parts["consensus"] = consensus
    weights = WEIGHTS_PLAIN
    if human is not None:
        parts["human"] = human
        weights = WEIGHTS_DISCRIMINATOR
    score = combine(
        parts, weights, supported_weight=supported_weight, consensus_weight=consensus_weight
    )
    if describes and restates_title(text, serving_language(facts.locale)):
        # "Electric Toothbrush is a type of toothbrush." guesses nothing and covers the
        # title, so the parts above rank it high; any candidate that says something wins.
        # Descriptions only: a gift line's predicate is its recommendation ("… is a great
        # gift for gift buyers"), which is shop prose.
        parts["restates"] = 1.0
        score *= RESTATES_FACTOR
    return score, parts


_PRODUCT_WORDS = ("product", "products", "产品", "商品")


def token_bans(
    facts: ProductFacts,
    kind: ContentKind,
    *,
    lexical: bool = False,
    audience: tuple[str, str] | None = None,
) -> frozenset[Ban]:
    """What this unit's rows may not emit (grounded decoding): contact data never, digits
    when the facts state no number at all, superlatives unless a fact carries one, and the
    claim, audience, brand and filler words the guards would refuse for this product. Spending
    candidates on what the guards then refuse is what made small catalogs fail. `lexical`
    (the strict pass): nothing but the facts' words and shop prose. `audience`: the
    segment's (label, description); its less common words are barred (a gift line must
    not recite "presentation and appeal", nor a budget line 性价比: guards.echo)."""
    if kind == ContentKind.tags:
        return frozenset()
    facts_text = FactsText.build(facts, kind.value)
    text = facts_text.lower
    bans: set[Ban] = {"contact"}
    if not any(ch.isdigit() for ch in text):
        bans.add("digit")
    if "最" not in text and "best" not in text:
        bans.add("superlative")
    if serving_language(facts.locale) == "zh" and not any(map(not_chinese, facts_text.joined)):
        bans.add("foreign_script")
    words = (
        unsupported_claim_words(facts_text)
        | contradicting_words(facts_text)
        | foreign_brand_words(facts_text)
        | filler_words(facts_text)
    )
    # Copy names the product by what it is: "This product is a cat scratching post" was
    # how a third of the sparse English descriptions began, while "product" is in 3% of
    # Myntra's human texts (mostly a "Product Design Details" header) and 产品 in none of
    # AdvertiseGen's.
    words.update(w for w in _PRODUCT_WORDS if w not in text)
    if audience is not None:
        words |= set(audience_words(audience[1], audience[0], facts_text, facts.locale))
    bans.update(f"word:{w}" for w in words)
    if lexical:
        # The strict pass: only the facts' own words and shop prose (guards.specifics).
        allowed = [w for w in allowed_words(facts_text, facts.locale) if w not in words]
        bans.add(lexicon_ban(allowed))
    return frozenset(bans)


# A description of a product known only by its title: at most this many sentences.
SPARSE_SENTENCES = 2


def join_sentences(first: str, rest: str, locale: str) -> str:
    space = "" if serving_language(locale) == "zh" else " "
    return f"{first}{space}{rest.strip()}" if rest.strip() else first


def continue_lead(lead: str, continuation: str, locale: str) -> str:
    """The title's sentence and the model's words after it. An empty continuation (or none
    asked for) ends the sentence there; one that starts a new line or a new sentence ("\n
    The pillowcase…", " It is…") ends it first, so the lead is not read as that sentence's
    beginning. A lead that is a subject alone ("These running shoes") is no sentence
    ended: there it becomes a caption ("Running shoes.") before the model's own words."""
    ended = not continuation.strip() or starts_sentence(continuation)
    if ended and not is_clause(lead):
        return join_sentences(caption(lead), continuation, locale)
    if not continuation.strip():
        return end_sentence(lead, locale)
    if ended:
        return join_sentences(end_sentence(lead, locale), continuation, locale)
    return lead + continuation


# Log-probability per token the title's own order is given over another (`lead_variants`):
# a reorder must read clearly better to be said, not merely as well.
LEAD_ORDER_BONUS = 0.15
# What a lead is scored after: the start of a product page, no instruction.
LEAD_CONTEXT = "Product description:"


def _likeliest_lead(model: OnnxModel, lead: str, heads: frozenset[str]) -> str:
    """The order of the lead's words the model finds likeliest (`lead_variants`): the
    model picks among orders and function words, never the words themselves."""
    variants = lead_variants(lead, heads)
    if len(variants) == 1:
        return lead
    rows = model.score(LEAD_CONTEXT, [f" {end_sentence(v, 'en')}" for v in variants])
    totals = [sum(row) + (LEAD_ORDER_BONUS if i == 0 else 0.0) for i, row in enumerate(rows)]
    return variants[max(range(len(variants)), key=totals.__getitem__)]


# Log-probability (summed over the clause) the other joint of a Chinese field must gain over
# the rules' to be said: on the leads of unseen catalogs 20-25, the model's wins by more
# were fixes read plainly ("发票可开增值税专票", "材质为PP塑料"), its narrower wins as
# often a coin toss ("产地福建泉州" for "产地为福建泉州").
ZH_JOINT_MARGIN = 2.0
# What a Chinese lead is scored after: the start of a product page.
ZH_LEAD_CONTEXT = "商品描述："


def _likeliest_zh_joints(model: OnnxModel, lead: str, names: list[str]) -> str:
    """The lead with each field's name joined to its value as the model finds likelier
    (`zh_field_joints`), left to right, each choice read after the ones before it."""
    # Found once: a choice changes its own clause only, so later joints just move by the
    # characters it added or took off.
    shift = 0
    for at, said, other in zh_field_joints(lead, names):
        at += shift
        # The lead's last clause is scored with the full stop the description ends it with.
        stop = "" if said.endswith(("，", "。")) else "。"
        rows = model.score(ZH_LEAD_CONTEXT + lead[:at], [said + stop, other + stop])
        if sum(rows[1]) > sum(rows[0]) + ZH_JOINT_MARGIN:
            lead = lead[:at] + other + lead[at + len(said) :]
            shift += len(other) - len(said)
    return lead


def sparse_description(text: str, locale: str, *, title_only: bool, kept_lead: int = 0) -> str:
    """A product known by little more than its title: say what it is, in at most
    `SPARSE_SENTENCES`; later sentences of such copy are where features get invented
    (remote controls, magnetic locks). Known by its title alone: its first sentence, and
    the next only while the text is shorter than a description's minimum, since there a
    second sentence is padding ("a sleek design with a comfortable fit" of a cable: 13 of
    37 published English descriptions of the sparse catalog had one). The first
    `kept_lead` sentences are ours, each a fact (`fact_sentences`), and all stay."""
    low = SPARSE_DESCRIPTION_MIN[serving_language(locale)]
    kept: list[str] = []
    for i, sentence in enumerate(split_sentences(text)[: max(SPARSE_SENTENCES, kept_lead)]):
        if i >= kept_lead and kept and title_only and len("".join(kept).strip()) >= low:
            break
        kept.append(sentence)
    return "".join(kept).strip()


# The shop's own descriptions in a prompt are cut at a sentence within this length: they
# cost prompt tokens on every row of the batch.
VOICE_EXAMPLE_CHARS = {"en": 500, "zh": 200}


def voice_examples(item: WorkItem, context: GenerationContext, most: int) -> list[str]:
    """Up to `most` of the shop's own descriptions of other products in the same locale and
    category, nearest by title (multilingual sentence embeddings)."""
    facts = item.facts
    key = (facts.locale, facts.category)
    pool = context.voice.get(key, [])
    # A product known by little more than its title gets none: another product's copy is
    # all features its facts lack, and the model copies them (measured on Myntra: chrF
    # 34 with examples, but half the sentences named a collar or hem the facts do not).
    if not pool or not most or is_sparse(facts):
        return []
    from worker.tags import embeddings

    # The pool's titles are embedded once per batch, not once per unit.
    if key not in context.voice_vectors:
        context.voice_vectors[key] = embeddings.embed([v.title for v in pool])
    similarity = context.voice_vectors[key] @ embeddings.embed([facts.title])[0]
    order = sorted(range(len(pool)), key=lambda i: -float(similarity[i]))
    nearest = [i for i in order if pool[i].product_id != facts.id][:most]
    limit = VOICE_EXAMPLE_CHARS[serving_language(facts.locale)]
    return [trim_sentences(pool[i].body[:limit], ContentKind.description) for i in nearest]


def parse_tag_proposals(text: str) -> list[str]:
    parts = re.split(r"[,，、;；\n]|#", text)
    out: list[str] = []
    for part in parts:
        tag = part.strip().strip("-•*.。 \"'“”").strip()
        if tag and len(tag) <= 40 and tag.lower() not in (t.lower() for t in out):
            out.append(tag)
    return out[:10]


@dataclass
class _Unit:
    item: WorkItem
    facts: ProductFacts  # sanitised
    attributes: list[tuple[str, str]]
    warnings: list[str]
    prompt: list[Message]
    examples: list[str] = field(default_factory=list)  # the shop's own copy of neighbours
    # What the title says, as the description's opening (`title_copy`); "" when the model
    # writes it all.
    lead: str = ""
    extended: bool = False  # the lead has its fact sentences (`_extend_lead`)


class ModelGenerator:
    """Generates with the default model per language, or one model directory for all
    (`SHELFWRITER_MODEL_DIR`, e.g. a fine-tuned model). Models load lazily, once per
    process, in the process that generates (never in the parent of a forked pool)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        model_dir: Path | None = None,
        candidates: int | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.model_dir = model_dir or self.settings.model_dir
        self.candidates = candidates or self.settings.candidates or DEFAULT_CANDIDATES
        self.stats: dict[str, float] = defaultdict(float)
        # id(raw facts) → (raw facts, clean facts, problems, warnings, flat attributes),
        # only during one generate() call (the raw object is kept, so no id is reused).
        self._prepared: (
            dict[int, tuple[ProductFacts, ProductFacts, list[str], list[str], dict[str, str]]]
            | None
        ) = None
        # The batch's context (the shop's voice examples), only during one generate() call.
        self._context: GenerationContext | None = None

    # -- versions ---------------------------------------------------------------------------

    def model_dir_for(self, locale: str) -> Path:
        if self.model_dir is not None:
            return Path(self.model_dir)
        return default_model_dir(locale, self.settings.device, self.settings.cache_dir)

    def version_for(self, locale: str) -> str:
        """The version content for `locale` is generated with by the serving workers (what
        staleness is judged against), which may be another device's export than this host's."""
        serving = self.settings.serving_device
        if self.model_dir is None and serving in ("cpu", "cuda"):
            device: Device = "cuda" if serving == "cuda" else "cpu"
            path = serving_model_dir(locale, device, self.settings.cache_dir)
            return str(read_manifest(path)["version"])
        return str(read_manifest(self.model_dir_for(locale))["version"])

    def model_for(self, locale: str) -> OnnxModel:
        return load_model(self.model_dir_for(locale), self.settings.device)

    # -- generation -------------------------------------------------------------------------

    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]:
        self._prepared = {}
        self._context = context or GenerationContext()
        try:
            return self._generate(work, self._context)
        finally:
            self._prepared = None
            self._context = None

    def _generate(self, work: list[WorkItem], context: GenerationContext) -> list[ContentResult]:
        results: dict[int, ContentResult] = {}
        # By model, kind, and whether the unit is a sparse product's description (its own
        # budget and candidate count, `_params`).
        groups: dict[tuple[Path, ContentKind, bool], list[tuple[int, _Unit]]] = defaultdict(list)
        for index, item in enumerate(work):
            prepared = self._isolated(item, "preparing its prompt", partial(self.prepare, item))
            if isinstance(prepared, ContentResult):
                results[index] = prepared
                continue
            sparse = item.spec.kind == ContentKind.description and is_sparse(prepared.facts)
            key = (self.model_dir_for(prepared.facts.locale), item.spec.kind, sparse)
            groups[key].append((index, prepared))

        hashes: dict[str | None, list[int]] = {
            category: [simhash(body) for body in bodies]
            for category, bodies in context.neighbours.items()
        }
        retry: dict[tuple[Path, ContentKind], list[tuple[int, _Unit]]] = defaultdict(list)
        for (path, kind, sparse), members in groups.items():
            model = self.model_for(members[0][1].facts.locale)
            params = self._params(kind, members[0][1].facts.locale, sparse=sparse)
            outputs = self._outputs(model, kind, [u for _, u in members], params)
            for (index, unit), output in zip(members, outputs, strict=True):
                if isinstance(output, Exception):
                    results[index] = ContentResult(
                        unit.item, model.version, error=f"model error: {output}"[:500]
                    )
                    continue
                if kind == ContentKind.tags:
                    matcher = context.tag_matchers.get(unit.facts.locale)
                    results[index] = self._isolated(
                        unit.item,
                        "matching its tags",
                        partial(self._tags, model, unit, output, matcher),
                    )
                else:
                    results[index] = self._isolated(
                        unit.item,
                        "checking its candidates",
                        partial(self._decide, model, kind, unit, output, hashes),
                    )
                    if _refused(results[index]) and self.settings.strict_retry:
                        retry[(path, kind)].append((index, unit))
        self._retry_strict(retry, results, hashes)
        return [results[i] for i in range(len(work))]

    def _retry_strict(
        self,
        retry: dict[tuple[Path, ContentKind], list[tuple[int, _Unit]]],
        results: dict[int, ContentResult],
        hashes: dict[str | None, list[int]],
    ) -> None:
        """Units whose every candidate was refused get one more pass: the same prompt told to
        restate the facts and add nothing, decoding that may spell only the facts' words and
        shop prose, a cooler sampler, a shorter budget. Refused candidates are mostly
        inventions the model reaches for when the facts are thin; a second prompt costs only
        the failed units, where publishing nothing costs a person writing the copy. As many
        candidates as the first pass: on the demo sample twice as many published no more
        units (16 of 16 either way) and cost a third more model time (117 s vs 88 s). If this
        pass fails too, the first pass's verdict stands, with this pass's candidates beside
        it for review."""
        for (_, kind), members in retry.items():
            model = self.model_for(members[0][1].facts.locale)
            # The unit's lead stays: the title's sentence was never what the guards refused.
            strict = [replace(u, prompt=prompts.restrict(u.prompt)) for _, u in members]
            params = self._params(kind, strict[0].facts.locale)
            params = replace(
                params,
                temperature=0.5,
                seed=SEED + 1,
                # Restating the facts takes a sentence or two; a padded batch runs to its
                # longest row, so the budget bounds this pass's cost.
                max_new_tokens=min(params.max_new_tokens, STRICT_MAX_NEW_TOKENS),
            )
            outputs = self._run(model, kind, strict, params, lexical=True)
            for (index, _), unit, output in zip(members, strict, outputs, strict=True):
                if isinstance(output, Exception):
                    continue
                second = self._isolated(
                    unit.item,
                    "checking its candidates",
                    partial(self._decide, model, kind, unit, output, hashes),
                )
                first = results[index]
                if second.ok:
                    second.quality["strict_retry"] = {
                        "first_pass": first.quality.get("candidates", [])
                    }
                    results[index] = second
                else:
                    first.quality["strict_retry"] = {
                        "candidates": second.quality.get("candidates", [])
                    }

    def _isolated(self, item: WorkItem, step: str, run: Callable[[], _T]) -> _T | ContentResult:
        """Run one unit's step; an unexpected exception fails that unit alone, with the
        reason on its row, instead of sinking the batch (a raised batch is acked as failed
        by Celery and every other product's content is lost with it). Bugs stay visible:
        logged with the traceback and named in the row's error."""
        try:
            return run()
        except Exception as exc:
            log.exception("unit %s failed while %s", item.key, step)
            return ContentResult(
                item,
                self._version_or_unknown(item.facts.locale),
                error=f"internal error while {step}: {type(exc).__name__}: {exc}"[:500],
            )

    def _version_or_unknown(self, locale: str) -> str:
        try:
            return self.version_for(locale)
        except Exception:
            return "unknown"

    def prepare(self, item: WorkItem) -> _Unit | ContentResult:
        """Clean the facts and build the prompt, or fail the unit on bad data.

        Bad data fails this product alone, with the reason on its rows, before any model
        time is spent; cleanable data (markup, injected instructions) is cleaned."""
        # A product's units share one ProductFacts object: clean it once, not once per unit
        # (on hostile data cleaning costs more than the tiny model's generation: the fuzz test
        # spent 80% of its time re-sanitizing the same facts for each kind and segment).
        cache = self._prepared if self._prepared is not None else {}
        cached = cache.get(id(item.facts))
        if cached is None or cached[0] is not item.facts:
            facts, problems, warnings = prepare_facts(item.facts)
            flat: dict[str, str] = {}
            if not problems:
                flat, flat_warnings = flatten_attributes(facts.attributes, facts.locale)
                warnings = warnings + flat_warnings
            cached = (item.facts, facts, problems, warnings, flat)
            cache[id(item.facts)] = cached
        _, facts, problems, warnings, flat = cached
        if problems:
            version = self.version_for(item.facts.locale)
            return ContentResult(item, version, error="bad product data: " + "; ".join(problems))
        examples = (
            voice_examples(item, self._context, self.settings.voice_examples)
            if self._context is not None and item.spec.kind == ContentKind.description
            else []
        )
        unit = _Unit(item, facts, list(flat.items()), list(warnings), [], examples)
        unit.prompt = self._prompt(unit)
        unit.lead = self._lead(unit)
        return unit

    def _lead(self, unit: _Unit) -> str:
        """The opening a description continues (`Settings.title_copy`): what the title says,
        for a product whose facts say nothing more ("lead", "whole") or little more
        ("sparse")."""
        mode = self.settings.title_copy
        if mode == "off" or unit.item.spec.kind != ContentKind.description:
            return ""
        if (
            mode == "all"
            or says_only_title(unit.facts)
            or (mode == "sparse" and is_sparse(unit.facts))
        ):
            return (
                title_lead(
                    unit.facts,
                    lean=self._fact_sentences(unit),
                    parts=self.settings.title_parts == "parts",
                )
                or ""
            )
        return ""

    def _fact_sentences(self, unit: _Unit) -> bool:
        """Are the attributes the lead leaves unsaid worded by `fact_sentences` (English
        descriptions), not strung onto the lead?"""
        return (
            self.settings.fact_sentences == "on"
            and unit.item.spec.kind == ContentKind.description
            and serving_language(unit.facts.locale) == "en"
        )

    def _join_zh_fields(self, model: OnnxModel, unit: _Unit) -> None:
        """A Chinese description's lead with its fields' joints as the model reads them
        likelier (`_likeliest_zh_joints`); once per unit, before anything is generated."""
        if (
            not unit.lead
            or unit.extended
            or unit.item.spec.kind != ContentKind.description
            or serving_language(unit.facts.locale) != "zh"
        ):
            return
        unit.lead = _likeliest_zh_joints(model, unit.lead, list(unit.facts.attributes))

    def _extend_lead(self, model: OnnxModel, unit: _Unit) -> None:
        """The lead and the sentences saying what it leaves unsaid (`fact_sentences`), as
        the whole description: "This is a felt desk mat from Kestrel Labs. It has a wool
        felt top and …" (no full stop: `continue_lead` ends it). The model is not asked
        to go on: a blind reader rejected its restatements of the facts these sentences
        say or leave out (review 10: 14 of 25 invented or contradicted), none of theirs."""
        if not unit.lead or unit.extended or not self._fact_sentences(unit):
            return
        lead = unit.lead
        if is_clause(lead):
            lead = _likeliest_lead(model, lead, product_heads(unit.facts))
        opening = end_sentence(lead, unit.facts.locale) if is_clause(lead) else caption(lead)
        rest = fact_sentences(unit.facts, opening, model.score)
        # Every candidate starts with it: a sentence the guards refuse (a value's own words
        # read as a stutter) is left out, not the others with it; the model's writing in
        # their place restated the facts wrongly ("They are made entirely from rubber" of
        # shoes whose sole is rubber, an unseen catalog).
        facts_text = FactsText.build(unit.facts, "description")  # once, not per sentence

        def passes(text: str) -> bool:
            report = run_guards(text, unit.facts, "description", facts_text=facts_text,
                                complete=True)  # fmt: skip
            return report.passed

        sentences = [x.strip() for x in split_sentences(rest)]
        # A brandless plural's caption is a bare subject ("Packing cubes."), struck as a
        # fragment (reviews 33 and 34): the first fact's verb makes it a sentence
        # ("These packing cubes weigh 640 grams and …").
        # Its first "They …" sentence, wherever it stands ("45ml … favours." was left a
        # fragment before "The lid colours are …", review 40).
        bare = not is_clause(lead) and opening == capital(lead.removeprefix("These ")) + "."
        first = next((i for i, x in enumerate(sentences) if x.startswith("They ")), None)
        merged = f"{lead} {sentences[first].removeprefix('They ')}" if first is not None else ""
        if bare and first is not None and passes(merged):
            opening, sentences = merged, sentences[:first] + sentences[first + 1 :]
        elif bare:
            # No "They …" to give it a verb: "These are palm crosses.", not the fragment
            # "Palm crosses." (struck again in review 43).
            opening = f"These are {lead.removeprefix('These ')}."
        whole, added = opening, False
        for sentence in sentences:
            longer = f"{whole} {sentence.strip()}"
            if passes(longer):
                whole, added = longer, True
        if added or passes(whole):  # a text the loop accepted has passed already
            unit.lead = whole.removesuffix(".")
            unit.extended = True

    def _prompt(self, unit: _Unit) -> list[Message]:
        kind = unit.item.spec.kind
        if kind == ContentKind.description:
            return prompts.description_prompt(
                unit.facts, unit.attributes, unit.examples, demos=self._demos(unit, kind)
            )
        if kind == ContentKind.tags:
            return prompts.tags_prompt(unit.facts, unit.attributes)
        if kind == ContentKind.recommendation_copy:
            assert unit.item.segment is not None
            return prompts.recommendation_prompt(
                unit.facts, unit.attributes, unit.item.segment, demos=self._demos(unit, kind)
            )
        return prompts.review_summary_prompt(unit.facts)

    def _params(self, kind: ContentKind, locale: str, *, sparse: bool = False) -> GenerationParams:
        """Sampling for a kind; `sparse`: a sparse product's description, a short budget
        and `sparse_candidates_factor` times the candidates."""
        kp = KIND_PARAMS[kind]
        lang = serving_language(locale)
        if not kp.candidates:
            return GenerationParams(max_new_tokens=kp.max_new_tokens[lang], stop=kp.stop)
        budget = kp.max_new_tokens[lang]
        candidates = self.candidates
        if sparse:
            budget = min(budget, SPARSE_MAX_NEW_TOKENS[lang])
            candidates = min(candidates * self.settings.sparse_candidates_factor, 16)
        return GenerationParams(
            end_at_sentence=self.settings.grounded_decoding,
            max_new_tokens=budget,
            do_sample=True,
            temperature=self.settings.temperature,
            top_p=0.9,
            repetition_penalty=1.1,
            num_candidates=candidates,
            seed=SEED,
            stop=kp.stop,
        )

    def _run(
        self,
        model: OnnxModel,
        kind: ContentKind,
        units: list[_Unit],
        params: GenerationParams | None = None,
        *,
        lexical: bool = False,
    ) -> list[GenerationResult | Exception]:
        """One batched call; if it raises, retry one unit at a time so a single poisoned
        input fails alone instead of sinking the batch (bounded: no further retries).
        `lexical`: each row may write only its facts' words and shop prose."""
        params = params or self._params(kind, units[0].facts.locale)
        grounded = self.settings.grounded_decoding
        bans = [
            token_bans(
                u.facts,
                kind,
                lexical=lexical or self._lexical_first(u, kind),
                audience=u.item.segment.audience if u.item.segment else None,
            )
            if grounded
            else frozenset()
            for u in units
        ]
        started = time.perf_counter()
        accounted = dict(model.accounting)
        # A unit with a lead continues it: the model sees the opening as its own first words.
        texts = [model.render(u.prompt) + u.lead if u.lead else u.prompt for u in units]
        try:
            outputs: list[GenerationResult | Exception] = list(model.generate(texts, params, bans))
        except Exception as exc:
            log.warning("batch of %d %s prompts failed (%s); isolating", len(units), kind, exc)
            outputs = []
            for text, ban in zip(texts, bans, strict=True):
                try:
                    outputs.extend(model.generate([text], params, [ban]))
                except Exception as single:
                    outputs.append(single)
        elapsed = time.perf_counter() - started
        tokens = sum(o.total_completion_tokens for o in outputs if isinstance(o, GenerationResult))
        self.stats["tokens"] += tokens
        self.stats["seconds"] += elapsed
        for key, value in model.accounting.items():
            self.stats[key] += value - accounted.get(key, 0)
        return outputs

    def _outputs(
        self, model: OnnxModel, kind: ContentKind, units: list[_Unit], params: GenerationParams
    ) -> list[GenerationResult | Exception]:
        """The model's output per unit, except where the title's sentence is the whole
        description (`title_copy` "whole", or a lead that says every fact when only new
        facts may follow it): there the only candidate ends the lead, or makes a subject
        alone ("These running shoes") a caption; in "whole" mode such a subject is still
        continued."""
        for unit in units:
            self._join_zh_fields(model, unit)
            self._extend_lead(model, unit)
        whole = [
            bool(u.lead)
            and (
                (self.settings.title_copy == "whole" and is_clause(u.lead))
                or (self.settings.lead_continuation == "facts" and says_every_fact(u.lead, u.facts))
                # The fact sentences say what the model would add, and better: a blind
                # reader rejected its restatements of them ("outputs 65 W for both USB-C1
                # and USB-C2" of a one-port output).
                or u.extended
            )
            for u in units
        ]
        ask = [u for u, done in zip(units, whole, strict=True) if not done]
        asked = iter(self._run(model, kind, ask, params) if ask else [])
        return [
            GenerationResult([""], [[]], 0, [0], ["eos"]) if done else next(asked) for done in whole
        ]

    def _demos(self, unit: _Unit, kind: ContentKind) -> bool:
        """Does this unit's prompt show the house examples (`Settings.demos`)? Only to a
        model with room for them: they add a few hundred tokens, which a small fine-tune's
        context (the tests' 1,024-token model) cannot spare for a product's own facts."""
        mode = self.settings.demos
        if mode == "off" or kind not in (ContentKind.description, ContentKind.recommendation_copy):
            return False
        try:
            model_dir = self.model_dir_for(unit.facts.locale)
        except ModelNotExportedError:
            return False  # generating will say so, with what to run
        if _context_length(model_dir) < MIN_CONTEXT_FOR_DEMOS:
            return False
        if kind == ContentKind.recommendation_copy:
            return True
        return (
            mode == "all"
            or (mode == "sparse" and is_sparse(unit.facts))
            or (mode == "title-only" and is_title_only(unit.facts))
        )

    def _borrowable(self, unit: _Unit, kind: ContentKind) -> list[str]:
        """Other products' text the prompt showed (the shop's voice examples, the house
        examples' facts): a sentence taking a phrase of it that this product's facts do not
        carry is dropped."""
        shown = list(unit.examples)
        if self._demos(unit, kind):
            shown += house.borrowed_sources(kind.value, serving_language(unit.facts.locale))
        return shown

    def _lexical_first(self, unit: _Unit, kind: ContentKind) -> bool:
        mode = self.settings.lexical_first
        if kind == ContentKind.tags or mode == "off":
            return False
        return mode == "all" or is_sparse(unit.facts)

    def _decide(
        self,
        model: OnnxModel,
        kind: ContentKind,
        unit: _Unit,
        output: GenerationResult,
        hashes: dict[str | None, list[int]],
    ) -> ContentResult:
        item, facts = unit.item, unit.facts
        meta = _meta(model, unit, output)

        # Near-duplicates matter for descriptions; one-line copy may legitimately repeat.
        neighbours = hashes.get(facts.category, []) if kind == ContentKind.description else []
        # The segment's label is a fact here, its description setting (FactsText.build).
        audience = item.segment.audience if item.segment else None
        facts_text = FactsText.build(facts, kind.value, audience=audience)
        sparse = kind == ContentKind.description and is_sparse(facts)
        borrowable = self._borrowable(unit, kind)  # the same for each candidate
        drafts: list[tuple[str, str, Grounded, str, GuardReport]] = []  # text, finish, …
        raws, finishes = list(output.candidates), list(output.finish_reasons)
        confidences = list(output.mean_logprobs or [None] * len(raws))
        if unit.lead and "" not in raws:
            # The lead alone is a candidate too: where every continuation is refused (one
            # that repeats the lead reads as a loop), the product still gets the sentence
            # the facts give rather than none.
            raws.append("")
            finishes.append("eos")
            confidences.append(None)
        for raw, finish in zip(raws, finishes, strict=True):
            if unit.lead:
                if self.settings.lead_continuation == "facts":
                    raw = informative(unit.lead, raw, facts)
                raw = continue_lead(unit.lead, raw, facts.locale)
            # What an editor would cut: unsupported sentences and padding (kept for review).
            cleaned = edit(
                clean_candidate(raw, kind),
                facts,
                facts_text,
                sparse=sparse,
                describes=kind == ContentKind.description,
            )
            grounded = (
                ground_sentences(cleaned, facts, facts_text, borrowable)
                if self.settings.sentence_grounding
                else Grounded(cleaned)
            )
            text = grounded.text
            if unit.lead:
                # The lead's sentence went with what the model added to it ("…backpack
                # designed for individuals looking to maintain their physical balance"):
                # the title's sentence stands on its own, before whatever is left (a subject
                # alone as a caption: "These running shoes from Campus." is no sentence).
                lead = unit.lead
                opening = end_sentence(lead, facts.locale) if is_clause(lead) else caption(lead)
                # Its first clause tells whether it is still there: the editor may have cut
                # a detail of it ("数量120块" of a title's 120块), and a second copy reads as
                # a loop.
                head = re.split(r"[。.](?:\s|$)|，", opening, maxsplit=1)[0]
                if not text.startswith((lead, opening, head)):
                    text = join_sentences(opening, text, facts.locale)
            if sparse:
                # Every sentence of an extended lead is ours, each a fact: all stay.
                ours = (
                    len(split_sentences(end_sentence(unit.lead, facts.locale)))
                    if unit.extended
                    else 0
                )
                text = sparse_description(
                    text, facts.locale, title_only=is_title_only(facts), kept_lead=ours
                )
            report = run_guards(
                text,
                facts,
                kind.value,
                others=neighbours,
                facts_text=facts_text,
                audience=audience,
                # The fact sentences leave out what they cannot say well (a value with a
                # note: "midi, approx. 115 cm (size M)"); past them is only padding. So
                # does a lead that is the whole text: it says every attribute its rules
                # can, and leaves the title's claims and keywords (a melatonin's "这是眠甜
                # 的一款褪黑素，…规格0.4g/片×60片" went unpublished at 31 < 40, review 29).
                complete=unit.extended
                or (bool(unit.lead) and text == end_sentence(unit.lead, facts.locale)),
            )
            drafts.append((text, finish, grounded, cleaned, report))
        human = self._human_likeness(
            [text for text, _, _, _, report in drafts if report.passed], facts.locale, kind
        )
        # Every sample is evidence of what the model says of this product, refused or not.
        agreeing = consensus(
            [text or cleaned for text, _, _, cleaned, _ in drafts],
            [i for i, draft in enumerate(drafts) if draft[4].passed],
        )
        scored: list[Scored] = []
        for i, ((body, end, grounded, cleaned, verdict), logprob) in enumerate(
            zip(drafts, confidences, strict=True)
        ):
            score, parts = 0.0, dict[str, float]()
            if verdict.passed:
                like = human.pop(0) if human is not None else None
                n = len(split_sentences(body))
                kept = n / (n + len(grounded.dropped)) if grounded.dropped else None
                supported = supported_share(body, facts_text, serving_language(facts.locale))
                score, parts = score_candidate(
                    body, end, facts, unit.attributes, neighbours, like, kept, logprob,
                    supported, self.settings.supported_weight,
                    agreeing[i] if len(drafts) > 1 else None, self.settings.consensus_weight,
                    kind == ContentKind.description,
                )  # fmt: skip
            scored.append(Scored(body, verdict, score, parts, grounded.dropped, cleaned))
        passing = [s for s in scored if s.report.passed]
        # Every candidate's text stays on the row: a reviewer can take another one, and it
        # is what the discriminator is trained on (training/discriminator.py). What the
        # model wrote when nothing of it survived grounding, else what was judged.
        summary = [
            {
                "score": round(s.score, 3),
                "failures": s.failures,
                "text": s.text or s.cleaned,
                **_rounded(s.parts),
                **({"dropped": [d.as_json() for d in s.dropped]} if s.dropped else {}),
            }
            for s in scored
        ]
        if not passing:
            reasons = sorted({f for s in scored for f in s.failures})
            meta.update(candidates=summary, guards=scored[0].report.as_json())
            return ContentResult(
                item,
                model.version,
                error=NO_CANDIDATE + "; ".join(reasons)[:400],
                quality=meta,
            )
        best = max(passing, key=lambda s: s.score)
        if kind == ContentKind.description:
            # Later products of the same batch must not duplicate this one.
            hashes.setdefault(facts.category, []).append(simhash(best.text))
        meta.update(guards=best.report.as_json(), score=round(best.score, 3), candidates=summary)
        if unit.lead:
            meta["title_lead"] = unit.lead
        return ContentResult(item, model.version, body=best.text, quality=meta)

    def _human_likeness(
        self, texts: list[str], locale: str, kind: ContentKind
    ) -> list[float] | None:
        """The discriminator's P(human) per passing candidate, or None when it does not rank
        (switched off, no weights for the language, or copy it was not trained on: it
        learned descriptions)."""
        lang = serving_language(locale)
        if (
            not texts
            or not self.settings.discriminator
            or kind != ContentKind.description
            or not discriminator.available(lang)
        ):
            return None
        return discriminator.human_likeness(texts, lang)

    def _tags(
        self,
        model: OnnxModel,
        unit: _Unit,
        output: GenerationResult,
        matcher: TagMatcher | None,
    ) -> ContentResult:
        """The model proposes, the platform's vocabulary decides (worker.tags.matcher)."""
        meta = _meta(model, unit, output)
        proposals = parse_tag_proposals(output.candidates[0])
        meta["proposals"] = proposals
        if matcher is None:
            return ContentResult(
                unit.item,
                model.version,
                error=f"no tag vocabulary for locale {unit.facts.locale!r}:"
                " load one with `shelfwriter vocab defaults` or `shelfwriter vocab load`",
                quality=meta,
            )
        chosen = [
            {"tag": m.tag, "path": m.path, "score": m.score, "why": m.why}
            for m in matcher.match(unit.facts, proposals)
        ]
        if len(chosen) < 3:
            return ContentResult(
                unit.item,
                model.version,
                error=f"only {len(chosen)} vocabulary tags matched (need 3 to 8)",
                quality={**meta, "tags": chosen},
            )
        meta["tags"] = chosen
        body = json.dumps([t["tag"] for t in chosen], ensure_ascii=False)
        return ContentResult(unit.item, model.version, body=body, quality=meta)


def _refused(result: ContentResult | object) -> bool:
    """A unit the model wrote for but every candidate of which the guards refused (not bad
    data, not a model or internal error: those a second prompt would not fix)."""
    return (
        isinstance(result, ContentResult)
        and result.error is not None
        and result.error.startswith(NO_CANDIDATE)
    )


def _meta(model: OnnxModel, unit: _Unit, output: GenerationResult) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "model": model.manifest.get("name"),
        "provider": model.provider,
        "prompt_tokens": output.prompt_tokens,
        "completion_tokens": output.total_completion_tokens,
    }
    if unit.warnings:
        meta["input_warnings"] = unit.warnings
    return meta


def _rounded(parts: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in parts.items()}
