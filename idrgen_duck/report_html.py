"""stats/report.html: the generation report as one self-contained page of charts.

Every number comes from stats/generation_report.json (and stats/reference.json when `run`
scored it); what the report does not hold, the true cluster sizes, is a small aggregate that
DuckDB computes over the truth file. The charts are Vega-Lite specs (plain dicts: Altair
would add its dependencies for nothing a dict cannot say) rendered to static SVG here by
vl-convert, so the page needs no script and fetches nothing: it opens offline, in any
browser, as it was written.

vl-convert is the optional `report` extra: without it `run` writes no page and says how to
get one. The page holds no path and no time but the report's own, so the same output always
gives the same bytes (`idrgen-duck report OUT` rewrites it).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
from pathlib import Path
from typing import Any

import duckdb
import jinja2
from markupsafe import Markup

from idrgen_duck import db, folders, status
from idrgen_duck.config import ConfigError, format_scale
from idrgen_duck.evaluate import TRUTH, truth_relation
from idrgen_duck.plan import SOURCES, TIER_MINIMUMS, sources_written
from idrgen_duck.render import REFERENCE, REPORT, REPORT_PAGE, report_sources

# What a user without the extra is told, by `run` (one line) and by `report` (exit 2).
INSTALL_HINT = "pip install 'idrgen-duck[report]'"
MISSING_EXTRA = (
    f"no {REPORT_PAGE}: the visual report needs the report extra ({INSTALL_HINT}; "
    "then idrgen-duck report OUT)"
)
SOURCE_IDS = [s.table_id for s in SOURCES]
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
BAR = "#4c78a8"
TARGET = "#d62728"
# One look for every chart: readable sizes, titles at the left, no frame around plots.
STYLE: dict[str, Any] = {
    # vl-convert measures text in Liberation Sans (it bundles it); Arial and Helvetica have
    # the same widths, so labels fit wherever one of the three is installed.
    "font": FONT,
    "background": "white",
    "padding": 8,
    "view": {"stroke": None},
    "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#555"},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleColor": "#333", "gridColor": "#eee"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12},
}


def available() -> bool:
    """Whether the `report` extra (vl-convert) is installed."""
    return importlib.util.find_spec("vl_convert") is not None


# --- the charts: one function each, a Vega-Lite spec from the report's rows ------------------


def _chart(title: str, subtitle: str, data: list[dict[str, Any]], **spec: Any) -> dict[str, Any]:
    return {"title": {"text": title, "subtitle": subtitle}, "data": {"values": data}, **spec}


def written_sources(report: dict[str, Any]) -> list[str]:
    """The sources the output holds (all, or those of its --sources), in plan.SOURCES' order."""
    return [s.table_id for s in sources_written(report_sources(report))]


def _cell_colour(
    field: str, scale: dict[str, Any], legend: dict[str, Any], gap: int
) -> dict[str, Any]:
    """A heatmap's cells: a rect layer coloured by `field`, `gap` pixels of white between."""
    return {
        "mark": {"type": "rect", "stroke": "white", "strokeWidth": gap},
        "encoding": {
            "color": {"field": field, "type": "quantitative", "scale": scale, "legend": legend}
        },
    }


def _cell_text(field: str, number: str, dark_cell: str, size: int) -> dict[str, Any]:
    """A heatmap's numbers: a text layer, white on the cells where `dark_cell` holds."""
    return {
        "mark": {"type": "text", "fontSize": size},
        "encoding": {
            "text": {"field": field, "type": "quantitative", "format": number},
            "color": {"condition": {"test": dark_cell, "value": "white"}, "value": "#222"},
        },
    }


def overlap_chart(report: dict[str, Any]) -> dict[str, Any]:
    """Source x source: persons in both (the diagonal: in the source), coloured by the share of
    the row source's persons, so small sources read as well as large ones."""
    cells = report.get("source_overlap_matrix") or []
    own = {c["source"]: c["persons"] for c in cells if c["source"] == c["other"]}
    rows = [c | {"share": c["persons"] / max(own.get(c["source"], 0), 1)} for c in cells]
    sources = written_sources(report)
    axis = {"sort": sources, "axis": {"labelAngle": 0, "ticks": False, "domain": False}}
    return _chart(
        "Persons in both sources",
        "cell: persons with records in both; colour: share of the row source's persons",
        rows,
        width=len(sources) * 62,
        height=len(sources) * 40,
        encoding={
            "x": {"field": "other", "type": "nominal", "title": None, **axis},
            "y": {"field": "source", "type": "nominal", "title": None, **axis},
        },
        layer=[
            _cell_colour(
                "share",
                {"scheme": "blues", "domain": [0, 1]},
                {"title": "share", "format": ".0%"},
                2,
            ),
            _cell_text("persons", ",", "datum.share > 0.55", 12),
        ],
    )


