"""The segments sheet: one row per k-means segment with its portrait, interviews, CSI, what
sets it apart (as an index, 100 = like everyone) and its typical values."""

from __future__ import annotations

from workbooks.analysis import Analysis
from workbooks.deliverables.facts import typical_value
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.locale import note_text, tr

__all__ = ["portrait_lines", "segments_sheet", "silhouette_line"]

COLUMNS = (
    "segment",
    "portrait",
    "clients",
    "share",
    "revenue_share",
    "interviews",
    "csi",
    "features",
    "typical",
    "priority",
)


def silhouette_line(a: Analysis, lang: str) -> str:
    seg = a.clusters.segmentation
    sil = "; ".join(
        tr("silhouette_item", lang, k=k, v=v) for k, v in seg.silhouette.items() if v == v
    )
    return tr("segments_method", lang, k=seg.k, items=sil, seed=str(seg.seed), n_init=seg.n_init)


def portrait_lines(p, lang: str) -> tuple[list[str], list[str]]:
    """The portrait's distinguishing features (with their index) and its typical values, empty
    values left out."""
    features = [tr("feature_index", lang, name=f, index=float(i)) for f, i in p.distinguishing]
    typical = [
        tr("typical_item", lang, name=k, value=typical_value(v, lang))
        for k, v in p.typical.items()
        if v is not None and str(v).strip() != ""
    ]
    return features, typical


def segments_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    cl = a.clusters
    seg_prio = cl.priority
    s.title(0, s.book.words("sheet_segments"))
    s.header(3, [s.book.words(f"xlsx_seg_{c}") for c in COLUMNS])
    place = {seg: i + 1 for i, seg in enumerate(seg_prio.order)}
    for i, p in enumerate(cl.portraits):
        r = 4 + i
        features, typical = portrait_lines(p, lang)
        s.text(r, 0, f"S{p.segment + 1}")
        s.text(r, 1, p.name)
        s.number(r, 2, p.size, "#,##0")
        s.number(r, 3, p.share, "0%")
        s.number(r, 4, p.revenue_share, "0%")
        s.number(r, 5, seg_prio.respondents[p.segment], "0")
        s.number(r, 6, seg_prio.csi[p.segment], "0")
        s.text(r, 7, "\n".join(features))
        s.text(r, 8, "\n".join(typical))
        s.number(r, 9, place[p.segment], "0")
    s.note(1, silhouette_line(a, lang))
    s.note(
        5 + len(cl.portraits),
        tr("priority_rule", lang, rule=note_text(seg_prio.rule, lang)),
    )
