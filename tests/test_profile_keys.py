"""Every profile key moves what it names, measured on 200K outputs.

Three runs set every key of `profile show` away from its default, in groups of keys that do
not act on the same records (a company inbox is tried after a family address, a missing
email can carry no change, ...), and each key's own measure is compared with the same measure on the
default 20K output (`small`): rates and shares do not depend on the scale, and every change
below is large enough (x2 or more) for 20K's noise. Keys that set a target (record shares,
tiers, CRM overlaps, regions, countries, dates) are compared with the value set.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from idrgen_duck.config import RunConfig
from idrgen_duck.plan import REGION_KEYS, make_plan, seed_countries, split_records
from idrgen_duck.realism import (
    ADDRESS_VARIATIONS,
    EMAIL_VARIATIONS,
    NAME_VARIATIONS,
    SOURCE_NOISE,
    EdgeCases,
)
from tests.conftest import cli, needs_cli

pytestmark = needs_cli
SCALE = 200_000

# Rates: (value set, direction the measure must move: +1 up, -1 down).
RATES: dict[str, tuple[float, int]] = {
    "changes.email_changed": (0.40, 1),
    "changes.phone_changed": (0.35, 1),
    "changes.surname_changed": (0.15, 1),
    "changes.phone_typo": (0.06, 1),
    "changes.second_address": (0.30, 1),
    "changes.second_address_use": (0.75, 1),
    "changes.name_address_only": (0.12, 1),
    "changes.device_rotated": (0.45, 1),
    "changes.token_rotated": (0.30, 1),
    "edge.employed_share": (0.35, 1),
    "edge.company_size": (200, 1),
    "edge.work_email_use": (0.60, 1),
    "edge.company_inbox_use": (0.20, 1),
    "edge.business_phone_use": (0.30, 1),
    "edge.landline_share": (0.80, 1),
    "edge.landline_use": (0.45, 1),
    "edge.family_email_share": (0.60, 1),
    "edge.family_email_use": (0.95, 1),
    "edge.disjoint_share": (0.09, 1),
    "noise.email_variation": (0.15, 1),
    "noise.name_variation": (0.24, 1),
    "noise.address_variation": (0.15, 1),
    "noise.moved": (0.25, 1),
}
NOISE: dict[str, float] = {"email_present": 0.5, "phone_present": 0.25}
JUNK = 0.02  # junk_email and junk_phone of every source (default 0.003)
GIANT = {"edge.giant_cluster_records": 3_000, "edge.giant_cluster_full_scale": 100_000}
# Targets: shares that add up to 1, overlaps the calibration meets with them.
SOURCES = {"crm": 0.18, "ecom": 0.26, "loyalty": 0.14, "mobile": 0.18, "pos": 0.16,
           "survey": 0.05, "review": 0.03}  # fmt: skip
TIERS = {"high_value": 0.14, "regular": 0.56, "one_time": 0.30}
OVERLAPS = {"ecom": 0.60, "loyalty": 0.85, "mobile": 0.55, "pos": 0.25, "survey": 0.50,
            "review": 0.50}  # fmt: skip
REGIONS = {"north_america": 0.25, "europe": 0.25, "apac": 0.40, "latam": 0.10}
COUNTRIES = {"US": 0.1, "JP": 0.2}  # US a third of North America, Japan half of APAC's weight
PRODUCTS = {"products.per_million_records": 4_000, "products.minimum": 700}
DATES = {"dates.history_start": "2015-03-01", "dates.as_of": "2019-08-31"}


def profile_text() -> str:
    """Every key of the profile, each away from its default."""
    lines = [f"{key} = {value}" for key, (value, _) in RATES.items()]
    for source, noise in SOURCE_NOISE.items():
        if noise.has_email:
            lines += [f"noise.{source}.email_present = {NOISE['email_present']}",
                      f"noise.{source}.junk_email = {JUNK}"]  # fmt: skip
        if noise.phone_styles:
            lines += [f"noise.{source}.phone_present = {NOISE['phone_present']}",
                      f"noise.{source}.junk_phone = {JUNK}"]  # fmt: skip
    lines += [f"{key} = {value}" for key, value in {**GIANT, **PRODUCTS}.items()]
    lines += [f"{key} = {value}" for key, value in DATES.items()]  # TOML dates
    for section, values in (("sources", SOURCES), ("tiers", TIERS), ("crm_overlap", OVERLAPS),
                            ("regions", REGIONS), ("countries", COUNTRIES)):  # fmt: skip
        lines += [f"{section}.{key} = {value}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def group_of(key: str) -> str:
    """Which run sets a key (see the module's docstring)."""
    if key.startswith("changes.") or (key.startswith("noise.") and key.count(".") == 1):
        return "changes"  # with the variation rates: neither removes an identifier
    if key == "edge.company_inbox_use":  # e-commerce tries a family address before it
        return "changes"
    if key.startswith("edge.") or key.rsplit(".", 1)[1].startswith("junk_"):
        return "edge"
    return "presence_shape"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 200K output of each group of keys, made when a test first asks for it."""
    folder = tmp_path_factory.mktemp("profile_keys")
    made: dict[str, Path] = {}

    class Made(dict):  # type: ignore[type-arg]
        def __missing__(self, group: str) -> Path:
            lines = [line for line in profile_text().splitlines()
                     if group_of(line.split(" = ")[0]) == group]  # fmt: skip
            (folder / f"{group}.toml").write_text("\n".join(lines) + "\n")
            out = folder / group
            done = cli("run", "--scale", "200K", "--seed", "7", "--profile",
                       str(folder / f"{group}.toml"), "--output-dir", str(out), "--quiet")  # fmt: skip
            assert done.returncode == 0, done.stderr
            self[group] = out
            return out

    return Made(made)


def query(output: Path, sql: str) -> float:
    """One number from SQL over an output: {truth}, {persons} and {<table>} name its files."""
    names = {"truth": "truth/record_person", "persons": "truth/persons"}
    for table in ("ecom_transactions", "mobile_app_users", "pos_transactions", "products"):
        names[table] = f"parquet/{table}"
    files = {k: f"'{output / v}.parquet'" for k, v in names.items()}
    value = duckdb.connect().execute(sql.format(**files)).fetchone()[0]
    return float(value or 0)


def tag_share(tag: str, tables: tuple[str, ...] | None = None) -> str:
    """Share of the records (of some sources) that carry a truth tag."""
    listed = ", ".join(f"'{t}'" for t in tables or ())
    where = f"WHERE table_id IN ({listed})" if tables else ""
    return f"SELECT avg(list_contains(noise, '{tag}')::INT) FROM {{truth}} {where}"


def tags_share(tags: dict[str, float], tables: tuple[str, ...] = ()) -> str:
    """Share of the records (of some sources) that carry one of several tags."""
    listed = ", ".join(f"'{t}'" for t in tables)
    where = f"WHERE table_id IN ({listed})" if tables else ""
    wanted = ", ".join(f"'{t}'" for t in tags)
    return f"SELECT avg(list_has_any(noise, [{wanted}])::INT) FROM {{truth}} {where}"


def tag_per_person(tag: str, column: str, tables: tuple[str, ...] = ()) -> str:
    """Records with a tag (in some sources) per person who has the identifier it uses: the
    use rate alone."""
    listed = ", ".join(f"'{t}'" for t in tables)
    where = f"AND table_id IN ({listed})" if tables else ""
    return (f"SELECT (SELECT count(*) FROM {{truth}} WHERE list_contains(noise, '{tag}') {where})"
            f" / (SELECT count(*) FROM {{persons}} WHERE {column} IS NOT NULL)")  # fmt: skip


def persons_share(condition: str) -> str:
    return f"SELECT avg(({condition})::INT) FROM {{persons}}"


# What each rate key names, as SQL over an output.
RATE_MEASURES: dict[str, str] = {
    "changes.email_changed": tag_share("email_previous"),
    "changes.phone_changed": tag_share("phone_previous"),
    "changes.surname_changed": tag_share("name_previous_surname"),
    "changes.phone_typo": tag_share("phone_typo"),
    "changes.second_address": tag_share("address_second"),
    # the share of a second-address person's orders shipped there
    "changes.second_address_use": """
        SELECT avg(list_contains(noise, 'address_second')::INT) FROM {truth}
        WHERE table_id = 'ecom' AND person_id IN (
            SELECT person_id FROM {truth} WHERE list_contains(noise, 'address_second'))""",
    "changes.name_address_only": tag_share("name_address_only"),
    "changes.device_rotated": tag_share("device_rotated", ("mobile",)),
    "changes.token_rotated": tag_share("payment_token_rotated", ("ecom", "pos")),
    "edge.employed_share": persons_share("work_email IS NOT NULL"),
    # persons per company (every company has employees at these sizes)
    "edge.company_size": "SELECT count(*) / count(DISTINCT company_email) FROM {persons}",
    # CRM and loyalty: e-commerce tries the company inbox first, which edge raises too
    "edge.work_email_use": tag_per_person("email_work", "work_email", ("crm", "loyalty")),
    "edge.company_inbox_use": tag_per_person("email_shared_company", "work_email"),
    "edge.business_phone_use": tag_per_person("phone_shared_business", "work_email"),
    "edge.landline_share": persons_share("landline_nsn IS NOT NULL"),
    "edge.landline_use": tag_per_person("phone_shared_household", "landline_nsn"),
    "edge.family_email_share": persons_share("family_email IS NOT NULL"),
    "edge.family_email_use": tag_per_person("email_shared_family", "family_email"),
    "edge.disjoint_share": persons_share("disjoint_table IS NOT NULL"),
    "noise.email_variation": tags_share(EMAIL_VARIATIONS),
    "noise.name_variation": tags_share(NAME_VARIATIONS, ("crm", "loyalty")),
    "noise.address_variation": tags_share(ADDRESS_VARIATIONS, ("ecom",)),
    "noise.moved": tag_share("address_moved", ("ecom",)),
}


@pytest.mark.parametrize("key", list(RATES))
def test_a_rate_key_moves_what_it_names(key: str, outputs: dict[str, Path], small: Path) -> None:
    _, direction = RATES[key]
    shaped = outputs[group_of(key)]
    before, after = query(small, RATE_MEASURES[key]), query(shaped, RATE_MEASURES[key])
    assert before > 0, f"{key}: nothing measured on the default output"
    ratio = after / before
    assert (ratio > 1.4) if direction > 0 else (ratio < 0.7), f"{key}: {before:.4f} -> {after:.4f}"


@pytest.mark.parametrize(
    "source", [s for s, n in SOURCE_NOISE.items() if n.has_email or n.phone_styles]
)
def test_noise_keys_move_what_they_name(source: str, outputs: dict[str, Path], small: Path) -> None:
    noise = SOURCE_NOISE[source]
    checks: list[tuple[str, float | None]] = []  # (tag, the share set; None: junk)
    if noise.has_email:
        checks += [("email_missing", 1 - NOISE["email_present"]), ("email_junk", None)]
    if noise.phone_styles:
        checks += [("phone_missing", 1 - NOISE["phone_present"]), ("phone_junk", None)]
    for tag, wanted in checks:
        measure = tag_share(tag, (source,))
        shaped = outputs[
            group_of(f"noise.{source}.{'junk_email' if wanted is None else 'present'}")
        ]
        before, after = query(small, measure), query(shaped, measure)
        if wanted is not None:  # a missing share: the value set (CRM and loyalty records
            # with name and address only lack both too), far from the default's
            assert after == pytest.approx(wanted, abs=0.05), f"{source} {tag}: {after:.3f}"
            assert abs(after - before) > 0.2, f"{source} {tag}: {before:.3f} -> {after:.3f}"
        else:  # junk: among the values present, up from 0.3% to 2%
            assert after > 2.5 * before and after > 0.004, f"{source} {tag}: {before} -> {after}"


def test_giant_cluster_keys_set_its_size(outputs: dict[str, Path]) -> None:
    shaped = outputs["edge"]
    lines = query(shaped, tag_share("email_giant_cluster", ("ecom",)).replace("avg(", "sum("))
    wanted = EdgeCases(giant_cluster_records=3_000, giant_cluster_full_scale=100_000)
    assert lines == pytest.approx(wanted.giant_cluster_size(SCALE), rel=0.1)
    # with either key at its default the size differs: 600 (records) or 5,500 (full scale)
    for alone in (
        EdgeCases(giant_cluster_records=3_000),
        EdgeCases(giant_cluster_full_scale=100_000),
    ):
        assert abs(lines - alone.giant_cluster_size(SCALE)) > 0.3 * lines


def test_proportion_keys_hit_their_targets(outputs: dict[str, Path]) -> None:
    shaped = outputs["presence_shape"]
    report = json.loads((shaped / "stats" / "generation_report.json").read_text())
    counts = {t["table_id"]: t["records"] for t in report["tables"] if t.get("table_id")}
    assert {k: counts[k] for k in SOURCES} == split_records(SCALE, tuple(SOURCES.items()))
    tiers = {t["tier"]: t["share"] for t in report["tiers"]}
    for tier, share in TIERS.items():
        assert tiers[tier] == pytest.approx(share, abs=0.01), tier
    overlaps = {o["table_id"]: o["record_share"] for o in report["crm_overlap"]}
    for table_id, share in OVERLAPS.items():
        assert overlaps[table_id] == pytest.approx(share, abs=0.02), table_id
    # products: 4,000 per million records (800) is above the minimum set (700); the minimum
    # binds below it, which the plan shows without another run
    assert query(shaped, "SELECT count(*) FROM {products}") == 800
    raised = RunConfig(scale=SCALE, overrides=(("products.minimum", 1_000),))
    assert make_plan(raised).products == 1_000


def test_place_keys_move_where_persons_live(outputs: dict[str, Path]) -> None:
    shaped = outputs["presence_shape"]
    by_region = {REGION_KEYS[k]: v for k, v in REGIONS.items()}
    persons = query(shaped, "SELECT count(*) FROM {persons}")
    for region, share in by_region.items():
        got = query(shaped, f"SELECT count(*) FROM {{persons}} WHERE region = '{region}'")
        assert got / persons == pytest.approx(share, abs=0.01), region
    # within its region, a country's share is its weight over the region's weights
    seeds = seed_countries()
    for code, weight in COUNTRIES.items():
        region = seeds[code][0]
        weights = {c: COUNTRIES.get(c, w) for c, (r, w) in seeds.items() if r == region}
        wanted = by_region[region] * weight / sum(weights.values())
        got = query(shaped, f"SELECT count(*) FROM {{persons}} WHERE country_code = '{code}'")
        assert got / persons == pytest.approx(wanted, abs=0.01), code


def test_date_keys_bound_the_history(outputs: dict[str, Path]) -> None:
    shaped = outputs["presence_shape"]
    first = query(shaped, "SELECT epoch(min(order_date)) FROM {ecom_transactions}")
    last = query(shaped, "SELECT epoch(max(order_date)) FROM {ecom_transactions}")
    start = query(shaped, "SELECT epoch(TIMESTAMP '2015-03-01 00:00:00')")
    end = query(shaped, "SELECT epoch(TIMESTAMP '2019-08-31 23:59:59')")
    assert start <= first < start + 30 * 86400 and end - 30 * 86400 < last <= end


def test_validate_accepts_the_profile_targets(outputs: dict[str, Path]) -> None:
    shaped = outputs["presence_shape"]
    done = cli("validate", "--output-dir", str(shaped))
    assert done.returncode == 0, done.stdout + done.stderr


def test_infeasible_combinations_are_refused_naming_the_range(tmp_path: Path) -> None:
    cases = {
        ("crm_overlap.review=0.99",): "crm_overlap.review = 0.99: no identity graph meets it",
        ("crm_overlap.pos=0.5",): "must be below 0.4",
        ("sources.review=0.001", "sources.ecom=0.319"): "needs 0.0",
        ("tiers.high_value=0.2",): "add up to 1.1",
        ("dates.as_of=2021-03-01",): "at least 365",
        ("countries.AR=0", "countries.BR=0", "countries.CL=0", "countries.CO=0"):
            "every country of LATAM has weight 0",
    }  # fmt: skip
    for sets, message in cases.items():
        args = [a for s in sets for a in ("--set", s)]
        done = cli("run", "--scale", "20K", *args, "--output-dir", str(tmp_path / "never"))
        assert done.returncode == 2 and message in done.stderr, (sets, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "never").exists()
    ranged = cli("profile", "show", "--set", "crm_overlap.review=0.99")
    low, high = ranged.stderr.rsplit("about ", 1)[1].split(" to ")
    assert 0.0 <= float(low) < 0.4 < 0.8 < float(high) < 0.99
