"""Phone number blocks for ``seeds/phone_blocks.csv``, checked against libphonenumber.

A *block* is a range of national significant numbers (NSNs): a prefix followed by a fixed
count of subscriber digits, every one of which libphonenumber (through the ``phonenumbers``
package) accepts as a valid number of the block's kind in its country, and every one of which
it writes in the same national and international layout. The SQL draws a block per person
(mobile), household (landline) or company (main line), numbers the owners of each block and
maps that rank through a keyed permutation of the block's subscriber space, so numbers are
unique and look random.

Blocks are grown from curated starting prefixes (real mobile ranges and area codes, see
``seeds/README.md``): a prefix is sampled, and when some sampled numbers are invalid or
written differently it is split into its ten one-digit-longer children, each sampled again.
The split weight of a parent goes to its accepted children in proportion to their share of
its valid numbers, so a country's mix of ranges follows the curated weights.

A layout is how the SQL writes an NSN without a regex: ``lit|len|lit|len|...|trailer``, one
(literal, length) pair per group of libphonenumber's formatting pattern, in order. A group is
written as its literal followed by the next ``len`` digits; a negative length skips that many
digits (Argentine mobiles drop the 9 in the national form and add 15 instead).
"""

from __future__ import annotations

import functools
import itertools
import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType
from phonenumbers import phonenumberutil as _util

SAMPLES = 64  # numbers drawn per candidate block; every one must pass
LIBRARY_SAMPLES = 12  # of which these are checked (and laid out) by libphonenumber itself
STRATA = 1000  # then one number in each 1/1000 of the block; every one must pass too
MAX_EXTRA_DIGITS = 3  # how far a starting prefix may be split
MAX_GROUPS = 6  # the SQL reads at most this many layout groups


# NANP exchanges N11 (211, 311, ... 911) are service codes, never subscriber numbers, though
# libphonenumber accepts them: the first two subscriber digits of an area-code-plus-N block
# skip the value 11 (see Block.skip_digits).
NANP = ("US", "CA")


Pattern = re.Pattern[str]
Start = tuple[str, int, float]  # prefix, subscriber digits after it, relative weight


def _plans(prefixes: Sequence[str], digits: int, weight: float = 1.0) -> list[Start]:
    return [(p, digits, weight) for p in prefixes]


_US_AREA_CODES = (
    "202 206 210 212 213 214 215 216 267 281 301 303 305 310 312 313 314 323 404 407 408 412 "
    "415 480 503 504 510 512 602 612 614 615 617 619 646 678 702 703 704 713 714 718 720 773 "
    "786 801 813 818 901 917 919 972"
).split()
_CA_AREA_CODES = (
    "204 226 250 289 306 343 403 416 418 437 438 450 514 519 587 604 613 647 705 778 780 819 "
    "902 905"
).split()
_MX_METRO = ("33", "55", "81")
_MX_AREA3 = (
    "222 229 442 444 449 477 614 618 656 662 664 667 686 722 744 833 871 961 998 999"
).split()
_BR_DDD = ("11 12 13 19 21 27 31 41 47 48 51 61 62 65 67 71 79 81 82 83 84 85 86 91 92 98").split()
_AR_AREAS: tuple[Start, ...] = (
    ("11", 8, 6.0),
    *((code, 7, 1.0) for code in "221 223 261 299 341 342 351 381 387".split()),
)
_IT_MOBILE = (
    "320 328 329 331 333 334 335 338 339 340 345 347 348 349 366 371 377 380 388 389 392 393"
).split()

