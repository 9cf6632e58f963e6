"""Realism audit: the figures of issue 16, measured on one idrgen-duck output folder.

    python bench/realism_audit.py OUTPUT_DIR                # one Markdown table on stdout
    python bench/realism_audit.py OUTPUT_DIR --json         # the same figures as JSON
    python bench/realism_audit.py OUTPUT_DIR --threads 2    # DuckDB threads (default: all)

OUTPUT_DIR is what `idrgen-duck run` wrote (parquet/, truth/, metadata/, stats/). To audit an
earlier commit without touching the working tree, generate from a worktree of it:

    git worktree add /tmp/wt-before HEAD
    cd /tmp/wt-before && PYTHONPATH=/tmp/wt-before python -c "import sys; \\
        from idrgen_duck.cli import app; sys.argv[0] = 'idrgen-duck'; app()" \\
        run --scale 1M --output-dir /tmp/audit-before-1M
    PYTHONPATH=/tmp/wt-before python /path/to/bench/realism_audit.py /tmp/audit-before-1M

DuckDB reads the Parquet files and SQL computes the figures. Python does two things only:
libphonenumber (`phonenumbers`) parses every distinct written phone once, with the record's
country (CRM's country_code, else the true person's) as the region (about 25 us a value, so
the audit is meant for outputs up to a few million records), and `idrgen_duck.evaluate.score`
scores the exact-match partition. As every written phone is parsed for the matching, the
validity figures count all of them (no sample); an unparseable value counts as invalid.

The exact matching links records with an equal normalised email (lower(trim())), phone
(E.164 by libphonenumber; unparseable values link nothing), loyalty card (trim) or device id
(lower(trim())); junk and placeholder values (N/A, test@test.com, noreply@..., 0000000000,
1234567890, 000-00-0000, digits all alike) never link. Components are found by min-label
propagation in SQL. Records the truth attributes to nobody (anonymous POS lines) are their
own true cluster, as in `idrgen-duck evaluate`.

A figure that cannot be computed on an output (a column an older version did not write)
reads "n/a" with the reason; the others are still measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import phonenumbers

from idrgen_duck.evaluate import connected_components, score, truth_relation

# table_id -> (file name, primary key)
SOURCES: dict[str, tuple[str, str]] = {
    "crm": ("crm_customers", "customer_id"),
    "ecom": ("ecom_transactions", "transaction_id"),
    "loyalty": ("loyalty_members", "member_id"),
    "mobile": ("mobile_app_users", "app_user_id"),
    "pos": ("pos_transactions", "pos_transaction_id"),
    "survey": ("survey_responses", "response_id"),
    "review": ("product_reviews", "review_id"),
}
EMAIL_COLUMNS = {
    "crm": "email",
    "ecom": "email",
    "loyalty": "email",
    "mobile": "email",
    "survey": "email",
    "review": "reviewer_email",
}
PHONE_SOURCES = ("crm", "ecom", "loyalty", "mobile")
# persons.parquet columns holding a person's addresses (own, disjoint second, family, work)
ADDRESS_COLUMNS = ("email", "alternate_email", "family_email", "work_email")
LOYALTY_SOURCES = ("crm", "loyalty", "pos")

# A normalised email (lower(trim())) that is a placeholder or junk, never an address.
EMAIL_JUNK = (
    "({v} IN ('', 'n/a', 'na', 'none', 'null', 'test@test.com', 'none@none.com') "
    "OR {v} LIKE 'noreply@%' OR {v} LIKE 'no-reply@%' OR {v} NOT LIKE '%_@_%')"
)
# A written phone that is a placeholder or junk (digits = the phone's digits only).
PHONE_JUNK = (
    "(upper(trim(raw)) IN ('N/A', 'NA', 'NONE', 'NULL', 'UNKNOWN', '-') OR digits = '' "
    "OR digits IN ('1234567890', '0123456789', '000000000') "
    "OR digits = repeat(left(digits, 1), length(digits)))"
)
# Providers that deliver '+tag' sub-addresses (first label of the domain).
PLUS_PROVIDERS = (
    "gmail",
    "googlemail",
    "outlook",
    "hotmail",
    "live",
    "icloud",
    "me",
    "proton",
    "protonmail",
    "fastmail",
)
ASCENDING_RUNS = "|".join("".join(str((start + i) % 10) for i in range(4)) for start in range(10))
# The exact matching is scored twice: as is, and ignoring values shared by more records than
# this (the emitted metadata's fixed PHONE limit), which keeps the giant email cluster apart.
GROUP_LIMIT = 1000
# The share of random 7-digit strings holding one of those runs (4 places, 10 runs each).
RANDOM_RUN_SHARE = 1 - (1 - 10 / 10_000) ** 4


@dataclass
class Figure:
    section: str
    figure: str  # what it counts, as printed
    value: str  # formatted for the table
    data: Any = field(default=None)  # the raw numbers, for --json


def pct(part: float, whole: float, digits: int = 1) -> str:
    return "n/a (none)" if not whole else f"{100 * part / whole:.{digits}f}%"


def share(part: int, whole: int, digits: int = 1) -> str:
    """'1,234 of 10,000 (12.3%)'."""
    return f"{part:,} of {whole:,} ({pct(part, whole, digits)})"


def per_country(values: Iterable[tuple[str, float]], fmt: str = "{:.1%}") -> str:
    """'JP 93.6%, KR 79.0%, ...' in the order given."""
    return ", ".join(f"{key} {fmt.format(value)}" for key, value in values)


class Audit:
    """The views over one output folder, and the figures measured on them."""

    def __init__(self, output_dir: Path, threads: int | None) -> None:
        self.output_dir = output_dir
        config: dict[str, str | int | bool] = {"threads": threads} if threads else {}
        self.con = duckdb.connect(config=config)
        self.figures: list[Figure] = []
        self.section = ""
        self._create_views()

    # --- plumbing -------------------------------------------------------------------------

    def _parquet(self, *parts: str) -> str:
        path = self.output_dir.joinpath(*parts)
        files = path / "*.parquet" if path.is_dir() else path
        return "read_parquet('" + files.as_posix().replace("'", "''") + "')"

    def _create_views(self) -> None:
        for table_id, (name, key) in SOURCES.items():
            self.con.execute(
                f"CREATE VIEW {table_id} AS SELECT '{table_id}:' || CAST({key} AS VARCHAR) "
                f"AS entity_key, * FROM {self._parquet('parquet', name + '.parquet')}"
            )
        self.con.execute(
            f"CREATE VIEW products AS FROM {self._parquet('parquet', 'products.parquet')}"
        )
        self.con.execute(
            f"CREATE VIEW truth AS FROM {self._parquet('truth', 'record_person.parquet')}"
        )
        self.con.execute(f"CREATE VIEW persons AS FROM {self._parquet('truth', 'persons.parquet')}")
        # every record with its true person's country and locale (NULL for anonymous lines)
        self.con.execute(
            """
            CREATE TEMP TABLE rec AS
            SELECT t.entity_key, t.table_id, t.person_id, t.noise,
                   p.country_code AS country, p.locale
            FROM truth AS t LEFT JOIN persons AS p USING (person_id)
            """
        )

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or {}).fetchall()

    def one(self, sql: str, params: dict[str, Any] | None = None) -> tuple[Any, ...]:
        row = self.con.execute(sql, params or {}).fetchone()
        assert row is not None
        return row

    def add(self, figure: str, value: str, data: Any = None) -> None:
        self.figures.append(Figure(self.section, figure, value, data))

    def measure(self, section: str, steps: Iterable[Callable[[], None]]) -> None:
        """Run each step; one that fails (a column an older output lacks) leaves a row
        naming the reason, and the others still run."""
        self.section = section
        for step in steps:
            try:
                step()
            except (duckdb.Error, KeyError, ValueError, TypeError) as error:
                reason = str(error).strip().splitlines()[0][:120]
                self.add(step.__name__.replace("_", " "), f"n/a ({reason})")

    # --- phones, parsed once --------------------------------------------------------------

    def parse_phones(self) -> None:
        """Tables `phones` (every written phone: record, region, kind, junk) and `parsed`
        (each distinct value and region: E.164, national significant number, validity)."""
        written = " UNION ALL ".join(
            f"SELECT entity_key, phone AS raw, "
            f"{'country_code' if table_id == 'crm' else 'NULL'} AS own_country FROM {table_id}"
            for table_id in PHONE_SOURCES
        )
        self.con.execute(
            f"""
            CREATE TEMP TABLE phones AS
            WITH w AS ({written})
            SELECT w.entity_key, r.table_id, r.person_id, r.country, w.raw,
                   coalesce(w.own_country, r.country) AS region,
                   regexp_replace(w.raw, '[^0-9+]', '', 'g') AS canon,
                   regexp_replace(w.raw, '[^0-9]', '', 'g') AS digits,
                   CASE WHEN list_contains(r.noise, 'phone_shared_household')
                        THEN 'household landline'
                        WHEN list_contains(r.noise, 'phone_shared_business') THEN 'business line'
                        ELSE 'own number' END AS kind
            FROM w JOIN rec AS r USING (entity_key)
            WHERE nullif(trim(w.raw), '') IS NOT NULL;
            ALTER TABLE phones ADD COLUMN junk BOOLEAN;
            UPDATE phones SET junk = {PHONE_JUNK};
            """
        )
        pairs = self.rows("SELECT DISTINCT canon, region FROM phones WHERE NOT junk")
        canons, regions, e164s, nsns, valids = [], [], [], [], []
        for canon, region in pairs:
            try:
                number = phonenumbers.parse(canon, region)
            except phonenumbers.NumberParseException:
                e164, nsn, valid = None, None, False
            else:
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                nsn = phonenumbers.national_significant_number(number)
                valid = phonenumbers.is_valid_number(number)
            canons.append(canon)
            regions.append(region)
            e164s.append(e164)
            nsns.append(nsn)
            valids.append(valid)
        self.con.execute(
            "CREATE TEMP TABLE parsed AS SELECT unnest($c) AS canon, unnest($r) AS region, "
            "unnest($e) AS e164, unnest($n) AS nsn, unnest($v) AS valid",
            {"c": canons, "r": regions, "e": e164s, "n": nsns, "v": valids},
        )
        codes = sorted(phonenumbers.SUPPORTED_REGIONS)
        self.con.execute(
            "CREATE TEMP TABLE calling_codes AS SELECT unnest($r) AS country_code, "
            "unnest($c) AS cc",
            {"r": codes, "c": [str(phonenumbers.country_code_for_region(r)) for r in codes]},
        )

    # --- exact matching -------------------------------------------------------------------

    def identifier_values(self) -> None:
        """Table `ids` (entity_key, kind, value): the exact-match identifiers of each record."""
        emails = " UNION ALL ".join(
            f"SELECT entity_key, 'email' AS kind, lower(trim({column})) AS value FROM {table_id}"
            for table_id, column in EMAIL_COLUMNS.items()
        )
        cards = " UNION ALL ".join(
            f"SELECT entity_key, 'loyalty' AS kind, trim(loyalty_id) AS value FROM {table_id}"
            for table_id in LOYALTY_SOURCES
        )
        self.con.execute(
            f"""
            CREATE TEMP TABLE ids AS
            SELECT * FROM ({emails}) WHERE value IS NOT NULL AND NOT {EMAIL_JUNK.format(v="value")}
            UNION ALL
            SELECT p.entity_key, 'phone', x.e164
            FROM phones AS p JOIN parsed AS x USING (canon, region)
            WHERE NOT p.junk AND x.e164 IS NOT NULL
            UNION ALL
            SELECT * FROM ({cards}) WHERE nullif(value, '') IS NOT NULL
            UNION ALL
            SELECT entity_key, 'device', lower(trim(device_id)) FROM mobile
            WHERE nullif(trim(device_id), '') IS NOT NULL
            """
        )

    def components(self, limit: int | None) -> str:
        """Connected components of records sharing an identifier value (values on more than
        `limit` records ignored when given): a relation (entity_key, cluster_id)."""
        cap = f"AND count(*) <= {limit}" if limit else ""
        self.con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE uf_nodes AS
            SELECT entity_key, row_number() OVER () AS node FROM truth;
            CREATE OR REPLACE TEMP TABLE uf_groups AS
            WITH v AS MATERIALIZED (
                SELECT n.node, i.kind, i.value FROM ids AS i JOIN uf_nodes AS n USING (entity_key)
            ), g AS (
                SELECT kind, value, min(node) AS grp FROM v GROUP BY ALL
                HAVING count(DISTINCT node) > 1 {cap}
            )
            SELECT DISTINCT v.node, g.grp FROM v JOIN g USING (kind, value);
            """
        )
        labels = connected_components(self.con, "uf_nodes", "uf_groups", "uf")
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE uf_membership AS SELECT n.entity_key, "
            f"l.label AS cluster_id FROM uf_nodes AS n JOIN {labels} AS l USING (node)"
        )
        return "SELECT entity_key, cluster_id FROM uf_membership"

    def exact_matching(self) -> None:
        self.identifier_values()
        truth = truth_relation(self.output_dir)
        for limit, label in (
            (None, "no group limit"),
            (GROUP_LIMIT, f"values on more than {GROUP_LIMIT:,} records ignored"),
        ):
            s = score(self.con, truth, self.components(limit))
            self.add(
                f"B-cubed P / R / F1; pairwise P / R / F1 ({label})",
                f"{s.bcubed_precision:.3f} / {s.bcubed_recall:.3f} / {s.bcubed_f1:.3f}; "
                f"{s.pairwise_precision:.3f} / {s.pairwise_recall:.3f} / {s.pairwise_f1:.3f}",
                s.as_dict(),
            )
            self.add(
                f"  records; true clusters; predicted clusters; largest predicted ({label})",
                f"{s.records:,}; {s.true_clusters:,}; {s.predicted_clusters:,}; "
                f"{s.largest_predicted_cluster:,}",
            )

    def email_limit(self) -> None:
        """The largest group of records sharing one email (the giant cluster) against the
        EMAIL rule's max_group_size in the emitted metadata, and the published reference."""
        value, size = self.one(
            "SELECT value, count(*) AS n FROM ids WHERE kind = 'email' GROUP BY 1 "
            "ORDER BY n DESC LIMIT 1"
        )
        rules = (self.output_dir / "metadata" / "rule_config.sql").read_text()
        line = next(x for x in rules.splitlines() if x.strip().startswith("('R_EMAIL'"))
        limit = int(line.rstrip(",;) ").rsplit(",", 1)[1])
        self.add(
            "Largest group of records sharing one email; the EMAIL rule's max_group_size",
            f"{size:,} ({value}); {limit:,}",
            {"largest_email_group": size, "email": value, "email_max_group_size": limit},
        )
        # the exact-match reference (stats/ceiling.json in outputs written before the rename)
        for name in ("reference.json", "ceiling.json"):
            path = self.output_dir / "stats" / name
            if path.exists():
                c = json.loads(path.read_text())
                self.add(
                    f"Published exact-match reference (stats/{name}): B-cubed P / R; "
                    "pairwise P / R / F1",
                    f"{c['bcubed_precision']:.3f} / {c['bcubed_recall']:.3f}; "
                    f"{c['pairwise_precision']:.3f} / {c['pairwise_recall']:.3f} / "
                    f"{c['pairwise_f1']:.3f}",
                    c,
                )
                break

    # --- phones ---------------------------------------------------------------------------

    def phone_validity(self) -> None:
        written, junk = self.one("SELECT count(*), count(*) FILTER (WHERE junk) FROM phones")
        self.add(
            "Written phones (CRM, web, loyalty, app; not NULL or ''); junk among them",
            f"{written:,}; {junk:,}",
        )
        rows = self.rows(
            """
            SELECT p.region, count(*) AS n, count(*) FILTER (WHERE x.valid) AS ok
            FROM phones AS p JOIN parsed AS x USING (canon, region)
            WHERE NOT p.junk GROUP BY 1 ORDER BY ok / n, 1
            """
        )
        total = sum(r[1] for r in rows)
        valid = sum(r[2] for r in rows)
        by_country = [(str(r[0]), r[2] / r[1]) for r in rows]
        self.add(
            "Written phones (non-junk) valid for libphonenumber, all countries",
            share(valid, total),
        )
        self.add(
            "Valid share per country (worst first)",
            per_country(by_country, "{:.2%}"),
            dict(by_country),
        )
        kinds = self.rows(
            """
            SELECT p.kind, p.table_id, count(*) AS n, count(*) FILTER (WHERE x.valid) AS ok
            FROM phones AS p JOIN parsed AS x USING (canon, region)
            WHERE NOT p.junk GROUP BY ALL ORDER BY 1, 2
            """
        )
        self.add(
            "Valid share per kind and source (own number / household landline / business line)",
            ", ".join(f"{k} {t} {ok / n:.2%}" for k, t, n, ok in kinds),
            {f"{k}/{t}": ok / n for k, t, n, ok in kinds},
        )
        worst = self.rows(
            """
            SELECT p.region, p.kind, count(*) AS n, count(*) FILTER (WHERE x.valid) / count(*)
            FROM phones AS p JOIN parsed AS x USING (canon, region)
            WHERE NOT p.junk GROUP BY ALL HAVING count(*) >= 50 ORDER BY 4, 1, 2 LIMIT 5
            """
        )
        self.add(
            "Worst country x kind (50+ values)",
            ", ".join(f"{c} {k} {s:.2%} (n={n:,})" for c, k, n, s in worst),
        )
        example = self.rows(
            """
            SELECT p.region, p.raw FROM phones AS p JOIN parsed AS x USING (canon, region)
            WHERE NOT p.junk AND NOT x.valid ORDER BY hash(p.entity_key) LIMIT 5
            """
        )
        self.add("Examples of invalid written phones", ", ".join(f"{c} `{r}`" for c, r in example))

    def phone_identity(self) -> None:
        """Written phones whose E.164 is none of the true person's own numbers (mobile,
        household landline, business line): forms that normalise to another number."""
        n, other = self.one(
            """
            WITH own AS (
                SELECT p.person_id, p.phone_e164 AS e164 FROM persons AS p
                UNION ALL
                SELECT p.person_id, '+' || c.cc || p.landline_nsn
                FROM persons AS p JOIN calling_codes AS c USING (country_code)
                UNION ALL
                SELECT p.person_id, '+' || c.cc || p.business_nsn
                FROM persons AS p JOIN calling_codes AS c USING (country_code)
            ), w AS (
                SELECT ph.entity_key, ph.person_id, x.e164
                FROM phones AS ph JOIN parsed AS x USING (canon, region)
                WHERE NOT ph.junk AND x.e164 IS NOT NULL AND ph.person_id IS NOT NULL
            )
            SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM own AS o WHERE o.person_id = w.person_id AND o.e164 = w.e164))
            FROM w
            """
        )
        self.add(
            "Parsed written phones whose E.164 is none of the person's numbers "
            "(mobile, landline, business)",
            share(other, n, 2),
        )
        worst = self.rows(
            """
            WITH own AS (
                SELECT p.person_id, p.phone_e164 AS e164 FROM persons AS p
                UNION ALL
                SELECT p.person_id, '+' || c.cc || p.landline_nsn
                FROM persons AS p JOIN calling_codes AS c USING (country_code)
                UNION ALL
                SELECT p.person_id, '+' || c.cc || p.business_nsn
                FROM persons AS p JOIN calling_codes AS c USING (country_code)
            )
            SELECT ph.country, count(*) AS n, count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM own AS o WHERE o.person_id = ph.person_id AND o.e164 = x.e164))
                AS bad
            FROM phones AS ph JOIN parsed AS x USING (canon, region)
            WHERE NOT ph.junk AND x.e164 IS NOT NULL AND ph.person_id IS NOT NULL
            GROUP BY 1 ORDER BY bad / n DESC, 1 LIMIT 3
            """
        )
        self.add(
            "  worst countries",
            ", ".join(f"{c} {bad / n:.2%}" for c, n, bad in worst),
        )

    def phone_tails(self) -> None:
        persons, runs, tails = self.one(
            f"""
            WITH t AS (
                SELECT right(regexp_replace(phone_e164, '[^0-9]', '', 'g'), 7) AS tail
                FROM persons WHERE phone_e164 IS NOT NULL
            )
            SELECT count(*), count(*) FILTER (WHERE regexp_matches(tail, '{ASCENDING_RUNS}')),
                   count(DISTINCT tail)
            FROM t
            """
        )
        self.add(
            "Persons' mobile 7-digit tails with an ascending run of 4 (1234, 9012...; "
            f"random digits: {RANDOM_RUN_SHARE:.1%})",
            share(runs, persons),
        )
        expected = 10_000_000 * (1 - (1 - 1 / 10_000_000) ** persons)
        self.add(
            f"Distinct last-7-digit tails among persons' mobiles (random: about {expected:,.0f})",
            f"{tails:,} of {persons:,} persons",
        )

    def phone_countries(self) -> None:
        n, example = self.one(
            """
            WITH nsn AS (
                SELECT p.country_code, substr(p.phone_e164, 2 + length(c.cc)) AS nsn
                FROM persons AS p JOIN calling_codes AS c USING (country_code)
                WHERE p.phone_e164 IS NOT NULL
                UNION ALL SELECT country_code, landline_nsn FROM persons
                UNION ALL SELECT country_code, business_nsn FROM persons
            ), shared AS (
                SELECT nsn, string_agg(DISTINCT country_code, '/' ORDER BY country_code) AS cs
                FROM nsn WHERE nsn IS NOT NULL GROUP BY 1 HAVING count(DISTINCT country_code) > 1
            )
            SELECT count(*), min(nsn || ' ' || cs) FROM shared
            """
        )
        self.add(
            "National significant numbers (mobile, landline, business) held by persons of "
            "2+ countries",
            f"{n:,}" + (f" (e.g. {example})" if example else ""),
        )
        n, example = self.one(
            """
            WITH shared AS (
                SELECT digits, string_agg(DISTINCT country, '/' ORDER BY country) AS cs
                FROM phones WHERE NOT junk AND country IS NOT NULL GROUP BY 1
                HAVING count(DISTINCT country) > 1
            )
            SELECT count(*), min(digits || ' ' || cs) FROM shared
            """
        )
        self.add(
            "Written digit strings (digits only, as the PHONE rule reads them) on records of "
            "persons of 2+ countries",
            f"{n:,}" + (f" (e.g. {example})" if example else ""),
        )
        n, trunk = self.one(
            """
            SELECT count(*) FILTER (WHERE regexp_matches(digits, '^(0|86)?1[3-9][0-9]{9}$')),
                   count(*) FILTER (WHERE regexp_matches(digits, '^01[3-9][0-9]{9}$'))
            FROM phones WHERE region = 'CN' AND NOT junk
            """
        )
        self.add("CN mobiles written with a trunk 0 (01xx...)", share(trunk, n, 2))

    def loyalty_cards(self) -> None:
        cards, zeros = self.one(
            """
            SELECT count(DISTINCT loyalty_id),
                   count(DISTINCT loyalty_id) FILTER (WHERE loyalty_id LIKE '%00000%')
            FROM loyalty
            """
        )
        self.add(
            "Loyalty cards with a run of 5+ zeros (`6000000123459`; random: about 0.01%)",
            share(zeros, cards, 2),
        )

    # --- emails ---------------------------------------------------------------------------

    def person_addresses(self) -> str:
        """(person_id, country, address, local, domain) of the persons' addresses: the
        columns of persons.parquet that hold one (as generated, before record noise)."""
        columns = {r[0] for r in self.rows("DESCRIBE persons")}
        wanted = [c for c in ADDRESS_COLUMNS if c in columns]
        parts = " UNION ALL ".join(
            f"SELECT person_id, country_code AS country, lower(trim({c})) AS address "
            f"FROM persons WHERE {c} IS NOT NULL"
            for c in wanted
        )
        return (
            f"SELECT DISTINCT person_id, country, address, split_part(address, '@', 1) AS local,"
            f" split_part(address, '@', 2) AS domain FROM ({parts})"
        )

    def gmail(self) -> None:
        n, underscore, short, outside = self.one(
            f"""
            WITH a AS (SELECT DISTINCT address, local FROM ({self.person_addresses()})
                       WHERE domain IN ('gmail.com', 'googlemail.com'))
            SELECT count(*), count(*) FILTER (WHERE local LIKE '%\\_%' ESCAPE '\\'),
                   count(*) FILTER (WHERE length(local) < 6),
                   count(*) FILTER (WHERE NOT regexp_matches(local, '^[a-z0-9.]{{6,30}}$'))
            FROM a
            """
        )
        what = "persons' distinct Gmail addresses: own, second, family"
        self.add(f"Gmail addresses containing '_' ({what})", share(underscore, n, 2))
        self.add("Gmail local parts shorter than 6 characters", share(short, n, 2))
        self.add("Gmail local parts outside [a-z0-9.]{6,30} (Gmail's rule)", share(outside, n, 2))

    def plus_tags(self) -> None:
        emails = " UNION ALL ".join(
            f"SELECT lower(trim({column})) AS address FROM {table_id}"
            for table_id, column in EMAIL_COLUMNS.items()
        )
        providers = ", ".join(f"'{p}'" for p in PLUS_PROVIDERS)
        n, bad, example = self.one(
            f"""
            WITH a AS (
                SELECT DISTINCT address, split_part(split_part(address, '@', 2), '.', 1) AS p
                FROM ({emails}) WHERE split_part(address, '@', 1) LIKE '%+%'
            )
            SELECT count(*), count(*) FILTER (WHERE p NOT IN ({providers})),
                   min(address) FILTER (WHERE p NOT IN ({providers}))
            FROM a
            """
        )
        self.add(
            "Distinct written '+tag' addresses at providers without plus addressing "
            "(not Gmail, Outlook/Hotmail/Live, iCloud/me, Proton, Fastmail)",
            share(bad, n) + (f", e.g. `{example}`" if example else ""),
        )

    def collision_suffix(self) -> None:
        rows = self.rows(
            """
            SELECT country_code, count(*) AS n,
                   count(*) FILTER (WHERE regexp_matches(split_part(lower(email), '@', 1),
                                                         '_[0-9]+$')) AS marked
            FROM persons WHERE email IS NOT NULL GROUP BY 1 ORDER BY marked / n DESC, 1
            """
        )
        n = sum(r[1] for r in rows)
        marked = sum(r[2] for r in rows)
        self.add(
            "Persons whose email ends in a '_<n>' collision marker (`name_2@...`)",
            share(marked, n) + f"; top: {per_country((c, m / k) for c, k, m in rows[:3])}",
            {c: m / k for c, k, m in rows},
        )

    def disjoint_addresses(self) -> None:
        emails = " UNION ALL ".join(
            f"SELECT entity_key, lower(trim({column})) AS address FROM {table_id}"
            for table_id, column in EMAIL_COLUMNS.items()
        )
        n, digits, example = self.one(
            f"""
            WITH a AS (
                SELECT DISTINCT e.address FROM ({emails}) AS e JOIN rec AS r USING (entity_key)
                WHERE list_contains(r.noise, 'disjoint_identity') AND e.address LIKE '%@%'
            )
            SELECT count(*),
                   count(*) FILTER (WHERE regexp_matches(split_part(address, '@', 1), '^[0-9]+$')),
                   min(address)
            FROM a
            """
        )
        self.add(
            "Second addresses of disjoint identities (records tagged disjoint_identity) "
            "whose local part is all digits",
            share(digits, n) + (f", e.g. `{example}`" if example else ""),
        )

    def generational_suffix(self) -> None:
        n, suffixed, example = self.one(
            f"""
            WITH a AS (
                SELECT a.address,
                       regexp_extract(regexp_replace(a.local, '[0-9._-]+$', ''),
                                      '(iii|ii|iv|jr|sr)$') AS suffix,
                       regexp_replace(lower(strip_accents(p.last_name_latin)),
                                      '[^a-z]+(ii|iii|iv|jr|sr)[.]?$', '') AS last,
                       regexp_replace(lower(strip_accents(p.first_name_latin)), '[^a-z]', '',
                                      'g') AS first
                FROM ({self.person_addresses()}) AS a JOIN persons AS p USING (person_id)
            )
            SELECT count(*),
                   count(*) FILTER (WHERE suffix <> '' AND NOT ends_with(last, suffix)
                                    AND NOT ends_with(first, suffix)),
                   min(address) FILTER (WHERE suffix <> '' AND NOT ends_with(last, suffix)
                                        AND NOT ends_with(first, suffix))
            FROM a
            """
        )
        self.add(
            "Persons' addresses whose local part ends in ii/iii/iv/jr/sr that the name itself "
            "does not end in (`leopoldkochii@...`)",
            share(suffixed, n, 3) + (f", e.g. `{example}`" if example else ""),
        )

    # --- names ----------------------------------------------------------------------------

    def name_collisions(self) -> None:
        rows = self.rows(
            """
            WITH f AS (
                SELECT country_code, first_name, last_name, count(*) AS n
                FROM persons GROUP BY ALL
            )
            SELECT country_code, coalesce(sum(n) FILTER (WHERE n > 1), 0) / sum(n) AS s
            FROM f GROUP BY 1 ORDER BY s DESC, 1
            """
        )
        self.add(
            "Persons sharing their full name (first + last) with another person of the "
            "country, per country",
            per_country(rows),
            dict(rows),
        )

    def top_surnames(self) -> None:
        rows = self.rows(
            """
            WITH s AS (
                SELECT country_code, last_name, count(*) AS n
                FROM persons GROUP BY country_code, last_name
            ), r AS (
                SELECT *, sum(n) OVER (PARTITION BY country_code) AS total,
                       row_number() OVER (PARTITION BY country_code
                                          ORDER BY n DESC, last_name) AS rank
                FROM s
            )
            SELECT country_code, last_name, n / total AS s FROM r WHERE rank = 1
            ORDER BY s DESC, 1
            """
        )
        self.add(
            "Top surname's share of the country's persons",
            ", ".join(f"{c} {name} {s:.1%}" for c, name, s in rows),
            {c: {"surname": name, "share": s} for c, name, s in rows},
        )

    def name_pools(self) -> None:
        given, family, suffixed = self.one(
            """
            WITH c AS (
                SELECT country_code AS c, count(DISTINCT first_name) AS g,
                       count(DISTINCT last_name) AS f
                FROM persons GROUP BY 1
            )
            SELECT string_agg(c || ' ' || g, ', ' ORDER BY g, c),
                   string_agg(c || ' ' || f, ', ' ORDER BY f, c),
                   (SELECT count(*) FROM persons
                    WHERE regexp_matches(last_name, ' (II|III|IV|Jr\\.?|Sr\\.?)$'))
            FROM c
            """
        )
        self.add("Distinct given names per country (fewest first)", given)
        self.add("Distinct family names per country (fewest first)", family)
        self.add("Persons whose surname carries a generational suffix (`Koch II`)", f"{suffixed:,}")

    # --- places ---------------------------------------------------------------------------

    def places(self) -> None:
        rows = self.rows(
            """
            SELECT country_code, count(DISTINCT city), count(DISTINCT postcode), count(*)
            FROM persons GROUP BY 1 ORDER BY 4 DESC, 1
            """
        )
        self.add(
            "Distinct cities / postcodes per country (persons' addresses; most persons first)",
            ", ".join(f"{c} {ci:,}/{pc:,}" for c, ci, pc, _ in rows),
            {c: {"cities": ci, "postcodes": pc, "persons": n} for c, ci, pc, n in rows},
        )
        multi, cities, regions = self.one(
            """
            WITH c AS (
                SELECT country_code, city, count(*) AS n, count(DISTINCT postcode) AS pcs,
                       count(DISTINCT region_name) AS regions
                FROM persons GROUP BY ALL
            )
            SELECT count(*) FILTER (WHERE pcs > 1), count(*) FILTER (WHERE n > 1),
                   count(*) FILTER (WHERE regions > 1)
            FROM c
            """
        )
        self.add(
            "Cities (country + name) with more than one postcode, of cities with 2+ persons",
            share(multi, cities),
        )
        self.add("City names in 2+ regions of one country", f"{regions:,}")
        n, zero = self.one(
            "SELECT count(*), count(*) FILTER (WHERE postcode LIKE '0%') FROM persons "
            "WHERE country_code = 'IN'"
        )
        self.add("IN persons' postcodes (PINs) starting with 0 (invalid)", share(zero, n, 2))

    # --- money and time -------------------------------------------------------------------

    def prices(self) -> None:
        n, flat = self.one(
            """
            WITH pc AS (
                SELECT product_id, currency, mode(unit_price) AS price FROM ecom GROUP BY ALL
            ), pp AS (
                SELECT product_id, count(*) AS currencies, count(DISTINCT price) AS prices
                FROM pc GROUP BY 1
            )
            SELECT count(*) FILTER (WHERE currencies > 1),
                   count(*) FILTER (WHERE currencies > 1 AND prices = 1)
            FROM pp
            """
        )
        self.add(
            "Products sold online in 2+ currencies whose usual unit_price is the same in "
            "every currency",
            share(flat, n),
        )
        product, list_price = self.one(
            """
            SELECT e.product_id, any_value(p.price) FROM ecom AS e JOIN products AS p
            USING (product_id) GROUP BY 1
            ORDER BY count(DISTINCT e.currency) DESC, max(p.price) DESC, 1 LIMIT 1
            """
        )
        prices = self.rows(
            """
            SELECT currency, mode(unit_price) FROM ecom WHERE product_id = $p GROUP BY 1
            ORDER BY array_position(['USD', 'EUR', 'GBP', 'JPY', 'KRW', 'INR', 'CNY', 'BRL'],
                                    currency) NULLS LAST, 1
            """,
            {"p": product},
        )
        self.add(
            f"One product's unit_price per currency ({product}, products.price {list_price})",
            ", ".join(f"{c} {p}" for c, p in prices),
            {c: float(p) for c, p in prices},
        )
        n, decimals = self.one(
            "SELECT count(*), count(*) FILTER (WHERE unit_price <> round(unit_price)) "
            "FROM ecom WHERE currency IN ('JPY', 'KRW')"
        )
        self.add("JPY and KRW lines with a fractional unit_price", share(decimals, n))

    def before_launch(self) -> None:
        parts = []
        for table_id, column, label in (
            ("ecom", "order_date", "e-commerce lines"),
            ("pos", "transaction_date", "POS lines"),
            ("review", "submitted_at", "reviews"),
            ("survey", "submitted_at", "surveys with a product"),
        ):
            n, early = self.one(
                f"SELECT count(*), count(*) FILTER (WHERE x.{column} < p.launch_date) "
                f"FROM {table_id} AS x JOIN products AS p USING (product_id)"
            )
            parts.append(f"{label} {share(early, n)}")
        self.add("Dated before the product's launch_date", "; ".join(parts))

    def before_enrolment(self) -> None:
        n, early, unknown = self.one(
            """
            WITH cards AS (
                SELECT loyalty_id, min(enrollment_date) AS enrolled FROM loyalty GROUP BY 1
            )
            SELECT count(c.loyalty_id),
                   count(*) FILTER (WHERE p.transaction_date < c.enrolled),
                   count(*) FILTER (WHERE c.loyalty_id IS NULL)
            FROM pos AS p LEFT JOIN cards AS c USING (loyalty_id)
            WHERE nullif(trim(p.loyalty_id), '') IS NOT NULL
            """
        )
        self.add(
            "POS lines with a loyalty card dated before the card's enrollment_date",
            share(early, n) + f" ({unknown:,} lines carry a card with no loyalty record)",
        )

    def stores(self) -> None:
        stores, mn, med, mx, lines, home = self.one(
            """
            WITH l AS (
                SELECT p.store_id, r.country FROM pos AS p JOIN rec AS r USING (entity_key)
                WHERE nullif(trim(p.loyalty_id), '') IS NOT NULL AND r.country IS NOT NULL
            ), s AS (
                SELECT store_id, count(DISTINCT country) AS countries FROM l GROUP BY 1
            ), top AS (
                SELECT store_id, max(n) AS n
                FROM (SELECT store_id, country, count(*) AS n FROM l GROUP BY ALL) GROUP BY 1
            )
            SELECT (SELECT count(DISTINCT store_id) FROM pos), min(countries),
                   median(countries), max(countries), (SELECT count(*) FROM l),
                   (SELECT sum(n) FROM top)
            FROM s
            """
        )
        self.add("Distinct stores", f"{stores:,}")
        self.add(
            "Countries a store's carded customers come from (min / median / max)",
            f"{mn} / {med:g} / {mx}",
        )
        self.add(
            "Carded POS lines whose customer is not from the store's main customer country",
            share(lines - home, lines),
        )

    def cash(self) -> None:
        rows = self.rows(
            """
            WITH b AS (
                SELECT p.receipt_id, any_value(p.payment_method) AS method,
                       any_value(r.country) AS country
                FROM pos AS p JOIN rec AS r USING (entity_key) GROUP BY 1
            )
            SELECT coalesce(country, 'anonymous'), avg(CAST(method = 'cash' AS INTEGER)),
                   count(*)
            FROM b GROUP BY 1 ORDER BY 2 DESC, 1
            """
        )
        self.add(
            "Cash share of POS baskets (receipt_id) by customer country (anonymous = no person)",
            per_country((c, s) for c, s, _ in rows),
            {c: s for c, s, _ in rows},
        )

    def signup_hours(self) -> None:
        rows = self.rows("SELECT hour(created_at), count(*) FROM crm GROUP BY 1 ORDER BY 1")
        total = sum(n for _, n in rows)
        hi = max(rows, key=lambda r: r[1])
        lo = min(rows, key=lambda r: r[1])
        self.add(
            "CRM created_at by hour of day: largest / smallest hour share (flat: 4.2%)",
            f"{hi[1] / total:.1%} ({hi[0]}h) / {lo[1] / total:.1%} ({lo[0]}h); "
            f"ratio {hi[1] / lo[1]:.1f}",
            {h: n / total for h, n in rows},
        )

    def app_sessions(self) -> None:
        users, long, single = self.one(
            """
            WITH m AS (
                SELECT date_diff('day', first_open_date, last_active_date) AS span,
                       total_sessions FROM mobile
            )
            SELECT count(*), count(*) FILTER (WHERE span >= 180),
                   count(*) FILTER (WHERE span >= 180 AND total_sessions = 1)
            FROM m
            """
        )
        self.add(
            "App users with 1 session over 180+ days between first_open_date and last_active_date",
            f"{share(single, users)} of all users; {pct(single, long)} of the {long:,} "
            "users active 180+ days",
        )

    def texts(self) -> None:
        for table_id, column, label in (
            ("survey", "feedback_text", "Survey feedback texts"),
            ("review", "review_text", "Review texts"),
        ):
            texts, langs, shared, eng = self.one(
                f"""
                WITH t AS (
                    SELECT x.{column} AS text, split_part(r.locale, '_', 1) AS lang
                    FROM {table_id} AS x JOIN rec AS r USING (entity_key)
                    WHERE nullif(trim(x.{column}), '') IS NOT NULL
                ), english AS (SELECT DISTINCT text FROM t WHERE lang = 'en')
                SELECT count(DISTINCT text), count(DISTINCT lang),
                       count(DISTINCT text) FILTER (WHERE text IN (FROM english)),
                       avg(CAST(text IN (FROM english) AS INTEGER)) FILTER (WHERE lang <> 'en')
                FROM t
                """
            )
            varies = "no" if eng is not None and eng > 0.5 else "yes"
            self.add(
                f"{label}: distinct texts; varies by locale?",
                f"{texts:,} distinct, writers of {langs} languages; {pct(eng or 0, 1)} of "
                f"non-English writers' texts are texts English writers use ({shared:,} of the "
                f"distinct texts) -> varies: {varies}",
            )

    def monthly_orders(self) -> None:
        rows = self.rows(
            """
            WITH o AS (SELECT order_id, min(order_date) AS d FROM ecom GROUP BY 1)
            SELECT CAST(date_trunc('month', d) AS DATE) AS m, count(*) FROM o GROUP BY 1 ORDER BY 1
            """
        )
        (last_seen,) = self.one("SELECT CAST(max(order_date) AS DATE) FROM ecom")
        (month_end,) = self.one("SELECT last_day($d)", {"d": last_seen})
        # the last month is full when the orders reach its last day
        end_month, end_n = rows[-1] if last_seen == month_end else rows[-2]
        first_month, first_n = rows[0]
        self.add(
            "E-commerce orders (order_id) in the last full month / in the first month",
            f"{end_n:,} ({end_month:%Y-%m}) / {first_n:,} ({first_month:%Y-%m}) = "
            f"{end_n / first_n:.1f}x",
            {f"{m:%Y-%m}": n for m, n in rows},
        )


