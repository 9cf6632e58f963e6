"""What the IDR engine (sql-identity-resolution) is told about our tables.

The SQL files are rendered from sql/metadata/*.sql with these values. Column lists and
semantics follow the engine's verified contract: rules are mandatory, NULL (never '') means
"no value", exclusions compare with the normalised value, `max_group_size` is per rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from idrgen_duck.realism import email_group_limit

# Column that says when a record last changed (the engine casts it to TIMESTAMP).
WATERMARKS = {
    "crm": "updated_at",
    "ecom": "order_date",
    "loyalty": "last_activity_date",
    "mobile": "last_active_date",
    "pos": "transaction_date",
    "survey": "submitted_at",
    "review": "submitted_at",
}


@dataclass(frozen=True)
class Rule:
    rule_id: str
    rule_name: str
    identifier_type: str
    canonicalize: str = "LOWERCASE"  # the only value the engine implements
    max_group_size: int = 10000
    allow_hashed: bool = False  # no emitted identifier is hashed (see rules: no address hash)


# The address hash is written (e-commerce shipping_address_hash) but is no rule: a household
# shares its address, so exact matching on it merges family members into one person (at 200K
# records it cost 3 points of B-cubed precision). It is there for engines that weigh it with
# names (probabilistic matching), and for users who want to see that merge happen.
def rules(scale: int) -> tuple[Rule, ...]:
    return (
        Rule("R_EMAIL", "Exact email", "EMAIL", max_group_size=email_group_limit(scale)),
        Rule("R_PHONE", "Exact phone digits", "PHONE", max_group_size=1000),
        Rule("R_LOYALTY_ID", "Exact loyalty card", "LOYALTY_ID"),
        Rule("R_DEVICE_ID", "Exact device id", "DEVICE_ID"),
        Rule("R_PAYMENT_TOKEN", "Exact payment token", "PAYMENT_TOKEN"),
    )


@dataclass(frozen=True)
class Mapping:
    table_id: str
    identifier_type: str
    column: str
    is_hashed: bool = False

    def expression_in(self, dialect: str) -> str:
        """The normalisation of the column, in a dialect (identifier_value in
        sql/macros/identifiers.sql)."""
        return identifier_expression(self.identifier_type, self.column, dialect)

    @property
    def expression(self) -> str:
        """The normalisation in DuckDB's SQL."""
        return self.expression_in("duckdb")


@cache
def identifier_expression(kind: str, column: str, dialect: str = "duckdb") -> str:
    """The IDR engine's normalisation of an identifier of `kind` held in `column`."""
    return str(_macros(dialect).globals["identifier_value"](kind, column))


@cache
def _macros(dialect: str) -> jinja2.Environment:
    """A dialect's macro environment, made once: making one loads every macro file (0.1 s;
    the reference asks for some 20 expressions at the start of every run)."""
    from idrgen_duck.render import make_environment  # render reads this module's values

    return make_environment(dialect=dialect)


MAPPINGS = (
    Mapping("crm", "EMAIL", "email"),
    Mapping("crm", "PHONE", "phone"),
    Mapping("crm", "LOYALTY_ID", "loyalty_id"),
    Mapping("ecom", "EMAIL", "email"),
    Mapping("ecom", "PHONE", "phone"),
    Mapping("ecom", "PAYMENT_TOKEN", "payment_token"),
    Mapping("loyalty", "LOYALTY_ID", "loyalty_id"),
    Mapping("loyalty", "EMAIL", "email"),
    Mapping("loyalty", "PHONE", "phone"),
    Mapping("mobile", "DEVICE_ID", "device_id"),
    Mapping("mobile", "EMAIL", "email"),
    Mapping("mobile", "PHONE", "phone"),
    Mapping("pos", "LOYALTY_ID", "loyalty_id"),
    Mapping("pos", "PAYMENT_TOKEN", "payment_token"),
    Mapping("survey", "EMAIL", "email"),
    Mapping("review", "EMAIL", "reviewer_email"),
)


@dataclass(frozen=True)
class Exclusion:
    identifier_type: str
    pattern: str
    match_type: str  # 'EXACT' or 'LIKE', exactly as the engine spells them
    reason: str


EXCLUSIONS = (
    Exclusion("EMAIL", "noreply@%", "LIKE", "no-reply sender address"),
    Exclusion("EMAIL", "no-reply@%", "LIKE", "no-reply sender address"),
    Exclusion("EMAIL", "test@test.com", "EXACT", "test placeholder"),
    Exclusion("EMAIL", "none@none.com", "EXACT", "placeholder"),
    Exclusion("EMAIL", "n/a", "EXACT", "placeholder"),
    Exclusion("PHONE", "0000000000", "EXACT", "placeholder phone"),
    Exclusion("PHONE", "1234567890", "EXACT", "placeholder phone"),
    Exclusion("PHONE", "000000000", "EXACT", "placeholder (000-00-0000) after digits-only"),
)


def metadata_context(scale: int) -> dict[str, object]:
    return {
        "watermarks": WATERMARKS,
        "rules": rules(scale),
        "mappings": MAPPINGS,
        "exclusions": EXCLUSIONS,
    }
