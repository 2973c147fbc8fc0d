"""Building blocks of the deck, on python-pptx: text that fits its box, tables whose rows are as
tall as their text, native charts (scatter with labelled points and axes crossing where asked,
bars with error bars from the chart's own data) and box-and-arrow diagrams.

Every size is computed, not hoped for: fonts are chosen with the deck font's real widths
(:mod:`workbooks.deliverables.fitting`), so the text fits in PowerPoint and in LibreOffice
alike; charts keep their data in the embedded workbook, so they stay editable.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from workbooks.deliverables.fitting import line_count, longest_word

__all__ = ["Box", "Deck", "Para"]

FONT = "Arial"
EMU_PER_PT = 12700
SLIDE_W, SLIDE_H = 960.0, 540.0  # points (13.333 × 7.5 in, 16:9)
MARGIN = 36.0
TITLE_H = 54.0
BODY_TOP = MARGIN + TITLE_H + 8
INSET = 5.0  # text inset inside boxes, points
SAFETY = 0.92  # share of a box's width the fitted text may fill (renderers differ slightly)
LEADING = 1.22  # line height / font size as LibreOffice and PowerPoint lay Arial out
BLUE, GREY, DARK = "1F4E78", "7F7F7F", "262626"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def pt(x: float) -> Emu:
    return Emu(round(x * EMU_PER_PT))


@dataclass(frozen=True)
class Para:
    """A paragraph: its text and how it looks (size is a multiple of the box's fitted size)."""

    text: str
    bold: bool = False
    colour: str = DARK
    scale: float = 1.0
    bullet: bool = False


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def split_h(self, share: float, gap: float = 16.0) -> tuple[Box, Box]:
        left = self.w * share - gap / 2
        return Box(self.x, self.y, left, self.h), Box(
            self.x + left + gap, self.y, self.w - left - gap, self.h
        )

    def split_v(self, height: float, gap: float = 8.0) -> tuple[Box, Box]:
        return Box(self.x, self.y, self.w, height), Box(
            self.x, self.y + height + gap, self.w, self.h - height - gap
        )


BODY = Box(MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, SLIDE_H - BODY_TOP - MARGIN)


_MINUS = re.compile(r"(?<!\w)-(?=\d)")


def typeset(text: str) -> str:
    """A slide's text with the minus of a negative number as the minus sign (U+2212), which a
    line never leaves behind as it may a hyphen ("-0,14" broke after its "-" on a slide).

    >>> typeset("β -0,14 [-0,49; +0,36], TP-01, 2024-05")
    'β −0,14 [−0,49; +0,36], TP-01, 2024-05'
    """
    return _MINUS.sub("\u2212", text)


def _paras(items) -> list[Para]:
    return [
        replace(p, text=typeset(p.text)) if isinstance(p, Para) else Para(typeset(str(p)))
        for p in items
    ]


def fitted_size(paras: list[Para], w: float, h: float, sizes=(20, 18, 16, 14, 13, 12, 11, 10, 9)):
    """The largest font size at which the paragraphs fit ``w`` × ``h`` points."""
    w *= SAFETY
    for size in sizes:
        lines = 0.0
        ok = True
        for p in paras:
            s = size * p.scale
            room = w - (12 if p.bullet else 0)
            if longest_word(p.text, s, p.bold) > room:
                ok = False
                break
            lines += line_count(p.text, room, s, p.bold) * s * LEADING + s * 0.3
        if ok and lines <= h:
            return size
    return sizes[-1]


class Deck:
    """A 16:9 presentation in Arial."""

    def __init__(self):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = pt(SLIDE_W), pt(SLIDE_H)
        self.layout = self.prs.slide_layouts[6]  # blank

    def slide(self, title: str, subtitle: str = ""):
        s = self.prs.slides.add_slide(self.layout)
        band = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, pt(SLIDE_W), pt(8))
        _fill(band, BLUE)
        self.text(
            s,
            Box(MARGIN, MARGIN - 14, SLIDE_W - 2 * MARGIN, 36),
            [Para(title, bold=True, colour=BLUE)],
            sizes=(26, 24, 22, 20, 18),
        )
        if subtitle:
            self.text(
                s,
                Box(MARGIN, MARGIN + 22, SLIDE_W - 2 * MARGIN, TITLE_H - 18),
                [Para(subtitle, colour=GREY)],
                sizes=(14, 13, 12, 11, 10),
            )
        return s

    def save(self, path) -> None:
        self.prs.save(str(path))

    # ------------------------------------------------------------------ text
    def text(
        self,
        slide,
        box: Box,
        paras,
        sizes=(20, 18, 16, 14, 13, 12, 11, 10, 9),
        align=None,
        anchor=MSO_ANCHOR.TOP,
        shape=None,
    ):
        """A text box (or ``shape``'s own text) with the largest size that fits."""
        paras = _paras(paras)
        size = fitted_size(paras, box.w - 2 * INSET, box.h - 2 * INSET, sizes)
        if shape is None:
            shape = slide.shapes.add_textbox(pt(box.x), pt(box.y), pt(box.w), pt(box.h))
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = anchor
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(tf, side, pt(INSET))
        for i, p in enumerate(paras):
            par = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if align is not None:
                par.alignment = align
            par.space_after = Pt(size * p.scale * 0.3)
            if p.bullet:
                _bullet(par)
            run = par.add_run()
            run.text = p.text
            _font(run.font, size * p.scale, p.bold, p.colour)
        return shape

    def card(
        self,
        slide,
        box: Box,
        paras,
        fill: str,
        line: str | None = None,
        line_w: float = 1.0,
        sizes=(14, 13, 12, 11, 10, 9, 8),
        align=PP_ALIGN.LEFT,
        shape_kind=MSO_SHAPE.ROUNDED_RECTANGLE,
    ):
        """A filled shape with text that fits it."""
        shape = slide.shapes.add_shape(shape_kind, pt(box.x), pt(box.y), pt(box.w), pt(box.h))
        if shape_kind == MSO_SHAPE.ROUNDED_RECTANGLE:
            shape.adjustments[0] = 0.08
        _fill(shape, fill)
        if line:
            shape.line.color.rgb = RGBColor.from_string(line)
            shape.line.width = Pt(line_w)
        else:
            shape.line.fill.background()
        shape.shadow.inherit = False
        inner = _inner(box, shape_kind)
        self.text(
            slide, inner, paras, sizes=sizes, align=align, anchor=MSO_ANCHOR.MIDDLE, shape=shape
        )
        return shape

    @staticmethod
    def card_size(box: Box, paras, sizes) -> float:
        """The font size :meth:`card` would choose for ``paras`` in ``box``."""
        inner = _inner(box, MSO_SHAPE.ROUNDED_RECTANGLE)
        return fitted_size(_paras(paras), inner.w - 2 * INSET, inner.h - 2 * INSET, sizes)

    # ------------------------------------------------------------------ tables
    def table(
        self,
        slide,
        box: Box,
        header: list[str],
        rows: list[list[str]],
        weights: list[float],
        sizes=(14, 13, 12, 11, 10, 9),
        fills: dict | None = None,
    ) -> float:
        """A table in ``box`` with the largest font at which every row fits; column widths in
        proportion to ``weights``. ``fills`` maps (row, col) to a cell colour. Returns the
        height used (points)."""
        header = [typeset(c) for c in header]
        rows = [[typeset(c) for c in r] for r in rows]
        widths = [box.w * w / sum(weights) for w in weights]
        pad = 2 * 4.0
        size = sizes[-1]
        for s in sizes:
            if self._table_height([header, *rows], widths, s, pad) <= box.h and all(
                longest_word(c, s, i == 0) <= w - pad
                for i, r in enumerate([header, *rows])
                for c, w in zip(r, widths, strict=True)
            ):
                size = s
                break
        heights = [
            self._row_height(r, widths, size, pad, i == 0) for i, r in enumerate([header, *rows])
        ]
        gf = slide.shapes.add_table(
            len(rows) + 1, len(header), pt(box.x), pt(box.y), pt(box.w), pt(sum(heights))
        )
        table = gf.table
        for j, w in enumerate(widths):
            table.columns[j].width = pt(w)
        for i, values in enumerate([header, *rows]):
            table.rows[i].height = pt(heights[i])
            for j, value in enumerate(values):
                cell = table.cell(i, j)
                cell.margin_left = cell.margin_right = pt(4)
                cell.margin_top = cell.margin_bottom = pt(2)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                tf = cell.text_frame
                tf.word_wrap = True
                run = tf.paragraphs[0].add_run()
                run.text = value
                colour = "FFFFFF" if i == 0 else DARK
                _font(run.font, size, i == 0, colour)
                if fills and (i, j) in fills:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = RGBColor.from_string(fills[(i, j)])
        return sum(heights)

    @staticmethod
    def _row_height(row, widths, size, pad, bold) -> float:
        lines = max(line_count(c, w - pad, size, bold) for c, w in zip(row, widths, strict=True))
        return lines * size * LEADING + 2 * 2.0 + 3

    def _table_height(self, rows, widths, size, pad) -> float:
        return sum(self._row_height(r, widths, size, pad, i == 0) for i, r in enumerate(rows))

    # ------------------------------------------------------------------ charts
    def bars(
        self,
        slide,
        box: Box,
        categories: list[str],
        values: list[float],
        low=None,
        high=None,
        title="",
        axis_title="",
        number_format="0%",
        colour="5B9BD5",
    ):
        """Horizontal bars, first category on top, with error bars from ``low``/``high`` kept as
        two more columns of the chart's workbook."""
        data = CategoryChartData(number_format=number_format)
        data.categories = categories
        data.add_series(title or " ", values)
        if low is not None:
            data.add_series("−", [v - lo for v, lo in zip(values, low, strict=True)])
            data.add_series("+", [hi - v for v, hi in zip(values, high, strict=True)])
        gf = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED, pt(box.x), pt(box.y), pt(box.w), pt(box.h), data
        )
        chart = gf.chart
        _chart_fonts(chart)
        chart.has_legend = False
        plot = chart.plots[0]
        plot.gap_width = 60
        series = plot._element.findall(C + "ser")
        _fill(plot.series[0], colour, series=True)
        if low is not None:
            _error_bars(series[0], series[1], series[2])
            for extra in series[1:]:
                plot._element.remove(extra)
        cat, val = chart.category_axis, chart.value_axis
        cat.reverse_order = True
        _set(val._element, "crosses", "max")  # the value axis stays at the bottom
        val.tick_labels.number_format = number_format
        val.tick_labels.number_format_is_linked = False
        val.minimum_scale = 0
        top = max(high if high is not None else values, default=0)
        val.maximum_scale = max(0.05, -(-top * 20 // 1) / 20)
        val.has_major_gridlines = True
        val.major_gridlines.format.line.color.rgb = RGBColor.from_string("D9D9D9")
        if title:
            chart.has_title = True
            chart.chart_title.text_frame.text = title
            _font(chart.chart_title.text_frame.paragraphs[0].runs[0].font, 12, True, DARK)
        if axis_title:
            val.has_title = True
            val.axis_title.text_frame.text = axis_title
            _font(val.axis_title.text_frame.paragraphs[0].runs[0].font, 10, False, DARK)
        return chart

    def scatter(
        self,
        slide,
        box: Box,
        points,
        labels_at,
        x_range,
        y_range,
        cross,
        x_title,
        y_title,
        x_format="0%",
        y_format="0.0",
    ):
        """An XY chart: ``points`` are (name, x, y, colour, side) — one series each, labelled by
        its name; ``labels_at`` are label-only points (name, x, y, colour, side). The axes cross
        at ``cross`` (x, y) and are drawn dark, so they split the plot into quadrants; tick
        labels stay at the edges. (Every series has one point: LibreOffice drops all the points
        of a chart whose series differ in length.)"""
        data = XyChartData()
        for name, x, y, *_ in [*points, *labels_at]:
            data.add_series(name).add_data_point(x, y)
        gf = slide.shapes.add_chart(
            XL_CHART_TYPE.XY_SCATTER, pt(box.x), pt(box.y), pt(box.w), pt(box.h), data
        )
        chart = gf.chart
        _chart_fonts(chart)
        chart.has_legend = False
        plot_series = list(chart.plots[0].series)
        for s, (_, _, _, colour, side) in zip(plot_series, points, strict=False):
            s.marker.style = XL_MARKER_STYLE.CIRCLE
            s.marker.size = 9
            s.marker.format.fill.solid()
            s.marker.format.fill.fore_color.rgb = RGBColor.from_string(colour)
            s.marker.format.line.color.rgb = RGBColor.from_string("FFFFFF")
            _series_label(s._element, side, 9, False, DARK)
        for s, (_, _, _, colour, side) in zip(plot_series[len(points) :], labels_at, strict=False):
            s.marker.style = XL_MARKER_STYLE.NONE
            _series_label(s._element, side, 10, True, colour)
        x_ax, y_ax = chart.category_axis, chart.value_axis
        for axis, (lo, hi), fmt, title in (
            (x_ax, x_range, x_format, x_title),
            (y_ax, y_range, y_format, y_title),
        ):
            axis.minimum_scale, axis.maximum_scale = lo, hi
            axis.tick_labels.number_format = fmt
            axis.tick_labels.number_format_is_linked = False
            axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
            axis.has_major_gridlines = False
            axis.format.line.color.rgb = RGBColor.from_string("404040")
            axis.format.line.width = Pt(1.75)
            axis.has_title = True
            axis.axis_title.text_frame.text = title
            _font(axis.axis_title.text_frame.paragraphs[0].runs[0].font, 10, False, DARK)
        _crosses_at(x_ax._element, cross[1])  # the x axis crosses y at the mean satisfaction
        _crosses_at(y_ax._element, cross[0])
        return chart

    # ------------------------------------------------------------------ diagrams
    def arrow(self, slide, a, b, colour=GREY, width=1.25, a_site=0, b_site=2):
        """A connector from shape ``a`` (its top) to shape ``b`` (its bottom), with an arrowhead."""
        c = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        c.begin_connect(a, a_site)
        c.end_connect(b, b_site)
        c.line.color.rgb = RGBColor.from_string(colour)
        c.line.width = Pt(width)
        ln = c.line._get_or_add_ln()
        tail = etree.SubElement(ln, qn("a:tailEnd"))
        tail.set("type", "triangle")
        return c


def _inner(box: Box, shape_kind) -> Box:
    """Where a shape sets its text: a rounded rectangle keeps it inside the corners' curve
    (0.29 × the corner radius from each side)."""
    if shape_kind != MSO_SHAPE.ROUNDED_RECTANGLE:
        return box
    corner = 0.08 * min(box.w, box.h) * 0.293
    return Box(box.x + corner, box.y + corner, box.w - 2 * corner, box.h - 2 * corner)


def _font(font, size: float, bold: bool, colour: str) -> None:
    font.name = FONT
    font.size = Pt(round(size * 2) / 2)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(colour)


def _fill(shape, colour: str, series: bool = False) -> None:
    fmt = shape.format if series else shape
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = RGBColor.from_string(colour)


def _bullet(par) -> None:
    ppr = par._p.get_or_add_pPr()
    ppr.set("marL", str(12 * EMU_PER_PT))
    ppr.set("indent", str(-12 * EMU_PER_PT))
    bu = etree.SubElement(ppr, qn("a:buChar"))
    bu.set("char", "•")


def _chart_fonts(chart) -> None:
    chart.font.name = FONT
    chart.font.size = Pt(10)


def _set(axis_el, tag: str, value: str) -> None:
    el = axis_el.find(C + tag)
    if el is None:
        el = etree.SubElement(axis_el, C + tag)
    el.set("val", value)


def _crosses_at(axis_el, value: float) -> None:
    """Where this axis crosses the other one, as a value on the other axis."""
    old = axis_el.find(C + "crosses")
    new = etree.Element(C + "crossesAt")
    new.set("val", repr(float(value)))
    if old is not None:
        old.addprevious(new)
        axis_el.remove(old)
    else:
        axis_el.find(C + "crossAx").addnext(new)


def _series_label(ser, side: str, size: float, bold: bool, colour: str) -> None:
    """Label a series' points with the series name (a label kind every viewer draws), on one
    line, on ``side`` of the point."""
    pos = {"right": "r", "left": "l", "above": "t", "below": "b", "center": "ctr"}[side]
    d = etree.Element(C + "dLbls")
    tx = etree.SubElement(d, C + "txPr")
    body = etree.SubElement(tx, qn("a:bodyPr"))
    body.set("wrap", "none")
    etree.SubElement(tx, qn("a:lstStyle"))
    p = etree.SubElement(tx, qn("a:p"))
    ppr = etree.SubElement(p, qn("a:pPr"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    rpr.set("sz", str(int(size * 100)))
    rpr.set("b", "1" if bold else "0")
    fill = etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:srgbClr"))
    fill.set("val", colour)
    latin = etree.SubElement(rpr, qn("a:latin"))
    latin.set("typeface", FONT)
    etree.SubElement(p, qn("a:endParaRPr")).set("lang", "ru-RU")
    for tag, val in (
        ("dLblPos", pos),
        ("showLegendKey", "0"),
        ("showVal", "0"),
        ("showCatName", "0"),
        ("showSerName", "1"),
        ("showPercent", "0"),
        ("showBubbleSize", "0"),
    ):
        etree.SubElement(d, C + tag).set("val", val)
    old = ser.find(C + "dLbls")
    if old is not None:
        ser.remove(old)
    ser.find(C + "xVal").addprevious(d)


def _error_bars(ser, minus_ser, plus_ser) -> None:
    """Custom error bars on ``ser`` that read their sizes from the columns of two helper series
    (which the caller removes from the plot; their data stays in the chart's workbook)."""
    eb = etree.Element(C + "errBars")
    for tag, val in (("errBarType", "both"), ("errValType", "cust"), ("noEndCap", "0")):
        etree.SubElement(eb, C + tag).set("val", val)
    for tag, source in (("plus", plus_ser), ("minus", minus_ser)):
        el = etree.SubElement(eb, C + tag)
        el.append(copy.deepcopy(source.find(C + "val").find(C + "numRef")))
    sp = etree.SubElement(eb, C + "spPr")
    ln = etree.SubElement(sp, qn("a:ln"))
    ln.set("w", str(int(1.25 * EMU_PER_PT)))
    etree.SubElement(etree.SubElement(ln, qn("a:solidFill")), qn("a:srgbClr")).set("val", DARK)
    ser.find(C + "cat").addprevious(eb)
