"""The default tag vocabularies: what `shelfwriter vocab defaults` (and the demo) load.

English: the Google product taxonomy when the file is found (the `taxonomy` setting,
SHELFWRITER_TAXONOMY, else ../shared/data beside the checkout), else the shipped en.txt;
zh-CN: the shipped zh-CN.txt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from worker.tags.vocabulary import LoadReport

ZH_VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "zh-CN.txt"
# The project's own English vocabulary: used for `en` when the Google taxonomy is not found.
EN_VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "en.txt"
# The environment variable behind the `taxonomy` setting (worker.config).
TAXONOMY_ENV = "SHELFWRITER_TAXONOMY"
# The checkout layout: ../shared/data beside the project root.
DEFAULT_TAXONOMY = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "google_product_taxonomy.en-US.txt"
)


def configured_taxonomy() -> Path:
    """The Google taxonomy file to look for: the `taxonomy` setting, else ../shared."""
    from worker.config import get_settings

    return get_settings().taxonomy or DEFAULT_TAXONOMY


@dataclass(frozen=True)
class VocabularySource:
    """What `vocab defaults` loads for one product locale."""

    name: str
    locale: str
    path: Path
    fmt: Literal["google", "lines"]
    # Delete rows of the vocabulary that the file no longer lists.
    prune: bool = False

    @property
    def description(self) -> str:
        kind = "Google product taxonomy" if self.fmt == "google" else "shipped vocabulary"
        return f"{self.name}/{self.locale} from the {kind} {self.path}"


def default_sources(taxonomy: Path | None = None) -> dict[str, VocabularySource]:
    """Product locale → what `load_default_vocabularies` loads for it.

    English: the Google taxonomy (`taxonomy`, else $SHELFWRITER_TAXONOMY, else ../shared) when
    that file exists, else the shipped en.txt, under the same vocabulary name and locale, so the
    matcher needs no change. Either way the English vocabulary is pruned to exactly that file:
    switching between the two never leaves a mix. zh-CN: the shipped zh-CN.txt."""
    from worker.tags.matcher import DEFAULT_VOCABULARIES

    en_name, en_locale = DEFAULT_VOCABULARIES["en"]
    zh_name, zh_locale = DEFAULT_VOCABULARIES["zh-CN"]
    path = taxonomy or configured_taxonomy()
    if path.is_file():
        en = VocabularySource(en_name, en_locale, path, "google", prune=True)
    else:
        en = VocabularySource(en_name, en_locale, EN_VOCABULARY_FILE, "lines", prune=True)
    return {"en": en, "zh-CN": VocabularySource(zh_name, zh_locale, ZH_VOCABULARY_FILE, "lines")}


def load_default_vocabularies(
    factory: sessionmaker[Session],
    taxonomy: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, LoadReport]:
    """Load the default vocabularies (see `default_sources`); product locale → its report.

    Idempotent and cheap when nothing changed: unchanged rows are neither re-embedded nor
    rewritten. `progress(locale, n, total)` is called after each batch of `n` entries."""
    from worker.tags.vocabulary import load_vocabulary, read_vocabulary

    reports: dict[str, LoadReport] = {}
    for key, src in default_sources(taxonomy).items():
        entries = read_vocabulary(src.path, src.fmt)
        total = len(entries)

        def advance(n: int, key: str = key, total: int = total) -> None:
            if progress is not None:
                progress(key, n, total)

        reports[key] = load_vocabulary(
            factory, entries, name=src.name, locale=src.locale, prune=src.prune, progress=advance
        )
    return reports
