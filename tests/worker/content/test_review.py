"""A person's review actions, as the CLI runs them, and their effect on regeneration."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products, content_rows
from tests.processes import ROOT, worker_env
from worker.content.generator import PlaceholderGenerator
from worker.content.pipeline import run_batch


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args],
        cwd=ROOT, env=worker_env(**env), capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_review_cli_edit_locks_approve_keeps_reject_records(factory: sessionmaker[Session]) -> None:
    [pid] = add_products(factory, 1)
    run_batch(factory, [pid], PlaceholderGenerator())
    rows = {(r.kind, r.segment): r for r in content_rows(factory, pid)}
    desc, tags = rows[("description", "")], rows[("tags", "")]
    students = rows[("recommendation_copy", "students")]

    listed = _cli("review", "list", "--sku", "P00000", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {json.loads(line)["id"] for line in listed.stdout.splitlines()} == {
        r.id for r in rows.values()
    }
    # Copy is plain text: markup is refused with the field named (exit 65, EX_DATAERR).
    markup = _cli("review", "edit", str(desc.id), "--body", "Written by Mei. <b>ok</b>")
    assert markup.returncode == 65 and "body: copy is plain text" in markup.stderr
    assert _cli("review", "edit", str(desc.id), "--body", "Written by Mei.").returncode == 0
    assert _cli("review", "approve", str(tags.id)).returncode == 0
    rejected = _cli("review", "reject", str(students.id), "--reason", "off-brand tone")
    assert rejected.returncode == 0, rejected.stderr
    assert _cli("review", "approve", "999999").returncode != 0  # a clear error, not a crash

    after = {(r.kind, r.segment): r for r in content_rows(factory, pid)}
    edited = after[("description", "")]
    assert (edited.body, edited.status, edited.locked, edited.source) == (
        "Written by Mei.", "edited", True, "human",
    )  # fmt: skip
    assert after[("tags", "")].status == "approved"
    assert after[("recommendation_copy", "students")].quality["review"][-1]["reason"] == (
        "off-brand tone"
    )

    # The product changes: the model regenerates what no person owns, nothing else.
    with factory.begin() as session:
        session.execute(text("UPDATE products SET title = 'Renamed' WHERE id = :id"), {"id": pid})
    report = run_batch(factory, [pid], PlaceholderGenerator(), force=False)
    assert report.skipped_human == 2
    final = {(r.kind, r.segment): r for r in content_rows(factory, pid)}
    assert final[("description", "")].body == "Written by Mei."
    assert "Renamed" in (final[("recommendation_copy", "students")].body or "")


def test_generate_command_prints_guard_report(
    factory: sessionmaker[Session], tiny_model_dir: Path
) -> None:
    add_products(factory, 1)
    # The model writes it all: the title's lead says every fact of this product, and a lead
    # that does is the only candidate.
    out = _cli(
        "generate", "--sku", "P00000", "--kind", "description",
        SHELFWRITER_MODEL_DIR=str(tiny_model_dir), SHELFWRITER_CANDIDATES="2",
        SHELFWRITER_TITLE_COPY="off",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "P00000 description" in out.stdout
    # each candidate on its own line with its score and guard verdict
    assert len(re.findall(r"^\s+candidate \d+: score", out.stdout, flags=re.MULTILINE)) == 2
    assert content_rows(factory) == []  # nothing written without --write
    written = _cli(
        "generate", "--sku", "P00000", "--kind", "description", "--write",
        SHELFWRITER_MODEL_DIR=str(tiny_model_dir), SHELFWRITER_CANDIDATES="2",
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert len(content_rows(factory)) == 1
