"""All configuration, read from the environment in one place (Warehouse/Saleor style).

Every process — CLI, dispatcher, Celery worker, beat, tests — reads `get_settings()`;
nothing else looks at `os.environ` for Shelfwriter settings.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/shelfwriter"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"

# The forms managed Postgres, PaaS and docker set-ups hand out, all served by psycopg2 (the
# driver the design card installs): SQLAlchemy 2.x takes psycopg 3 for a bare
# `postgresql://` and no longer knows `postgres://` at all.
_POSTGRES_DRIVERS = ("postgresql", "postgres", "postgresql+psycopg2")
_BROKER_SCHEMES = ("redis", "rediss")


class SettingsError(ValueError):
    """A setting's value is wrong (names the variable and what it must be)."""


def normalise_database_url(url: str) -> str:
    """`DATABASE_URL` as SQLAlchemy must see it: every accepted PostgreSQL form on psycopg2,
    query options (`sslmode=require`, `connect_timeout=…`) kept; anything else is refused
    with what to write instead. The one reader of a database URL: settings, engines,
    Alembic, the dispatcher's LISTEN connection, the demo and the tests."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(
            "DATABASE_URL is not a URL; write it as postgresql://USER:PASSWORD@HOST:5432/DB"
        ) from None
    if parsed.drivername not in _POSTGRES_DRIVERS:
        raise SettingsError(
            f"DATABASE_URL must be a PostgreSQL URL (postgresql://, postgres:// or"
            f" postgresql+psycopg2://), not {parsed.drivername}://"
        )
    return parsed.set(drivername="postgresql+psycopg2").render_as_string(hide_password=False)


def database_url_or_default(url: str | None) -> str:
    """`url` normalised, or the configured DATABASE_URL (already normalised) when None:
    what every function that takes an optional URL connects to."""
    return normalise_database_url(url) if url else get_settings().database_url


def normalise_broker_url(url: str) -> str:
    """`CELERY_BROKER_URL` as kombu and redis-py must see it: `redis://` (a password as
    `redis://:PASSWORD@host:6379/0`) or `rediss://` (TLS). A TLS URL without
    `ssl_cert_reqs` gets `required`: kombu would otherwise connect without checking the
    server's certificate (CERT_NONE, with only a warning in the log). Pass
    `ssl_cert_reqs=none` (or `optional`) explicitly to opt out."""
    parts = urlsplit(url)
    if parts.scheme not in _BROKER_SCHEMES or not parts.netloc:
        raise SettingsError(
            "CELERY_BROKER_URL must be redis://[:PASSWORD@]HOST:6379/0 or rediss://… (TLS),"
            f" not {url.split('@')[-1]!r}"
        )
    if parts.scheme == "rediss":
        query = dict(parse_qsl(parts.query))
        query.setdefault("ssl_cert_reqs", "required")
        parts = parts._replace(query=urlencode(query))
    return urlunsplit(parts)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    celery_broker_url: str = Field(default=DEFAULT_BROKER_URL, validation_alias="CELERY_BROKER_URL")

    # One exported model directory used for every locale (e.g. a fine-tuned model). Unset:
    # the default model per language from the cache (`shelfwriter models pull`).
    model_dir: Path | None = Field(default=None, validation_alias="SHELFWRITER_MODEL_DIR")
    # Sampled candidates per unit for the discriminator to choose from. More candidates make
    # a passing one likelier; on a CPU they cost decode time linearly (their prompt's prefill
    # is shared), on a GPU extra batch rows are nearly free. 0 = the default, 4.
    candidates: int = Field(default=0, ge=0, le=16, validation_alias="SHELFWRITER_CANDIDATES")
    # Sampling temperature of the candidates (top-p 0.9 either way).
    temperature: float = Field(
        default=0.7, gt=0.0, le=2.0, validation_alias="SHELFWRITER_TEMPERATURE"
    )
    # Candidates for the description of a product known by little more than its title, as
    # a multiple of `candidates` (its budget is short either way:
    # worker.content.model_generator.SPARSE_MAX_NEW_TOKENS). 1 by default: at 2 the
    # held-out and sparse catalogs published as much or more and guessed less in Chinese,
    # but took 1.3-1.8x the wall time on the CPU and the English choices read no better
    # (the ranker found more short, odd candidates to prefer; evaluation/results/README.md,
    # guards-11). On a GPU, where extra rows are nearly free, 2 is worth trying.
    sparse_candidates_factor: int = Field(
        default=1, ge=1, le=4, validation_alias="SHELFWRITER_SPARSE_CANDIDATES_FACTOR"
    )
    # "placeholder" writes marked stand-ins (no model): for plumbing tests and dry runs.
    generator: str = Field(default="model", validation_alias="SHELFWRITER_GENERATOR")
    # "auto" takes CUDA when it really loads, "cuda" fails loudly without it, "cpu" never tries.
    device: str = Field(default="auto", validation_alias="SHELFWRITER_DEVICE")
    # onnxruntime intra-op threads on CPU; 0 = every core this process may use (the library
    # default used one of two cores and halved throughput).
    cpu_threads: int = Field(default=0, ge=0, validation_alias="SHELFWRITER_CPU_THREADS")
    # Where `shelfwriter models pull` puts downloads, dequantized checkpoints and exports.
    cache_dir: Path = Field(
        default=Path("~/.cache/shelfwriter"), validation_alias="SHELFWRITER_CACHE_DIR"
    )
    # numpy BLAS threads for the tag embedder's forward pass; 0 = every core (the package's
    # own default of 4 oversubscribes a 2-core host).
    embed_threads: int = Field(default=0, ge=0, validation_alias="SHELFWRITER_EMBED_THREADS")
    # Google product taxonomy file for `shelfwriter vocab defaults`; unset: the shared data
    # copy beside the checkout if present, else the shipped en + zh-CN vocabularies.
    taxonomy: Path | None = Field(default=None, validation_alias="SHELFWRITER_TAXONOMY")
    # Grounded decoding: bar tokens the guards would refuse (digits when the facts state no
    # number, contact data, superlatives) and end rows at a sentence near the budget.
    grounded_decoding: bool = Field(default=True, validation_alias="SHELFWRITER_GROUNDED_DECODING")
    # Sentence grounding: drop a candidate's unsupported sentences instead of refusing it.
    sentence_grounding: bool = Field(
        default=True, validation_alias="SHELFWRITER_SENTENCE_GROUNDING"
    )
    # A second, stricter pass (restate the facts, add nothing; lexicon-steered decoding) for
    # units whose every candidate the guards refused.
    strict_retry: bool = Field(default=True, validation_alias="SHELFWRITER_STRICT_RETRY")
    # Lexicon-steered decoding (the facts' words and shop prose only) already in the first
    # pass: "sparse" for products known by little more than their title, "all", or "off".
    lexical_first: Literal["off", "sparse", "all"] = Field(
        default="off", validation_alias="SHELFWRITER_LEXICAL_FIRST"
    )
    # A description opens with what the title says, each part read by its role from the
    # guards' tables, and what the attributes add (worker/content/title_copy.py); the model
    # continues it. "all" (default): for every product with a title; "sparse": only for a
    # product known by little more than its title, the model writing the rest whole; "lead":
    # only where the facts say nothing the title does not; "whole": there, the opening is
    # the description (no model call); "off": the model writes it all. "all" read best to a
    # blind reader on the rich catalogs (evaluation/results/README.md, "Rich products").
    title_copy: Literal["off", "lead", "sparse", "all", "whole"] = Field(
        default="all", validation_alias="SHELFWRITER_TITLE_COPY"
    )
    # What of the model's continuation of the title's lead stays: "facts" (default): only
    # sentences (Chinese: clauses) that say a fact the lead has not, since what a small model
    # adds to a sparse product without one is a restatement, stock praise or a guessed use
    # (evaluation/results/README.md, "What the lead's continuation may add"); "all": all of
    # it that the guards pass.
    lead_continuation: Literal["facts", "all"] = Field(
        default="facts", validation_alias="SHELFWRITER_LEAD_CONTINUATION"
    )
    # English attributes the lead does not say, as sentences of their own whose wording the
    # model picks by likelihood (worker/content/fact_sentences.py), before the model is
    # asked to continue: "on" (default) or "off" (the lead strings what it can onto one
    # sentence, the model writes the rest). A blind reader rejected the rich English
    # catalog's copy for what the model added (evaluation/results/README.md).
    fact_sentences: Literal["on", "off"] = Field(
        default="on", validation_alias="SHELFWRITER_FACT_SENTENCES"
    )
    # English: which of a marketplace title's parts after the product's name the lead says.
    # "name" (default): the name, a pack count, a colour and who it is for; the rest is left
    # to the attributes' sentences. "parts": each later part read by its role ("with a
    # wireless charger", "for home office and bedroom"). Read blind on two catalogs nobody
    # here had seen, "name" put 43 of 58 English texts live, "parts" 26
    # (evaluation/results/README.md, "Unseen catalogs 4 and 5").
    title_parts: Literal["name", "parts"] = Field(
        default="name", validation_alias="SHELFWRITER_TITLE_PARTS"
    )
    # The house examples (worker/content/demos.py): worked facts -> copy turns before the
    # product. "recommendation" (default): in recommendation prompts; "title-only": also in
    # the descriptions of products known by their title alone; "sparse": also in the
    # descriptions of products known by little more than their title; "all": in every
    # description too; "off". Not in descriptions by default: on the shared data's test
    # splits they shortened the copy and cost chrF (en Myntra 24.9 -> 23.6 with "sparse",
    # zh AdvertiseGen 7.4 -> 6.0 with "all"; evaluation/results/README.md).
    demos: Literal["off", "recommendation", "title-only", "sparse", "all"] = Field(
        default="recommendation", validation_alias="SHELFWRITER_DEMOS"
    )
    # Ranking: how much the share of a candidate's content words that the facts or shop
    # prose carry weighs (the score is multiplied by 1 - w + w * share): the candidate
    # that guesses fewer details wins.
    supported_weight: float = Field(
        default=0.5, ge=0.0, le=1.0, validation_alias="SHELFWRITER_SUPPORTED_WEIGHT"
    )
    # Ranking: how much a candidate's agreement with the unit's other candidates weighs
    # (worker/content/consensus.py; the score is multiplied by 1 - w + w * agreement
    # relative to the most central candidate). Off by default: at 0.5 its dev-split chrF
    # gains were within noise (en +0.7, zh +0.1) and on the sparse catalogs its choices
    # guessed more details, not fewer (evaluation/results/README.md, guards-10).
    consensus_weight: float = Field(
        default=0.0, ge=0.0, le=1.0, validation_alias="SHELFWRITER_CONSENSUS_WEIGHT"
    )
    # Rank passing descriptions with the human-likeness discriminator beside coverage
    # (worker/content/discriminator.py). Off by default: on the shared data's dev and test
    # splits its choices were level or worse on chrF in English and lost a blind review in
    # both languages (evaluation/results/README.md, "The discriminator").
    discriminator: bool = Field(default=False, validation_alias="SHELFWRITER_DISCRIMINATOR")
    # The shop's own approved descriptions of the nearest products in the description prompt
    # (0 = none). Off by default: the 0.5B default model copies an example's sentences
    # whole (evaluation/results/README.md, "The shop's voice"); a larger model may not.
    voice_examples: int = Field(
        default=0, ge=0, le=4, validation_alias="SHELFWRITER_VOICE_EXAMPLES"
    )
    # Rows (prompts x candidates) per padded generation batch. 32 was the best aggregate
    # throughput on a 2-core CPU (bench/runtime.py), and onnxruntime-genai 0.18 refuses a
    # generator of more than 32 sequences (seen on an H100, bench/gpu.py).
    gen_max_batch_rows: int = Field(
        default=32, ge=1, le=32, validation_alias="SHELFWRITER_GEN_MAX_BATCH_ROWS"
    )
    # The CPU decode loop: "cached" (worker/runtime/cached.py: a prompt's prefill shared by
    # its candidates, the prompts' common prefix computed once) or "genai" (onnxruntime-
    # genai's own loop, which prefills every row). CUDA always runs onnxruntime-genai.
    cpu_decoder: Literal["cached", "genai"] = Field(
        default="cached", validation_alias="SHELFWRITER_CPU_DECODER"
    )

    # Queues: `generate` goes to GPU workers, `maintenance` to a CPU pool.
    generate_queue: str = Field(default="generate", validation_alias="SHELFWRITER_GENERATE_QUEUE")
    maintenance_queue: str = Field(
        default="maintenance", validation_alias="SHELFWRITER_MAINTENANCE_QUEUE"
    )

    # Products per generate task. One task = one padded model batch per kind; 16 keeps a CPU
    # batch under a minute and a GPU batch big enough to be efficient. Tune per hardware.
    generate_batch_size: int = Field(
        default=16, ge=1, le=512, validation_alias="SHELFWRITER_BATCH_SIZE"
    )
    # Events claimed per dispatcher transaction: bounds lock time and message burst size.
    dispatch_claim_limit: int = Field(
        default=1000, ge=1, validation_alias="SHELFWRITER_DISPATCH_CLAIM_LIMIT"
    )
    # Seconds between polls when no NOTIFY arrives (NOTIFY is only a wake-up hint).
    dispatch_poll_interval: float = Field(
        default=5.0, gt=0, validation_alias="SHELFWRITER_DISPATCH_POLL_INTERVAL"
    )
    # After a wake-up, wait this long so a burst of edits coalesces into fuller batches.
    dispatch_linger: float = Field(
        default=0.2, ge=0, validation_alias="SHELFWRITER_DISPATCH_LINGER"
    )

    # Task limits. The broker's visibility timeout must exceed the hard limit, or Redis
    # redelivers a task that is still running (Celery docs, "Redis caveats").
    task_soft_time_limit: int = Field(
        default=900, validation_alias="SHELFWRITER_TASK_SOFT_TIME_LIMIT"
    )
    task_time_limit: int = Field(default=1200, validation_alias="SHELFWRITER_TASK_TIME_LIMIT")
    broker_visibility_timeout: int = Field(
        default=3600, validation_alias="SHELFWRITER_BROKER_VISIBILITY_TIMEOUT"
    )
    # How often a worker sweeps Redis for unacked messages of dead consumers that are past
    # the visibility timeout (kombu scans every interval × throttle seconds).
    broker_restore_interval: int = Field(
        default=10, ge=1, validation_alias="SHELFWRITER_BROKER_RESTORE_INTERVAL"
    )
    broker_restore_throttle: int = Field(
        default=10, ge=1, validation_alias="SHELFWRITER_BROKER_RESTORE_THROTTLE"
    )
    task_max_retries: int = Field(default=8, ge=0, validation_alias="SHELFWRITER_TASK_MAX_RETRIES")
    task_retry_backoff_max: int = Field(
        default=300, validation_alias="SHELFWRITER_RETRY_BACKOFF_MAX"
    )

    # Nightly refresh: when beat starts it (cron, 5 fields, in UTC; default 02:00), and the
    # age after which model content is regenerated even if nothing changed (0 = never).
    refresh_cron: str = Field(default="0 2 * * *", validation_alias="SHELFWRITER_REFRESH_CRON")
    refresh_max_age_days: int = Field(
        default=30, ge=0, validation_alias="SHELFWRITER_REFRESH_MAX_AGE_DAYS"
    )

    log_level: str = Field(default="INFO", validation_alias="SHELFWRITER_LOG_LEVEL")

    # `shelfwriter web` (the review desk and API). The secret signs session cookies; unset,
    # each process makes a random one (sessions then end when it restarts, and several
    # processes behind one address need the same value).
    web_secret: SecretStr | None = Field(default=None, validation_alias="SHELFWRITER_WEB_SECRET")
    # Secure cookies need HTTPS; off only for a plain-HTTP desk on localhost (the demo).
    web_cookie_secure: bool = Field(default=True, validation_alias="SHELFWRITER_WEB_COOKIE_SECURE")
    web_session_hours: int = Field(
        default=12, ge=1, le=24 * 30, validation_alias="SHELFWRITER_WEB_SESSION_HOURS"
    )
    # Webhook deliveries: per-request timeout, and retries with exponential backoff from
    # `retry_base` seconds (10 s doubled 10 times spans about three hours).
    webhook_timeout: float = Field(
        default=10.0, gt=0, validation_alias="SHELFWRITER_WEBHOOK_TIMEOUT"
    )
    webhook_max_retries: int = Field(
        default=10, ge=0, validation_alias="SHELFWRITER_WEBHOOK_MAX_RETRIES"
    )
    webhook_retry_base: float = Field(
        default=10.0, gt=0, validation_alias="SHELFWRITER_WEBHOOK_RETRY_BASE"
    )

    # `celery -A worker flower` refuses to start without authentication (FLOWER_BASIC_AUTH,
    # or Flower's OAuth options). Set this only when something in front of Flower
    # authenticates (a proxy): it lets Flower start open (worker.ops.flower_auth).
    flower_no_auth: bool = Field(default=False, validation_alias="SHELFWRITER_FLOWER_NO_AUTH")

    # Prometheus endpoints (worker.ops.metrics): a Celery worker serves its process metrics on
    # this port when set; `shelfwriter metrics serve` serves the fleet's (default 9808).
    # Basic auth "user:password" is required unless metrics_no_auth says the port is private.
    metrics_port: int | None = Field(default=None, validation_alias="SHELFWRITER_METRICS_PORT")
    metrics_auth: SecretStr | None = Field(
        default=None, validation_alias="SHELFWRITER_METRICS_AUTH"
    )
    metrics_no_auth: bool = Field(default=False, validation_alias="SHELFWRITER_METRICS_NO_AUTH")

    # The device the `generate` workers run on, for processes that only read model versions
    # (refresh walk, status) on another kind of host: the walk must compare content with the
    # versions the GPU workers write (CUDA exports), not with this host's CPU exports. Unset:
    # SHELFWRITER_DEVICE. Needs the serving variants' manifest.json (the shared model cache).
    serving_device: str | None = Field(default=None, validation_alias="SHELFWRITER_SERVING_DEVICE")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("celery_broker_url")
    @classmethod
    def _broker_url(cls, value: str) -> str:
        return normalise_broker_url(value)

    @field_validator("model_dir", "taxonomy", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # `SHELFWRITER_TAXONOMY=` (compose's `${VAR:-}`) means unset, not the current folder.
        return None if value == "" else value

    @field_validator("cache_dir", "model_dir", "taxonomy")
    @classmethod
    def _expand_user(cls, value: Path | None) -> Path | None:
        # `~` in an env value is not expanded by a shell inside a .env file or compose.
        return value.expanduser() if value is not None else None

    def validate_limits(self) -> None:
        if self.broker_visibility_timeout <= self.task_time_limit:
            raise SettingsError(
                "SHELFWRITER_BROKER_VISIBILITY_TIMEOUT must be longer than"
                " SHELFWRITER_TASK_TIME_LIMIT"
                f" ({self.broker_visibility_timeout} <= {self.task_time_limit}): Redis would"
                " redeliver running tasks"
            )
        if self.serving_device not in (None, "auto", "cpu", "cuda"):
            raise SettingsError(
                f"SHELFWRITER_SERVING_DEVICE must be auto, cpu or cuda, not {self.serving_device!r}"
            )
        if len(self.refresh_cron.split()) != 5:
            raise SettingsError(
                f"SHELFWRITER_REFRESH_CRON must have 5 fields (minute hour day month weekday),"
                f" not {self.refresh_cron!r}"
            )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    settings = Settings()
    settings.validate_limits()
    return settings
