"""Load a tag vocabulary file into `tag_vocabulary` (idempotent upsert, embeddings in batches).

Formats:
- `google`: the Google product taxonomy with ids, `id - A > B > C` per line, `#` header.
  Every level has its own line there, so every ancestor is itself an entry.
- `lines`: one entry per line, either a plain tag (`Water Bottles`) or a path (`服饰 > 女装 >
  连衣裙`); `#` comments and blank lines are skipped. Only listed lines are entries: a group
  name such as `属性 > 材质` is not a tag unless it has its own line.

A reload is cheap: a row whose tag, external id and embedding model are unchanged is neither
re-embedded nor rewritten, so loading the same file twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from worker.db import UpsertCounts
from worker.models import TagVocabulary
from worker.tags import embeddings

Format = Literal["google", "lines"]
FORMATS: tuple[Format, ...] = ("google", "lines")

SEPARATOR = " > "
# 256 short tags embed in ~0.2 s here: progress moves often, and one batch is one transaction.
BATCH_SIZE = 256

_GOOGLE_LINE = re.compile(r"^\s*(\d+)\s+-\s+(\S.*?)\s*$")


@dataclass(frozen=True)
class VocabEntry:
    tag: str
    path: str
    external_id: str | None = None


@dataclass
class LoadReport(UpsertCounts):
    entries: int = 0
    embedded: int = 0
    pruned: int = 0


def normalise_path(text: str) -> str:
    """`A>B >  C` → `A > B > C`; the path is the entry's identity, so spacing must not count."""
    return SEPARATOR.join(seg.strip() for seg in text.split(">") if seg.strip())


def _entry(path_text: str, external_id: str | None) -> VocabEntry:
    path = normalise_path(path_text)
    return VocabEntry(tag=path.rsplit(SEPARATOR, 1)[-1], path=path, external_id=external_id)


def parse_google(lines: Iterable[str]) -> list[VocabEntry]:
    """Entries of a Google product taxonomy file (`id - A > B > C`), in file order."""
    out: list[VocabEntry] = []
    for n, raw in enumerate(lines, 1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        m = _GOOGLE_LINE.match(line)
        if m is None:
            raise ValueError(f"line {n}: not `id - A > B > C`: {line[:80]!r}")
        out.append(_entry(m.group(2), m.group(1)))
    return _dedupe(out)


def parse_lines(lines: Iterable[str]) -> list[VocabEntry]:
    """Entries of a one-tag-or-path-per-line file, in file order."""
    out: list[VocabEntry] = []
    for raw in lines:
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        out.append(_entry(line, None))
    return _dedupe(out)


def _dedupe(entries: list[VocabEntry]) -> list[VocabEntry]:
    seen: dict[str, VocabEntry] = {}
    for e in entries:
        if e.path and e.path not in seen:  # first occurrence wins
            seen[e.path] = e
    return list(seen.values())


def read_vocabulary(path: Path, fmt: Format) -> list[VocabEntry]:
    with path.open(encoding="utf-8") as fh:
        return parse_google(fh) if fmt == "google" else parse_lines(fh)


def embedding_text(entry: VocabEntry) -> str:
    """What is embedded for an entry: the tag (leaf) alone. Measured on the 25 English samples
    against the full taxonomy: leaf-only ranked the true category as well as leaf-with-parent
    (top-5 0.52 both) and embeds 5× faster than full paths (3.7 s vs 22 s for 5,595 entries);
    the tree position is used by the matcher instead, through the product's category."""
    return entry.tag


def load_vocabulary(
    factory: sessionmaker[Session],
    entries: Sequence[VocabEntry],
    *,
    name: str,
    locale: str,
    prune: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Upsert `entries` as vocabulary `name`/`locale`; embed only what is new or changed.

    `progress(n)` is called after each batch with the number of entries it covered.
    `prune=True` deletes rows of this vocabulary whose path is no longer in `entries`."""
    report = LoadReport(entries=len(entries))
    with factory() as session:
        existing = {
            row.path: (row.tag, row.external_id, row.embedding_model, row.embedding is not None)
            for row in session.execute(
                select(
                    TagVocabulary.path,
                    TagVocabulary.tag,
                    TagVocabulary.external_id,
                    TagVocabulary.embedding_model,
                    TagVocabulary.embedding,
                ).where(TagVocabulary.vocabulary == name, TagVocabulary.locale == locale)
            )
        }
    wanted = {e.path for e in entries}
    for start in range(0, len(entries), batch_size):
        batch = entries[start : start + batch_size]
        todo = []
        for e in batch:
            old = existing.get(e.path)
            if old == (e.tag, e.external_id, embeddings.MODEL_ID, True):
                report.unchanged += 1
            else:
                todo.append(e)
                if old is None:
                    report.inserted += 1
                else:
                    report.updated += 1
        if todo:
            vectors = embeddings.embed([embedding_text(e) for e in todo])
            report.embedded += len(todo)
            rows = [
                {
                    "vocabulary": name,
                    "locale": locale,
                    "tag": e.tag,
                    "path": e.path,
                    "external_id": e.external_id,
                    "embedding": embeddings.to_bytes(v),
                    "embedding_model": embeddings.MODEL_ID,
                }
                for e, v in zip(todo, vectors, strict=True)
            ]
            stmt = insert(TagVocabulary).values(rows)
            stmt = stmt.on_conflict_do_update(
                constraint="uq_tag_vocabulary_key",
                set_={
                    "tag": stmt.excluded.tag,
                    "external_id": stmt.excluded.external_id,
                    "embedding": stmt.excluded.embedding,
                    "embedding_model": stmt.excluded.embedding_model,
                },
            )
            with factory.begin() as session:
                session.execute(stmt)
        if progress is not None:
            progress(len(batch))
    if prune:
        stale = sorted(set(existing) - wanted)
        with factory.begin() as session:
            for start in range(0, len(stale), batch_size):
                result = session.execute(
                    delete(TagVocabulary).where(
                        TagVocabulary.vocabulary == name,
                        TagVocabulary.locale == locale,
                        TagVocabulary.path.in_(stale[start : start + batch_size]),
                    )
                )
                report.pruned += int(getattr(result, "rowcount", 0) or 0)
    return report
