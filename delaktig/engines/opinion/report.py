"""A self-contained HTML report of an analysis: readable without JavaScript, printable, accessible.

The map is an inline SVG of the base clusters (circle area = participants, colour and letter =
group) with a table of exactly the same data beside it; then each group's representative
statements and the consensus statements, as tables with captions.
"""

import html
import math

import numpy as np

from delaktig.engines.opinion.analysis import Analysis

# Okabe–Ito colours darkened where needed: each has at least 3:1 contrast on white (WCAG 1.4.11).
GROUP_COLOURS = ("#0060a0", "#b34700", "#00795a", "#8a3b84", "#5c5c00")
MAP_SIZE = 480
MARGIN = 24


def group_letter(analysis: Analysis, group: int) -> str:
    """Name a group by letter (A, B, ...) in the order of its number, as Polis's report does."""
    return chr(ord("A") + analysis.group_ids.index(group))


def render_report(analysis: Analysis, title: str, texts: dict | None = None) -> str:
    """Return the report as one HTML document (no scripts, no external resources)."""
    texts = texts or {}
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)} — opinion groups</title>\n<style>{_STYLE}</style>\n</head>\n<body>",
        f"<main>\n<h1>{html.escape(title)}: opinion groups</h1>",
        _summary(analysis),
        _map_section(analysis),
        _groups_section(analysis, texts),
        _consensus_section(analysis, texts),
        "</main>\n</body>\n</html>\n",
    ]
    return "\n".join(parts)


_STYLE = (
    "body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;max-width:60rem;margin:auto;"
    "padding:1rem;line-height:1.5}table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;"
    "font-weight:bold}th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left}"
    "td.num{text-align:right}svg{max-width:100%;height:auto;border:1px solid #767676}"
)


def _summary(analysis: Analysis) -> str:
    """Describe in words how many took part, how many were clustered and into how many groups."""
    return (
        f"<p>{len(analysis.participants)} participants voted on {len(analysis.statements)} statements; "
        f"{int(analysis.clustered.sum())} voted enough to be placed in a group. "
        f"The analysis found {analysis.k} opinion group{'s' if analysis.k != 1 else ''}.</p>"
    )


def _base_rows(analysis: Analysis) -> list[tuple[int, int, float, float, int]]:
    """Return (base cluster, group, x, y, participants) for every base cluster on the map."""
    base = analysis.base_clusters
    if base is None or analysis.k_smoother is None:
        return []
    groups = analysis.group_clusterings[analysis.k_smoother.smoothed_k]
    group_of_base = dict(zip(groups.point_ids.tolist(), groups.labels.tolist(), strict=True))
    return [
        (cluster, group_of_base[cluster], float(x), float(y), int(size))
        for cluster, (x, y), size in zip(base.ids.tolist(), base.centers, base.sizes(), strict=True)
    ]


