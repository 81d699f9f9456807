"""Small helpers shared by the report scripts: percentiles, Markdown tables and SVG bar charts."""
import html
import math


def percentile(values, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def fmt(x, digits=1):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:,.{digits}f}"


COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"]


def bar_chart(path, title, unit, groups, series, values, note="", marks=()):
    """Horizontal grouped bars. values[(group, series)] = number or None (drawn as 'not available yet'; a pair
    missing from values gets no row);
    marks: (value, label) reference lines, e.g. a physical floor."""
    bar_h, gap, left, width = 16, 14, 230, 800
    rows = sum(1 for g in groups for s in series if (g, s) in values)
    height = 60 + rows * bar_h + len(groups) * (gap + 12) + 44 + 12 * len(marks)
    top = max([v for v in values.values() if v] + [m for m, _ in marks] or [1]) * 1.15
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="20" font-size="15" font-weight="bold">{html.escape(title)}</text>']
    if note:
        out.append(f'<text x="10" y="38" fill="#555">{html.escape(note)}</text>')
    y = 60
    plot_w = width - left - 90
    for g in groups:
        out.append(f'<text x="10" y="{y - 2}" font-weight="bold">{html.escape(str(g))}</text>')
        for i, s in enumerate(series):
            if (g, s) not in values:  # does not apply to this group: no row at all
                continue
            v = values[(g, s)]
            colour = COLOURS[i % len(COLOURS)]
            out.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{html.escape(str(s))}</text>')
            if v is None:
                out.append(f'<text x="{left + 4}" y="{y + 12}" fill="#999">not available yet</text>')
            else:
                w = max(1, plot_w * v / top)
                out.append(f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{bar_h - 4}" fill="{colour}"/>')
                out.append(f'<text x="{left + w + 4}" y="{y + 12}">{fmt(v, 1 if v < 1000 else 0)}</text>')
            y += bar_h
        y += gap + 12
    for i, (value, label) in enumerate(marks):
        x = left + plot_w * value / top
        out.append(f'<line x1="{x:.1f}" y1="46" x2="{x:.1f}" y2="{y}" stroke="#333" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x + 3:.1f}" y="{y + 2 + 12 * i}" fill="#333" font-size="11">{html.escape(label)}</text>')
    out.append(f'<text x="{left}" y="{y + 16 + 12 * len(marks)}" fill="#555">{html.escape(unit)}</text>')
    out.append("</svg>")
    open(path, "w").write("\n".join(out) + "\n")
