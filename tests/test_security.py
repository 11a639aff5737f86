"""Security promises that can be checked from the repository and the CLI:

- no secrets in tracked files or in what the images are built from; credentials come only
  from the environment (compose requires them, no defaults);
- SQL only through bound parameters: every SQL string built at run time (f-string, `%`,
  `.format`, `+`) interpolates only module constants or identifiers quoted by the driver;
- copy is plain text and escaped wherever the project renders it (the CLI's rich output).

Flower's authentication is tested in tests/worker/ops/test_flower_auth.py and the metrics
endpoint's by its own tests; not repeated here.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import ROOT
from tests.helpers import add_products

# --------------------------------------------------------------------------- secrets

SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    # A literal assigned to a secret-looking name, quoted anywhere or unquoted (shell, env,
    # YAML). `${VAR}`, `$(cmd)`, `<...>` are
    # references; values that say they are fake (placeholder, sentinel) are allowed.
    "hard-coded credential": re.compile(
        r"(?i)\b[\w-]*(?:password|passwd|secret|api_?key|auth_?token)[\w-]*[\"']?\s*[:=]\s*"
        r"(?:[\"'](?P<quoted>[^\"'\s$<{]{6,})[\"']|(?P<bare>[^\s\"'$<>{}()]{6,})(?=\s|$))"
    ),
    # A URL with a literal password between the user's colon and the `@` (`${VAR}` and `**`
    # are fine).
    "credentials in a URL": re.compile(r"\b[a-z][a-z0-9+]*://[^\s/:@\"']*:(?![$*{])[^\s@/\"']+@"),
}
# A URL whose password says it is a stand-in: documentation's `USER:PASSWORD@`, tests'
# `placeholder` values.
_FAKE_URL_PASSWORD = re.compile(r":\[?(?:PASSWORD|[^@]*(?i:placeholder|sentinel|example)[^@]*)@")
# Files where a pattern is documentation of the variable, not a value.
_DOC_SUFFIXES = (".md",)


def _fake_or_code(m: re.Match[str], path: Path) -> bool:
    value = m.group("quoted") or m.group("bare") or ""
    if re.search(r"(?i)placeholder|sentinel|example", value):
        return True
    # Unquoted in Python is an expression (`password = entry.partition(...)`), not a value.
    return m.group("bare") is not None and path.suffix == ".py"


def _tracked() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / p for p in out.split("\0") if p]


def test_no_secrets_in_tracked_files() -> None:
    findings = []
    files = _tracked()
    assert len(files) > 50  # really the repository
    for path in files:
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary
        for name, pattern in SECRET_PATTERNS.items():
            if name == "hard-coded credential" and path.suffix in _DOC_SUFFIXES:
                continue
            for m in pattern.finditer(content):
                if name == "hard-coded credential" and _fake_or_code(m, path):
                    continue
                if name == "credentials in a URL" and _FAKE_URL_PASSWORD.search(m.group(0)):
                    continue
                line = content.count("\n", 0, m.start()) + 1
                findings.append(f"{path.relative_to(ROOT)}:{line}: {name}: {m.group(0)[:60]}")
    assert not findings, "\n".join(findings)


def test_the_scan_finds_what_it_looks_for() -> None:
    """The patterns are not toothless: each catches a planted example (built at run time so
    the repository itself never contains one)."""
    planted = [
        ("private key", "-----BEGIN RSA " + "PRIVATE KEY-----"),
        ("AWS access key", "AKIA" + "ABCDEFGHIJKLMNOP"),
        ("hard-coded credential", 'POSTGRES_PASSWORD="' + 'hunter2hunter2"'),
        ("hard-coded credential", "export REDIS_PASSWORD=" + "hunter2hunter2\n"),
        ("credentials in a URL", "postgresql://app:" + "s3cret@db:5432/shop"),
    ]
    for name, sample in planted:
        assert SECRET_PATTERNS[name].search(sample), (name, sample)
    assert not SECRET_PATTERNS["credentials in a URL"].search(
        "redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD}@redis:6379/0"
    )


def test_secrets_stay_out_of_git_and_images() -> None:
    # The settings read a `.env` file: it must never be committed or sent to a build.
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, ".env is not git-ignored"
    dockerignore = (ROOT / ".dockerignore").read_text()
    assert "**/.env" in dockerignore
    for dockerfile in (ROOT / "docker").glob("Dockerfile*"):
        for line in dockerfile.read_text().splitlines():
            if re.match(r"\s*(ENV|ARG)\b", line):
                assert not re.search(r"(?i)password|secret|token|auth", line), line


def test_compose_takes_credentials_only_from_the_environment() -> None:
    compose = (ROOT / "docker" / "compose.yaml").read_text()
    for var in ("POSTGRES_PASSWORD", "REDIS_PASSWORD", "FLOWER_BASIC_AUTH"):
        refs = re.findall(r"\$\{" + var + r"([^}]*)\}", compose)
        assert refs, var
        # `${VAR:?message}`: required, no default value to fall back on.
        assert all(r.startswith(":?") for r in refs), (var, refs)


# --------------------------------------------------------------------------- SQL

_SINKS = {"text", "execute", "exec_driver_sql", "executemany", "mogrify"}
_QUOTING = {"quote", "Identifier", "Literal", "quote_ident"}
# Run-time code: what ships in the package and image, plus the bench scripts.
_SQL_DIRS = ("worker", "tasks", "exporter", "migrations", "bench")


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _constant_name(name: str) -> bool:
    return bool(re.fullmatch(r"_?[A-Z][A-Z0-9_]*", name))


def _safe(expr: ast.expr, quoted: set[str]) -> bool:
    """May this expression be interpolated into SQL? Literals, UPPER_CASE constants,
    identifiers quoted by the driver or dialect, and helpers called with literals only."""
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return _constant_name(expr.id) or expr.id in quoted
    if isinstance(expr, ast.Attribute):
        return _constant_name(expr.attr)
    if isinstance(expr, ast.Call):
        if _name(expr.func) in _QUOTING:
            return True
        return isinstance(expr.func, ast.Name) and all(
            isinstance(a, ast.Constant) for a in [*expr.args, *(k.value for k in expr.keywords)]
        )
    return False


def _dynamic_parts(expr: ast.expr) -> list[ast.expr] | None:
    """The interpolated parts of a run-time-built string, or None for a plain literal."""
    if isinstance(expr, ast.JoinedStr):
        return [v.value for v in expr.values if isinstance(v, ast.FormattedValue)]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod | ast.Add):
        left, right = _dynamic_parts(expr.left), _dynamic_parts(expr.right)
        parts = [*(left or []), *(right or [])]
        for side, sub in ((expr.left, left), (expr.right, right)):
            if sub is None and not isinstance(side, ast.Constant):
                parts.append(side)
        return parts
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "format"
        and isinstance(expr.func.value, ast.Constant)
    ):
        return [*expr.args, *(k.value for k in expr.keywords)]
    return None


def sql_findings(source: str, filename: str) -> list[str]:
    tree = ast.parse(source)
    findings = []
    scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for scope in [tree, *scopes]:
        body = list(ast.walk(scope))
        quoted = {
            t.id
            for n in body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
            if _name(n.value.func) in _QUOTING
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        built = {  # local names bound to run-time-built strings
            t.id: n.value
            for n in body
            if isinstance(n, ast.Assign) and _dynamic_parts(n.value) is not None
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for node in body:
            if not (isinstance(node, ast.Call) and node.args and _name(node.func) in _SINKS):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Name) and arg.id in built:
                arg = built[arg.id]
            parts = _dynamic_parts(arg)
            for part in parts or []:
                if not _safe(part, quoted):
                    findings.append(f"{filename}:{node.lineno}: {ast.unparse(part)[:60]}")
    return sorted(set(findings))


def test_sql_is_built_only_from_constants_and_quoted_identifiers() -> None:
    findings = []
    checked = 0
    for path in _tracked():
        rel = path.relative_to(ROOT)
        if path.suffix != ".py" or rel.parts[0] not in _SQL_DIRS or not path.is_file():
            continue
        checked += 1
        findings += sql_findings(path.read_text(), str(rel))
    assert checked > 30
    assert not findings, "SQL built from run-time values:\n" + "\n".join(findings)


@pytest.mark.parametrize(
    ("snippet", "flagged"),
    [
        ("text(f'SELECT * FROM t WHERE sku = {sku}')", True),
        ("session.execute('SELECT %s' % value)", True),
        ("cur.execute('DELETE FROM t WHERE id = ' + pid)", True),
        ("cur.execute('SELECT {}'.format(col))", True),
        ("def f(x):\n    q = f'SELECT {x}'\n    return text(q)", True),
        ("text('SELECT * FROM t WHERE sku = :sku')", False),
        ("cur.execute(f'LISTEN {NOTIFY_CHANNEL}')", False),
        ("def f(e, n):\n    q = e.quote(n)\n    return text(f'CREATE DATABASE {q}')", False),
        ("cur.execute(sql.SQL('CREATE DATABASE {}').format(sql.Identifier(n)))", False),
    ],
)
def test_the_sql_check_tells_bound_from_built(snippet: str, flagged: bool) -> None:
    assert bool(sql_findings(snippet, "snippet.py")) is flagged


# --------------------------------------------------------------------------- rendering

MARKUP = "[bold red]owned[/bold red] <script>alert(1)</script> [link=http://x.io]x[/link]"


def _cli(*args: str) -> str:
    from worker.cli import app

    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_prints_copy_and_errors_literally(factory: sessionmaker[Session]) -> None:
    """Copy is plain text: what a model (or a person) wrote is shown as written, never
    interpreted as terminal markup: `review list` (bodies and errors) and `status`
    (failure reasons)."""
    [pid] = add_products(factory, 1, prefix="[b]S[/b]")
    with factory.begin() as session:
        for kind, body, status, error in (
            ("description", MARKUP, "generated", None),
            ("tags", None, "failed", f"no candidate passed the guards: {MARKUP}"),
        ):
            session.execute(
                text(
                    "INSERT INTO product_content (product_id, kind, segment, locale, body,"
                    " status, error) VALUES (:pid, :kind, '', 'en', :body, :status, :error)"
                ),
                {"pid": pid, "kind": kind, "body": body, "status": status, "error": error},
            )
    listing = _cli("review", "list")
    assert MARKUP in listing and "[b]S[/b]" in listing, listing
    assert f"no candidate passed the guards: {MARKUP}" in listing
    # `status` puts reasons in a table whose cells wrap at the console's width: compare
    # without the wrapping (whitespace and box-drawing characters).
    assert _flat(MARKUP) in _flat(_cli("status"))


def _flat(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and not "\u2500" <= ch <= "\u257f")


def test_import_catalog_prints_rejected_rows_literally(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    """A rejected row's sku and reason come from the file: shown as written."""
    rows = tmp_path / "products.jsonl"
    rows.write_text('{"sku": "[b]X1[/b]", "locale": "en", "title": ""}\n')
    output = _cli("import-catalog", str(rows))
    assert "1 rejected" in output, output
    assert "[b]X1[/b]" in output, output