def _against_target(
    rows: list[dict[str, Any]], category: str, share: str, title: str, subtitle: str
) -> dict[str, Any]:
    """Achieved shares as bars, each target as a red tick across its bar."""
    y = {"field": category, "type": "nominal", "title": None, "sort": None}
    x = {"type": "quantitative", "scale": {"domain": [0, 1]}}
    return _chart(
        title,
        subtitle,
        rows,
        width=360,
        height={"step": 28},
        encoding={"y": y},
        layer=[
            {
                "mark": {"type": "bar", "color": BAR, "height": 18},
                "encoding": {
                    "x": {"field": share, "title": "share", "axis": {"format": ".0%"}, **x}
                },
            },
            {
                "mark": {"type": "tick", "color": TARGET, "thickness": 3, "size": 26},
                "encoding": {"x": {"field": "target", **x}},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 12},
                "encoding": {
                    "x": {"field": share, **x},
                    "text": {"field": share, "type": "quantitative", "format": ".1%"},
                },
            },
        ],
    )


def _tier_label(tier: str) -> str:
    """'regular (2-4 sources)': the tier and the source counts it spans (plan.TIER_MINIMUMS)."""
    least = dict(TIER_MINIMUMS)[tier]
    above = [m for _, m in TIER_MINIMUMS if m > least]
    if not above:
        span = f"{least}+"
    elif min(above) - 1 == least:
        span = str(least)
    else:
        span = f"{least}-{min(above) - 1}"
    return f"{tier} ({span} source{'' if span == '1' else 's'})"


def tiers_chart(report: dict[str, Any]) -> dict[str, Any]:
    order = {tier: rank for rank, (tier, _) in enumerate(reversed(TIER_MINIMUMS))}
    tiers = sorted(report.get("tiers") or [], key=lambda t: order.get(t["tier"], len(order)))
    rows = [t | {"label": _tier_label(t["tier"])} for t in tiers]
    return _against_target(
        rows, "label", "share", "Tiers", "share of persons by the sources they are in; red: target"
    )


def crm_overlap_chart(report: dict[str, Any]) -> dict[str, Any]:
    rank = {source: i for i, source in enumerate(SOURCE_IDS)}
    rows = sorted(report.get("crm_overlap") or [], key=lambda o: rank.get(o["table_id"], 99))
    return _against_target(
        rows,
        "table_id",
        "record_share",
        "Overlap with CRM",
        "share of a source's records whose person has a CRM record; red: target",
    )


def _histogram(x: str, x_title: str, y: str, y_title: str, **bar: Any) -> dict[str, Any]:
    """Bars over ordered buckets (given in order), their counts written above them."""
    x_encoding = {"field": x, "type": "ordinal", "sort": None, "title": x_title}
    return {
        "width": 420,
        "height": 220,
        "encoding": {"x": x_encoding | {"axis": {"labelAngle": 0}}},
        "layer": [
            {
                "mark": {"type": "bar", "color": BAR},
                "encoding": {
                    "y": {"field": y, "type": "quantitative", "title": y_title, "stack": True},
                    **bar,
                },
            },
            {
                "mark": {"type": "text", "dy": -7, "fontSize": 11},
                "transform": [{"aggregate": [{"op": "sum", "field": y, "as": y}], "groupby": [x]}],
                "encoding": {
                    "y": {"field": y, "type": "quantitative"},
                    "text": {"field": y, "type": "quantitative", "format": ","},
                },
            },
        ],
    }


def records_per_person_chart(report: dict[str, Any]) -> dict[str, Any]:
    rows = report.get("records_per_person") or []
    return _chart(
        "Records per person",
        "persons by their number of records, all sources together",
        rows,
        **_histogram("records", "records", "persons", "persons"),
    )


