"""stats/report.html in a real headless browser (Debian's Chromium, driven by Playwright), and
`idrgen-duck report OUT` as a user runs it.

The browser tests are skipped, saying why, without /usr/bin/chromium or playwright (CI
installs Chromium in .ci/run; `playwright install` is never needed: the system's browser is
launched). The page must open from a file:// URL with no console error and no request other
than its own, every chart drawn with marks, and numbers that are the report's.
"""

from __future__ import annotations

import importlib.util
import json
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from idrgen_duck import report_html
from idrgen_duck.cli import app
from idrgen_duck.folders import foreign_entries
from idrgen_duck.render import output_layout
from tests.conftest import cli, needs_cli

CHROMIUM = Path("/usr/bin/chromium")
# Headless and quiet: no GPU, no QUIC, none of the browser's own traffic (updates, sync,
# safe-browsing lists), so that every request the test sees is the page's.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every chart the page draws for an output scored by the reference, by container id.
EXPECTED_CHARTS = [
    "overlap",
    "tiers",
    "crm-overlap",
    "records-per-person",
    "cluster-sizes",
    "reference",
    "regions",
    "noise-tags",
    "tables",
    "steps",
]

needs_extra = pytest.mark.skipif(
    not report_html.available(), reason="the report extra (vl-convert-python) is not installed"
)
needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists() or importlib.util.find_spec("playwright") is None,
    reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium) and "
    "playwright (pip install playwright; no `playwright install`)",
)


@dataclass
class Loaded:
    """The page open in the browser, and what it did while loading."""

    page: Any  # playwright.sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def loaded(small: Path) -> Iterator[Loaded]:
    """The 20K output's page (written by `run`), loaded 1280 px wide. Anything the page would
    fetch is recorded and refused, so a page that reaches out fails without reaching out."""
    from playwright.sync_api import sync_playwright

    html = small / "stats" / "report.html"
    assert html.is_file(), "run wrote no stats/report.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            seen = Loaded(page, html.as_uri())
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url == seen.url else route.abort(),
            )
            page.on("request", lambda request: seen.requests.append(request.url))
            page.on("pageerror", lambda error: seen.errors.append(str(error)))
            page.on(
                "console",
                lambda message: (
                    seen.errors.append(message.text)
                    if message.type in ("error", "warning")
                    else None
                ),
            )
            page.goto(seen.url, wait_until="load")
            yield seen
        finally:
            browser.close()


@needs_extra
@needs_browser
def test_the_page_loads_offline_without_errors(loaded: Loaded) -> None:
    assert loaded.errors == []
    assert loaded.requests == [loaded.url]  # the page itself, nothing else
    html = loaded.page.content()
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\((?!#)", html)


@needs_extra
@needs_browser
def test_every_chart_renders_with_marks(loaded: Loaded, small: Path) -> None:
    page = loaded.page
    charts = page.eval_on_selector_all("figure[id^='chart-']", "fs => fs.map(f => f.id)")
    assert charts == [f"chart-{name}" for name in EXPECTED_CHARTS]
    for name in EXPECTED_CHARTS:
        svg = page.locator(f"#chart-{name} > svg")
        assert svg.count() == 1, name
        box = svg.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, name
        assert svg.locator("g.role-mark > *").count() > 0, name
    report = json.loads((small / "stats" / "generation_report.json").read_text())
    sources = len(report["tables"]) - 1  # the tables but products
    cells = page.locator("#chart-overlap g.mark-rect.role-mark > path")
    assert cells.count() == sources**2
    bars = page.locator("#chart-records-per-person g.mark-rect.role-mark > path")
    assert bars.count() == len(report["records_per_person"])


@needs_extra
@needs_browser
def test_numbers_on_the_page_are_the_reports(loaded: Loaded, small: Path) -> None:
    page = loaded.page
    report = json.loads((small / "stats" / "generation_report.json").read_text())
    reference = json.loads((small / "stats" / "reference.json").read_text())
    assert page.inner_text("#fact-total-records") == f"{report['total_records']:,}"
    assert page.inner_text("#fact-persons") == f"{report['persons_with_records']:,}"
    assert page.inner_text("#reference-pairwise-f1") == f"{reference['pairwise_f1']:.4f}"
    # the cluster sizes are counted by SQL over the truth: as many as the reference scored
    assert page.inner_text("#fact-true-clusters") == f"{reference['true_clusters']:,}"
    in_heatmap = page.locator("#chart-overlap g.mark-text.role-mark > text").all_text_contents()
    crm = next(c for c in report["source_overlap_matrix"] if c["source"] == c["other"] == "crm")
    assert f"{crm['persons']:,}" in in_heatmap
    assert f"seed {report['seed']}" in page.inner_text("h1")


@needs_extra
@needs_browser
def test_full_page_screenshot(loaded: Loaded, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    loaded.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width == 1280 and height > 2000
    assert len(data) > 100_000  # charts, not a blank page


@needs_extra
@needs_cli
def test_report_rewrites_the_same_page(small_copy: Path) -> None:
    page = small_copy / "stats" / "report.html"
    written_by_run = page.read_bytes()
    page.unlink()
    killed = page.with_name(".report.html.partial-999999999")  # of a `report` that was killed
    killed.write_text("<html>half")
    for _ in range(2):
        done = cli("report", str(small_copy))
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"wrote {page} (") and len(done.stdout.splitlines()) == 1
        assert page.read_bytes() == written_by_run  # nothing but the report decides it
    assert foreign_entries(small_copy, output_layout()) == []  # no temporary page left


@needs_cli
def test_report_refuses_a_folder_that_is_no_output(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    for folder, why in (
        (tmp_path, "is not an idrgen-duck output"),
        (tmp_path / "missing", "is not a folder"),
    ):
        done = cli("report", str(folder))
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"error: OUT: {folder} {why}"), done.stderr
        assert len(done.stderr.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_without_the_extra_run_says_how_and_report_refuses(
    small_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No extra: `run` writes an output without the page and says in one line how to get
    it; `report` refuses in one line (exit 2) and writes nothing."""
    monkeypatch.setattr(report_html, "available", lambda: False)
    runner = CliRunner()
    page = small_copy / "stats" / "report.html"
    page.unlink(missing_ok=True)
    refused = runner.invoke(app, ["report", str(small_copy)])
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [refused.stderr.strip()]
    assert report_html.INSTALL_HINT in refused.stderr and not page.exists()

    out = tmp_path / "plain"
    done = runner.invoke(app, ["run", "--scale", "1000", "--output-dir", str(out)])
    assert done.exit_code == 0, done.output
    assert done.stderr.count(report_html.INSTALL_HINT) == 1
    assert report_html.MISSING_EXTRA in done.stderr.splitlines()
    assert (out / "stats" / "generation_report.json").is_file()
    assert not (out / "stats" / "report.html").exists()
    assert [p.name for p in (out / "stats").iterdir() if p.name.startswith(".report")] == []