# Mobile ranges (reference table 1.1): NSN prefix and the digits after it. US/CA/MX numbers
# do not tell mobiles from landlines, so their blocks serve both kinds (SHARED_KINDS).
MOBILE: dict[str, list[Start]] = {
    "US": [(a + n, 6, 1.0) for a in _US_AREA_CODES for n in "23456789"],
    "CA": [(a + n, 6, 1.0) for a in _CA_AREA_CODES for n in "23456789"],
    "MX": _plans(_MX_METRO, 8, 6.0) + _plans(_MX_AREA3, 7),
    "GB": _plans(("71", "72", "73"), 8, 0.5) + _plans(("74", "75", "77", "78", "79"), 8, 2.0),
    "DE": _plans(("151", "152", "155", "157", "159"), 8)
    + _plans(("160", "162", "163"), 7)
    + _plans(("170", "171", "175"), 8)
    + _plans(("172", "173", "174", "176", "177", "178", "179"), 7),
    "FR": _plans(("6",), 8, 10.0) + _plans(("73", "74", "75", "76", "77", "78", "79"), 7),
    "ES": _plans(("6",), 8, 10.0) + _plans(("71", "72", "73", "74"), 7),
    "IT": _plans(_IT_MOBILE, 7),
    "NL": _plans(("6",), 8),
    "PL": _plans(("45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"), 7),
    "SE": _plans(("70", "72", "73", "76", "79"), 7),
    "JP": _plans(("70",), 8, 1.0) + _plans(("80", "90"), 8, 4.0),
    "CN": _plans(("13", "15", "18"), 9, 3.0) + _plans(("14", "16", "17", "19"), 9, 1.0),
    "KR": _plans(("10",), 8),
    "IN": _plans(("6", "7", "8", "9"), 9),
    "AU": _plans(("4",), 8),
    "BR": [(f"{ddd}9", 8, 4.0 if ddd == "11" else 1.0) for ddd in _BR_DDD],
    # an Argentine mobile's NSN is 9 + area code + number (what E.164 carries)
    "AR": [("9" + code, digits, weight) for code, digits, weight in _AR_AREAS],
    "CO": _plans([f"{n}" for n in range(300, 306)] + [f"{n}" for n in range(310, 322)], 7),
    "CL": _plans(("9",), 8),
}

# Fixed-line ranges: the area codes of the largest cities, weighted roughly by their
# population (estimates), with the national number length of each plan.
FIXED: dict[str, list[Start]] = {
    "GB": [
        ("20", 8, 9.0),
        ("121", 7, 2.5),
        ("161", 7, 2.5),
        ("113", 7, 1.5),
        ("141", 7, 1.5),
        ("131", 7, 1.0),
        ("117", 7, 1.0),
        ("29", 8, 1.0),
    ],
    "DE": [
        ("30", 8, 3.7),
        ("40", 8, 1.8),
        ("89", 8, 1.5),
        ("221", 7, 1.1),
        ("69", 8, 0.8),
        ("711", 7, 0.6),
        ("211", 7, 0.6),
        ("231", 7, 0.6),
    ],
    "FR": [("1", 8, 12.0), ("2", 8, 6.0), ("3", 8, 6.0), ("4", 8, 8.0), ("5", 8, 6.0)],
    "ES": [("91", 7, 6.6), ("93", 7, 5.6), ("96", 7, 2.5), ("95", 7, 1.9), ("94", 7, 1.1)],
    "IT": [
        ("02", 8, 3.2),
        ("06", 8, 4.3),
        ("011", 7, 2.2),
        ("081", 7, 3.0),
        ("051", 7, 1.0),
        ("055", 7, 1.0),
    ],
    "NL": [("20", 7, 1.5), ("10", 7, 1.3), ("70", 7, 1.0), ("30", 7, 0.7), ("40", 7, 0.6)],
    "PL": [
        ("22", 7, 3.0),
        ("12", 7, 1.5),
        ("71", 7, 1.2),
        ("61", 7, 1.0),
        ("58", 7, 1.0),
        ("42", 7, 1.0),
    ],
    "SE": [("8", 7, 2.4), ("31", 6, 1.0), ("40", 6, 0.7), ("18", 6, 0.4)],
    "JP": [
        ("3", 8, 14.0),
        ("6", 8, 8.8),
        ("52", 7, 2.3),
        ("45", 7, 3.8),
        ("92", 7, 1.6),
        ("11", 7, 1.9),
    ],
    "CN": [
        ("10", 8, 2.2),
        ("21", 8, 2.5),
        ("20", 8, 1.9),
        ("755", 8, 1.8),
        ("28", 8, 1.6),
        ("22", 8, 1.4),
    ],
    "KR": [("2", 8, 9.7), ("51", 7, 3.4), ("53", 7, 2.4), ("32", 7, 2.9), ("62", 7, 1.5)],
    "IN": [
        ("11", 8, 3.2),
        ("22", 8, 2.1),
        ("80", 8, 1.3),
        ("44", 8, 1.1),
        ("33", 8, 1.5),
        ("40", 8, 1.0),
    ],
    "AU": [("2", 8, 8.0), ("3", 8, 6.5), ("7", 8, 3.5), ("8", 8, 3.5)],
    "BR": [(ddd, 8, 4.0 if ddd == "11" else 1.0) for ddd in _BR_DDD],
    "AR": [("11", 8, 6.0), ("351", 7, 1.0), ("341", 7, 1.0), ("261", 7, 0.7), ("221", 7, 0.6)],
    "CO": [("601", 7, 4.0), ("604", 7, 2.0), ("602", 7, 1.5), ("605", 7, 1.2)],
    "CL": [("2", 8, 7.0), ("32", 7, 1.0), ("41", 7, 0.8)],
}
# countries where libphonenumber cannot tell mobiles from landlines in the mobile ranges
# (fixed-line-or-mobile numbers): those blocks serve both kinds
SHARED_KINDS = ("US", "CA", "MX", "CL")


