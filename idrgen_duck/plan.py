"""How many rows each table gets, in what order, and the calibrated identity-graph parameters.

Python decides counts and probabilities; the SQL templates decide what a row is. Everything
here is a pure function of the scale, so `render` and `run` agree by construction.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from idrgen_duck import catalog, resources
from idrgen_duck.config import ConfigError, RunConfig


@dataclass(frozen=True)
class Source:
    """One of the 7 retail sources, with the spec's share of records and overlap with CRM."""

    table_id: str  # the id used in entity keys and in idr_meta.source_table
    table: str  # the Parquet file / table name of the spec
    key_prefix: str  # primary keys are '<prefix><10 digits>'
    share: float  # share of the scale's records
    crm_overlap: float | None  # share of the source's records whose person is also in CRM
    persons_weight: float  # relative number of distinct persons (see identity-graph notes)

    @property
    def key_column(self) -> str:
        """The spec's primary key column, as the catalog has it."""
        return catalog.TABLE_BY_FILE[f"parquet/{self.table}"].key


# Order matters: it is the order of the output tables and of the membership draws.
SOURCES: tuple[Source, ...] = (
    Source("crm", "crm_customers", "CUST-", 0.16, None, 0.75),
    Source("ecom", "ecom_transactions", "TXN-", 0.30, 0.70, 0.30),
    Source("loyalty", "loyalty_members", "MBR-", 0.12, 0.80, 0.55),
    Source("mobile", "mobile_app_users", "APP-", 0.20, 0.50, 0.42),
    Source("pos", "pos_transactions", "POS-", 0.16, 0.30, 0.12),
    Source("survey", "survey_responses", "RSP-", 0.04, 0.60, 0.15),
    Source("review", "product_reviews", "REV-", 0.02, 0.40, 0.08),
)
SOURCE_BY_ID = {s.table_id: s for s in SOURCES}
NON_CRM = tuple(s for s in SOURCES if s.table_id != "crm")
# Sources whose records refer to another's: survey_responses.order_id is an e-commerce order.
NEEDS = {"survey": "ecom"}


def sources_written(chosen: tuple[str, ...]) -> tuple[Source, ...]:
    """The sources a run writes: those of --sources, or all of them for ()."""
    return tuple(s for s in SOURCES if not chosen or s.table_id in chosen)


def parse_sources(text: str | None) -> tuple[str, ...]:
    """--sources crm,ecom: the sources to write, in plan order; () for all of them.

    The identity graph is always the whole one: a subset's tables are the same, byte for
    byte, as those of the run that writes every source."""
    if text is None:
        return ()
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SOURCE_BY_ID]
    if unknown or not names:
        raise ConfigError(
            f"--sources: {', '.join(unknown) or repr(text)} is not a source; choose from "
            f"{', '.join(SOURCE_BY_ID)} (comma-separated, e.g. --sources crm,ecom)"
        )
    for name, needed in NEEDS.items():
        if name in names and needed not in names:
            raise ConfigError(
                f"--sources: {name} refers to {needed}'s orders (survey_responses.order_id); "
                f"add {needed}, e.g. --sources {','.join([*names, needed])}"
            )
    chosen = tuple(s.table_id for s in SOURCES if s.table_id in names)
    return () if len(chosen) == len(SOURCES) else chosen


# Number of distinct sources a person appears in, from the spec's tiers:
# 10% in 5+ sources, 60% in 2-3, 30% in exactly 1 (none in exactly 4).
SOURCE_COUNT_SHARES: dict[int, float] = {1: 0.30, 2: 0.35, 3: 0.25, 5: 0.05, 6: 0.03, 7: 0.02}
# The spec's tiers by the fewest sources a person needs, highest first: the one definition
# of the rule (tier_of() here, the tier_of macro in sql/macros/graph.sql for the SQL).
TIER_MINIMUMS: tuple[tuple[str, int], ...] = (("high_value", 5), ("regular", 2), ("one_time", 1))


