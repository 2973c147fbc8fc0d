"""Command line ``qfdkpi``: parse arguments, call one function of ``workbooks``, map errors.

Help and messages are Russian by default and English with ``--lang en`` or ``QFDKPI_LANG=en``.
Exit codes: 0 success; 1 the input or the data cannot be used (every problem listed), or the
outputs cannot be written; 2 usage error; 70 a bug of the program (rerun with ``--debug``);
130 interrupted (Ctrl-C, SIGTERM, SIGHUP), with no partial output and no temporary file left.
Terminal output survives any console encoding (characters it cannot show become ``?``), and a
closed or full standard output is reported in one sentence instead of a traceback.
"""

from __future__ import annotations

import gc
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
        from threadpoolctl import threadpool_limits

        # Numerical libraries on one thread: on a busy 2-core laptop OpenMP/BLAS threads spin
        # against each other (k-means 53 s instead of 0.3 s), and a fixed thread count gives the
        # same last digits on every machine; DuckDB and the exact LMG sweep parallelise
        # themselves where it pays. Libraries loaded later read the variables, those already
        # loaded are limited by threadpoolctl.
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
        try:
            with threadpool_limits(limits=1):
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except (KeyboardInterrupt, click.exceptions.Abort):
            ctx.exit(_interrupted(_lang(ctx)))
        except Exception as exc:
            if _SIGNALLED:  # e.g. a C extension's import interrupted: "initialization failed"
                ctx.exit(_interrupted(_lang(ctx)))
            state = ctx.find_root().obj
            if isinstance(state, State) and state.debug:
                raise
            code, message = _explain(exc, _lang(ctx))
            _tell(message)
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
    from workbooks.atomic import os_error_in, os_reason
    from workbooks.project.transactions import TransactionError

    if isinstance(exc, OutputError):
        values = {
            k: os_reason(v, lang) if isinstance(v, OSError) else v for k, v in exc.values.items()
        }
        return EXIT_INPUT, tr(exc.key, lang, **values)
    if isinstance(exc, TransactionError):
        return EXIT_INPUT, exc.message(lang)
    if isinstance(exc, _ConsoleError):
        stream = words(f"stream.{exc.stream}", lang)
        return EXIT_INPUT, tr(
            "console_failed", lang, stream=stream, reason=os_reason(exc.error, lang)
        )
    cause = os_error_in(exc)  # the disk, not the data (writers wrap it): say which file
    if cause is not None and cause.filename:
        return EXIT_INPUT, tr("os_error", lang, path=cause.filename, reason=os_reason(cause, lang))
    return EXIT_BUG, tr("internal_error", lang, kind=type(exc).__name__, detail=exc)


# ------------------------------------------------------------------ the console


class _ConsoleError(Exception):
    """Standard output cannot be written (a full disk, a closed pipe)."""

    def __init__(self, stream: str, error: OSError):
        self.stream, self.error = stream, error
        super().__init__(f"{stream}: {error}")


def _write(stream, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a console that cannot show these characters: show '?'
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "replace").decode(encoding))
    stream.flush()


def _say(text: str) -> None:
    """A result on standard output; a failure to write it becomes :class:`_ConsoleError`."""
    try:
        _write(sys.stdout, f"{text}\n")
    except OSError as exc:
        _silence(sys.stdout)
        raise _ConsoleError("stdout", exc) from exc


def _tell(text: str, nl: bool = True) -> None:
    """Progress, warnings and errors on standard error; if even that fails, nothing to do."""
    try:
        _write(sys.stderr, f"{text}\n" if nl else text)
    except OSError:
        _silence(sys.stderr)


