"""Command line ``qfdkpi``: parse arguments, call one function of ``workbooks``, map errors.

Help and messages are Russian by default and English with ``--lang en`` or ``QFDKPI_LANG=en``.
Exit codes: 0 success; 1 the input or the data cannot be used (every problem listed), or the
outputs cannot be written; 2 usage error; 70 a bug of the program (rerun with ``--debug``);
130 interrupted (Ctrl-C, SIGTERM, SIGHUP), with no partial output left.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from workbooks.locale import default_language, tr, words

EXIT_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 1, 2, 70, 130
STAGES = ("validate", "behaviour", "segments", "drivers", "qfd", "kpi", "export")


def _version() -> str:
    try:
        return version("qfdkpi")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


class State:
    """What every command needs: the language and whether to show tracebacks."""

    def __init__(self, lang: str, debug: bool = False, lang_chosen: bool = True):
        self.lang, self.debug = lang, debug
        self.lang_chosen = lang_chosen  # --lang or QFDKPI_LANG given; else the workbook decides


def _lang(ctx: click.Context | None) -> str:
    root = ctx.find_root() if ctx else None
    return root.obj.lang if root is not None and isinstance(root.obj, State) else "ru"


# ------------------------------------------------------------------ help in the user's language


class _Option(click.Option):
    """An option whose help is a catalogue key, shown in the user's language."""

    def get_help_record(self, ctx):
        key = self.help
        self.help = words(key, _lang(ctx)) if key else key
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = key


class _Localised:
    """Help of a command or group given as a catalogue key, shown in the user's language."""

    def format_help_text(self, ctx, formatter):
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(words(self.help, _lang(ctx)))

    def get_short_help_str(self, limit: int = 45) -> str:
        ctx = click.get_current_context(silent=True)
        text = words(self.help, _lang(ctx)).split(". ")[0]
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = words("help.help", _lang(ctx))
        return option


class _Command(_Localised, click.Command):
    pass