def tier_of(source_count: int) -> str:
    """The tier of a person held by `source_count` sources."""
    return next(tier for tier, least in TIER_MINIMUMS if source_count >= least)


TIER_OF_COUNT = {count: tier_of(count) for count in SOURCE_COUNT_SHARES}
TIER_TARGETS = {"high_value": 0.10, "regular": 0.60, "one_time": 0.30}

# Share of POS line items that no person can be attributed to (cash, no loyalty card). With 75% of
# attributable rows belonging to CRM persons this gives the spec's 30% POS overlap (0.4 x 0.75).
POS_ANONYMOUS_SHARE = 0.60
PERSONS_PER_RECORD = 0.2  # the spec: 50M records, ~10M unique customers
CRM_PERSON_SHARE = 0.74  # persons with a CRM record; 0.8 records each -> ~8% duplicates
# Memory a person's row takes in DuckDB's uncompressed temp storage (measured: 10M persons
# spilled about 12 GB).
PERSON_ROW_BYTES = 1_200
# The smallest person-id range stage 3 of persons is built in (see Plan.person_ranges).
MIN_PERSONS_PER_RANGE = 100_000

# The seeds' regions as a profile names them (a TOML key has no spaces).
REGION_KEYS = {
    "north_america": "North America",
    "europe": "Europe",
    "apac": "APAC",
    "latam": "LATAM",
}
# The least time a history may span: every yearly pattern (seasons, Black Friday) needs one.
MIN_HISTORY_DAYS = 365
# Shares that must add up to 1 are compared with this slack (a profile writes decimals).
SUM_SLACK = 1e-6
# How close the calibration must bring each record-level CRM overlap to its target.
OVERLAP_SLACK = 0.005

Pairs = tuple[tuple[str, float], ...]


@cache
def seed_countries() -> dict[str, tuple[str, float]]:
    """country_code -> (region, global weight), from seeds/countries.csv."""
    path = resources.seeds_dir() / "countries.csv"
    with path.open(encoding="utf-8", newline="") as file:
        return {r["country_code"]: (r["region"], float(r["weight"])) for r in csv.DictReader(file)}


def seed_region_shares() -> Pairs:
    """Each region's share of persons: the sum of its countries' weights in the seeds."""
    countries = seed_countries().values()
    return tuple(
        (key, round(sum(w for r, w in countries if r == name), 6))
        for key, name in REGION_KEYS.items()
    )