def _silence(stream) -> None:
    """Point a broken stream at the null device, so that Python's flush at exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to silence
        pass


def _can_show(text: str) -> bool:
    try:
        text.encode(getattr(sys.stderr, "encoding", None) or "ascii")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def _path(**kw) -> click.Path:
    return click.Path(path_type=Path, **kw)


def _echo_warnings(warnings, lang: str) -> None:
    from workbooks.pipeline import warning_lines

    for line in warning_lines(warnings, lang):
        _tell(line)


def _cleanup() -> None:
    from workbooks.atomic import cleanup

    cleanup()


def _interrupted(lang: str) -> int:
    """Clean up after Ctrl-C, SIGTERM or SIGHUP, say so; the exit code."""
    _cleanup()
    _tell("\n" + tr("interrupted", lang))
    return EXIT_INTERRUPTED


_allow_dir = click.option(
    "--allow-dir",
    "allow_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    cls=_Option,
    help="help.allow_dir",
)


def _load(state: State, project: Path, allow_dirs=(), analyses: bool = True):
    """The project, validated, and the workbook's sheets as read; the memory limit of the
    transactions checked first. For a command that ``analyses`` the project, the check of its
    transactions and the analyses share one reading of them, until the command ends."""
    from workbooks.project import read_project
    from workbooks.project.transactions import memory_limit, reading_once

    memory_limit()  # a wrong QFDKPI_MEMORY_LIMIT is named before any reading
    if analyses:
        click.get_current_context().with_resource(reading_once())
    p, grids = read_project(project, state.lang, allow_dirs)
    if not state.lang_chosen:  # no --lang, no QFDKPI_LANG: the workbook's own language speaks
        state.lang = p.settings.language
    return p, grids


# ------------------------------------------------------------------ commands


@click.command(cls=_Command, help="help.template")
@click.argument("path", type=_path(dir_okay=False))
@click.option("--force", is_flag=True, cls=_Option, help="help.force")
@click.pass_obj
def template(state: State, path: Path, force: bool) -> None:
    from workbooks.project.template import write_template

    write_template(path, lang=state.lang, force=force)
    _say(tr("template_written", state.lang, path=path))


@click.command(cls=_Command, help="help.validate")
@click.argument("project", type=_path(dir_okay=False))
@_allow_dir
@click.pass_obj
def validate(state: State, project: Path, allow_dirs) -> None:
    from workbooks.project import project_summary

    p, _ = _load(state, project, allow_dirs, analyses=False)
    _echo_warnings(p.warnings, state.lang)
    _say(tr("validated_ok", state.lang, path=project, summary=project_summary(p, state.lang)))


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
    _say(
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
    """A command that analyses a project and prints one report of the deliverables: it runs
    the analysis stage of its name and what that stage needs, nothing else."""

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
    @_allow_dir
    @click.pass_obj
    def command(state: State, project: Path, bootstrap: int | None, allow_dirs) -> None:
        from workbooks.analysis import analyse
        from workbooks.deliverables import report
        from workbooks.followup import latest_wave, noting_waves

        p, grids = _load(state, project, allow_dirs)
        analysed, wave_note, _ = latest_wave(p, state.lang, grids)  # the respondents run uses
        result = noting_waves(analyse(analysed, bootstrap=bootstrap, stages=(name,)), wave_note)
        _echo_warnings(p.warnings, state.lang)
        _say(getattr(report, renderer)(result, state.lang))

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
@_allow_dir
@click.pass_obj
def behaviour(state: State, project: Path, transactions, engine: str, master, allow_dirs) -> None:
    from workbooks.analysis import behaviour_results
    from workbooks.deliverables.report import behaviour_report

    p, _ = _load(state, project, allow_dirs)
    if transactions is not None:  # a file given here replaces the workbook's, checked the same way
        p = _with_transactions(p, transactions, state.lang)
    res = behaviour_results(p, None, engine, master)
    _echo_warnings(p.warnings, state.lang)
    _say(behaviour_report(res, state.lang))


def _with_transactions(p, path: Path, lang: str):
    """The project with the transactions of ``path`` (the workbook's column names apply),
    every line checked as in validation."""
    import dataclasses

    from workbooks.errors import Problems
    from workbooks.project.safety import check_given_file
    from workbooks.project.transactions import (
        TransactionSource,
        check_source,
        message_values,
        parse_column_setting,
    )

    problems = Problems(source=path.name, lang=lang)
    key, values = check_given_file(path)
    if key:
        problems.error(tr(key, lang, **message_values(values, lang)), key=key)
        problems.raise_if_any()
    columns, _, _ = parse_column_setting(p.settings.transaction_columns)
    source = TransactionSource.from_file(path, columns)
    count, _, _ = check_source(source, problems, p.settings.analysis_date)
    problems.raise_if_any()
    warnings = p.warnings + tuple(problems.warnings)
    return dataclasses.replace(p, transactions=source, transaction_count=count, warnings=warnings)


@click.command("segments", cls=_Command, help="help.segments")
@click.argument("project", type=_path(dir_okay=False))
@_allow_dir
@click.pass_obj
def segments(state: State, project: Path, allow_dirs) -> None:
    from workbooks.analysis import behaviour_of, segments_of
    from workbooks.deliverables.report import segments_report

    p, _ = _load(state, project, allow_dirs)
    res = segments_of(p, behaviour_of(p))
    _echo_warnings(p.warnings, state.lang)
    _say(segments_report(res, state.lang))


@click.command(cls=_Command, help="help.journey")
@click.argument("project", type=_path(dir_okay=False))
@click.option("--bracket", default=None, cls=_Option, help="help.bracket")
@click.pass_obj
def journey(state: State, project: Path, bracket: str | None) -> None:
    from workbooks.deliverables.journey_report import journey_report
    from workbooks.journey import journey_of_workbook

    chosen = state.lang if state.lang_chosen else None  # else the workbook's language
    res, warnings, lang, title = journey_of_workbook(project, chosen, bracket)
    _echo_warnings(warnings, lang)
    click.echo(journey_report(res, title, lang))


@click.command("monitor", cls=_Command, help="help.monitor")
@click.argument("project", type=_path(dir_okay=False))
@click.pass_obj
def monitor(state: State, project: Path) -> None:
    from workbooks.deliverables.monitoring_report import monitoring_report
    from workbooks.monitoring import monitor as run_monitor

    result = run_monitor(project, state.lang if state.lang_chosen else None)
    lang = state.lang if state.lang_chosen else result.project.settings.language
    _echo_warnings((*result.project.warnings, *result.inputs.warnings), lang)
    click.echo(monitoring_report(result, lang))


@click.command(cls=_Command, help="help.run")
@click.argument("project", type=_path(dir_okay=False))
@click.option("--out", required=True, type=_path(file_okay=False), cls=_Option, help="help.out")
@click.option("--force", is_flag=True, cls=_Option, help="help.force")
@_allow_dir
@click.pass_obj
def run(state: State, project: Path, out: Path, force: bool, allow_dirs) -> None:
    _run(state, project, out, force, allow_dirs)


@click.command(cls=_Command, help="help.demo")
@click.option("--out", required=True, type=_path(file_okay=False), cls=_Option, help="help.out")
@click.option("--force", is_flag=True, cls=_Option, help="help.force")
@click.pass_obj
def demo(state: State, out: Path, force: bool) -> None:
    from workbooks.pipeline import example_project

    _run(state, example_project(), out, force)


def _run(state: State, project: Path, out: Path, force: bool, allow_dirs=()) -> None:
    from workbooks.pipeline import run_pipeline
    from workbooks.project.transactions import memory_limit

    memory_limit()  # a wrong QFDKPI_MEMORY_LIMIT is named before any work
    start = time.perf_counter()
    full, empty = ("█", "░") if _can_show("█░") else ("#", "-")
    shown = []

    def progress(stage: str) -> None:  # a one-line progress bar on stderr
        shown.append(stage)
        k = STAGES.index(stage) + 1 if stage in STAGES else 0
        bar = full * k + empty * (len(STAGES) - k)
        label = words(f"stage.{stage}", state.lang) if stage in STAGES else stage
        elapsed = time.perf_counter() - start
        _tell(f"\r[{bar}] {k}/{len(STAGES)} {label:<28} {elapsed:5.1f} s", nl=False)

    try:
        result = run_pipeline(
            project,
            out,
            lang=state.lang,
            force=force,
            progress=progress,
            output_lang=None if state.lang_chosen else "workbook",
            allow_dirs=allow_dirs,
        )
    finally:
        if shown:
            _tell("")
    _echo_warnings(result.warnings, state.lang)
    _say(result.summary)


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


_SIGNALLED: list[int] = []  # signals received: an error raised after one is its consequence


def _interrupt(signum, frame) -> None:
    _SIGNALLED.append(signum)
    raise KeyboardInterrupt


def _console_encoding() -> None:
    """Characters the console cannot show become '?' instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``qfdkpi`` script."""
    script = argv is None  # the process ends with this call
    argv = sys.argv[1:] if argv is None else argv
    if script:
        # A command is a short process that makes many objects and few cycles: the default
        # thresholds collected ~600 times in a run, walking scikit-learn's, pandas' and
        # statsmodels' objects (0.2 s of 5); memory stays the same (measured on run).
        gc.set_threshold(10_000, 50, 50)
    lang = _sniff_lang(argv)
    _console_encoding()
    # SIGTERM and SIGHUP clean up like Ctrl-C: temporary files are removed on the way out
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        code = build_cli(lang).main(args=argv, prog_name="qfdkpi", standalone_mode=False)
        code = code if isinstance(code, int) else 0
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl-C before a command started
        code = _interrupted(lang)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:  # usage errors: exit 2 with click's message
        try:
            exc.show()
        except OSError:
            _silence(sys.stderr)
        code = exc.exit_code
    except OSError as exc:  # help or version text to a closed or full standard output
        _silence(sys.stdout)
        from workbooks.atomic import os_reason

        stream = words("stream.stdout", lang)
        _tell(tr("console_failed", lang, stream=stream, reason=os_reason(exc, lang)))
        code = EXIT_INPUT
    # the work is done (or undone): a late Ctrl-C must not turn a finished run into a crash
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    _cleanup()
    try:
        sys.stdout.flush()
    except OSError:
        _silence(sys.stdout)
    if script:
        # The interpreter's last garbage collection would walk every object the libraries
        # made (0.3 s after a run, scikit-learn and statsmodels loaded) for nothing: the outputs
        # are written and closed and the temporary files removed. Frozen objects are skipped.
        gc.disable()
        gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    main()