def cluster_sizes_chart(clusters: list[dict[str, Any]]) -> dict[str, Any]:
    """Records by the size of their true cluster, persons and anonymous baskets stacked: what
    pairwise scores weigh (a cluster of n records holds n(n-1)/2 true pairs)."""
    persons = sum(c["clusters"] for c in clusters if c["kind"] == "person")
    baskets = sum(c["clusters"] for c in clusters if c["kind"] != "person")
    colour = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": ["person", "anonymous basket"], "range": [BAR, "#f58518"]},
        "legend": {"orient": "top-right"},
    }
    return _chart(
        "True cluster sizes",
        f"records by the size of their true cluster: {persons:,} persons and "
        f"{baskets:,} anonymous POS baskets",
        clusters,
        **_histogram("size", "records in the cluster", "records", "records", color=colour),
    )


def regions_chart(report: dict[str, Any]) -> dict[str, Any]:
    """Persons per region (left) and per country within its region (right)."""
    countries = report.get("regions") or []
    total = max(sum(c["persons"] for c in countries), 1)
    by_region: dict[str, int] = {}
    for country in countries:
        by_region[country["region"]] = by_region.get(country["region"], 0) + country["persons"]
    regions = sorted(by_region, key=lambda r: -by_region[r])
    colour = {"field": "region", "type": "nominal", "sort": regions, "legend": None}

    def panel(rows: list[dict[str, Any]], y: str, title: str, step: int) -> dict[str, Any]:
        x = {"field": "persons", "type": "quantitative"}
        return {
            "data": {"values": [r | {"share": r["persons"] / total} for r in rows]},
            "width": 300,
            "height": {"step": step},
            "encoding": {"y": {"field": y, "type": "nominal", "sort": None, "title": None}},
            "layer": [
                {"mark": {"type": "bar"}, "encoding": {"x": x | {"title": title}, "color": colour}},
                {
                    "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
                    "encoding": {
                        "x": x,
                        "text": {"field": "share", "type": "quantitative", "format": ".1%"},
                    },
                },
            ],
        }

    in_order = sorted(countries, key=lambda c: (regions.index(c["region"]), -c["persons"]))
    return _chart(
        "Regions and countries",
        "persons by home region and country; labels: share of all persons",
        [],
        hconcat=[
            panel(
                [{"region": r, "persons": by_region[r]} for r in regions],
                "region",
                "persons per region",
                34,
            ),
            panel(in_order, "country_code", "persons per country", 18),
        ],
        resolve={"scale": {"x": "independent"}},
    )


def noise_tags_chart(report: dict[str, Any]) -> dict[str, Any]:
    """Tag x source: the share of the source's records carrying the tag (colour on a log
    scale: rates run from a few in ten thousand to most records)."""
    rows = report.get("noise_tags") or []
    tags = sorted({r["tag"] for r in rows})
    sources = written_sources(report)  # a column each, those with no tag too
    return _chart(
        "Noise tags",
        "share of each source's records carrying the tag (truth/record_person.parquet, noise)",
        rows,
        width=len(sources) * 70,
        height={"step": 17},
        encoding={
            "x": {
                "field": "table_id",
                "type": "nominal",
                "sort": sources,
                "title": None,
                "scale": {"domain": sources},
                "axis": {"orient": "top", "labelAngle": 0, "domain": False, "ticks": False},
            },
            "y": {"field": "tag", "type": "nominal", "sort": tags, "title": None},
        },
        layer=[
            _cell_colour(
                "rate",
                {"type": "log", "scheme": "oranges"},
                {"title": "rate", "format": ".1%", "values": [0.001, 0.01, 0.1]},
                1,
            ),
            _cell_text("rate", ".1%", "datum.rate > 0.1", 10),
        ],
    )


