"""HTML reports for the instructor: one page per step and one for the course.

Each page is a single self-contained HTML file (inline CSS, plots as base64 PNG drawn with
matplotlib's Agg backend), so it opens from disk, mails as an attachment and prints. The
pages render the objects of tools/gradebook.py (StepTable, Course) and import nothing from it:
gradebook.py imports this module, not the other way round."""
import base64
import io
import statistics
from html import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import course_config  # noqa: E402

BAR = "#3b6ea5"          # plots' main colour (the browser test looks for it in the screenshot)
NOBODY = "#c0392b"       # nobody scored full marks
EVERYBODY = "#27ae60"    # everybody scored full marks

CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px 32px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
.muted { color: #666; } .figs { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.scroll { overflow-x: auto; } td .flag { white-space: nowrap; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; } th { background: #f3f5f8; }
td.l, th.l { text-align: left; white-space: nowrap; }
tr.nobody td { background: #fbe3e0; } tr.everybody td { background: #e2f5e9; }
.flag { display: inline-block; padding: 0 6px; border-radius: 8px; background: #eee; margin-right: 3px; font-size: 12px; }
.flag.missing, .flag.could-not-be-graded, .flag.held { background: #fbe3e0; } .flag.late { background: #fdf0d5; }
.flag.needs-manual-grading, .flag.not-autograded-yet, .flag.changed-since-graded, .flag.provisional { background: #e4ecf7; }
.flag.not-on-roster { background: #eee; }
.key span { display: inline-block; padding: 0 8px; margin-right: 8px; }
"""


def png(fig):
    """A matplotlib figure as an <img> with a base64 PNG data URL (the figure is closed)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    alt = escape(fig.get_axes()[0].get_title() if fig.get_axes() else "plot")
    return f'<img alt="{alt}" src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}">'


def histogram(values, title, xlabel="percent"):
    fig, ax = plt.subplots(figsize=(5.2, 3.0))
    ax.hist(values, bins=[10 * k for k in range(11)], color=BAR, edgecolor="white")
    ax.set_xlim(0, 100)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return png(fig)


def item_bars(stats, labels, title):
    values = [s.mean_percent or 0.0 for s in stats]
    colors = [NOBODY if s.highlight == "nobody" else EVERYBODY if s.highlight == "everybody" else BAR for s in stats]
    fig, ax = plt.subplots(figsize=(max(5.2, 0.45 * len(stats) + 1.5), 3.4))
    ax.bar(range(len(stats)), values, color=colors)
    ax.set_xticks(range(len(stats)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel("mean score, % of max")
    ax.set_title(title)
    return png(fig)


def bars(labels, values, title, ylabel):
    fig, ax = plt.subplots(figsize=(5.2, 3.0))
    ax.bar(labels, values, color=BAR)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return png(fig)


def page(title, body):
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{CSS}</style></head>\n<body>\n<h1>{escape(title)}</h1>\n{body}\n</body></html>\n")


def table(header, rows, classes=None, left=1):
    """An HTML table; the first `left` columns are left-aligned, row classes optional."""
    head = "".join(f'<th class="l">{escape(h)}</th>' if k < left else f"<th>{escape(h)}</th>" for k, h in enumerate(header))
    body = []
    for n, row in enumerate(rows):
        cls = f' class="{classes[n]}"' if classes and classes[n] else ""
        cells = "".join(f'<td class="l">{c}</td>' if k < left else f"<td>{c}</td>" for k, c in enumerate(row))
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"


def flags_html(text):
    return "".join(f'<span class="flag {flag_class(f)}">{escape(f.strip())}</span>' for f in text.split(";") if f.strip())


def flag_class(flag):
    """CSS class of a flag: its words joined by '-' ("held" for held for review: <reason>)."""
    flag = flag.strip()
    return "held" if flag.startswith("held for review") else escape(flag.replace(" ", "-"))


def when(d):
    """A due date in words: 'Fri 22 Jan 2027, 23:59 UTC'."""
    return f"{d:%a} {d.day} {d:%b %Y, %H:%M} {d.tzname() or 'UTC'}"


def policy():
    return (f"Late penalty: {course_config.LATE_PENALTY_PER_DAY:g}% of the points earned per started day late, "
            f"at most {course_config.LATE_PENALTY_MAX:g}%; {course_config.LATE_GRACE_MINUTES} min grace. "
            f"Extensions: {course_config.EXTENSIONS_FILE}.")


def _num(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}"


def item_table(stats, labels):
    header = ["exercise (graded cell)", "kind", "points", "n", "mean", "mean %", "full marks", "discrimination",
              "awaiting manual grade"]
    rows = [[escape(label), s.item.kind, f"{s.item.max_score:g}", str(s.n), _num(s.mean), _num(s.mean_percent, 1),
             "—" if s.full_share is None else f"{100 * s.full_share:.0f}%", _num(s.discrimination),
             str(s.ungraded) if s.ungraded else ""] for s, label in zip(stats, labels)]
    return table(header, rows, [s.highlight for s in stats], left=2)


def step_page(t, analysis):
    """The HTML report of one StepTable (tools.gradebook) with its item analysis."""
    results = [row.result for row in t.rows]
    graded = [r.percent for r in results if r.status == "graded"]
    count = lambda status: sum(r.status == status for r in results)  # noqa: E731
    parts = [f'<p class="muted">Due {escape(when(t.due))} · assignment(s): {escape(", ".join(t.assignments))}'
             + (" · the best track counts" if len(t.assignments) > 1 else "") + f"<br>{escape(policy())}</p>"]
    stats = [("students", len(results)), ("graded", len(graded)), ("missing", count("missing")),
             ("could not be graded", count("could not be graded")), ("not autograded yet", count("not autograded yet")),
             ("changed since graded", sum(r.changed for r in results if r.status == "graded")),
             ("held for review", count("held for review")),
             ("late", sum(r.late for r in results if r.status == "graded")),
             ("needs manual grading", sum(r.manual_pending for r in results if r.status == "graded")),
             ("mean %", _num(statistics.fmean(graded), 1) if graded else "—"),
             ("median %", _num(statistics.median(graded), 1) if graded else "—")]
    parts.append(table([k for k, _ in stats], [[str(v) for _, v in stats]], left=0))
    figs = [histogram(graded, f"{t.step.name}: scores (after late penalty)")] if graded else []
    labels = {a: [t.short_label(st.item) for st in analysis[a]] for a in t.assignments}
    for a in t.assignments:
        if analysis[a]:
            figs.append(item_bars(analysis[a], labels[a], f"{a}: mean score per exercise"))
    parts.append('<div class="figs">' + "".join(figs) + "</div>")
    parts.append("<h2>Gradebook</h2>")
    parts.append('<p class="muted">Score and percent after the late penalty. A score marked <b>needs manual '
                 "grading</b> counts the written answers not graded yet as 0; <b>changed since graded</b>: the "
                 "submitted notebook is no longer the one graded (autograde it again); <b>held for review</b>: not "
                 "counted until released.</p>")
    rows, fixed = t.csv_rows(), t.fixed
    header = t.header()[:fixed] + [t.short_label(i) for i in t.items] + t.header()[fixed + len(t.items):]
    flags_at = t.FIRST.index("flags")
    cells = [[flags_html(v) if k == flags_at else escape(v) for k, v in enumerate(r)] for r in rows]
    parts.append('<div class="scroll">' + table(header, cells, left=2) + "</div>")
    parts.append("<h2>Item analysis</h2>")
    parts.append('<p class="muted">Over the graded submissions (raw scores, before late penalties). '
                 "<b>Full marks</b>: share of students with all the cell's points. <b>Discrimination</b>: "
                 "corrected item-total correlation (the cell's score against the student's total on the other "
                 "cells; an ungraded written answer counts 0); — when fewer than 3 students or no spread. "
                 "Highlighted only once every answer to the cell is graded. "
                 f'</p><p class="key"><span style="background:#fbe3e0">nobody scored full marks</span>'
                 f'<span style="background:#e2f5e9">everybody scored full marks</span></p>')
    for a in t.assignments:
        if len(t.assignments) > 1:
            parts.append(f"<h3>{escape(a)}</h3>")
        parts.append(item_table(analysis[a], labels[a]) if analysis[a] else "<p>No items.</p>")
    return page(f"Step {t.step.number}: {t.step.title}", "\n".join(parts))


def summary_page(c):
    """The HTML course summary of a tools.gradebook.Course: weighted total, letter and flags
    first, then each step (counted or not yet)."""
    rows = c.summary_rows()
    n = len(c.tables)
    totals = [float(r[2 + n]) for r in rows]
    letters = [g for _, g in course_config.LETTER_GRADES]
    counts = [sum(r[4 + n] == g for r in rows) for g in letters]
    counted = c.counted
    weights = ", ".join(f"{t.step.name} {t.step.weight:g}" for t in counted)
    later = [t for t in c.tables if t not in counted]
    parts = [f'<p class="muted">{len(rows)} students · <b>counted</b> (past due or graded): '
             + escape(", ".join(f"{t.step.name} (due {when(t.due)})" for t in counted) or "none yet")
             + (" · <b>not counted yet</b> (not due, nothing graded): "
                + escape(", ".join(f"{t.step.name} (due {when(t.due)})" for t in later)) if later else "")
             + f"<br>weights: {escape(weights or '—')} (normalized over the counted steps; a missing step counts 0) "
             "· step 7 counts the best track · letter scale: "
             + escape(", ".join(f"{g} ≥ {b:g}" for b, g in course_config.LETTER_GRADES))
             + "<br><b>provisional</b>: a counted step may still change (written answers not graded yet, not "
             f"autograded yet, changed since graded, held for review); so may the letter.<br>{escape(policy())}</p>"]
    figs = [histogram(totals, "weighted total"), bars(letters, counts, "letter grades", "students")] if rows else []
    parts.append('<div class="figs">' + "".join(figs) + "</div>")
    cells = []
    for k, r in enumerate(rows):
        steps = []
        for t in c.tables:
            row = t.rows[k]
            flags = [f for f in row.flags() if f != "not on roster"]
            value = "" if row.result.percent is None else f"{row.result.percent:.2f}"
            steps.append(" ".join([escape(value)] + [flags_html(f) for f in flags]).strip())
        roster = "" if c.students[k].on_roster or not c.has_roster else flags_html("not on roster")
        provisional = flags_html("provisional") if r[3 + n] == "yes" else ""
        cells.append([escape(r[0]) + " " + roster, escape(r[1]), escape(r[2 + n]), escape(r[4 + n]), provisional]
                     + steps)
    header = ["student", "name", "weighted total", "letter", ""] + \
        [t.step.name + ("" if t in counted else " (not counted yet)") for t in c.tables]
    parts.append('<div class="scroll">' + table(header, cells, left=2) + "</div>")
    return page("Course summary", "\n".join(parts))