class _Group(_Localised, click.Group):
    """The command group: translated help, and every error mapped to its exit code."""

    command_class = _Command

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("\n" + tr("interrupted", _lang(ctx)), err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            state = ctx.find_root().obj
            if isinstance(state, State) and state.debug:
                raise
            code, message = _explain(exc, _lang(ctx))
            click.echo(message, err=True)
            ctx.exit(code)


def _explain(exc: Exception, lang: str) -> tuple[int, str]:
    """Exit code and message for an exception that reached the command line."""
    from qfd.errors import AnalysisError
    from workbooks.errors import OutputError, ProjectError
    from workbooks.locale import note_text

    if isinstance(exc, ProjectError):
        exc.lang = lang
        return EXIT_INPUT, exc.report()
    if isinstance(exc, AnalysisError):
        return EXIT_INPUT, tr("analysis_impossible", lang, reason=note_text(exc.note, lang))
    if isinstance(exc, OutputError):
        return EXIT_INPUT, exc.message(lang)
    if isinstance(exc, OSError) and exc.filename:  # the disk, not the data: say which file
        return EXIT_INPUT, tr("os_error", lang, path=exc.filename, reason=exc.strerror or exc)
    return EXIT_BUG, tr("internal_error", lang, kind=type(exc).__name__, detail=exc)


def _path(**kw) -> click.Path:
    return click.Path(path_type=Path, **kw)


def _echo_warnings(warnings, lang: str) -> None:
    from workbooks.pipeline import warning_lines

    for line in warning_lines(warnings, lang):
        click.echo(line, err=True)


# ------------------------------------------------------------------ commands


@click.command(cls=_Command, help="help.template")
@click.argument("path", type=_path(dir_okay=False))
@click.option("--force", is_flag=True, cls=_Option, help="help.force")
@click.pass_obj
def template(state: State, path: Path, force: bool) -> None:
    from workbooks.project.template import write_template

    write_template(path, lang=state.lang, force=force)
    click.echo(tr("template_written", state.lang, path=path))


@click.command(cls=_Command, help="help.validate")
@click.argument("project", type=_path(dir_okay=False))
@click.pass_obj
def validate(state: State, project: Path) -> None:
    from workbooks.project import load_project, project_summary

    p = load_project(project, state.lang)
    _echo_warnings(p.warnings, state.lang)
    click.echo(tr("validated_ok", state.lang, path=project, summary=project_summary(p, state.lang)))


@click.command("import-survey", cls=_Command, help="help.import")
@click.argument("export", type=_path(dir_okay=False))
@click.option(
    "--mapping", required=True, type=_path(dir_okay=False), cls=_Option, help="help.mapping"
)
@click.option("--into", required=True, type=_path(dir_okay=False), cls=_Option, help="help.into")
@click.pass_obj
def import_survey(state: State, export: Path, mapping: Path, into: Path) -> None:
    from workbooks.project.survey_import import import_survey as do_import

    result = do_import(export, mapping, into, lang=state.lang)
    _echo_warnings(result.warnings, state.lang)
    click.echo(
        tr(
            "imported",
            state.lang,
            sheet=result.sheet,
            path=into,
            rows=result.rows,
            cols=result.columns,
        )
    )


def _report_command(name: str, renderer: str, default_bootstrap: int | None) -> click.Command:
    """A command that analyses a project and prints one report of the deliverables."""

    @click.command(name, cls=_Command, help=f"help.{name}")
    @click.argument("project", type=_path(dir_okay=False))
    @click.option(
        "--bootstrap",
        type=click.IntRange(0, 100_000),
        default=default_bootstrap,
        show_default=default_bootstrap is not None,
        cls=_Option,
        help="help.bootstrap",
    )
    @click.pass_obj
    def command(state: State, project: Path, bootstrap: int | None) -> None:
        from workbooks.analysis import analyse
        from workbooks.deliverables import report
        from workbooks.project import load_project

        p = load_project(project, state.lang)
        result = analyse(p, bootstrap=bootstrap)
        _echo_warnings(p.warnings, state.lang)
        click.echo(getattr(report, renderer)(result, state.lang))

    return command


drivers = _report_command("drivers", "drivers_table", None)
qfd = _report_command("qfd", "qfd_report", None)
kpi = _report_command("kpi", "kpi_report", 200)  # the KPI view needs the QFD weights only roughly


@click.command("behaviour", cls=_Command, help="help.behaviour")
@click.argument("project", type=_path(dir_okay=False))
@click.option(
    "--transactions",
    type=_path(dir_okay=False),
    default=None,
    cls=_Option,
    help="help.transactions",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    cls=_Option,
    help="help.engine",
)
@click.option("--master", default=None, cls=_Option, help="help.master")
@click.pass_obj
def behaviour(state: State, project: Path, transactions, engine: str, master) -> None:
    from workbooks.analysis import behaviour_results
    from workbooks.deliverables.report import behaviour_report
    from workbooks.project import load_project

    p = load_project(project, state.lang)
    res = behaviour_results(p, transactions, engine, master)
    _echo_warnings(p.warnings, state.lang)
    click.echo(behaviour_report(res, state.lang))


@click.command("segments", cls=_Command, help="help.segments")
@click.argument("project", type=_path(dir_okay=False))
@click.pass_obj
def segments(state: State, project: Path) -> None:
    from workbooks.analysis import behaviour_of, segments_of
    from workbooks.deliverables.report import segments_report
    from workbooks.project import load_project

    p = load_project(project, state.lang)
    res = segments_of(p, behaviour_of(p))
    _echo_warnings(p.warnings, state.lang)
    click.echo(segments_report(res, state.lang))


@click.command(cls=_Command, help="help.journey")
@click.argument("project", type=_path(dir_okay=False))
@click.option("--bracket", default=None, cls=_Option, help="help.bracket")
@click.pass_obj
def journey(state: State, project: Path, bracket: str | None) -> None:
    from workbooks.deliverables.journey_report import journey_report
    from workbooks.journey import journey_of_workbook

    res, warnings = journey_of_workbook(project, state.lang, bracket)
    _echo_warnings(warnings, state.lang)
    click.echo(journey_report(res, project.name, state.lang))


@click.command("monitor", cls=_Command, help="help.monitor")
@click.argument("project", type=_path(dir_okay=False))
@click.pass_obj
def monitor(state: State, project: Path) -> None:
    from workbooks.deliverables.monitoring_report import monitoring_report
    from workbooks.monitoring import monitor as run_monitor

    result = run_monitor(project, state.lang)
    _echo_warnings((*result.project.warnings, *result.inputs.warnings), state.lang)
    click.echo(monitoring_report(result, state.lang))


@click.command(cls=_Command, help="help.run")
@click.argument("project", type=_path(dir_okay=False))
@click.option("--out", required=True, type=_path(file_okay=False), cls=_Option, help="help.out")
@click.option("--force", is_flag=True, cls=_Option, help="help.force")
@click.pass_obj
def run(state: State, project: Path, out: Path, force: bool) -> None:
    _run(state, project, out, force)


@click.command(cls=_Command, help="help.demo")
@click.option("--out", required=True, type=_path(file_okay=False), cls=_Option, help="help.out")
@click.option("--force", is_flag=True, cls=_Option, help="help.force")
@click.pass_obj
def demo(state: State, out: Path, force: bool) -> None:
    from workbooks.pipeline import example_project

    _run(state, example_project(), out, force)


def _run(state: State, project: Path, out: Path, force: bool) -> None:
    from workbooks.pipeline import run_pipeline

    start = time.perf_counter()

    def progress(stage: str) -> None:  # a one-line progress bar on stderr
        k = STAGES.index(stage) + 1 if stage in STAGES else 0
        bar = "█" * k + "░" * (len(STAGES) - k)
        label = words(f"stage.{stage}", state.lang) if stage in STAGES else stage
        elapsed = time.perf_counter() - start
        click.echo(f"\r[{bar}] {k}/{len(STAGES)} {label:<28} {elapsed:5.1f} s", err=True, nl=False)

    try:
        result = run_pipeline(
            project,
            out,
            lang=state.lang,
            force=force,
            progress=progress,
            output_lang=None if state.lang_chosen else "workbook",
        )
    finally:
        click.echo("", err=True)
    _echo_warnings(result.warnings, state.lang)
    click.echo(result.summary)


COMMANDS = (
    template,
    validate,
    import_survey,
    behaviour,
    segments,
    drivers,
    qfd,
    kpi,
    journey,
    monitor,
    run,
    demo,
)


def build_cli(lang: str = "ru") -> click.Group:
    """The command group; ``lang`` is the language of help texts and the default of ``--lang``."""

    def callback(lang_opt: str, debug: bool) -> None:
        ctx = click.get_current_context()
        chosen = ctx.get_parameter_source("lang_opt") != click.core.ParameterSource.DEFAULT
        ctx.obj = State(lang_opt, debug, chosen or bool(os.environ.get("QFDKPI_LANG")))

    group = _Group(
        "qfdkpi",
        help="help.group",
        callback=callback,
        context_settings={"help_option_names": ["-h", "--help"], "obj": State(lang)},
        params=[
            _Option(
                ["--lang", "lang_opt"],
                type=click.Choice(["ru", "en"]),
                default=lang,
                show_default=True,
                help="help.lang",
            ),
            _Option(["--debug"], is_flag=True, help="help.debug"),
        ],
    )
    click.version_option(_version(), prog_name="qfdkpi", help=words("help.version", lang))(group)
    for command in COMMANDS:
        group.add_command(command)
    return group


def _sniff_lang(argv: list[str]) -> str:
    """The language asked for on the command line, before click parses it (for --help)."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].lower().startswith("en") else "ru"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1].lower().startswith("en") else "ru"
    return default_language()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``qfdkpi`` script."""
    argv = sys.argv[1:] if argv is None else argv
    lang = _sniff_lang(argv)
    # SIGTERM and SIGHUP clean up like Ctrl-C: temporary outputs are removed on the way out
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        code = build_cli(lang).main(args=argv, prog_name="qfdkpi", standalone_mode=False)
        code = code if isinstance(code, int) else 0
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl-C before a command started
        click.echo("\n" + tr("interrupted", lang), err=True)
        code = EXIT_INTERRUPTED
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:  # usage errors: exit 2 with click's message
        exc.show()
        code = exc.exit_code
    # the work is done (or undone): a late Ctrl-C must not turn a finished run into a crash
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    sys.exit(code)


if __name__ == "__main__":
    main()
