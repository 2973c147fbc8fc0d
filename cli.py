"""Command line: ``qfdkpi`` (a thin click group over the pipeline functions).

Help is Russian by default and English with ``--lang en`` or ``QFDKPI_LANG=en``. Exit codes:
0 success, 1 invalid input or a domain error (every problem listed), 2 usage error.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from workbooks.errors import Problem, ProjectError
from workbooks.locale import tr

HELP = {
    "group": (
        "QFD и дерево KPI для аудита клиентского опыта: от интервью и транзакций к приоритетам "
        "точек контакта, узким местам и ТЗ на CX-дашборд.",
        "QFD and KPI trees for customer-experience audits: from interviews and transactions to "
        "touchpoint priorities, bottlenecks and a TOR for the CX dashboard.",
    ),
    "lang": ("Язык сообщений и файлов: ru или en.", "Language of messages and files: ru or en."),
    "debug": ("Показывать трассировку при ошибках.", "Show tracebacks on errors."),
    "force": ("Перезаписать существующий файл/папку.", "Overwrite an existing file/folder."),
    "template": (
        "Записать пустую книгу проекта с инструкцией, подсказками и выпадающими списками.",
        "Write a blank project workbook with instructions, header comments and drop-downs.",
    ),
    "validate": (
        "Проверить книгу проекта: каждая ячейка, каждая ссылка; все проблемы сразу.",
        "Check a project workbook: every cell and reference; all problems at once.",
    ),
    "import": (
        "Перенести выгрузку опроса (Google/Яндекс Формы, Qualtrics) в лист «Интервью» проекта "
        "по файлу сопоставления (TOML) или листу сопоставления.",
        "Write a survey export (Google/Yandex Forms, Qualtrics) into a project's interviews "
        "sheet through a mapping (a TOML file or a mapping sheet).",
    ),
    "mapping": (
        "Файл сопоставления .toml или книга .xlsx с листом сопоставления.",
        "Mapping: a .toml file or an .xlsx with a mapping sheet.",
    ),
    "into": (
        "Книга проекта, в которую записать интервью.",
        "Project workbook to write the interviews into.",
    ),
    "demo": (
        "Прогнать полный расчёт на встроенном примере (ПромТехГрупп) и записать результаты в папку.",
        "Run the whole pipeline on the bundled example (PromTech group) and write the outputs.",
    ),
    "run": (
        "Прогнать полный расчёт по книге проекта и записать результаты в папку.",
        "Run the whole pipeline on a project workbook and write the outputs.",
    ),
    "version": ("Показать версию и выйти.", "Show the version and exit."),
    "help": ("Показать эту справку и выйти.", "Show this message and exit."),
    "drivers": (
        "Ключевые драйверы: вклад удовлетворённости каждой точкой контакта в платёжное поведение "
        "(доли R² по LMG с бутстреп-интервалами, бета-веса, диагностика).",
        "Key drivers: how much satisfaction with each touchpoint explains payment behaviour "
        "(LMG shares of R² with bootstrap intervals, betas, diagnostics).",
    ),
    "qfd": (
        "QFD: матрица планирования по точкам контакта, карта важность–исполнение, Дом качества, "
        "конфликты крыши, каскад и устойчивость рангов.",
        "QFD: the planning matrix per touchpoint, importance–performance map, House of Quality, "
        "roof conflicts, cascade and rank stability.",
    ),
    "kpi": (
        "Деревья KPI по точкам контакта: выполнение, узкие места и рекомендации, узкие места "
        "процессов, покрытие KPI данными ИТ-систем.",
        "KPI trees per touchpoint: attainment, bottlenecks and recommendations, process "
        "bottlenecks, KPI coverage by the IT systems.",
    ),
    "behaviour": (
        "Платёжное поведение: RFM, Парето и уровни обслуживания, BG/NBD + Gamma-Gamma, корзина.",
        "Payment behaviour: RFM, Pareto and service tiers, BG/NBD + Gamma-Gamma, basket.",
    ),
    "segments": (
        "Сегменты клиентов (k-средних), портреты и приоритет сегментов.",
        "Client segments (k-means), portraits and segment priority.",
    ),
    "transactions": (
        "CSV/Parquet с транзакциями вместо указанных в книге.",
        "Transactions CSV/Parquet instead of those named in the workbook.",
    ),
    "engine": (
        "Движок запросов: duckdb (встроенный) или spark.",
        "Query engine: duckdb (embedded) or spark.",
    ),
    "master": (
        "Адрес мастера Spark (по умолчанию local[*]).",
        "Spark master URL (default local[*]).",
    ),
    "bootstrap": (
        "Число бутстреп-выборок (по умолчанию из настроек).",
        "Bootstrap replicates (default from the settings).",
    ),
    "out": ("Папка для результатов.", "Output folder."),
}


def _h(key: str, lang: str) -> str:
    return HELP[key][0 if lang == "ru" else 1]


def _sniff_lang(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].lower().startswith("en") else "ru"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1].lower().startswith("en") else "ru"
    return "en" if os.environ.get("QFDKPI_LANG", "").lower().startswith("en") else "ru"


def _version() -> str:
    try:
        return version("qfdkpi")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def _report_warnings(warnings, lang: str) -> None:
    if warnings:
        click.echo(tr("warnings_header", lang, n=len(warnings)), err=True)
        for w in warnings:
            click.echo(f"  {w}", err=True)


class _Ctx:
    def __init__(self, lang: str, debug: bool, lang_chosen: bool = True):
        self.lang, self.debug = lang, debug
        self.lang_chosen = lang_chosen  # --lang or QFDKPI_LANG given; else the workbook decides


def _fail(ctx: _Ctx, exc: Exception) -> None:
    """Map domain errors to exit code 1 with the full problem list."""
    if ctx.debug:
        raise exc
    if isinstance(exc, ProjectError):
        exc.lang = ctx.lang
        click.echo(exc.report(), err=True)
    elif isinstance(exc, FileExistsError):
        click.echo(tr("exists", ctx.lang, path=exc.args[0]), err=True)
    else:
        click.echo(f"{type(exc).__name__}: {exc}", err=True)
    sys.exit(1)


def build_cli(lang: str) -> click.Group:
    """The command group with help texts in ``lang``."""
    settings = {"help_option_names": ["-h", "--help"]}

    @click.group(help=_h("group", lang), context_settings=settings)
    @click.option(
        "--lang",
        type=click.Choice(["ru", "en"]),
        default=lang,
        show_default=True,
        help=_h("lang", lang),
    )
    @click.option("--debug", is_flag=True, help=_h("debug", lang))
    @click.version_option(_version(), prog_name="qfdkpi", help=_h("version", lang))
    @click.help_option("-h", "--help", help=_h("help", lang))
    @click.pass_context
    def main(ctx, lang, debug):
        chosen = ctx.get_parameter_source("lang") != click.core.ParameterSource.DEFAULT or bool(
            os.environ.get("QFDKPI_LANG")
        )
        ctx.obj = _Ctx(lang, debug, chosen)

    @main.command(help=_h("template", lang))
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help=_h("force", lang))
    @click.pass_obj
    def template(obj, path, force):
        from workbooks.project.template import write_template

        try:
            write_template(path, lang=obj.lang, force=force)
        except (FileExistsError, ProjectError) as exc:
            _fail(obj, exc)
        click.echo(tr("template_written", obj.lang, path=path))

    @main.command(help=_h("validate", lang))
    @click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
    @click.pass_obj
    def validate(obj, project):
        from workbooks.project import load_project, project_summary

        try:
            p = load_project(project, obj.lang)
        except ProjectError as exc:
            _fail(obj, exc)
        _report_warnings(p.warnings, obj.lang)
        click.echo(tr("validated_ok", obj.lang, path=project, summary=project_summary(p, obj.lang)))

    @main.command("import-survey", help=_h("import", lang))
    @click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
    @click.option(
        "--mapping",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help=_h("mapping", lang),
    )
    @click.option(
        "--into",
        "into",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help=_h("into", lang),
    )
    @click.pass_obj
    def import_survey(obj, export, mapping, into):
        from workbooks.project.survey_import import import_survey as do_import

        try:
            result = do_import(export, mapping, into, lang=obj.lang)
        except ProjectError as exc:
            _fail(obj, exc)
        _report_warnings(result.warnings, obj.lang)
        click.echo(
            tr(
                "imported",
                obj.lang,
                sheet=result.sheet,
                path=into,
                rows=result.rows,
                cols=result.columns,
            )
        )

    def report_command(name: str, renderer: str, default_bootstrap: int | None):
        """A command that analyses a project and prints one report of workbooks.report."""

        @main.command(name, help=_h(name, lang))
        @click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
        @click.option(
            "--bootstrap",
            type=click.IntRange(0, 100_000),
            default=default_bootstrap,
            show_default=default_bootstrap is not None,
            help=_h("bootstrap", lang),
        )
        @click.pass_obj
        def command(obj, project, bootstrap):
            from workbooks.deliverables import report

            result = _analyse(obj, project, bootstrap)
            click.echo(getattr(report, renderer)(result, obj.lang))

        return command

    report_command("drivers", "drivers_table", None)
    report_command("qfd", "qfd_report", None)
    report_command("kpi", "kpi_report", 200)  # the KPI view needs the QFD weights only roughly

    @main.command("behaviour", help=_h("behaviour", lang))
    @click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
    @click.option(
        "--transactions",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=_h("transactions", lang),
    )
    @click.option(
        "--engine",
        type=click.Choice(["duckdb", "spark"]),
        default="duckdb",
        show_default=True,
        help=_h("engine", lang),
    )
    @click.option("--master", default=None, help=_h("master", lang))
    @click.pass_obj
    def behaviour_command(obj, project, transactions, engine, master):
        from workbooks.analysis import behaviour_results
        from workbooks.deliverables.report import behaviour_report
        from workbooks.project import load_project
        from workbooks.project.transactions import TransactionError

        try:
            p = load_project(project, obj.lang)
            res = behaviour_results(p, transactions, engine, master)
        except ProjectError as exc:
            _fail(obj, exc)
        except (TransactionError, ValueError) as exc:
            _fail(obj, ProjectError([Problem(str(exc))], project.name, obj.lang))
        _report_warnings(p.warnings, obj.lang)
        click.echo(behaviour_report(res, obj.lang))

    @main.command("segments", help=_h("segments", lang))
    @click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
    @click.pass_obj
    def segments_command(obj, project):
        from workbooks.analysis import behaviour_of, segments_of
        from workbooks.deliverables.report import segments_report
        from workbooks.project import load_project

        try:
            p = load_project(project, obj.lang)
            res = segments_of(p, behaviour_of(p))
        except ProjectError as exc:
            _fail(obj, exc)
        except ValueError as exc:
            _fail(obj, ProjectError([Problem(str(exc))], project.name, obj.lang))
        _report_warnings(p.warnings, obj.lang)
        click.echo(segments_report(res, obj.lang))

    @main.command(help=_h("run", lang))
    @click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
    @click.option(
        "--out",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=_h("out", lang),
    )
    @click.option("--force", is_flag=True, help=_h("force", lang))
    @click.pass_obj
    def run(obj, project, out, force):
        _run(obj, project, out, force)

    @main.command(help=_h("demo", lang))
    @click.option(
        "--out",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=_h("out", lang),
    )
    @click.option("--force", is_flag=True, help=_h("force", lang))
    @click.pass_obj
    def demo(obj, out, force):
        from workbooks.pipeline import example_project

        _run(obj, example_project(), out, force)

    return main


def _analyse(obj: _Ctx, project: Path, bootstrap: int | None):
    """Load, validate and analyse a project; exit 1 with every problem on bad input."""
    from workbooks.analysis import analyse
    from workbooks.project import load_project

    try:
        p = load_project(project, obj.lang)
        result = analyse(p, bootstrap=bootstrap)
    except ProjectError as exc:
        _fail(obj, exc)
    except ValueError as exc:  # a computation that cannot be done on this data
        _fail(obj, ProjectError([Problem(str(exc))], project.name, obj.lang))
    _report_warnings(p.warnings, obj.lang)
    return result


STAGES = {
    "validate": ("проверка книги", "validating the workbook"),
    "behaviour": ("платёжное поведение", "payment behaviour"),
    "segments": ("сегменты", "segments"),
    "drivers": ("драйверы и бутстреп", "drivers and bootstrap"),
    "qfd": ("QFD и устойчивость", "QFD and stability"),
    "kpi": ("деревья KPI", "KPI trees"),
    "export": ("запись результатов", "writing outputs"),
}


def _run(obj: _Ctx, project: Path, out: Path, force: bool) -> None:
    import time

    from workbooks.pipeline import run_pipeline

    start = time.perf_counter()
    steps = list(STAGES)

    def progress(stage: str) -> None:  # a one-line progress bar on stderr
        k = steps.index(stage) + 1 if stage in steps else 0
        bar = "█" * k + "░" * (len(steps) - k)
        label = STAGES.get(stage, (stage, stage))[0 if obj.lang == "ru" else 1]
        click.echo(
            f"\r[{bar}] {k}/{len(steps)} {label:<28} {time.perf_counter() - start:5.1f} s",
            err=True,
            nl=False,
        )

    try:
        result = run_pipeline(
            project,
            out,
            lang=obj.lang,
            force=force,
            progress=progress,
            output_lang=None if obj.lang_chosen else "workbook",
        )
    except (ProjectError, FileExistsError) as exc:
        click.echo("", err=True)
        _fail(obj, exc)
    except ValueError as exc:
        click.echo("", err=True)
        _fail(obj, ProjectError([Problem(str(exc))], project.name, obj.lang))
    except KeyboardInterrupt:  # outputs are atomic: the temporary files are already gone
        click.echo("\n" + tr("interrupted", obj.lang), err=True)
        sys.exit(130)
    click.echo("", err=True)
    _report_warnings(result.warnings, obj.lang)
    click.echo(result.summary)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    lang = _sniff_lang(argv)
    try:
        build_cli(lang).main(args=argv, prog_name="qfdkpi", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl-C at any moment, even at start-up
        click.echo("\n" + tr("interrupted", lang), err=True)
        sys.exit(130)
    except click.ClickException as exc:  # usage errors: exit 2 with click's message
        exc.show()
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
