"""The `vlmkg` command line: one group, each subcommand in `vlmkg.commands.<name>`.

Subcommands are imported only when run, so `vlmkg sparql` never imports torch.
"""

from __future__ import annotations

import importlib
import sys

import click

from vlmkg.errors import VlmkgError

# name -> (module under vlmkg.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("build", "Build the graph (and search index) from hub markdown files."),
    "sparql": ("sparql", "Run a read-only SPARQL query against the graph."),
    "stats": ("stats", "Counts and network analytics of the graph."),
    "search": ("search", "Semantic + lexical search over entities and passages."),
    "ask": ("ask", "Ask a question; answers cite the hub lines they come from."),
    "chat": ("ask", "An interactive chat with follow-up questions."),
    "export": ("export", "Export the graph (RDF, Gephi, bibliographies)."),
    "serve": ("serve", "Serve the web UI and a SPARQL 1.1 endpoint."),
    "changes": ("changes", "What changed between versions of a hub built with --history."),
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, _ = COMMANDS[name]
        module = importlib.import_module(f"vlmkg.commands.{module_name}")
        command: click.Command = getattr(module, name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vlmkg")
def cli() -> None:
    """vlmkg: a knowledge graph of vision-language-model research."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; VlmkgError becomes `error: ...` on stderr and its exit code."""
    try:
        rv = cli.main(args=argv, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except VlmkgError as exc:
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