def audit(output_dir: Path, threads: int | None) -> list[Figure]:
    a = Audit(output_dir, threads)
    a.measure("Exact matching", [a.parse_phones, a.exact_matching, a.email_limit])
    a.measure(
        "Phones",
        [a.phone_validity, a.phone_identity, a.phone_tails, a.phone_countries, a.loyalty_cards],
    )
    a.measure(
        "Emails",
        [a.gmail, a.plus_tags, a.collision_suffix, a.disjoint_addresses, a.generational_suffix],
    )
    a.measure("Names", [a.name_collisions, a.top_surnames, a.name_pools])
    a.measure("Places", [a.places])
    a.measure(
        "Money and time",
        [
            a.prices,
            a.before_launch,
            a.before_enrolment,
            a.stores,
            a.cash,
            a.signup_hours,
            a.app_sessions,
            a.texts,
            a.monthly_orders,
        ],
    )
    a.con.close()
    return a.figures


def markdown(figures: list[Figure], title: str) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"Realism audit of `{title}`", "", "| figure | value |", "| --- | --- |"]
    section = None
    for f in figures:
        if f.section != section:
            section = f.section
            lines.append(f"| **{section}** | |")
        lines.append(f"| {cell(f.figure)} | {cell(f.value)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output_dir", type=Path, help="an idrgen-duck output folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: all cores)")
    args = parser.parse_args(argv)
    if not (args.output_dir / "truth" / "record_person.parquet").exists():
        parser.error(f"{args.output_dir} has no truth/record_person.parquet")
    started = time.perf_counter()
    figures = audit(args.output_dir, args.threads or None)
    if args.json:
        payload = {"output_dir": str(args.output_dir), "figures": [asdict(f) for f in figures]}
        print(json.dumps(payload, indent=2, default=str))
    else:
        print(markdown(figures, str(args.output_dir)))
    print(f"audit took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