@dataclass(frozen=True)
class Block:
    """One range of numbers: ``prefix`` then ``subscriber_digits`` digits.

    With ``skip_digits`` > 0, the first ``skip_digits`` subscriber digits never take the value
    ``skip_value`` (NANP N11 exchanges), so the block holds
    (10^skip_digits - 1) * 10^(rest) numbers.
    """

    country: str
    prefix: str
    subscriber_digits: int
    skip_digits: int
    skip_value: int
    weight: float
    national: str
    international: str

    @property
    def space(self) -> int:
        rest = self.subscriber_digits - self.skip_digits
        return (10**self.skip_digits - (1 if self.skip_digits else 0)) * 10**rest

    @property
    def half(self) -> int:
        """The low radix of the keyed permutation: space = (space // half) * half."""
        if self.skip_digits:
            return 10 ** (self.subscriber_digits - self.skip_digits)
        return 10 ** ((self.subscriber_digits + 1) // 2)


def subscriber(value: int, digits: int, skip_digits: int, skip_value: int) -> str:
    """The subscriber digits of the value-th number of a block (as the SQL writes them)."""
    if not skip_digits:
        return str(value).zfill(digits)
    rest = digits - skip_digits
    high, low = divmod(value, 10**rest)
    high += 1 if high >= skip_value else 0
    return str(high).zfill(skip_digits) + str(low).zfill(rest)


def _skip_for(country: str, prefix: str) -> tuple[int, int]:
    """NANP: after area code + N, the next two digits complete the exchange: never 11."""
    if country in NANP and len(prefix) == 4:
        return 2, 11
    if country in NANP and len(prefix) == 5 and prefix[4] == "1":
        return 1, 1
    return 0, 0


def _layout(fmt: object, nsn: str, rule: str | None) -> str | None:
    """The layout that writes ``nsn`` with format ``fmt`` (and national prefix rule)."""
    match = re.fullmatch(fmt.pattern, nsn)  # type: ignore[attr-defined]
    if match is None or match.lastindex is None:
        return None
    spans = [match.span(i) for i in range(1, match.lastindex + 1)]
    if spans[0][0] != 0 or spans[-1][1] != len(nsn):
        return None
    if any(a[1] != b[0] for a, b in itertools.pairwise(spans)):
        return None
    text = fmt.format  # type: ignore[attr-defined]
    if rule:
        first = re.search(r"\\\d", text)
        if first is None:
            return None
        text = text[: first.start()] + rule.replace("\\1", first.group(0)) + text[first.end() :]
    tokens = re.split(r"\\(\d)", text)
    literals, refs = tokens[0::2], [int(t) for t in tokens[1::2]]
    if refs != sorted(set(refs)) or len(spans) > MAX_GROUPS:
        return None
    pieces: list[str] = []
    used = 0
    for group, (start, end) in enumerate(spans, start=1):
        if used < len(refs) and refs[used] == group:
            pieces += [literals[used], str(end - start)]
            used += 1
        else:
            pieces += ["", str(start - end)]  # a group the format leaves out
    if used != len(refs) or any("|" in lit for lit in literals):
        return None
    return "|".join([*pieces, literals[used]])


def write(layout: str, nsn: str) -> str:
    """Apply a layout to an NSN (the SQL does the same with substr)."""
    parts = layout.split("|")
    out, at = [], 0
    for i in range(0, len(parts) - 1, 2):
        length = int(parts[i + 1])
        if length > 0:
            out += [parts[i], nsn[at : at + length]]
        at += abs(length)
    return "".join([*out, parts[-1]])


def _layouts(country: str, nsn: str) -> tuple[str, str] | None:
    """National and international layouts of one number, checked against libphonenumber."""
    meta = PhoneMetadata.metadata_for_region(country)
    number = phonenumbers.parse(f"+{meta.country_code}{nsn}")
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    lead = f"+{meta.country_code} "
    if not international.startswith(lead):
        return None
    if not meta.number_format:  # Canada writes its numbers as the NANP's main country does
        meta = PhoneMetadata.metadata_for_region(
            phonenumbers.region_code_for_country_code(meta.country_code)
        )
    found: list[str | None] = []
    for formats, want, rules in (
        (meta.number_format, national, ()),
        (meta.intl_number_format or meta.number_format, international[len(lead) :], (None,)),
    ):
        fmt = _util._choose_formatting_pattern_for_number(formats, nsn)
        if fmt is None:
            return None
        if not rules:
            rules = (fmt.national_prefix_formatting_rule, None)
        hit = None
        for rule in rules:
            layout = _layout(fmt, nsn, rule)
            if layout is not None and write(layout, nsn) == want:
                hit = layout
                break
        found.append(hit)
    if found[0] is None or found[1] is None:
        return None
    return found[0], found[1]


@functools.cache
def _patterns(
    country: str,
) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], re.Pattern[str], re.Pattern[str]]:
    """libphonenumber's own patterns for a country: all numbers, the types it tests before
    fixed lines and mobiles (so a match there is another kind), fixed lines, mobiles."""
    meta = PhoneMetadata.metadata_for_region(country)

    def compiled(desc: object) -> re.Pattern[str]:
        pattern = getattr(desc, "national_number_pattern", None) or "(?!)"
        return re.compile(pattern)

    others = tuple(
        compiled(getattr(meta, name))
        for name in ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
                     "pager", "uan", "voicemail")
    )  # fmt: skip
    return compiled(meta.general_desc), others, compiled(meta.fixed_line), compiled(meta.mobile)


