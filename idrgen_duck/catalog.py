"""The catalog: every output table and column, its type as written (DuckDB's) and what it
means, in one place. `import` casts a warehouse's export to these types, the conformance
kit checksums these columns, the schema tests compare every written file with it, and
docs/columns.md is generated from it (`python -m idrgen_duck.catalog > docs/columns.md`),
with the template that writes each table and the macro that makes each column, read from
the template itself.

Columns marked `spec=False` are additions to the spec's DDL (README: the columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from idrgen_duck import resources

V, TS, INT, BIG, BOOL, DATE = "VARCHAR", "TIMESTAMP", "INTEGER", "BIGINT", "BOOLEAN", "DATE"
TEXTS = "VARCHAR[]"
# Sales lines are in the customer's currency: a Colombian peso or won price needs more digits
# than the spec's DECIMAL(10,2), sized for dollars.
PRICE, TOTAL = "DECIMAL(12,2)", "DECIMAL(14,2)"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str
    spec: bool = True  # in the spec's DDL (False: an addition)


@dataclass(frozen=True)
class Table:
    file: str  # 'parquet/crm_customers', as under an output folder (without .parquet)
    template: str  # the template under sql/tables/ that writes it
    key: str  # the primary key column
    about: str
    columns: tuple[Column, ...]

    @property
    def name(self) -> str:
        """The table's name in a warehouse or a database: 'crm_customers', 'truth_persons'."""
        folder, base = self.file.split("/")
        return f"truth_{base}" if folder == "truth" else base

    @property
    def types(self) -> tuple[tuple[str, str], ...]:
        return tuple((c.name, c.type) for c in self.columns)


def _columns(*rows: tuple[str, str, str] | tuple[str, str, str, bool]) -> tuple[Column, ...]:
    return tuple(Column(*row) for row in rows)


# Identifier columns as they appear in several sources: the same meaning everywhere.
EMAIL = ("email", V, "the person's email as this source holds it (noise: typos, case, old or "
                     "shared addresses, placeholders, missing)")  # fmt: skip
PHONE = ("phone", V, "the person's phone in one of the formats people type (E.164, national, "
                     "with spaces or dashes; noise: old, shared, missing)")  # fmt: skip