@dataclass(frozen=True)
class Shape:
    """The dataset's proportions that a profile may set ([sources], [crm_overlap], [tiers],
    [products], [dates], [regions], [countries]): the calibration solves the identity graph
    for them, and `check()` refuses a combination no graph can meet, naming what can be."""

    source_shares: Pairs = tuple((s.table_id, s.share) for s in SOURCES)
    crm_overlaps: Pairs = tuple((s.table_id, s.crm_overlap or 0.0) for s in NON_CRM)
    tier_shares: Pairs = tuple(TIER_TARGETS.items())
    products_per_million_records: int = 1_000  # ~50,000 products at 50M
    products_minimum: int = 500
    history_start: str = "2021-01-01"  # fixed dates: the data never depends on today
    as_of: str = "2025-12-31"
    # empty: the seeds' weights (seeds/countries.csv); set: every region / country
    region_shares: Pairs = ()
    country_weights: Pairs = ()

    @staticmethod
    def defaults() -> dict[str, dict[str, float | int | str]]:
        """Every key a profile may set here, with its default, by section."""
        shape = Shape()
        return {
            "sources": dict(shape.source_shares),
            "crm_overlap": dict(shape.crm_overlaps),
            "tiers": dict(shape.tier_shares),
            "products": {
                "per_million_records": shape.products_per_million_records,
                "minimum": shape.products_minimum,
            },
            "dates": {"history_start": shape.history_start, "as_of": shape.as_of},
            "regions": dict(seed_region_shares()),
            "countries": {code: weight for code, (_, weight) in seed_countries().items()},
        }

    @classmethod
    def of(cls, overrides: tuple[tuple[str, object], ...]) -> Shape:
        """The shape a profile's overrides ('section.key', value) give."""
        given = dict(overrides)
        defaults = cls.defaults()

        def section(name: str) -> dict[str, object]:
            return {k: given.get(f"{name}.{k}", v) for k, v in defaults[name].items()}

        # the seeds' weights stay as they are unless a region or country really changes
        places = any(
            given.get(f"{name}.{k}", v) != v
            for name in ("regions", "countries")
            for k, v in defaults[name].items()
        )
        return cls(
            source_shares=tuple(section("sources").items()),  # type: ignore[arg-type]
            crm_overlaps=tuple(section("crm_overlap").items()),  # type: ignore[arg-type]
            tier_shares=tuple(section("tiers").items()),  # type: ignore[arg-type]
            products_per_million_records=section("products")["per_million_records"],  # type: ignore[arg-type]
            products_minimum=section("products")["minimum"],  # type: ignore[arg-type]
            history_start=str(section("dates")["history_start"]),
            as_of=str(section("dates")["as_of"]),
            region_shares=tuple(section("regions").items()) if places else (),  # type: ignore[arg-type]
            country_weights=tuple(section("countries").items()) if places else (),  # type: ignore[arg-type]
        )

    def product_count(self, scale: int) -> int:
        """Products of the catalogue (rounded half up): none for the schema only."""
        if not scale:
            return 0
        per_scale = (scale * self.products_per_million_records + 500_000) // 1_000_000
        return max(self.products_minimum, per_scale)

    @property
    def source_count_shares(self) -> dict[int, float]:
        """Shares of persons by their number of sources: each tier's share as set, split
        within the tier as the spec's (SOURCE_COUNT_SHARES)."""
        tiers = dict(self.tier_shares)
        if tiers == TIER_TARGETS:
            return SOURCE_COUNT_SHARES
        return {
            k: tiers[tier_of(k)] * share / TIER_TARGETS[tier_of(k)]
            for k, share in SOURCE_COUNT_SHARES.items()
        }

    def country_weights_effective(self) -> dict[str, float] | None:
        """Each country's share of persons when regions or countries are set (a region's
        share split by its countries' weights); None: the seeds' weights as they are."""
        if not (self.region_shares or self.country_weights):
            return None
        regions = {REGION_KEYS[k]: v for k, v in self.region_shares}
        weights = dict(self.country_weights)
        seeds = seed_countries()
        totals = {name: 0.0 for name in regions}
        for code, (region, _) in seeds.items():
            totals[region] += weights[code]
        return {
            code: regions[region] * weights[code] / totals[region] if totals[region] else 0.0
            for code, (region, _) in seeds.items()
        }

    @property
    def history_start_time(self) -> str:
        return f"{self.history_start} 00:00:00"

    @property
    def as_of_time(self) -> str:
        return f"{self.as_of} 23:59:59"

    @property
    def established_since_time(self) -> str:
        """Established customers signed up in the five years before the history starts."""
        start = date.fromisoformat(self.history_start)
        return f"{start.replace(year=start.year - 5, day=min(start.day, 28))} 00:00:00"

    def calibration(self) -> Calibration:
        return calibrate(
            tuple(self.source_count_shares.items()), self.crm_overlaps, self.source_shares
        )

    def check(self) -> None:
        """Refuse, in one line naming the feasible values, what no identity graph can meet."""
        for name, pairs in (
            ("sources", self.source_shares),
            ("tiers", self.tier_shares),
            ("regions", self.region_shares),
        ):
            total = sum(v for _, v in pairs)
            if pairs and abs(total - 1) > SUM_SLACK:
                listed = ", ".join(f"{k} {v:g}" for k, v in pairs)
                raise ConfigError(
                    f"[{name}]: the shares add up to {total:.6g}, not 1 ({listed}); "
                    "set the others too, so that they add up to 1"
                )
        self._check_dates()
        effective = self.country_weights_effective()
        if effective is not None:
            for key, share in self.region_shares:
                region = REGION_KEYS[key]
                if share > 0 and not any(
                    effective[c] > 0 for c, (r, _) in seed_countries().items() if r == region
                ):
                    raise ConfigError(
                        f"regions.{key} = {share:g}, but every country of {region} has weight "
                        "0: give one of them a weight, or the region 0"
                    )
        self._check_graph()

    def _check_dates(self) -> None:
        try:
            start, end = date.fromisoformat(self.history_start), date.fromisoformat(self.as_of)
        except ValueError as error:
            raise ConfigError(f"[dates]: {error}; write dates as 2021-01-01") from None
        if start < date(1976, 1, 1) or end > date(2099, 12, 31):
            raise ConfigError(
                "[dates]: the history must lie between 1976-01-01 (established customers "
                "signed up in the five years before it) and 2099-12-31"
            )
        if (end - start).days + 1 < MIN_HISTORY_DAYS:
            raise ConfigError(
                f"[dates]: history_start {start} to as_of {end} is {(end - start).days + 1} "
                f"days; it must span at least {MIN_HISTORY_DAYS} (a year of seasons)"
            )

    def _check_graph(self) -> None:
        """Every CRM overlap reached by the calibration, every member with a record."""
        calibration = self.calibration()
        shares = dict(self.source_shares)
        for s in NON_CRM:
            overlap = dict(self.crm_overlaps)[s.table_id]
            if s.table_id == "pos" and overlap >= 1 - POS_ANONYMOUS_SHARE:
                raise ConfigError(
                    f"crm_overlap.pos = {overlap:g}: must be below {1 - POS_ANONYMOUS_SHARE:g}, "
                    f"as {POS_ANONYMOUS_SHARE:.0%} of POS baskets are anonymous (no person)"
                )
            wanted = attributable_overlap(s.table_id, overlap)
            if abs(calibration.expected_overlap[s.table_id] - wanted) > OVERLAP_SLACK:
                lo, hi = self._overlap_range(s.table_id)
                raise ConfigError(
                    f"crm_overlap.{s.table_id} = {dict(self.crm_overlaps)[s.table_id]:g}: no "
                    "identity graph meets it with these tiers and the other overlaps; "
                    f"feasible with the rest of this profile: about {lo:.2f} to {hi:.2f}"
                )
        for s in SOURCES:
            members = calibration.expected_persons[s.table_id]
            records = shares[s.table_id] / PERSONS_PER_RECORD
            if s.table_id == "pos":
                records *= 1 - POS_ANONYMOUS_SHARE
            if records < members:
                least = shares[s.table_id] * members / records if records else members
                raise ConfigError(
                    f"sources.{s.table_id} = {shares[s.table_id]:g}: fewer records than the "
                    f"persons the identity graph puts in {s.table_id} (each has one at least); "
                    f"with these tiers and overlaps it needs {least:.4f} at least"
                )

    def _overlap_range(self, table_id: str) -> tuple[float, float]:
        """The values of one source's CRM overlap the calibration reaches, all else equal:
        bisection to 0.01 on each side of the value it reached, with a quicker calibration
        (the range is what a user needs to choose again, not the data)."""
        counts = tuple(self.source_count_shares.items())

        def feasible(value: float) -> bool:
            overlaps = tuple((k, value if k == table_id else v) for k, v in self.crm_overlaps)
            reached = calibrate(counts, overlaps, self.source_shares, 20, 0.7, 6)
            wanted = attributable_overlap(table_id, value)
            return abs(reached.expected_overlap[table_id] - wanted) <= 2 * OVERLAP_SLACK

        reached = self.calibration().expected_overlap[table_id]
        top = 1 - POS_ANONYMOUS_SHARE if table_id == "pos" else 1.0
        middle = reached * top
        bounds = []
        for edge in (0.0, top):
            if feasible(edge):
                bounds.append(edge)
                continue
            good, bad = middle, edge  # the reached value is feasible; the edge is not
            while abs(bad - good) > 0.01:
                mid = (good + bad) / 2
                good, bad = (mid, bad) if feasible(mid) else (good, mid)
            bounds.append(good)
        return bounds[0], bounds[1]