def _bars(
    y: dict[str, Any], field: str, title: str, number: str, ticks: str | None = None
) -> dict[str, Any]:
    """One horizontal bar panel with its values written at the bars' ends (`ticks`: the
    axis's format, e.g. '~s' for 60k, when the values' own is too wide for it)."""
    x = {"field": field, "type": "quantitative"}
    return {
        "width": 150,
        "height": {"step": 22},
        "encoding": {"y": y},
        "layer": [
            {
                "mark": {"type": "bar", "color": BAR},
                "encoding": {
                    "x": x
                    | {
                        "title": title,
                        "axis": {"tickCount": 4} | ({"format": ticks} if ticks else {}),
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
                "encoding": {"x": x, "text": x | {"format": number}},
            },
        ],
    }


def tables_chart(report: dict[str, Any]) -> dict[str, Any]:
    rows = [t | {"megabytes": t["bytes"] / 1e6} for t in report.get("tables") or []]
    y = {"field": "table", "type": "nominal", "sort": None, "title": None}
    unlabelled = y | {"axis": None}  # the panels share the first one's table names
    return _chart(
        "Tables",
        "rows, Parquet size and the time of each table's step",
        rows,
        hconcat=[
            _bars(y, "records", "rows", ",", ticks="~s"),
            _bars(unlabelled, "megabytes", "MB", ",.2f"),
            _bars(unlabelled, "seconds", "seconds", ".2f"),
        ],
        spacing=40,
    )


def steps_chart(report: dict[str, Any]) -> dict[str, Any]:
    run = report.get("run") or {}
    y = {"field": "step", "type": "nominal", "sort": None, "title": None}
    return _chart(
        "Time per step",
        f"every step of the run, in order (whole run: {run.get('wall_seconds') or 0:,.1f} s)",
        run.get("steps") or [],
        **_bars(y, "seconds", "seconds", ".2f"),
    )


def reference_chart(reference: dict[str, Any]) -> dict[str, Any]:
    rows = [
        {"family": family, "measure": measure, "score": reference[f"{key}_{measure.lower()}"]}
        for family, key in (("pairwise", "pairwise"), ("B-cubed", "bcubed"))
        for measure in ("precision", "recall", "F1")
    ]
    y = {"field": "score", "type": "quantitative", "scale": {"domain": [0, 1]}}
    return _chart(
        "Precision, recall and F1",
        "of the exact-match reference against the truth",
        rows,
        width={"step": 44},
        height=220,
        encoding={
            "x": {
                "field": "measure",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelAngle": 0},
            },
            "xOffset": {"field": "family", "sort": ["pairwise", "B-cubed"]},
        },
        layer=[
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": y | {"title": "score"},
                    "color": {
                        "field": "family",
                        "type": "nominal",
                        "title": None,
                        "sort": ["pairwise", "B-cubed"],
                        "scale": {"range": [BAR, "#72b7b2"]},
                        "legend": {"orient": "bottom"},
                    },
                },
            },
            {
                "mark": {"type": "text", "dy": -7, "fontSize": 11},
                "encoding": {"y": y, "text": y | {"format": ".3f"}},
            },
        ],
    )


# --- what the report does not hold, measured over the files ----------------------------------