# fmt: off
TABLES: tuple[Table, ...] = (
    Table("parquet/products", "030_products.sql", "product_id",
          "The catalogue every sales line and review refers to.", _columns(
        ("product_id", V, "PRD- and 7 digits"),
        ("product_name", V, "brand and name parts from seeds/product_name_parts.csv"),
        ("category", V, "top level of seeds/product_taxonomy.csv"),
        ("subcategory", V, "second level of the taxonomy"),
        ("brand", V, "from seeds/brands.csv (private labels are the retailer's)"),
        ("price", "DECIMAL(10,2)", "list price in US dollars"),
        ("margin_pct", "DECIMAL(5,2)", "gross margin, percent"),
        ("is_private_label", BOOL, "the retailer's own brand"),
        ("launch_date", DATE, "first day on sale: no line sells it earlier"),
    )),
    Table("parquet/crm_customers", "040_crm_customers.sql", "customer_id",
          "Customer master records: the richest profile, and the hub of the overlaps.", _columns(
        ("customer_id", V, "CUST- and 10 digits"),
        EMAIL,
        PHONE,
        ("first_name", V, "given name as recorded (noise: nicknames, typos, case, script)"),
        ("last_name", V, "family name as recorded (noise: typos, a previous name after a change)"),
        ("loyalty_id", V, "the person's loyalty number when CRM knows it"),
        ("address_line1", V, "street address in the country's format (noise: abbreviations)"),
        ("city", V, "city of the address"),
        ("country_code", V, "ISO 3166-1 alpha-2"),
        ("created_at", TS, "when the record was created (local time, no zone)"),
        ("updated_at", TS, "last update, never before created_at"),
        ("opt_in_email", BOOL, "marketing consent by email"),
        ("opt_in_sms", BOOL, "marketing consent by SMS"),
        ("customer_segment", V, "the CRM's own segment: New, Regular or VIP"),
    )),
    Table("parquet/ecom_transactions", "050_ecom_transactions.sql", "transaction_id",
          "Web-shop order lines: one row per product of an order.", _columns(
        ("transaction_id", V, "TXN- and 10 digits, one per line"),
        ("user_id", V, "the shop account of the buyer (U and 10 digits)"),
        EMAIL,
        PHONE,
        ("product_id", V, "the product sold (launched before the order)"),
        ("quantity", INT, "units on the line"),
        ("unit_price", PRICE, "price per unit in the order's currency"),
        ("order_total", TOTAL, "sum of the order's lines, on every line of the order"),
        ("currency", V, "ISO 4217 code of the buyer's country"),
        ("shipping_address_hash", V, "hash of the normalised shipping address"),
        ("payment_token", V, "the card's token (tok_ and 24 hex; rotated at times)"),
        ("device_type", V, "desktop, mobile or tablet (NULL when unknown)"),
        ("order_date", TS, "when the order was placed (local time)"),
        ("promo_code", V, "a promotion code, when one was used"),
        ("order_id", V, "ORD- and 10 digits: groups the lines of one order", False),
    )),
    Table("parquet/loyalty_members", "060_loyalty_members.sql", "member_id",
          "Loyalty programme members.", _columns(
        ("member_id", V, "MBR- and 10 digits"),
        ("loyalty_id", V, "the card number: 13 digits, a Luhn check digit; also in CRM, POS"),
        EMAIL,
        PHONE,
        ("first_name", V, "given name as enrolled"),
        ("last_name", V, "family name as enrolled"),
        ("tier", V, "programme tier: Bronze, Silver, Gold or Platinum"),
        ("points_balance", INT, "points held"),
        ("enrollment_date", TS, "when the member joined"),
        ("last_activity_date", TS, "last activity, never before enrollment"),
    )),
    Table("parquet/mobile_app_users", "070_mobile_app_users.sql", "app_user_id",
          "Mobile app installs: one row per app user.", _columns(
        ("app_user_id", V, "APP- and 10 digits"),
        ("device_id", V, "iOS: upper-case UUID v4; Android: 16 hex digits"),
        EMAIL,
        PHONE,
        ("push_token", V, "APNs: 64 hex digits; FCM: 11 characters, :APA91b and hex"),
        ("os_type", V, "iOS or Android"),
        ("app_version", V, "installed app version"),
        ("first_open_date", TS, "first launch"),
        ("last_active_date", TS, "last launch, never before the first"),
        ("total_sessions", INT, "sessions since the first launch"),
    )),
    Table("parquet/pos_transactions", "080_pos_transactions.sql", "pos_transaction_id",
          "Store till lines: one row per product of a basket, often anonymous.", _columns(
        ("pos_transaction_id", V, "POS- and 10 digits, one per line"),
        ("store_id", V, "ST-, the store's country and its number"),
        ("loyalty_id", V, "the card scanned at the till, if any"),
        ("product_id", V, "the product sold"),
        ("quantity", INT, "units on the line"),
        ("unit_price", PRICE, "price per unit in the store's currency"),
        ("payment_token", V, "the card's token, when paid by card"),
        ("transaction_total", TOTAL, "sum of the basket's lines, on every line of the basket"),
        ("currency", V, "ISO 4217 code of the store's country", False),
        ("transaction_date", TS, "when the basket was paid (local time)"),
        ("payment_method", V, "credit, debit, mobile_wallet or cash"),
        ("receipt_id", V, "RCP- and 10 digits: groups the lines of one basket", False),
    )),
    Table("parquet/survey_responses", "090_survey_responses.sql", "response_id",
          "Survey answers after orders and visits.", _columns(
        ("response_id", V, "RSP- and 10 digits"),
        ("survey_type", V, "post_purchase, nps or product_feedback"),
        EMAIL,
        ("order_id", V, "the e-commerce order asked about, if any"),
        ("product_id", V, "the product asked about, if any"),
        ("nps_score", INT, "0 to 10"),
        ("satisfaction_rating", INT, "1 to 5"),
        ("feedback_text", V, "free text from seeds/survey_phrases.csv"),
        ("submitted_at", TS, "when the answer was sent, after the order"),
        ("completion_time_seconds", INT, "time taken to answer"),
    )),
    Table("parquet/product_reviews", "100_product_reviews.sql", "review_id",
          "Product reviews, by shoppers with or without an account.", _columns(
        ("review_id", V, "REV- and 10 digits"),
        ("product_id", V, "the product reviewed"),
        ("reviewer_user_id", V, "the shop account, when signed in"),
        ("reviewer_email", V, "email given with the review (same noise as the sources)"),
        ("reviewer_display_name", V, "the public name shown: first name and initial, or a handle"),
        ("rating", INT, "1 to 5 stars"),
        ("review_title", V, "from seeds/review_phrases.csv"),
        ("review_text", V, "from seeds/review_phrases.csv"),
        ("verified_purchase", BOOL, "the reviewer bought the product"),
        ("helpful_votes", INT, "votes from other shoppers"),
        ("submitted_at", TS, "when the review was posted"),
    )),
    Table("truth/record_person", "900_truth_record_person.sql", "entity_key",
          "The ground truth: the person behind every source record.", _columns(
        ("entity_key", V, "'<table_id>:<record key>', the IDR engine's entity key"),
        ("table_id", V, "the source (crm, ecom, loyalty, mobile, pos, survey, review)"),
        ("record_key", V, "the record's primary key in its source"),
        ("person_id", BIG, "the true person; NULL for an anonymous till basket"),
        ("anonymous_basket", V, "the receipt of an anonymous basket: one unknown person"),
        ("noise", TEXTS, "tags of the noise and edge cases applied to the record (README)"),
    )),
    Table("truth/persons", "910_truth_persons.sql", "person_id",
          "The true persons: who they are, every identifier they have, and how many records "
          "each source holds of them.", _columns(
        ("person_id", BIG, "the person"),
        ("household_id", BIG, "people sharing an address (and at times a phone or email)"),
        ("region", V, "North America, Europe, APAC or LATAM"),
        ("country_code", V, "ISO 3166-1 alpha-2"),
        ("locale", V, "the name and address locale"),
        ("gender", V, "F or M, drawn with the country's name pools"),
        ("first_name", V, "given name in the country's script"),
        ("last_name", V, "family name in the country's script (current, after a change)"),
        ("first_name_latin", V, "the given name in Latin letters"),
        ("last_name_latin", V, "the family name in Latin letters"),
        ("name_order", V, "given_first or family_first, as the country writes names"),
        ("birth_year", BIG, "year of birth"),
        ("customer_since", TS, "first contact with the retailer"),
        ("tier", V, "high_value (5+ sources), regular (2-4) or one_time (1)"),
        ("source_count", INT, "how many sources hold the person"),
        ("email", V, "the personal email"),
        ("phone_e164", V, "the mobile phone, E.164"),
        ("loyalty_id", V, "the loyalty card number"),
        ("os_type", V, "the phone's platform"),
        ("device_ids", TEXTS, "app device ids, 1 to 3"),
        ("payment_tokens", TEXTS, "card tokens, 1 to 3"),
        ("address_line1", V, "street address"),
        ("city", V, "city"),
        ("region_name", V, "state, province or region"),
        ("postcode", V, "postal code in the country's format"),
        ("address_hash", V, "hash of the normalised address"),
        ("currency", V, "ISO 4217 code of the country"),
        ("nickname", V, "a short form of the given name, when one is used"),
        ("work_email", V, "an address at the employer, when used"),
        ("company_email", V, "a shared company address, when used"),
        ("family_email", V, "an address the household shares, when used"),
        ("landline_nsn", V, "a landline, national significant number"),
        ("business_nsn", V, "a business line, national significant number"),
        ("disjoint_table", V, "the source where the person appears under unrelated identifiers"),
        ("alternate_email", V, "a second personal address, when used"),
        ("previous_email", V, "the email before an identity change"),
        ("previous_phone_e164", V, "the phone before an identity change"),
        ("previous_last_name", V, "the family name before a change (marriage)"),
        ("identity_changed_at", TS, "when the email, phone or name changed"),
        ("records_crm", BIG, "CRM records of the person"),
        ("records_ecom", BIG, "e-commerce lines of the person"),
        ("records_loyalty", BIG, "loyalty records of the person"),
        ("records_mobile", BIG, "app users of the person"),
        ("records_pos", BIG, "till lines of the person"),
        ("records_survey", BIG, "survey answers of the person"),
        ("records_review", BIG, "reviews of the person"),
    )),
)
# fmt: on