@dataclass(frozen=True)
class Calibration:
    """Probabilities that make tiers, record counts and CRM overlaps hold together.

    crm_probability[k]: chance that a person in k sources has a CRM record.
    weights[flag][table_id]: Plackett-Luce weights for choosing the person's other sources
    (flag 1 = person is in CRM); sampled in SQL with exponential keys.
    expected_persons[table_id]: expected distinct persons per source, as a share of persons.
    expected_overlap[table_id]: expected CRM share of the source's attributable records.
    subsets[flag][draws]: the probability of each set of `draws` non-CRM sources (a bit mask,
    bit i = NON_CRM[i]) under that sampling, which SQL draws with one weighted pick.
    """

    crm_probability: dict[int, float]
    weights: dict[int, dict[str, float]]
    expected_persons: dict[str, float]
    expected_overlap: dict[str, float]
    subsets: dict[int, dict[int, dict[int, float]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """Row counts and parameters of one run."""

    config: RunConfig
    records: dict[str, int]  # per table_id, exact
    persons: int
    products: int
    pos_attributable: int
    calibration: Calibration = field(repr=False)
    shape: Shape = field(default_factory=lambda: Shape())

    @property
    def written(self) -> tuple[Source, ...]:
        """The sources this run writes: all, or those of --sources."""
        return sources_written(self.config.sources)

    @property
    def written_records(self) -> int:
        """Records of the sources written."""
        return sum(self.records[s.table_id] for s in self.written)

    @property
    def writes_all_sources(self) -> bool:
        return len(self.written) == len(SOURCES)

    @property
    def crm_overlap_targets(self) -> dict[str, float]:
        """Each non-CRM source's wanted share of records whose person is in CRM."""
        return dict(self.shape.crm_overlaps)

    @property
    def tier_targets(self) -> dict[str, float]:
        return dict(self.shape.tier_shares)

    @property
    def total_records(self) -> int:
        return sum(self.records.values())

    @property
    def persons_in_memory(self) -> bool:
        """Whether the persons work tables fit comfortably under the memory limit.

        Then they are TEMP tables: no compressed writes to the work file (measured at 5M:
        persons 14.5 s -> 11.7 s, 2 cores). Larger ones go to the work file, compressed: as
        TEMP tables they would spill uncompressed (12 GB at 50M) and the steps reading them
        back got slower than the writes saved. Runs that large also stage the truth's
        record rows in a work table before writing them (sql/tables/900_*.sql)."""
        return self.persons * PERSON_ROW_BYTES <= self.config.memory_limit_bytes // 2

    @property
    def person_ranges(self) -> list[tuple[int, int]]:
        """Person-id ranges [lo, hi) that stage 3 of persons builds one after another.

        Stage 3 sorts its rows by person id. When the persons tables fit in memory that is
        one range; above, ranges of that size, each sorted in memory and appended in order,
        instead of one sort that spills (stage 3 at 50M: 52.7 to 54.6 s against 57.6 to
        60.7 s). The work file's zone maps let each range read only its own rows."""
        if self.persons_in_memory:
            return [(0, self.persons)]
        size = max(self.config.memory_limit_bytes // 2 // PERSON_ROW_BYTES, MIN_PERSONS_PER_RANGE)
        return [(lo, min(lo + size, self.persons)) for lo in range(0, self.persons, size)]

    @property
    def id_rows(self) -> int:
        """Rows of the shared id table every generated table is read from."""
        return max(self.persons, self.products, self.records["pos"] - self.pos_attributable)


def split_records(scale: int, shares: Pairs | None = None) -> dict[str, int]:
    """Exact records per source: floor of each share (the spec's, or a profile's), the
    remainder to the largest fractions.

    Ties in the fractional part go to the source listed first, so the split is stable.
    """
    share = dict(shares) if shares else {s.table_id: s.share for s in SOURCES}
    raw = {s.table_id: scale * share[s.table_id] for s in SOURCES}
    counts = {k: math.floor(v) for k, v in raw.items()}
    remainder = scale - sum(counts.values())
    by_fraction = sorted(SOURCES, key=lambda s: -(raw[s.table_id] - counts[s.table_id]))
    for source in by_fraction[:remainder]:
        counts[source.table_id] += 1
    return counts


def make_plan(config: RunConfig) -> Plan:
    """The plan of a run: its profile's shape, checked, then counts and calibration."""
    shape = Shape.of(config.overrides)
    shape.check()
    records = split_records(config.scale, shape.source_shares)
    return Plan(
        config=config,
        records=records,
        persons=round(config.scale * PERSONS_PER_RECORD),
        products=shape.product_count(config.scale),
        pos_attributable=round(records["pos"] * (1 - POS_ANONYMOUS_SHARE)),
        calibration=shape.calibration(),
        shape=shape,
    )


# --- calibration -------------------------------------------------------------------------


def attributable_overlap(table_id: str, overlap: float) -> float:
    """CRM share wanted among the source's records that belong to a person (POS counts its
    anonymous baskets as outside CRM)."""
    if table_id == "pos":
        return overlap / (1 - POS_ANONYMOUS_SHARE)
    return overlap


def crm_person_share(crm_share: float) -> float:
    """Persons with a CRM record: the spec's 74%, fewer when a profile gives CRM fewer
    records than that needs (keeping the same ~8% of duplicates)."""
    default = SOURCE_BY_ID["crm"].share
    return CRM_PERSON_SHARE if crm_share >= default else CRM_PERSON_SHARE * crm_share / default


def inclusion_probabilities(weights: tuple[float, ...], draws: int) -> tuple[float, ...]:
    """P(item i is among `draws` items drawn without replacement with probability ~ weight).

    Exact, by recursion over the remaining set (Plackett-Luce); six items make this tiny.
    """

    @cache
    def recurse(mask: int, left: int) -> tuple[float, ...]:
        result = [0.0] * len(weights)
        if left == 0 or mask == 0:
            return tuple(result)
        total = sum(w for i, w in enumerate(weights) if mask >> i & 1)
        for i, w in enumerate(weights):
            if not mask >> i & 1:
                continue
            p = w / total
            rest = recurse(mask & ~(1 << i), left - 1)
            result[i] += p
            for j, q in enumerate(rest):
                result[j] += p * q
        return tuple(result)

    return recurse((1 << len(weights)) - 1, draws)


def subset_probabilities(weights: tuple[float, ...], draws: int) -> dict[int, float]:
    """P(the `draws` items drawn without replacement with probability ~ weight are exactly
    the set `mask`), for every mask reached: Plackett-Luce again, by set instead of by item."""

    @cache
    def recurse(remaining: int, left: int) -> tuple[tuple[int, float], ...]:
        if left == 0 or remaining == 0:
            return ((0, 1.0),)
        total = sum(w for i, w in enumerate(weights) if remaining >> i & 1)
        result: dict[int, float] = {}
        for i, w in enumerate(weights):
            if remaining >> i & 1:
                for mask, q in recurse(remaining & ~(1 << i), left - 1):
                    result[mask | 1 << i] = result.get(mask | 1 << i, 0.0) + w / total * q
        return tuple(sorted(result.items()))

    return dict(recurse((1 << len(weights)) - 1, min(draws, len(weights))))


def _solve_crm_probabilities(
    overlap: dict[str, float], shares: dict[int, float], crm_persons: float
) -> dict[int, float]:
    """CRM chance per source count: c_7 = 1, one value for 1 source, one for 2..6 sources.

    Two conditions fix the two free values: the share of persons in CRM (`crm_persons`), and
    the ratio of other-source memberships held by CRM vs non-CRM persons that the overlaps
    imply. `shares`: persons by source count.
    """
    crm_side = sum(s.persons_weight * overlap[s.table_id] for s in NON_CRM)
    other_side = sum(s.persons_weight * (1 - overlap[s.table_id]) for s in NON_CRM)
    wanted_ratio = crm_side / other_side
    multi = [k for k in shares if 1 < k < 7]

    def probabilities(c_multi: float) -> dict[int, float]:
        rest = crm_persons - shares[7] - c_multi * sum(shares[k] for k in multi)
        c_one = min(1.0, max(0.0, rest / shares[1])) if shares[1] else 0.0
        return {1: c_one, **{k: c_multi for k in multi}, 7: 1.0}

    def ratio(c: dict[int, float]) -> float:
        in_crm = sum(shares[k] * c[k] * (k - 1) for k in shares)
        not_crm = sum(shares[k] * (1 - c[k]) * k for k in shares)
        return in_crm / not_crm

    lo, hi = 0.0, 1.0
    for _ in range(60):  # ratio() grows with c_multi: bisection
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ratio(probabilities(mid)) < wanted_ratio else (lo, mid)
    return probabilities((lo + hi) / 2)


def mean_activity(activity: Activity, source_count: int) -> float:
    """E[min(cap, U^(-1/alpha))] times the high-value factor: a member's mean activity weight."""
    a, cap = activity.alpha, activity.cap
    mean = 1 + (math.log(cap) if a == 1 else (cap ** (1 - a) - 1) / (1 - a))
    return mean * (activity.high_value_factor if tier_of(source_count) == "high_value" else 1)


def _fit_weights(
    crm_p: dict[int, float],
    overlap: dict[str, float],
    start: dict[int, dict[str, float]] | None,
    rounds: int,
    damping: float,
    shares: dict[int, float],
) -> tuple[dict[int, dict[str, float]], dict[int, dict[int, tuple[float, ...]]]]:
    """Iterative proportional fitting of the Plackett-Luce weights, per CRM flag.

    Targets: each non-CRM source's persons split into CRM and non-CRM persons in the ratio
    `overlap`, with source sizes proportional to `persons_weight`, scaled to the memberships
    the source-count distribution provides. Returns the weights and, per flag and source
    count, each source's inclusion probability. `start` warm-starts the weights.
    """
    ids = [s.table_id for s in NON_CRM]
    weights: dict[int, dict[str, float]] = {}
    inclusion: dict[int, dict[int, tuple[float, ...]]] = {}
    for flag in (1, 0):
        draws_of = {k: k - 1 if flag else k for k in shares}
        mass = {k: share * (crm_p[k] if flag else 1 - crm_p[k]) for k, share in shares.items()}
        supply = sum(mass[k] * draws_of[k] for k in shares)
        raw = {
            s.table_id: s.persons_weight
            * (overlap[s.table_id] if flag else 1 - overlap[s.table_id])
            for s in NON_CRM
        }
        target = {t: v * supply / sum(raw.values()) for t, v in raw.items()}
        w = dict(start[flag]) if start else dict.fromkeys(ids, 1.0)
        for _ in range(rounds):
            incl = {
                k: inclusion_probabilities(tuple(w[t] for t in ids), draws_of[k]) for k in shares
            }
            got = {t: sum(mass[k] * incl[k][i] for k in shares) for i, t in enumerate(ids)}
            # floored: an unreachable target (a profile's) must not drive a weight to 0
            w = {t: max(w[t] * (target[t] / got[t]) ** damping, 1e-12) for t in ids}
            w = {t: v / sum(w.values()) for t, v in w.items()}
        weights[flag] = w
        inclusion[flag] = {
            k: inclusion_probabilities(tuple(w[t] for t in ids), draws_of[k]) for k in shares
        }
    return weights, inclusion


@cache
def calibrate(
    count_shares: tuple[tuple[int, float], ...] = tuple(SOURCE_COUNT_SHARES.items()),
    overlaps: Pairs = Shape.crm_overlaps,
    source_shares: Pairs = Shape.source_shares,
    rounds: int = 40,
    damping: float = 0.7,
    outer_rounds: int = 12,
) -> Calibration:
    """Solve memberships so that each source's *record*-level CRM overlap hits its target
    (`overlaps`), given persons by source count and each source's share of records.

    Activity weights differ by tier (high-value persons buy more) and tiers differ in CRM
    share, so record-level and person-level overlaps differ. The outer loop adjusts the
    person-level targets until the expected record-level overlaps match.
    """
    shares = dict(count_shares)
    record_shares = dict(source_shares)
    crm_persons = crm_person_share(record_shares["crm"])
    ids = [s.table_id for s in NON_CRM]
    wanted = {t: min(0.99, max(0.01, attributable_overlap(t, v))) for t, v in overlaps}
    person_overlap = dict(wanted)
    weights: dict[int, dict[str, float]] | None = None
    for _ in range(outer_rounds):
        crm_p = _solve_crm_probabilities(person_overlap, shares, crm_persons)
        weights, inclusion = _fit_weights(crm_p, person_overlap, weights, rounds, damping, shares)
        persons: dict[str, float] = {"crm": sum(shares[k] * crm_p[k] for k in shares)}
        record_overlap: dict[str, float] = {}
        for i, t in enumerate(ids):
            members = {
                (flag, k): shares[k] * (crm_p[k] if flag else 1 - crm_p[k]) * inclusion[flag][k][i]
                for flag in (0, 1)
                for k in shares
            }
            persons[t] = sum(members.values())
            # expected records of a member: 1 + extra * its activity / total activity
            records = record_shares[t] / PERSONS_PER_RECORD
            if t == "pos":
                records *= 1 - POS_ANONYMOUS_SHARE
            total_activity = sum(m * mean_activity(ACTIVITY[t], k) for (_, k), m in members.items())
            per_activity = max(records - persons[t], 0) / total_activity
            weighted = {
                key: m * (1 + per_activity * mean_activity(ACTIVITY[t], key[1]))
                for key, m in members.items()
            }
            record_overlap[t] = sum(v for (flag, _), v in weighted.items() if flag) / sum(
                weighted.values()
            )
        person_overlap = {
            t: min(0.99, max(0.01, person_overlap[t] + wanted[t] - record_overlap[t])) for t in ids
        }
    assert weights is not None
    subsets = {
        flag: {
            draws: subset_probabilities(tuple(weights[flag][t] for t in ids), draws)
            for draws in range(len(ids) + 1)
        }
        for flag in (0, 1)
    }
    return Calibration(crm_p, weights, persons, record_overlap, subsets)


# --- realism defaults used by the templates ------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """How a source's extra records (beyond one per member) are spread over its members.

    Weights are Pareto(alpha) draws capped at `cap`, times `high_value_factor` for persons in
    5+ sources; a member's expected record count is 1 + extra * weight / total weight.
    `steady_pace`: the records are events spread over the person's active days in the history
    (orders, visits, reviews), so the weight also grows with those days.
    """

    alpha: float
    cap: float
    high_value_factor: float = 1.0
    steady_pace: bool = False


ACTIVITY: dict[str, Activity] = {
    "crm": Activity(alpha=3.0, cap=3),  # duplicate registrations: rare, at most a few
    "ecom": Activity(alpha=1.3, cap=25, high_value_factor=3, steady_pace=True),  # power-law buyers
    "loyalty": Activity(alpha=3.0, cap=3),  # re-enrolments, lost cards
    "mobile": Activity(alpha=2.0, cap=6, high_value_factor=1.5),  # devices and reinstalls
    "pos": Activity(alpha=1.3, cap=40, high_value_factor=3, steady_pace=True),  # store baskets
    "survey": Activity(alpha=2.0, cap=6, steady_pace=True),  # repeat surveys
    "review": Activity(alpha=1.6, cap=15, steady_pace=True),  # a few prolific reviewers
}

# Local-part shapes of personal emails (weights); see sql/macros/identifiers.sql.
EMAIL_PATTERNS: dict[str, float] = {
    "first.last": 30,
    "firstlast": 18,
    "f.last": 6,
    "flast": 8,
    "first_last": 4,
    "last.first": 5,
    "firstYY": 10,
    "first.lastYY": 9,
    "firstlastNNN": 6,
    "lastfirst": 4,
}
