"""`python -m exporter export SOURCE OUT ...` without the rest of the Shelfwriter CLI."""

import typer

from exporter.cli import register

app = typer.Typer(no_args_is_help=True, help="Shelfwriter model exporter")
register(app)

if __name__ == "__main__":
    app()