def _valid(country: str, kinds: Sequence[str], nsn: str) -> bool:
    """libphonenumber's validity and type test, from its metadata patterns (50x faster than
    the library's full parse); `_check` compares both on every random sample."""
    general, others, fixed, mobile = _patterns(country)
    if not general.fullmatch(nsn) or any(p.fullmatch(nsn) for p in others):
        return False
    is_fixed, is_mobile = bool(fixed.fullmatch(nsn)), bool(mobile.fullmatch(nsn))
    return (is_mobile, is_fixed) == ("mobile" in kinds, "fixed" in kinds)


def _library_valid(country: str, kinds: Sequence[str], nsn: str) -> bool:
    number = phonenumbers.parse(f"+{phonenumbers.country_code_for_region(country)}{nsn}")
    if not phonenumbers.is_valid_number_for_region(number, country):
        return False
    # a block of one kind holds numbers of that kind only (no fixed-line-or-mobile ranges):
    # so blocks of different kinds never overlap
    wanted = {
        ("mobile",): PhoneNumberType.MOBILE,
        ("fixed",): PhoneNumberType.FIXED_LINE,
        ("mobile", "fixed"): PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }[tuple(kinds)]
    return phonenumbers.number_type(number) == wanted


def _check(country: str, kinds: Sequence[str], nsn: str) -> tuple[str, str] | None:
    valid = _library_valid(country, kinds, nsn)
    if valid != _valid(country, kinds, nsn):
        raise ValueError(f"{country} {nsn}: the pattern test disagrees with libphonenumber")
    return _layouts(country, nsn) if valid else None


