"""Phone numbers and card numbers, judged by an independent library (libphonenumber through the
``phonenumbers`` package) on generated data (200K records)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import phonenumbers
import pytest

from tests.conftest import Generate, parquet

PHONE_SOURCES = {
    "crm": ("crm_customers", "customer_id"),
    "ecom": ("ecom_transactions", "transaction_id"),
    "loyalty": ("loyalty_members", "member_id"),
    "mobile": ("mobile_app_users", "app_user_id"),
}
KIND_OF_TAG = {"phone_shared_household": "landline", "phone_shared_business": "business"}
WANTED_TYPE = {
    "mobile": {phonenumbers.PhoneNumberType.MOBILE},
    "landline": {phonenumbers.PhoneNumberType.FIXED_LINE},
    "business": {phonenumbers.PhoneNumberType.FIXED_LINE},
}
SHARED_KIND_COUNTRIES = {"US", "CA", "MX", "CL"}  # ranges libphonenumber calls fixed-or-mobile


@pytest.fixture(scope="module")
def out(generate: Generate) -> Path:
    return generate(scale=200_000, seed=42)


@pytest.fixture(scope="module")
def written(out: Path) -> list[tuple[str, str, str, str, str]]:
    """(table, phone as written, kind, style, country) of every phone that is not junk."""
    parts = [
        f"""SELECT '{t}' AS t, s.phone, t.noise, p.country_code
            FROM {parquet(out, table)} s
            JOIN {parquet(out, "record_person", "truth")} t
              ON t.table_id = '{t}' AND t.record_key = s.{key}
            JOIN {parquet(out, "persons", "truth")} p USING (person_id)
            WHERE s.phone IS NOT NULL AND s.phone NOT IN ('', 'N/A')
              -- junk, and typed numbers with digits swapped, are no numbers of anyone's
              AND NOT list_has_any(t.noise, ['phone_junk', 'phone_typo'])"""
        for t, (table, key) in PHONE_SOURCES.items()
    ]
    rows = duckdb.execute(" UNION ALL ".join(parts)).fetchall()
    result = []
    for table, phone, noise, country in rows:
        kind = next((KIND_OF_TAG[n] for n in noise if n in KIND_OF_TAG), "mobile")
        style = next((n[6:-7] for n in noise if n.endswith("_format")), "e164")
        result.append((table, phone, kind, style, country))
    return result


def test_every_phone_is_valid_for_its_country_kind_and_style(written: list) -> None:
    """At least 99% valid per (country, kind) and per (country, style), of the right type."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    bad: dict[str, list[str]] = defaultdict(list)
    for _table, phone, kind, style, country in written:
        # digits with the country code but no '+' are international by meaning (a parser with
        # a default region reads 49151... as a German national number)
        number = phonenumbers.parse("+" + phone if style == "digits_cc" else phone, country)
        ok = (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) == country
            and (
                country in SHARED_KIND_COUNTRIES
                or phonenumbers.number_type(number) in WANTED_TYPE[kind]
            )
        )
        for key in ((country, kind), (country, style)):
            seen[key][0] += 1
            seen[key][1] += ok
        if not ok:
            bad[country].append(f"{phone} ({kind}, {style})")
    assert len(seen) > 20 * 2
    low = {k: round(ok / n, 4) for k, (n, ok) in seen.items() if n >= 50 and ok / n < 0.99}
    assert not low, (low, {c: v[:5] for c, v in bad.items()})


def test_national_and_international_forms_are_the_countrys_own(written: list) -> None:
    """The national and international styles are what libphonenumber writes for the number
    (06 12 34 56 78, 030 12345678, 090-1234-5678, (11) 96123-4567...), and every written form
    of one person's number normalises to the same E.164."""
    formats = {
        "national": phonenumbers.PhoneNumberFormat.NATIONAL,
        "international": phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    }
    checked = Counter()
    for _table, phone, _kind, style, country in written:
        if style in formats:
            number = phonenumbers.parse(phone, country)
            assert phonenumbers.format_number(number, formats[style]) == phone, (country, phone)
            checked[country] += 1
    assert len(checked) == 20 and min(checked.values()) >= 20, checked


def test_written_forms_of_a_number_agree(out: Path) -> None:
    """Every style of the persons' own mobiles parses back to the person's E.164 number,
    Argentine mobiles (011 15-xxxx-xxxx against +54 9 11 xxxx-xxxx) included."""
    rows = duckdb.execute(
        f"""SELECT s.phone, p.phone_e164, p.country_code
            FROM {parquet(out, "crm_customers")} s
            JOIN {parquet(out, "record_person", "truth")} t
              ON t.table_id = 'crm' AND t.record_key = s.customer_id
            JOIN {parquet(out, "persons", "truth")} p USING (person_id)
            WHERE s.phone IS NOT NULL AND s.phone NOT IN ('', 'N/A')
              AND NOT list_has_any(t.noise, ['phone_junk', 'phone_shared_household',
                                             'phone_previous', 'phone_typo'])"""
    ).fetchall()
    wrong = [
        (phone, e164)
        for phone, e164, country in rows
        if phonenumbers.format_number(
            phonenumbers.parse(
                "+" + phone if phone[0] != "+" and phone.startswith(e164[1:]) else phone, country
            ),
            phonenumbers.PhoneNumberFormat.E164,
        )
        != e164
    ]
    assert len(rows) > 10_000
    assert not wrong, wrong[:10]


def test_numbers_look_random_and_stay_unique(out: Path) -> None:
    """Subscriber digits come from a keyed permutation, not a rank: no excess of ascending
    runs, tails spread over the space, and still one number per person (landlines per
    household)."""
    con = duckdb.connect()
    persons = parquet(out, "persons", "truth")
    total, distinct, tails = con.execute(
        f"""SELECT count(*), count(DISTINCT phone_e164), count(DISTINCT right(phone_e164, 7))
            FROM {persons}"""
    ).fetchone()
    assert distinct == total
    assert tails > 0.9 * total  # 10^7 tails for ~100K persons: few repeats by chance
    numbers = [r[0] for r in con.execute(f"SELECT phone_e164 FROM {persons}").fetchall()]
    runs = re.compile("0123|1234|2345|3456|4567|5678|6789|7890|8901|9012")
    share = sum(bool(runs.search(n[-7:])) for n in numbers) / len(numbers)
    assert share < 0.03, share  # random 7-digit tails: about 0.4%
    landlines = con.execute(
        f"""SELECT count(DISTINCT landline_nsn), count(DISTINCT (household_id, landline_nsn)),
                   count(DISTINCT household_id)
            FROM {persons}
            WHERE landline_nsn IS NOT NULL"""
    ).fetchone()
    assert landlines[0] == landlines[1] == landlines[2] > 1000


def test_card_numbers_look_random(out: Path) -> None:
    """Loyalty cards: 13 digits, Luhn-valid, unique, and their leading digits spread evenly
    (a rank would leave them at 6000000...)."""
    cards = [
        r[0]
        for r in duckdb.execute(
            f"SELECT loyalty_id FROM {parquet(out, 'loyalty_members')}"
        ).fetchall()
    ]
    assert len(set(cards)) == len(cards) > 10_000
    assert all(len(c) == 13 and c[0] in "67" for c in cards)
    second = Counter(c[1] for c in cards)
    assert min(second.values()) > 0.07 * len(cards), second  # uniform: 10% each
    for card in cards[:2000]:
        digits = [int(d) for d in card[::-1]]
        total = sum(
            d if i % 2 == 0 else (2 * d - 9 if d >= 5 else 2 * d) for i, d in enumerate(digits)
        )
        assert total % 10 == 0, card