def cluster_sizes(output_dir: Path, con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """True clusters (persons, and anonymous baskets as `evaluate` scores them) and their
    records, by size in powers of two (1, 2-3, 4-7...): a few dozen rows whatever the scale."""
    rows = con.execute(
        f"""
        WITH clusters AS (
            SELECT person_id IS NULL AS anonymous, count(*) AS n
            FROM ({truth_relation(output_dir)})
            GROUP BY person_id, CASE WHEN person_id IS NULL THEN coalesce(anonymous_basket, entity_key) END
        )
        SELECT anonymous, CAST(floor(log2(n)) AS INTEGER) AS power, count(*), sum(n)
        FROM clusters GROUP BY ALL ORDER BY power, anonymous
        """  # noqa: E501
    ).fetchall()
    return [
        {
            "kind": "anonymous basket" if anonymous else "person",
            "size": str(2**power) if power == 0 else f"{2**power}-{2 ** (power + 1) - 1}",
            "clusters": int(clusters),
            "records": int(records),
        }
        for anonymous, power, clusters, records in rows
    ]


# --- the page --------------------------------------------------------------------------------


_ID = re.compile(r'\bid="([^"]+)"')
_ID_OR_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def _scoped_ids(svg: str, prefix: str) -> str:
    """The SVG with its element ids (and the references to them) renamed `<prefix>-<n>` in
    order: one page holds every chart, and vl-convert numbers its gradients and clip paths
    on across a process (gradient_7), so its own names would depend on what was drawn before."""
    names: dict[str, str] = {}
    for name in _ID.findall(svg):
        names.setdefault(name, f"{prefix}-{len(names)}")
    return _ID_OR_REFERENCE.sub(lambda m: m[1] + names.get(m[2], m[2]), svg)


def render_svgs(specs: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each chart's SVG, by name (its container is <figure id="chart-NAME">). No data URL is
    allowed: every spec carries its values inline."""
    import vl_convert  # the optional extra; available() said it is there

    return {
        name: _scoped_ids(
            vl_convert.vegalite_to_svg(spec, config=STYLE, allowed_base_urls=[]), f"chart-{name}"
        )
        for name, spec in specs.items()
    }


def _read_reference(output_dir: Path) -> dict[str, Any] | None:
    path = output_dir / REFERENCE
    if not path.is_file():
        return None
    try:
        reference = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return reference if isinstance(reference, dict) else None


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("idrgen_duck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def page_html(output_dir: Path, con: duckdb.DuckDBPyConnection) -> str:
    """The page of the output at `output_dir`: its report and reference, the cluster sizes
    measured by `con` over its truth file."""
    report = json.loads((output_dir / REPORT).read_text(encoding="utf-8"))
    reference = _read_reference(output_dir)
    clusters = cluster_sizes(output_dir, con)
    specs = {
        "overlap": overlap_chart(report),
        "tiers": tiers_chart(report),
        "crm-overlap": crm_overlap_chart(report),
        "records-per-person": records_per_person_chart(report),
        "cluster-sizes": cluster_sizes_chart(clusters),
        "regions": regions_chart(report),
        "noise-tags": noise_tags_chart(report),
        "tables": tables_chart(report),
        "steps": steps_chart(report),
    }
    if reference is not None:
        specs["reference"] = reference_chart(reference)
    figures = render_svgs(specs)
    edge = report.get("edge_cases") or {}
    run = report.get("run") or {}
    products: dict[str, Any] = next(
        (t for t in report.get("tables") or [] if t.get("table_id") is None), {}
    )
    facts = [
        ("total-records", "records", f"{report.get('total_records') or 0:,}"),
        ("persons", "persons with records", f"{report.get('persons_with_records') or 0:,}"),
        ("true-clusters", "true clusters", f"{sum(c['clusters'] for c in clusters):,}"),
        ("products", "products", f"{products.get('records', 0):,}"),
        ("giant-cluster", "giant cluster records", f"{edge.get('giant_cluster_records', 0):,}"),
        ("disjoint", "disjoint identities", f"{edge.get('disjoint_identity_persons', 0):,}"),
    ]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            run=run,
            scale=format_scale(int(report.get("scale") or 0)),
            facts=facts,
            figures={name: Markup(svg) for name, svg in figures.items()},
            reference=reference,
            reference_max=_reference_max_scale(),
            font=FONT,
        )
    )


def _reference_max_scale() -> str:
    from idrgen_duck.runner import REFERENCE_MAX_SCALE  # runner imports this module

    return format_scale(REFERENCE_MAX_SCALE)


# The temporary name of a page being written: `.report.html.partial-<pid>`.
PARTIAL_PREFIX = f".{Path(REPORT_PAGE).name}.partial-"


def _remove_abandoned_pages(stats: Path) -> None:
    """Remove the temporary pages of processes that died before renaming theirs (SIGKILL):
    our name with a process id that is gone, so nobody else's file and nobody's work."""
    for entry in stats.glob(f"{PARTIAL_PREFIX}*"):
        pid = folders.pid_suffix(entry.name, PARTIAL_PREFIX)
        if pid is not None and entry.is_file() and not folders.process_alive(pid):
            entry.unlink()


def write_page(output_dir: Path, con: duckdb.DuckDBPyConnection) -> Path:
    """Write OUTPUT/stats/report.html atomically: the whole page into a temporary file beside
    it, then renamed over it, so a reader never sees half a page."""
    html = page_html(output_dir, con)
    path = output_dir / REPORT_PAGE
    _remove_abandoned_pages(path.parent)
    partial = path.with_name(f"{PARTIAL_PREFIX}{os.getpid()}")
    try:
        partial.write_text(html, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def rewrite(output_dir: Path) -> Path:
    """`idrgen-duck report OUT`: the page of an existing output, written again. Refuses (one
    line) a folder that is no idrgen-duck output, and a missing extra."""
    status.read_report(output_dir)  # an output of ours, with a report that reads
    if not (output_dir / TRUTH).exists():  # a file, or a folder of part files (Spark)
        raise ConfigError(f"OUT: {output_dir} has no {TRUTH}; it is not a whole output")
    page = output_dir / REPORT_PAGE
    if page.is_symlink() or (page.exists() and not page.is_file()):
        raise ConfigError(f"OUT: {page} is not a file idrgen-duck wrote; move it away")
    if not available():
        raise ConfigError(f"report: the visual report needs the report extra: {INSTALL_HINT}")
    with contextlib.closing(db.connect()) as con:
        return write_page(output_dir, con)
