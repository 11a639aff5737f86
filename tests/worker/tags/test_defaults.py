"""Default vocabularies without the Google taxonomy: `load_default_vocabularies` falls back to
the shipped en.txt under the English vocabulary's own name, the sample English products get
their tags from it, and a second load embeds nothing. Vocabulary names are made unique per
module (by patching `DEFAULT_VOCABULARIES`), so the session's `google/en` rows are untouched."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

import worker
from worker.catalog.facts import load_facts
from worker.catalog.importer import import_catalog
from worker.cli.vocab import register
from worker.config import get_settings
from worker.models import Product, TagVocabulary
from worker.tags import embeddings, matcher
from worker.tags.defaults import (
    EN_VOCABULARY_FILE,
    TAXONOMY_ENV,
    ZH_VOCABULARY_FILE,
    default_sources,
    load_default_vocabularies,
)
from worker.tags.matcher import match_product
from worker.tags.vocabulary import LoadReport, read_vocabulary

SAMPLES = Path(worker.__file__).resolve().parent / "samples" / "catalog.jsonl"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _english_samples() -> list[dict[str, object]]:
    rows = [json.loads(ln) for ln in SAMPLES.read_text(encoding="utf-8").splitlines() if ln]
    return [r for r in rows if str(r["locale"]).startswith("en")]


def _paths(factory: sessionmaker[Session], name: str, locale: str) -> set[str]:
    with factory() as session:
        return set(
            session.scalars(
                select(TagVocabulary.path).where(
                    TagVocabulary.vocabulary == name, TagVocabulary.locale == locale
                )
            )
        )


def _drop(factory: sessionmaker[Session], *names: str) -> None:
    with factory.begin() as session:
        session.execute(delete(TagVocabulary).where(TagVocabulary.vocabulary.in_(names)))


@pytest.fixture(scope="module")
def names(database_url: str) -> Iterator[dict[str, tuple[str, str]]]:
    """DEFAULT_VOCABULARIES with names unique to this module (same locales)."""
    from worker.db import session_factory

    tag = uuid.uuid4().hex[:6]
    patched = {"en": (f"en-default-{tag}", "en"), "zh-CN": (f"zh-default-{tag}", "zh-CN")}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in patched.items():
            mp.setitem(matcher.DEFAULT_VOCABULARIES, key, value)
        yield patched
    _drop(session_factory(database_url), *(n for n, _ in patched.values()))


@pytest.fixture(scope="module")
def first_load(
    database_url: str, names: dict[str, tuple[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, LoadReport], float]:
    from worker.db import session_factory

    missing = tmp_path_factory.mktemp("no-taxonomy") / "google_product_taxonomy.en-US.txt"
    start = time.perf_counter()
    reports = load_default_vocabularies(session_factory(database_url), missing)
    return reports, time.perf_counter() - start


def test_fallback_loads_shipped_english_when_taxonomy_missing(
    factory: sessionmaker[Session],
    names: dict[str, tuple[str, str]],
    first_load: tuple[dict[str, LoadReport], float],
    tmp_path: Path,
) -> None:
    sources = default_sources(tmp_path / "missing.txt")
    assert (sources["en"].path, sources["en"].fmt) == (EN_VOCABULARY_FILE, "lines")
    assert (sources["en"].name, sources["en"].locale) == names["en"]
    assert sources["zh-CN"].path == ZH_VOCABULARY_FILE

    reports, _ = first_load
    shipped = read_vocabulary(EN_VOCABULARY_FILE, "lines")
    assert len(shipped) >= 300
    assert reports["en"].entries == reports["en"].inserted == reports["en"].embedded
    assert reports["en"].entries == len(shipped)
    assert _paths(factory, *names["en"]) == {e.path for e in shipped}
    assert all(not CJK.search(e.tag) for e in shipped)
    zh = read_vocabulary(ZH_VOCABULARY_FILE, "lines")
    assert _paths(factory, *names["zh-CN"]) == {e.path for e in zh}


def test_shipped_english_covers_every_sample_category() -> None:
    paths = {e.path for e in read_vocabulary(EN_VOCABULARY_FILE, "lines")}
    facet_roots = {"Attributes", "Style", "Audience", "Occasion"}
    for path in paths:  # every category level is itself an entry, as in the taxonomy
        segs = path.split(" > ")
        if segs[0] not in facet_roots:
            assert all(" > ".join(segs[:d]) in paths for d in range(1, len(segs))), path
    assert not facet_roots & paths  # group names are not tags
    for row in _english_samples():
        assert row["category"] in paths, row["sku"]


def test_sample_english_products_get_3_to_8_shipped_tags(
    factory: sessionmaker[Session],
    names: dict[str, tuple[str, str]],
    first_load: tuple[dict[str, LoadReport], float],
) -> None:
    samples = _english_samples()
    assert len(samples) == 25
    import_catalog(factory, SAMPLES)
    skus = [str(r["sku"]) for r in samples]
    vocab = _paths(factory, *names["en"])
    with factory() as session:
        ids = list(session.scalars(select(Product.id).where(Product.sku.in_(skus))))
        facts = load_facts(session, ids)
        for product in facts.values():
            tags = match_product(session, product)
            assert 3 <= len(tags) <= 8, (product.sku, tags)
            assert {t.path for t in tags} <= vocab
            # The category's own entry is there, and the top tag is on its lineage.
            assert product.category in {t.path for t in tags if t.why == "keyword"}
            assert str(product.category).startswith(tags[0].path), (product.sku, tags)
            assert len({t.tag.casefold() for t in tags}) == len(tags)
    assert len(facts) == 25


def test_second_load_embeds_nothing(
    factory: sessionmaker[Session],
    names: dict[str, tuple[str, str]],
    first_load: tuple[dict[str, LoadReport], float],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def no_embedding(texts: object) -> object:
        raise AssertionError("an unchanged vocabulary was re-embedded")

    monkeypatch.setattr(embeddings, "embed", no_embedding)
    seen: dict[str, int] = {}
    reports = load_default_vocabularies(
        factory,
        tmp_path / "missing.txt",
        progress=lambda key, n, total: seen.__setitem__(key, seen.get(key, 0) + n),
    )
    for key, report in reports.items():
        assert report.embedded == report.inserted == report.updated == report.pruned == 0
        assert report.unchanged == report.entries == first_load[0][key].entries
        assert seen[key] == report.entries


def test_switching_source_leaves_no_mix(
    factory: sessionmaker[Session],
    names: dict[str, tuple[str, str]],
    first_load: tuple[dict[str, LoadReport], float],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A taxonomy that appears later replaces en.txt (and the other way round): the English
    vocabulary is always exactly one source."""
    en_name = f"en-switch-{uuid.uuid4().hex[:6]}"
    monkeypatch.setitem(matcher.DEFAULT_VOCABULARIES, "en", (en_name, "en"))
    taxonomy = tmp_path / "taxonomy.txt"
    taxonomy.write_text(
        "# Google_Product_Taxonomy_Version: test\n"
        "1 - Home & Garden\n"
        "2 - Home & Garden > Lighting\n",
        encoding="utf-8",
    )
    try:
        load_default_vocabularies(factory, tmp_path / "missing.txt")
        assert default_sources(taxonomy)["en"].fmt == "google"
        report = load_default_vocabularies(factory, taxonomy)["en"]
        assert _paths(factory, en_name, "en") == {"Home & Garden", "Home & Garden > Lighting"}
        assert report.pruned == len(read_vocabulary(EN_VOCABULARY_FILE, "lines")) - 2
        load_default_vocabularies(factory, tmp_path / "missing.txt")
        assert len(_paths(factory, en_name, "en")) == len(
            read_vocabulary(EN_VOCABULARY_FILE, "lines")
        )
    finally:
        _drop(factory, en_name)


def test_cli_defaults_says_which_english_vocabulary(
    factory: sessionmaker[Session],
    names: dict[str, tuple[str, str]],
    first_load: tuple[dict[str, LoadReport], float],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps `vocab` a sub-command
    runner = CliRunner()
    monkeypatch.setenv(TAXONOMY_ENV, str(tmp_path / "absent.txt"))
    get_settings.cache_clear()  # settings are read once per process: read the patched env
    try:
        result = runner.invoke(app, ["vocab", "defaults"])
    finally:
        get_settings.cache_clear()  # the next reader sees the environment without the patch
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "not found" in out and "shipped English vocabulary" in out
    assert f"{names['en'][0]}/en (en.txt)" in out and "0 embedded" in out
    # An explicitly named file that is missing is an error, not a silent fallback.
    result = runner.invoke(app, ["vocab", "defaults", "--taxonomy", str(tmp_path / "typo.txt")])
    assert result.exit_code == 2
