"""What the IDR engine (sql-identity-resolution) is told about our tables.

The SQL files are rendered from sql/metadata/*.sql with these values. Column lists and
semantics follow the engine's verified contract: rules are mandatory, NULL (never '') means
"no value", exclusions compare with the normalised value, `max_group_size` is per rule.
"""

from __future__ import annotations

from dataclasses import dataclass

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


# Normalisation, one expression per identifier kind. NULLIF turns an empty result into NULL,
# which the engine drops ('' would be one giant group).
# Emails: trimmed, lower-cased, '+tag' sub-addresses removed (no generated address has a '+'
# of its own) and, at Gmail only, dots removed and googlemail.com read as gmail.com: the
# mailbox the address reaches. This undoes the email_case, email_whitespace, email_plus_tag
# and email_dot variations; typos, work and shared addresses stay apart.
# Phones: digits only ('g': every match, not only the first). A national form (07400 123456)
# and an international one (+44 7400 123456) of one number stay different: most sources have
# no country column to rebuild E.164 from (tags phone_national_format etc.).
EMAIL = (
    "NULLIF(CASE WHEN SPLIT_PART(LOWER(TRIM({c})), '@', 2) IN ('gmail.com', 'googlemail.com') "
    "THEN REPLACE(REGEXP_REPLACE(SPLIT_PART(LOWER(TRIM({c})), '@', 1), '[+].*$', ''), '.', '') "
    "|| '@gmail.com' "
    "ELSE REGEXP_REPLACE(LOWER(TRIM({c})), '[+][^@]*@', '@') END, '')"
)
PHONE = "NULLIF(REGEXP_REPLACE({c}, '[^0-9]', '', 'g'), '')"
EXACT = "NULLIF(TRIM({c}), '')"


@dataclass(frozen=True)
class Mapping:
    table_id: str
    identifier_type: str
    expression: str
    is_hashed: bool = False


def _mapping(table_id: str, identifier_type: str, template: str, column: str) -> Mapping:
    return Mapping(table_id, identifier_type, template.format(c=column))


MAPPINGS = (
    _mapping("crm", "EMAIL", EMAIL, "email"),
    _mapping("crm", "PHONE", PHONE, "phone"),
    _mapping("crm", "LOYALTY_ID", EXACT, "loyalty_id"),
    _mapping("ecom", "EMAIL", EMAIL, "email"),
    _mapping("ecom", "PHONE", PHONE, "phone"),
    _mapping("ecom", "PAYMENT_TOKEN", EXACT, "payment_token"),
    _mapping("loyalty", "LOYALTY_ID", EXACT, "loyalty_id"),
    _mapping("loyalty", "EMAIL", EMAIL, "email"),
    _mapping("loyalty", "PHONE", PHONE, "phone"),
    _mapping("mobile", "DEVICE_ID", EXACT, "device_id"),
    _mapping("mobile", "EMAIL", EMAIL, "email"),
    _mapping("mobile", "PHONE", PHONE, "phone"),
    _mapping("pos", "LOYALTY_ID", EXACT, "loyalty_id"),
    _mapping("pos", "PAYMENT_TOKEN", EXACT, "payment_token"),
    _mapping("survey", "EMAIL", EMAIL, "email"),
    _mapping("review", "EMAIL", EMAIL, "reviewer_email"),
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
