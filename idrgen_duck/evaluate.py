"""Scoring an identity-resolution result against the truth, and the exact-match reference.

All scores come from the contingency table of (true person, predicted cluster) record counts,
computed in SQL: no pair is ever enumerated, so this works at 50M records.

Records the truth attributes to no person (anonymous POS lines) are one unknown person per
basket (truth column anonymous_basket; in outputs without it, each its own one-record true
cluster); records missing from a membership count as their own one-record predicted cluster.

The exact-match reference is what an exact-match engine gets with the emitted metadata: the
connected components of records sharing a normalised identifier, after exclusions and each
rule's max_group_size. It is not an upper bound: an engine with other rules (fuzzy names,
addresses) can do better, and worse.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from idrgen_duck import db
from idrgen_duck.config import ConfigError
from idrgen_duck.idr_metadata import EXCLUSIONS, MAPPINGS, rules
from idrgen_duck.plan import SOURCE_BY_ID, sources_written
from idrgen_duck.render import output_report, output_sources

TRUTH = Path("truth") / "record_person.parquet"


@dataclass(frozen=True)
class Scores:
    records: int
    true_clusters: int
    predicted_clusters: int
    largest_predicted_cluster: int
    unattributed_records: int
    # records of the truth that the membership does not list (scored as singletons), and
    # entity keys of the membership that are no record of the truth (ignored)
    missing_records: int
    unknown_keys: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score(con: duckdb.DuckDBPyConnection, truth_sql: str, membership_sql: str) -> Scores:
    """Scores of `membership_sql` (entity_key, cluster_id) against `truth_sql`
    (entity_key, person_id, anonymous_basket); both are SQL relations."""
    row = con.execute(
        f"""
        WITH truth AS (
            SELECT CAST(entity_key AS VARCHAR) AS entity_key,
                   coalesce(CAST(person_id AS VARCHAR), 'basket:' || anonymous_basket,
                            'unattributed:' || entity_key) AS true_id,
                   person_id IS NULL AS unattributed
            FROM ({truth_sql})
        ), predicted AS (
            SELECT CAST(entity_key AS VARCHAR) AS entity_key, any_value(CAST(cluster_id AS VARCHAR))
                   AS pred_id
            FROM ({membership_sql}) GROUP BY 1
        ), cells AS (
            SELECT t.true_id, coalesce(p.pred_id, 'singleton:' || t.entity_key) AS pred_id,
                   count(*)::HUGEINT AS n
            FROM truth AS t LEFT JOIN predicted AS p USING (entity_key)
            GROUP BY ALL
        ), true_sizes AS (SELECT true_id, sum(n) AS a FROM cells GROUP BY ALL),
           pred_sizes AS (SELECT pred_id, sum(n) AS b FROM cells GROUP BY ALL)
        SELECT (SELECT sum(n) FROM cells),
               (SELECT count(*) FROM true_sizes),
               (SELECT count(*) FROM pred_sizes),
               (SELECT max(b) FROM pred_sizes),
               (SELECT count(*) FILTER (WHERE unattributed) FROM truth),
               (SELECT count(*) FROM truth ANTI JOIN predicted USING (entity_key)),
               (SELECT count(*) FROM predicted ANTI JOIN truth USING (entity_key)),
               (SELECT sum(n * (n - 1) // 2) FROM cells),
               (SELECT sum(b * (b - 1) // 2) FROM pred_sizes),
               (SELECT sum(a * (a - 1) // 2) FROM true_sizes),
               (SELECT sum(n * n / b) FROM cells JOIN pred_sizes USING (pred_id)),
               (SELECT sum(n * n / a) FROM cells JOIN true_sizes USING (true_id))
        """
    ).fetchone()
    assert row is not None
    records, true_n, pred_n, largest, unattributed, missing, unknown, tp, pred_pairs = row[:9]
    true_pairs, bp, br = row[9:]
    records = int(records or 0)
    precision = float(tp) / float(pred_pairs) if pred_pairs else 1.0
    recall = float(tp) / float(true_pairs) if true_pairs else 1.0
    # sums of doubles added up in parallel differ in the last bits from run to run: rounded
    # (far below any figure worth reading), the scores repeat exactly
    b_precision = round(float(bp), 6) / records if records else 1.0
    b_recall = round(float(br), 6) / records if records else 1.0
    return Scores(
        records=records,
        true_clusters=int(true_n),
        predicted_clusters=int(pred_n),
        largest_predicted_cluster=int(largest or 0),
        unattributed_records=int(unattributed),
        missing_records=int(missing),
        unknown_keys=int(unknown),
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        bcubed_precision=b_precision,
        bcubed_recall=b_recall,
        bcubed_f1=_f1(b_precision, b_recall),
    )


def truth_relation(output_dir: Path) -> str:
    path = output_dir / TRUTH
    if not path.exists():
        raise ConfigError(
            f"--output-dir: {output_dir} has no {TRUTH} (is it an idrgen-duck output?)"
        )
    source = db.parquet(path)
    with duckdb.connect() as con:
        columns = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    # outputs written before anonymous baskets were in the truth score each line alone
    basket = "anonymous_basket" if "anonymous_basket" in columns else "CAST(NULL AS VARCHAR)"
    return f"SELECT entity_key, person_id, {basket} AS anonymous_basket FROM {source}"


def membership_relation(con: duckdb.DuckDBPyConnection, membership: str) -> str:
    """A Parquet file, a folder of Parquet part files (a table a warehouse exported), or
    DB_FILE:schema.table (read-only), with entity_key and a cluster id column (resolved_id as
    sql-identity-resolution writes it, or cluster_id; any case, as Snowflake upper-cases)."""
    if Path(membership).is_dir():
        parts = sorted(Path(membership).glob("*.parquet"))
        if not parts:
            raise ConfigError(f"--membership: the folder {membership} holds no .parquet files")
        source = db.parquet(Path(membership))
    elif membership.endswith(".parquet"):
        if not Path(membership).is_file():
            raise ConfigError(f"--membership: no such file {membership}")
        source = f"read_parquet({db.sql_text(Path(membership).as_posix())})"
    elif ":" in membership:
        database, table = membership.rsplit(":", 1)
        if not Path(database).is_file():
            raise ConfigError(f"--membership: no such database file {database}")
        try:
            con.execute(
                f"ATTACH {db.sql_text(Path(database).as_posix())} AS membership_db (READ_ONLY)"
            )
        except duckdb.Error as error:
            raise ConfigError(
                f"--membership: cannot open {database} as a DuckDB database ({db.message(error)})"
            ) from None
        source = f"membership_db.{table}"
    else:
        raise ConfigError(
            "--membership: give a .parquet file, a folder of them or DB_FILE:schema.table "
            "(e.g. scale_test.duckdb:idr_out.identity_resolved_membership_current)"
        )
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        columns = [str(r[0]).lower() for r in described]
    except duckdb.Error as error:
        raise ConfigError(f"--membership: cannot read {membership} ({db.message(error)})") from None
    cluster = next((c for c in ("resolved_id", "cluster_id") if c in columns), None)
    if "entity_key" not in columns or cluster is None:
        raise ConfigError(
            f"--membership: {membership} needs columns entity_key and resolved_id (or cluster_id)"
        )
    relation = f"SELECT entity_key, {cluster} AS cluster_id FROM {source}"
    check_membership(con, relation, membership)
    return relation


def check_membership(con: duckdb.DuckDBPyConnection, relation: str, membership: str) -> None:
    """A membership puts each record in one cluster: refuse one with no rows, or with an
    entity key listed twice (its score would depend on which row is read first)."""
    row = con.execute(
        f"""SELECT count(*), count(*) - count(DISTINCT entity_key),
                   (SELECT any_value(entity_key) FROM ({relation}) GROUP BY entity_key
                    HAVING count(*) > 1 LIMIT 1)
            FROM ({relation})"""
    ).fetchone()
    rows, repeated, example = row if row else (0, 0, None)
    if not rows:
        raise ConfigError(f"--membership: {membership} has no rows; nothing to score")
    if repeated:
        raise ConfigError(
            f"--membership: {membership} lists {repeated:,} entity keys more than once "
            f"(e.g. {example!r}); each record must be in exactly one cluster"
        )


def evaluate(output_dir: Path, membership: str) -> Scores:
    con = db.connect()
    try:
        return score(con, truth_relation(output_dir), membership_relation(con, membership))
    finally:
        con.close()


# --- the exact-match reference ----------------------------------------------------------------

# in the order of the emitted rules
IDENTIFIER_TYPES = tuple(r.identifier_type for r in rules(0))


def identifier_values_sql(output_dir: Path, identifiers: tuple[str, ...] = IDENTIFIER_TYPES) -> str:
    """(entity_key, identifier_type, value) for every record, normalised exactly as the
    emitted metadata tells the engine (mapping expression, then LOWERCASE)."""
    parts = []
    written = {s.table_id for s in sources_written(output_sources(output_dir))}  # --sources
    for m in (m for m in MAPPINGS if m.identifier_type in identifiers and m.table_id in written):
        source = SOURCE_BY_ID[m.table_id]
        table = db.parquet(output_dir / "parquet" / f"{source.table}.parquet")
        parts.append(
            f"SELECT '{m.table_id}:' || CAST({source.key_column} AS VARCHAR) AS entity_key, "
            f"'{m.identifier_type}' AS identifier_type, lower({m.expression}) AS value "
            f"FROM {table}"
        )
    return " UNION ALL ".join(parts)


def reference_membership(
    con: duckdb.DuckDBPyConnection,
    output_dir: Path,
    scale: int,
    identifiers: tuple[str, ...] = IDENTIFIER_TYPES,
) -> str:
    """The partition an exact-match engine should produce with our metadata (or only its
    rules for `identifiers`): connected components over shared normalised identifiers, after
    exclusions and each rule's max_group_size. Built as tables in `con`; returns a relation
    (entity_key, cluster_id)."""
    exact = [e for e in EXCLUSIONS if e.match_type == "EXACT"]
    like = [e for e in EXCLUSIONS if e.match_type == "LIKE"]
    excluded = " OR ".join(
        [f"(identifier_type = '{e.identifier_type}' AND value = '{e.pattern}')" for e in exact]
        + [f"(identifier_type = '{e.identifier_type}' AND value LIKE '{e.pattern}')" for e in like]
    )
    limits = " ".join(f"WHEN '{r.identifier_type}' THEN {r.max_group_size}" for r in rules(scale))
    con.execute(
        f"""
        -- any numbering will do: components, and so the scores, do not depend on it
        CREATE OR REPLACE TEMP TABLE reference_nodes AS
        SELECT entity_key, row_number() OVER () AS node
        FROM {db.parquet(output_dir / TRUTH)};

        -- the normalised identifiers first, in a table of their own: filtered or joined in
        -- the same query, DuckDB pushes the filter into every UNION branch and repeats the
        -- normalisation for each exclusion it tests (five times slower at 1M)
        CREATE OR REPLACE TEMP TABLE reference_values AS
        SELECT * FROM ({identifier_values_sql(output_dir, identifiers)});

        -- a group = records sharing one normalised identifier, named by its smallest node
        -- (a hash aggregate, not a sort of every value)
        CREATE OR REPLACE TEMP TABLE reference_groups AS
        WITH v AS MATERIALIZED (
            SELECT n.node, v.identifier_type, v.value
            FROM reference_values AS v JOIN reference_nodes AS n USING (entity_key)
            WHERE v.value IS NOT NULL AND NOT ({excluded})
        ), groups AS (
            SELECT identifier_type, value, min(node) AS grp
            FROM v
            GROUP BY ALL
            HAVING count(*) > 1
               AND count(*) <= CASE identifier_type {limits} ELSE 10000 END
        )
        SELECT v.node, g.grp
        FROM v JOIN groups AS g USING (identifier_type, value);
        """
    )
    labels = connected_components(con, "reference_nodes", "reference_groups", "reference")
    return (
        "SELECT n.entity_key, l.label AS cluster_id FROM reference_nodes AS n "
        f"JOIN {labels} AS l USING (node)"
    )


def connected_components(
    con: duckdb.DuckDBPyConnection, nodes: str, groups: str, prefix: str
) -> str:
    """Min-label propagation: each node of table `nodes` (node) takes the smallest node of
    its component, the components being joined by table `groups` (node, grp). Builds
    <prefix>_labels (node, label) in `con` and returns its name."""
    labels = f"{prefix}_labels"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {labels} AS SELECT node, node AS label FROM {nodes}")
    while True:  # until nothing changes
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE {prefix}_next AS
            WITH group_min AS (
                SELECT g.grp, min(l.label) AS label
                FROM {groups} AS g JOIN {prefix}_labels AS l USING (node) GROUP BY g.grp
            ), node_min AS (
                SELECT g.node, min(m.label) AS label
                FROM {groups} AS g JOIN group_min AS m USING (grp) GROUP BY g.node
            )
            SELECT l.node, least(l.label, coalesce(m.label, l.label)) AS label
            FROM {prefix}_labels AS l LEFT JOIN node_min AS m USING (node)
            """
        )
        changed = con.execute(
            f"SELECT count(*) FROM {prefix}_next JOIN {prefix}_labels USING (node) "
            f"WHERE {prefix}_next.label <> {prefix}_labels.label"
        ).fetchone()
        con.execute(f"CREATE OR REPLACE TEMP TABLE {prefix}_labels AS FROM {prefix}_next")
        if not changed or changed[0] == 0:
            return f"{prefix}_labels"


def output_scale(con: duckdb.DuckDBPyConnection, output_dir: Path) -> int:
    """The scale an output was generated at: its report's (the rules' group limits follow
    it, a subset of the sources included), else its number of source records."""
    scale = output_report(output_dir).get("scale")
    if isinstance(scale, int):
        return scale
    row = con.execute(f"SELECT count(*) FROM {db.parquet(output_dir / TRUTH)}").fetchone()
    return int(row[0]) if row else 0


def parse_identifiers(text: str) -> tuple[str, ...]:
    """--identifiers: a comma-separated subset of the emitted identifier types."""
    wanted = tuple(dict.fromkeys(t.strip().upper() for t in text.split(",") if t.strip()))
    unknown = [t for t in wanted if t not in IDENTIFIER_TYPES]
    if not wanted or unknown:
        raise ConfigError(
            f"--identifiers: {text!r} is not a list of {', '.join(IDENTIFIER_TYPES)} "
            "(comma-separated)"
        )
    return wanted


def reference(
    output_dir: Path,
    con: duckdb.DuckDBPyConnection | None = None,
    identifiers: tuple[str, ...] = IDENTIFIER_TYPES,
) -> Scores:
    """Scores of the exact-match reference against the truth (on `con`, or a new
    connection), with every emitted rule or those of `identifiers` only."""
    own = con is None
    con = con or db.connect()
    try:
        truth = truth_relation(output_dir)
        scale = output_scale(con, output_dir)
        return score(con, truth, reference_membership(con, output_dir, scale, identifiers))
    finally:
        if own:
            con.close()
