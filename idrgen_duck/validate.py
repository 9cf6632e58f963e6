"""`validate`: the spec's checks, run on what is on disk.

Each check returns a line with its figure; a damaged, truncated or missing file fails the
check that needs it, by name, instead of raising.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from idrgen_duck import catalog, db
from idrgen_duck.checksums import content_checksum
from idrgen_duck.idr_metadata import MAPPINGS
from idrgen_duck.plan import SOURCE_BY_ID, SOURCES, Shape, Source, sources_written, split_records
from idrgen_duck.render import make_environment, parquet_files, report_sources

MEMORY_HEADROOM = 1.5 * 2**30  # peak RSS may exceed DuckDB's memory limit by this much

# Identifier shapes, by (table, column). Junk and placeholder values are planted on purpose
# and allowed by name (realism.JUNK_EMAILS / JUNK_PHONES).
EMAIL_RE = r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$"
PHONE_RE = r"^[+0-9 ().\-]+$"
FORMATS: dict[tuple[str, str], str] = {
    ("loyalty_members", "loyalty_id"): r"^[67][0-9]{12}$",
    ("pos_transactions", "loyalty_id"): r"^[67][0-9]{12}$",
    ("crm_customers", "loyalty_id"): r"^[67][0-9]{12}$",
    (
        "mobile_app_users",
        "device_id",
    ): r"^([0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}|[0-9a-f]{16})$",
    ("ecom_transactions", "payment_token"): r"^tok_[0-9a-f]{24}$",
    ("pos_transactions", "payment_token"): r"^tok_[0-9a-f]{24}$",
    ("ecom_transactions", "shipping_address_hash"): r"^[0-9a-f]{32}$",
}
# The email and phone columns: those the IDR metadata maps (one list, idr_metadata.MAPPINGS).
EMAILS = {
    SOURCE_BY_ID[m.table_id].table: m.column for m in MAPPINGS if m.identifier_type == "EMAIL"
}
PHONES = {
    SOURCE_BY_ID[m.table_id].table: m.column for m in MAPPINGS if m.identifier_type == "PHONE"
}


def tier_sql(source_count: str) -> str:
    """The tier rule in SQL (the tier_of macro)."""
    return str(make_environment().globals["tier_of"](source_count))


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    @classmethod
    def of(cls, name: str, problems: list[str], all_good: str) -> Check:
        """Passed when no problem was found: the problems, else what was checked."""
        return cls(name, not problems, "; ".join(problems) or all_good)


class Validator:
    def __init__(self, output_dir: Path) -> None:
        self.out = output_dir
        self.con = db.connect()
        self.report: dict = {}
        self.sources: tuple[str, ...] = ()  # the report's --sources: () for all

    @property
    def written(self) -> tuple[Source, ...]:
        return sources_written(self.sources)

    def holds(self, table: str) -> bool:
        """Whether the output has this table (a source not written has none)."""
        return table not in {s.table for s in SOURCES} or any(
            s.table == table for s in self.written
        )

    def file(self, table: str, folder: str = "parquet") -> Path:
        return self.out / folder / f"{table}.parquet"

    def rel(self, table: str, folder: str = "parquet") -> str:
        return db.parquet(self.file(table, folder))

    def one(self, sql: str, params: list | None = None) -> object:
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None

    # -- checks ---------------------------------------------------------------------------

    def files_readable(self) -> Check:
        bad, sums = [], self.report.get("checksums", {})
        names = parquet_files(self.sources)
        mismatched = []
        for name in names:
            path = self.out / f"{name}.parquet"
            if not path.exists():
                bad.append(f"{name}.parquet missing")
                continue
            try:
                checksum = content_checksum(self.con, path)
            except duckdb.Error as error:
                bad.append(f"{name}.parquet unreadable ({str(error).splitlines()[0][:80]})")
                continue
            if name in sums and sums[name] != checksum:
                mismatched.append(f"{name}.parquet")
        if mismatched:
            bad.append("content differs from the report's checksum: " + ", ".join(mismatched))
        if not sums:
            bad.append("the report holds no checksums")
        return Check.of("files readable, checksums match the report", bad, f"{len(names)} files")

    def shape(self) -> Shape:
        """The proportions the run was made for: its profile's, recorded in the report."""
        values = self.report.get("run", {}).get("profile", {}).get("values", {})
        return Shape.of(tuple(values.items()))

    def record_counts(self) -> Check:
        scale = int(self.report.get("scale", 0))
        wanted = split_records(scale, self.shape().source_shares)
        wrong = []
        for s in self.written:
            rows = self.one(f"SELECT count(*) FROM {self.rel(s.table)}")
            if rows != wanted.get(s.table_id):
                wrong.append(f"{s.table} {rows:,} (want {wanted.get(s.table_id, 0):,})")
        return Check.of(
            "record counts match the targets",
            wrong,
            f"{scale:,} records in 7 sources"
            if not self.sources
            else f"{', '.join(self.sources)} of {scale:,} records in 7 sources",
        )

    def graph(self) -> Check:
        truth = self.rel("record_person", "truth")
        persons = f"""(SELECT person_id, count(DISTINCT table_id) AS n,
                              bool_or(table_id = 'crm') AS crm
                       FROM {truth} WHERE person_id IS NOT NULL GROUP BY person_id)"""
        total = int(self.one(f"SELECT count(*) FROM {persons}") or 0)
        if total == 0 and self.report.get("scale") == 0:
            return Check.of("tiers and CRM overlaps", [], "no persons: the schema only")
        # a fair tolerance: 2 points from 200K records (40K persons) up, wider below
        tolerance = max(0.02, 0.02 * math.sqrt(40_000 / max(total, 1)))
        problems, figures = [], []
        tiers = dict(
            self.con.execute(
                f"""SELECT {tier_sql("n")}, count(*) / {max(total, 1)}
                    FROM {persons} GROUP BY 1"""
            ).fetchall()
        )
        # the targets the run was made for: the spec's, or its profile's
        # a subset: its persons' tiers count only the sources written, so the targets (of all
        # 7) do not apply; CRM overlaps do, where CRM is written
        tier_targets = dict(self.shape().tier_shares) if not self.sources else {}
        overlap_targets = dict(self.shape().crm_overlaps) if self.holds("crm_customers") else {}
        for tier, target in tier_targets.items():
            share = float(tiers.get(tier, 0))
            figures.append(f"{tier} {share:.1%}")
            if abs(share - target) > tolerance:
                problems.append(f"{tier} {share:.1%} (want {target:.0%})")
        for s in self.written:
            if s.table_id not in overlap_targets:
                continue
            wanted = float(overlap_targets[s.table_id])
            share = float(
                self.one(
                    f"SELECT avg(CASE WHEN p.crm THEN 1.0 ELSE 0 END) FROM {truth} t "
                    f"LEFT JOIN {persons} p USING (person_id) WHERE t.table_id = '{s.table_id}'"
                )
                or 0
            )
            figures.append(f"{s.table_id} {share:.1%}")
            if abs(share - wanted) > tolerance:
                problems.append(f"{s.table_id} overlap {share:.1%} (want {wanted:.0%})")
        return Check.of(
            f"tiers and CRM overlaps within {tolerance:.1%}", problems, ", ".join(figures)
        )

    def formats(self) -> Check:
        from idrgen_duck.realism import JUNK_EMAILS, JUNK_PHONES

        # (table, column, pattern, values allowed besides it: the planted junk and '')
        rules = [(t, c, EMAIL_RE, [*JUNK_EMAILS, ""]) for t, c in EMAILS.items()]
        rules += [(t, c, PHONE_RE, [*JUNK_PHONES, ""]) for t, c in PHONES.items()]
        rules += [(t, c, pattern, []) for (t, c), pattern in FORMATS.items()]
        problems = []
        for table, column, pattern, allowed in rules:
            if not self.holds(table):
                continue
            n = self.one(
                f"SELECT count(*) FROM {self.rel(table)} WHERE {column} IS NOT NULL "
                f"AND NOT regexp_matches({column}, ?) AND NOT list_contains(?, {column})",
                [pattern, allowed],
            )
            if n:
                problems.append(f"{table}.{column}: {n} malformed")
        return Check.of(
            "identifier formats consistent",
            problems,
            "emails, phones, cards, devices, tokens, hashes",
        )

    def keys(self) -> Check:
        problems = []
        keys = [("products", "product_id"), *((s.table, s.key_column) for s in self.written)]
        for table, key in keys:
            dup = self.one(f"SELECT count(*) - count(DISTINCT {key}) FROM {self.rel(table)}")
            if dup:
                problems.append(f"{table}.{key}: {dup} duplicates")
        for ref in catalog.REFERENCES:  # the spec's links between tables
            if not (self.holds(ref.table) and self.holds(ref.parent)):
                continue
            orphans = self.one(
                f"SELECT count(*) FROM {self.rel(ref.table)} t ANTI JOIN {self.rel(ref.parent)} p "
                f"ON p.{ref.parent_column} = t.{ref.column} WHERE t.{ref.column} IS NOT NULL"
            )
            if orphans:
                problems.append(f"{ref.table}.{ref.column}: {orphans} not in {ref.parent}")
        return Check.of("primary keys unique, references resolve", problems, "8 keys, 5 references")

    def timestamps(self) -> Check:
        pairs = [
            ("crm_customers", "created_at", "updated_at"),
            ("loyalty_members", "enrollment_date", "last_activity_date"),
            ("mobile_app_users", "first_open_date", "last_active_date"),
        ]
        problems = []
        for table, earlier, later in pairs:
            if not self.holds(table):
                continue
            n = self.one(f"SELECT count(*) FROM {self.rel(table)} WHERE {earlier} > {later}")
            if n:
                problems.append(f"{table}: {n} with {earlier} > {later}")
        n = self.holds("survey_responses") and self.one(
            f"""SELECT count(*) FROM {self.rel("survey_responses")} s
                JOIN (SELECT order_id, min(order_date) AS d FROM {self.rel("ecom_transactions")}
                      GROUP BY order_id) e USING (order_id) WHERE s.submitted_at < e.d"""
        )
        if n:
            problems.append(f"survey_responses: {n} submitted before their order")
        return Check.of("timestamps ordered", problems, "4 orderings")

    def truth_coverage(self) -> Check:
        truth = self.rel("record_person", "truth")
        problems = []
        for s in self.written:
            n = self.one(
                f"""SELECT (SELECT count(*) FROM {self.rel(s.table)} x ANTI JOIN {truth} t
                            ON t.table_id = '{s.table_id}' AND t.record_key = x.{s.key_column})
                         + (SELECT count(*) FROM {truth} t ANTI JOIN {self.rel(s.table)} x
                            ON t.record_key = x.{s.key_column} WHERE t.table_id = '{s.table_id}')"""
            )
            if n:
                problems.append(f"{s.table}: {n} records unmatched")
        return Check.of(
            "truth covers every record", problems, "every record has exactly one truth row"
        )

    def memory(self) -> Check:
        run = self.report.get("run", {})
        peak, limit = run.get("peak_rss_bytes"), run.get("memory_limit", "")
        limit_bytes = _parse_size(limit)
        if peak is None and run.get("runner") == "sql":
            return Check(
                "peak memory within bound",
                True,
                "not measured: the SQL ran outside `idrgen-duck run` (e.g. in the DuckDB CLI), "
                "which does not record its peak memory",
            )
        if peak is None or limit_bytes is None:
            return Check("peak memory within bound", False, "the report holds no run memory")
        if run.get("engine") == "spark":
            return Check(
                "peak memory within bound",
                True,
                f"not measured for Spark's JVM (its driver memory is the memory limit, {limit}); "
                f"the Python process peaked at {peak / 2**30:.2f} GiB",
            )
        bound = limit_bytes + MEMORY_HEADROOM
        return Check(
            "peak memory within bound",
            peak <= bound,
            f"peak RSS {peak / 2**30:.2f} GiB, bound {bound / 2**30:.2f} GiB "
            f"(memory limit {limit} + 1.5 GiB)",
        )

    def run_all(self) -> list[Check]:
        report_path = self.out / "stats" / "generation_report.json"
        try:
            self.report = json.loads(report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return [Check("report readable", False, f"stats/generation_report.json: {error}")]
        self.sources = report_sources(self.report)
        checks: list[Callable[[], Check]] = [
            self.files_readable,
            self.record_counts,
            self.graph,
            self.formats,
            self.keys,
            self.timestamps,
            self.truth_coverage,
            self.memory,
        ]
        results = []
        for check in checks:
            try:
                results.append(check())
            except duckdb.Error as error:
                results.append(
                    Check(check.__name__.replace("_", " "), False, str(error).splitlines()[0][:160])
                )
        return results


def _parse_size(text: str) -> float | None:
    units = {
        "b": 1,
        "kb": 1e3,
        "mb": 1e6,
        "gb": 1e9,
        "tb": 1e12,
        "kib": 2**10,
        "mib": 2**20,
        "gib": 2**30,
        "tib": 2**40,
    }
    number = text.strip().rstrip("BbIiKkMmGgTt")
    unit = text.strip()[len(number) :].lower()
    try:
        return float(number) * units[unit]
    except (ValueError, KeyError):
        return None


def validate(output_dir: Path) -> list[Check]:
    return Validator(output_dir).run_all()