def _grow(country: str, kinds: Sequence[str], start: Start) -> list[Block]:
    """Accepted blocks under one starting prefix, splitting where samples disagree."""
    prefix0, digits0, weight0 = start
    accepted: list[tuple[str, int, float, str, str]] = []

    def visit(prefix: str, digits: int, share: float) -> None:
        skip_digits, skip_value = _skip_for(country, prefix)
        rng = random.Random(zlib.crc32(f"{country}:{'/'.join(kinds)}:{prefix}:{digits}".encode()))
        probe = Block(country, prefix, digits, skip_digits, skip_value, 1.0, "", "")
        numbers = [
            prefix + subscriber(rng.randrange(probe.space), digits, skip_digits, skip_value)
            for _ in range(SAMPLES)
        ]
        # the library itself (validity and layouts) on the first samples, patterns on the rest
        checked = [_check(country, kinds, nsn) for nsn in numbers[:LIBRARY_SAMPLES]]
        valid = [r for r in checked if r is not None]
        valid_count = len(valid) + sum(_valid(country, kinds, n) for n in numbers[LIBRARY_SAMPLES:])
        if valid_count == SAMPLES and len(set(valid)) == 1:
            # random samples agree: check one number in every thousandth of the block, where
            # invalid sub-ranges (a few leading digits wide) would show
            step = probe.space // STRATA
            if all(
                _valid(
                    country,
                    kinds,
                    prefix
                    + subscriber(i * step + rng.randrange(step), digits, skip_digits, skip_value),
                )
                for i in range(STRATA)
            ):
                accepted.append((prefix, digits, share, *valid[0]))
                return
        if not valid_count or digits <= 4 or len(prefix) - len(prefix0) >= MAX_EXTRA_DIGITS:
            return
        for digit in "0123456789":
            visit(prefix + digit, digits - 1, share / 10)

    visit(prefix0, digits0, 1.0)
    total = sum(a[2] for a in accepted) or 1.0
    return [
        Block(
            country,
            prefix,
            digits,
            *_skip_for(country, prefix),
            weight0 * share / total,
            national,
            international,
        )
        for prefix, digits, share, national, international in accepted
    ]


def _nonoverlapping(blocks: Sequence[Block]) -> None:
    """No number may lie in two blocks of different ranges (it would get two owners)."""
    by_country: dict[str, list[Block]] = {}
    for block in blocks:
        by_country.setdefault(block.country, []).append(block)
    for country, items in by_country.items():
        ranges = sorted({(b.prefix, b.subscriber_digits) for b in items})
        for i, (p, n) in enumerate(ranges):
            for q, m in ranges[i + 1 :]:
                if len(p) + n == len(q) + m and (q.startswith(p) or p.startswith(q)):
                    raise ValueError(f"{country}: phone blocks {p}+{n} and {q}+{m} overlap")


ALL_COUNTRIES = tuple(sorted(set(MOBILE) | set(FIXED)))


def phone_block_rows(countries: Sequence[str] = ALL_COUNTRIES) -> list[tuple[object, ...]]:
    """Rows of phone_blocks.csv: country_code, kind, prefix, subscriber_digits, block_id,
    skip_digits, skip_value, space, half, weight, national_layout, international_layout.

    A block id is 1000 x (the country's place in ALL_COUNTRIES, from 1) + its number within
    the country, so one country's blocks can be rebuilt alone. Blocks that serve both kinds
    are listed twice (mobile and fixed) under one id: the SQL numbers both kinds' owners of a
    range together and never gives one number twice.
    """
    rows: list[tuple[object, ...]] = []
    for country in countries:
        mobile_kinds = ("mobile", "fixed") if country in SHARED_KINDS else ("mobile",)
        entries: list[tuple[tuple[str, ...], Block]] = []
        for kinds, starts in (
            (mobile_kinds, MOBILE[country]),
            (("fixed",), FIXED.get(country, [])),
        ):
            for start in starts:
                entries += [(kinds, b) for b in _grow(country, kinds, start)]
        _nonoverlapping([b for _, b in entries])
        if len(entries) >= 1000:
            raise ValueError(f"{country}: {len(entries)} phone blocks, at most 999 have ids")
        base = 1000 * (ALL_COUNTRIES.index(country) + 1)
        for number, (kinds, b) in enumerate(entries, start=1):
            for kind in kinds:
                rows.append((country, kind, b.prefix, b.subscriber_digits, base + number,
                             b.skip_digits, b.skip_value, b.space, b.half, b.weight, b.national,
                             b.international))  # fmt: skip
    return rows