TABLE_BY_FILE = {table.file: table for table in TABLES}
TABLE_BY_NAME = {table.name: table for table in TABLES}


@dataclass(frozen=True)
class Reference:
    """A column whose values are another table's values (the spec's "FK to products",
    "links to ecom_transactions")."""

    table: str
    column: str
    parent: str
    parent_column: str

    @property
    def is_foreign_key(self) -> bool:
        """Whether a database can enforce it: only a reference to the parent's key can be.
        A survey's order_id names an order, which has a line per product, so it is no key."""
        return TABLE_BY_NAME[self.parent].key == self.parent_column


# The spec's references between tables: `validate` checks that every one resolves, `load --to`
# makes foreign keys of those a database can enforce.
REFERENCES: tuple[Reference, ...] = (
    Reference("ecom_transactions", "product_id", "products", "product_id"),
    Reference("pos_transactions", "product_id", "products", "product_id"),
    Reference("survey_responses", "product_id", "products", "product_id"),
    Reference("product_reviews", "product_id", "products", "product_id"),
    Reference("survey_responses", "order_id", "ecom_transactions", "order_id"),
)


def column_macros(table: Table) -> dict[str, str]:
    """The macro that makes each column, read from the table's template: a line
    `{{ macro(...) }} AS column` (columns computed in plain SQL or earlier steps have none)."""
    text = resources.sql_dir().joinpath("tables", table.template).read_text(encoding="utf-8")
    found = re.findall(r"\{\{\s*(\w+)\(.*\}\}\s+AS\s+(\w+)\b", text)
    return {column: macro for macro, column in found}


def columns_markdown() -> str:
    """docs/columns.md: every table and column, where it comes from."""
    lines = [
        "# Columns",
        "",
        "Every output table and column: its type as written (DuckDB's), what it means, and",
        "what makes it. Generated from `idrgen_duck/catalog.py` (`python -m",
        "idrgen_duck.catalog > docs/columns.md`); a test keeps it current. Columns marked",
        "*addition* are not in the spec's DDL. The macro is the one named on the column's line",
        "of the template (in `sql/macros/`); columns without one are plain SQL there or come",
        "from the persons work table (`sql/tables/020_persons.sql`).",
    ]
    for table in TABLES:
        macros = column_macros(table)
        lines += [
            "",
            f"## {table.file}.parquet",
            "",
            f"{table.about} Written by `sql/tables/{table.template}`; key `{table.key}`; in a "
            f"warehouse, the table `{table.name}`.",
            "",
            "| column | type | meaning | macro |",
            "| --- | --- | --- | --- |",
        ]
        for column in table.columns:
            meaning = column.meaning + ("" if column.spec else " (*addition*)")
            macro = f"`{macros[column.name]}`" if column.name in macros else ""
            lines.append(f"| `{column.name}` | {column.type} | {meaning} | {macro} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(columns_markdown(), end="")
