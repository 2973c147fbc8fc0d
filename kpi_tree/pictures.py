"""KPI trees as Graphviz DOT and Mermaid text, red/amber/green by attainment (text only: drawing
it is left to whoever reads the text — GitHub and many Markdown viewers draw Mermaid)."""

from __future__ import annotations

import math

__all__ = ["rag", "to_dot", "to_mermaid"]

COLOURS = {"green": "#63BE7B", "amber": "#FFD966", "red": "#F8696B", "grey": "#D9D9D9"}


def rag(a: float) -> str:
    """Traffic light of an attainment: green ≥ 0.8, amber ≥ 0.5, red below, grey unknown.

    >>> rag(0.9), rag(0.6), rag(0.1), rag(float("nan"))
    ('green', 'amber', 'red', 'grey')
    """
    if a is None or math.isnan(a):
        return "grey"
    return "green" if a >= 0.8 else "amber" if a >= 0.5 else "red"


def _label(tree, n, result) -> str:
    k = tree.nodes[n]["kpi"]
    a = "—" if math.isnan(result.attainment) else f"{result.attainment:.0%}"
    return f"{k.id}\\n{k.name[:40]}\\n{a}"


def _escape(text: str) -> str:
    return text.replace('"', "'")


def to_dot(tree, analysis) -> str:
    """Graphviz DOT; the bottleneck gets a thick border."""
    lines = [
        "digraph KPI {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded,filled", fontname="Arial"];',
    ]
    for n, r in analysis.nodes.items():
        colour = COLOURS[rag(r.attainment)]
        extra = ', penwidth=4, color="#C00000"' if n == analysis.bottleneck else ""
        lines.append(
            f'  "{n}" [label="{_escape(_label(tree, n, r))}", fillcolor="{colour}"{extra}];'
        )
    for u, v, d in tree.edges(data=True):
        if u in analysis.nodes and v in analysis.nodes:
            lines.append(f'  "{u}" -> "{v}" [label="{d["w"]:.2f}"];')
    lines.append("}")
    return "\n".join(lines)


def to_mermaid(tree, analysis) -> str:
    """Mermaid flowchart (bottom-up), with classDefs for the traffic lights."""
    lines = ["flowchart BT"]
    for n, r in analysis.nodes.items():
        label = _escape(_label(tree, n, r)).replace("\\n", "<br/>")
        lines.append(f'  {n}["{label}"]:::{rag(r.attainment)}')
    for u, v, d in tree.edges(data=True):
        if u in analysis.nodes and v in analysis.nodes:
            lines.append(f"  {u} -- {d['w']:.2f} --> {v}")
    for name, colour in COLOURS.items():
        lines.append(f"  classDef {name} fill:{colour},stroke:#555")
    if analysis.bottleneck:
        lines.append(f"  style {analysis.bottleneck} stroke:#C00000,stroke-width:4px")
    return "\n".join(lines)