def _map_section(analysis: Analysis) -> str:
    """Draw the map as SVG and give the same data as a table."""
    rows = _base_rows(analysis)
    if not rows:
        return "<h2>Opinion map</h2>\n<p>Too few votes to draw a map yet.</p>"
    extent = max(max(abs(x), abs(y)) for _, _, x, y, _ in rows) or 1.0
    scale = (MAP_SIZE / 2 - MARGIN) / extent
    largest = max(size for *_, size in rows)
    shapes = []
    for cluster, group, x, y, size in rows:
        cx, cy = MAP_SIZE / 2 + x * scale, MAP_SIZE / 2 - y * scale
        radius = 3 + 12 * math.sqrt(size / largest)
        colour = GROUP_COLOURS[analysis.group_ids.index(group) % len(GROUP_COLOURS)]
        letter = group_letter(analysis, group)
        shapes.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{colour}" stroke="#fff">'
            f"<title>Base cluster {cluster}: group {letter}, {size} participants</title></circle>"
        )
        shapes.append(
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="11" text-anchor="middle" fill="#fff" '
            f'aria-hidden="true">{letter}</text>'
        )
    svg = (
        f'<svg viewBox="0 0 {MAP_SIZE} {MAP_SIZE}" width="{MAP_SIZE}" height="{MAP_SIZE}" role="img" '
        'aria-labelledby="map-title map-desc">'
        '<title id="map-title">Opinion map</title>'
        '<desc id="map-desc">Each circle is a cluster of participants who voted alike; its area shows how many '
        "and its letter their opinion group. Nearby circles voted similarly. The table below has the same data."
        "</desc>"
        f'<line x1="{MAP_SIZE / 2}" y1="0" x2="{MAP_SIZE / 2}" y2="{MAP_SIZE}" stroke="#767676"/>'
        f'<line x1="0" y1="{MAP_SIZE / 2}" x2="{MAP_SIZE}" y2="{MAP_SIZE / 2}" stroke="#767676"/>'
        + "".join(shapes)
        + "</svg>"
    )
    table_rows = "".join(
        f"<tr><td>{cluster}</td><td>{group_letter(analysis, group)}</td><td class=num>{x:.3f}</td>"
        f"<td class=num>{y:.3f}</td><td class=num>{size}</td></tr>"
        for cluster, group, x, y, size in rows
    )
    return (
        "<h2>Opinion map</h2>\n<figure>" + svg + "<figcaption>Participants placed by how they voted (first two "
        "principal components); circles are clusters of similar voters, coloured and lettered by group."
        "</figcaption></figure>\n<table><caption>Map data: one row per circle</caption><thead><tr>"
        '<th scope="col">Cluster</th><th scope="col">Group</th><th scope="col">x</th><th scope="col">y</th>'
        f'<th scope="col">Participants</th></tr></thead><tbody>{table_rows}</tbody></table>'
    )


def _text(statement: object, texts: dict) -> str:
    """Return a statement's text, escaped, or its number when the text is unknown."""
    return html.escape(str(texts.get(statement, f"Statement {statement}")))


def _groups_section(analysis: Analysis, texts: dict) -> str:
    """List each group's representative statements with how the group voted on them."""
    sections = ["<h2>What sets each group apart</h2>"]
    sizes = {group: int(np.count_nonzero(analysis.group_of == group)) for group in analysis.group_ids}
    for group in analysis.group_ids:
        letter = group_letter(analysis, group)
        rows = "".join(
            f"<tr><td>{_text(item.statement, texts)}</td><td>{item.direction}</td>"
            f"<td class=num>{100 * item.n_success / max(item.n_trials, 1):.0f} % of {item.n_trials}</td>"
            f"<td class=num>{item.repness:.2f}</td></tr>"
            for item in analysis.repness[group]
        )
        sections.append(
            f"<h3>Group {letter} ({sizes[group]} participants)</h3>\n<table><caption>Statements representative "
            f'of group {letter}</caption><thead><tr><th scope="col">Statement</th><th scope="col">Group '
            'mostly</th><th scope="col">Share of the group who voted so</th><th scope="col">Times more '
            f"likely than others</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return "\n".join(sections)


def _consensus_section(analysis: Analysis, texts: dict) -> str:
    """List the statements that most participants agree or disagree with."""
    sections = ["<h2>What unites participants</h2>"]
    for direction, heading in (("agree", "Most agree"), ("disagree", "Most disagree")):
        items = analysis.consensus[direction]
        if not items:
            sections.append(f"<h3>{heading}</h3>\n<p>No statement qualifies.</p>")
            continue
        rows = "".join(
            f"<tr><td>{_text(item.statement, texts)}</td>"
            f"<td class=num>{100 * item.n_success / max(item.n_trials, 1):.0f} % of {item.n_trials}</td></tr>"
            for item in items
        )
        sections.append(
            f"<h3>{heading}</h3>\n<table><caption>Statements most participants {direction} with</caption>"
            f'<thead><tr><th scope="col">Statement</th><th scope="col">Share who {direction}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return "\n".join(sections)
