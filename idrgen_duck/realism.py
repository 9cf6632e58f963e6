"""Noise and edge-case rates: every rate of the generated data's imperfections, in one place.

The SQL templates read these through the render context (`noise`, `edge`). Each rate is a
share of a source's records unless it says otherwise. The README's "What's in the data"
section lists the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How a record's email can differ from the person's address, and whether lower-casing and
# trimming (what any IDR engine does) undo it. Gmail-style dot changes apply to gmail.com only.
EMAIL_VARIATIONS: dict[str, float] = {
    "email_case": 1.4,  # JOHN.DOE@gmail.com            recoverable (lower-case)
    "email_plus_tag": 1.0,  # john.doe+shop@gmail.com   recoverable only by stripping +tags
    "email_dot": 0.8,  # johndoe@gmail.com              recoverable only by gmail dot rules
    "email_typo_domain": 0.9,  # john.doe@gmial.com      not recoverable
    "email_typo_local": 0.6,  # jonh.doe@gmail.com      not recoverable
    "email_whitespace": 0.3,  # ' john.doe@gmail.com '  recoverable (trim)
}
EMAIL_VARIATION_RATE = 0.05  # the spec: low noise, ~5% typos/variations
# Providers that deliver local+tag@domain to local@domain (their help pages): elsewhere
# (Yahoo, QQ, 163, Naver, web.de, GMX, Orange...) a +tag address bounces, so nobody uses one.
_MICROSOFT = (
    "hotmail.co.jp hotmail.co.uk hotmail.com hotmail.com.ar hotmail.com.mx hotmail.de hotmail.es "
    "hotmail.fr hotmail.it hotmail.nl hotmail.se live.ca live.cl live.co.uk live.com live.com.ar "
    "live.com.au live.com.mx live.fr live.nl live.se outlook.com outlook.de outlook.es outlook.fr "
    "outlook.it outlook.jp"
).split()
PLUS_ADDRESSING = (
    "gmail.com",
    "googlemail.com",
    "icloud.com",
    "me.com",
    "proton.me",
    "protonmail.com",
    "fastmail.com",
    *_MICROSOFT,
)

# Names as a source stores them, apart from the canonical first/last.
NAME_VARIATIONS: dict[str, float] = {
    "name_nickname": 3.0,  # Robert -> Bob (en, es names with a known nickname)
    "name_initial": 1.5,  # J. / J
    "name_upper": 1.5,  # JOHN SMITH
    "name_lower": 1.0,  # john smith
    "name_ascii_folded": 2.0,  # José -> Jose, Müller -> Muller (only where it changes)
    "name_swapped": 1.0,  # first and last exchanged (CJK family-first habits, form errors)
}
NAME_VARIATION_RATE = 0.08


# How an order's shipping address can differ from the person's own (e-commerce only).
ADDRESS_VARIATIONS: dict[str, float] = {
    "address_variant": 3.0,  # the same address written differently ('Main St 12'): new hash
    "address_gift": 2.0,  # shipped to a friend who is not a customer: an address of its own
}
MOVED_SHARE = 0.08  # persons who moved: half of their orders go to their new address
ADDRESS_VARIATION_RATE = 0.05  # orders whose shipping address differs (ADDRESS_VARIATIONS)


@dataclass(frozen=True)
class NoiseRates:
    """The variations' overall rates (a profile's [noise]): what share of records write an
    email or a name differently (EMAIL_VARIATIONS, NAME_VARIATIONS), of orders ship to a
    variant or gift address, and of persons who moved."""

    email_variation: float = EMAIL_VARIATION_RATE
    name_variation: float = NAME_VARIATION_RATE
    address_variation: float = ADDRESS_VARIATION_RATE
    moved: float = MOVED_SHARE


NOISE_RATES = NoiseRates()

# Data-quality defects of non-key fields, as shares of records: (table, column) -> defect
# weights, 'none' being the clean case. Keys and identifiers are never touched here.
FIELD_DEFECTS: dict[tuple[str, str], dict[str, float]] = {
    ("crm", "city"): {"none": 94.5, "null": 1.5, "upper": 2.0, "spaces": 2.0},
    ("crm", "address_line1"): {"none": 96.0, "null": 2.0, "spaces": 2.0},
    ("loyalty", "last_name"): {"none": 99.0, "spaces": 1.0},
    ("ecom", "device_type"): {"none": 99.0, "null": 1.0},
    ("mobile", "app_version"): {"none": 99.5, "null": 0.5},
    ("survey", "completion_time_seconds"): {"none": 98.0, "null": 2.0},
}


@dataclass(frozen=True)
class SourceNoise:
    """How one source writes identifiers: formats it favours and how often values are bad."""

    phone_styles: dict[str, float] = field(default_factory=dict)  # empty: no phone column
    has_email: bool = True
    email_present: float = 1.0
    phone_present: float = 1.0
    junk_email: float = 0.003  # placeholder / junk emails (test@test.com, N/A, noreply@...)
    junk_phone: float = 0.003  # placeholder phones (0000000000, 000-00-0000, 1234567890)
    missing_as: str = "null"  # how the source stores "no value": 'null', 'empty', 'n/a'
    name_variations: bool = False
    phone_typed: bool = True  # people type the phone (typos), unless the device gives it


SOURCE_NOISE: dict[str, SourceNoise] = {
    # a CRM form stores one house style (national), with older records in others
    "crm": SourceNoise(
        phone_styles={"national": 55, "e164": 30, "international": 15},
        phone_present=0.92,
        name_variations=True,
    ),
    # web checkout: free text
    "ecom": SourceNoise(
        phone_styles={
            "e164": 30,
            "national": 25,
            "international": 15,
            "national_digits": 10,
            "dotted": 10,
            "digits_cc": 10,
        },
        phone_present=0.55,
        missing_as="empty",
    ),
    "loyalty": SourceNoise(
        phone_styles={"national": 50, "e164": 35, "international": 15},
        email_present=0.95,
        phone_present=0.9,
        name_variations=True,
        missing_as="empty",
    ),
    # the app stores what the OS gives it: E.164
    "mobile": SourceNoise(
        phone_styles={"e164": 100}, email_present=0.8, phone_present=0.5, phone_typed=False
    ),
    "pos": SourceNoise(has_email=False),  # identifiers: loyalty card and payment token only
    "survey": SourceNoise(email_present=0.95, junk_phone=0.0, missing_as="n/a"),
    "review": SourceNoise(email_present=0.85, junk_phone=0.0),
}

# Junk values real forms collect; the IDR metadata's exclusion list must catch every one of
# them after normalisation (see idr_metadata.EXCLUSIONS).
JUNK_EMAILS = {
    "test@test.com": 3,
    "none@none.com": 2,
    "noreply@example.com": 2,
    "no-reply@shop.com": 1,
    "N/A": 2,
}
JUNK_PHONES = {"0000000000": 3, "000-00-0000": 2, "1234567890": 2, "N/A": 1}


@dataclass(frozen=True)
class EdgeCases:
    """Shares of persons/households/records that carry the spec's edge cases."""

    employed_share: float = 0.15  # persons with a work address at a small company
    company_size: int = 40  # persons per company id (of whom ~15% are employed there)
    work_email_use: float = 0.25  # of an employee's e-commerce/review records: work address
    company_inbox_use: float = 0.06  # ... the company's shared inbox (orders@company.com)
    business_phone_use: float = 0.10  # ... the company's main line
    landline_share: float = 0.35  # households with a landline
    landline_use: float = 0.15  # of CRM/loyalty records of such households: the landline
    family_email_share: float = 0.25  # multi-person households with a family account
    family_email_use: float = 0.5  # of the e-commerce/survey/review records of its members
    disjoint_share: float = 0.03  # multi-source persons with a second identity in one source
    giant_cluster_records: int = 5_500  # e-commerce lines on one corporate email, at >= 1M
    giant_cluster_full_scale: int = 1_000_000  # below this scale the cluster shrinks in step

    def giant_cluster_size(self, scale: int) -> int:
        """Expected lines on the corporate email: 5,500 from 1M records up, proportionally
        fewer below, and always twice the EMAIL rule's limit at least, so an engine that
        applies the limit skips the cluster at every scale."""
        share = min(1.0, scale / self.giant_cluster_full_scale)
        return max(2 * email_group_limit(scale), round(self.giant_cluster_records * share))


@dataclass(frozen=True)
class IdentityChanges:
    """How persons' identifiers change during the history and how often records lack them: what
    makes matching hard for the right reasons (`--difficulty`). Shares of persons unless they
    say records. A person's identifiers change at one moment, drawn within the middle three
    fifths of their time as a customer (persons.changed_second); every record made before it
    (its own timestamp: registration, order, enrolment, install, submission) shows the old
    values, every later one the new."""

    email_changed: float = 0.0  # persons who moved to another personal address
    phone_changed: float = 0.0  # persons who took a new mobile number
    surname_changed: float = 0.0  # women who took a spouse's surname (SURNAME_TAKING countries)
    phone_typo: float = 0.0  # typed phones (CRM, e-commerce, loyalty): two digits swapped, one lost
    second_address: float = 0.0  # persons who also ship to a second address (work, holiday home)
    second_address_use: float = 0.3  # ... share of their orders shipped there
    name_address_only: float = 0.0  # CRM and loyalty records with name and address only
    device_rotated: float = 0.0  # app installs under a new device id (vendor apps all removed)
    token_rotated: float = 0.0  # orders and card baskets paid with a reissued card (new token)


# Movers per year: 4% change their main email address, 3-5% their mobile number where numbers
# port, more in prepaid markets; about 1% of adult women marry in a year and most take the
# spouse's surname where that is the custom (Pew 2023: 79% in the US); card numbers are reissued
# for about 7% of cards a year (loss, fraud); identifierForVendor changes when all of a vendor's
# apps are removed and one is installed again. Realistic is about five years of that; hard
# is two to three times as much; easy has none (every identifier stays as first written).
DIFFICULTY: dict[str, IdentityChanges] = {
    "easy": IdentityChanges(),
    "realistic": IdentityChanges(
        email_changed=0.16,
        phone_changed=0.14,
        surname_changed=0.05,
        phone_typo=0.02,
        second_address=0.10,
        name_address_only=0.04,
        device_rotated=0.15,
        token_rotated=0.10,
    ),
    "hard": IdentityChanges(
        email_changed=0.40,
        phone_changed=0.35,
        surname_changed=0.15,
        phone_typo=0.05,
        second_address=0.25,
        name_address_only=0.10,
        device_rotated=0.40,
        token_rotated=0.30,
    ),
}
DIFFICULTIES = tuple(DIFFICULTY)
DEFAULT_DIFFICULTY = "realistic"

# Where most women take a spouse's surname (legal custom): not ES, IT, FR (the legal name never
# changes), KR, CN (women keep theirs), the Spanish-speaking Americas, nor Quebec (fr_CA).
SURNAME_TAKING = ("US", "CA", "GB", "AU", "DE", "NL", "SE", "PL", "JP", "IN", "BR")


def email_group_limit(scale: int) -> int:
    """The EMAIL rule's max_group_size: a fixed policy of the emitted configuration, read from
    the dataset's size and never from its content. One mailbox may link at most one record in
    a thousand, between 50 and 1,000 records: far above one person's own records (a heavy
    buyer has 100-200 e-commerce lines at most), far below a shared corporate inbox."""
    return max(50, min(1_000, scale // 1_000))


EDGE = EdgeCases()

# Customers who signed up before the history starts: the shop has a customer base on day one,
# and grows from it (an estimate: retail customer bases grow by about a tenth a year, which
# this share and steady sign-ups over the five years of history give).
ESTABLISHED_SHARE = 0.55

# Store visits made abroad, at a store of another country (in its currency): cross-border
# card-present payments are a few percent of in-store card payments.
TRAVEL_SHARE = 0.02

# Cash share of in-store payments by number, per customer country (seeds/README.md "Money and
# time" lists the sources; "estimate" where no figure by number was found): the rest is paid
# by card or wallet.
CASH_SHARE: dict[str, float] = {
    "US": 0.16,  # Fed Diary of Consumer Payment Choice: 16% of payments (2023), 14% (2024)
    "CA": 0.20,  # Bank of Canada: ~20% of in-store purchases (2024)
    "GB": 0.12,  # UK Finance: 12% of all payments (2023), 9% (2024)
    "AU": 0.16,  # RBA: 16% of in-person payments (2022)
    "SE": 0.08,  # Riksbank: 9% paid their last purchase in cash (2020); falling
    "DE": 0.53,  # ECB SPACE 2024, POS transactions by number
    "FR": 0.43,
    "ES": 0.57,
    "IT": 0.61,
    "NL": 0.22,
    "PL": 0.35,  # NBP payment diary 46% (2020), 31% self-reported (2025)
    "JP": 0.55,  # estimate: cash is 51% of in-store spending by value (METI 2024)
    "KR": 0.16,  # Bank of Korea: 15.9% in physical stores (2024)
    "CN": 0.12,  # estimate: under 10% of in-store value since 2022 (Worldpay)
    "IN": 0.50,  # estimate: 52-60% of consumer spending by value (RBI 2024)
    "MX": 0.65,  # estimate: 85% of adults pay small purchases in cash (ENIF 2024)
    "BR": 0.30,  # estimate: 40.5% of diary payments incl. person to person (BCB 2023)
    "AR": 0.40,  # estimate: 17% of supermarket sales value (INDEC 2024); more by number
    "CO": 0.75,  # Banco de la Republica: 78% of everyday payments by number (2024)
    "CL": 0.40,  # estimate
}

# App sessions per week of an app user while active: log-normal with median 1.2 and sigma 1.2
# (mean about 2.5 a week, 11 a month: retail apps averaged 11-17 opens per user a month,
# Localytics 2015-2016).
APP_SESSIONS_PER_WEEK_MEDIAN = 1.2
APP_SESSIONS_SIGMA = 1.2

# Which sources write a shared identifier instead of the person's own, in the order the
# decisions try them: kind (the tag) -> (sources, the person's column, EdgeCases rate field,
# random stream).
SHARED_EMAILS: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "email_shared_family": (
        ("ecom", "survey", "review"),
        "family_email",
        "family_email_use",
        "family_email",
    ),
    "email_shared_company": (("ecom",), "company_email", "company_inbox_use", "company_inbox"),
    "email_work": (("crm", "ecom", "loyalty"), "work_email", "work_email_use", "work_email"),
}
SHARED_PHONES: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "phone_shared_household": (("crm", "loyalty"), "landline_nsn", "landline_use", "landline"),
    "phone_shared_business": (("ecom",), "business_nsn", "business_phone_use", "business_phone"),
}
GIANT_CLUSTER_EMAIL = "procurement@globex-holdings.com"


def template_globals(
    scale: int,
    persons: int,
    ecom_records: int,
    changes: IdentityChanges,
    edge: EdgeCases,
    noise: dict[str, SourceNoise],
    rates: NoiseRates = NOISE_RATES,
) -> dict[str, object]:
    """Everything above, as the names the SQL macros use, with a profile's identity changes,
    edge cases, source noise and variation rates (profile.Profile)."""
    return {
        "changes": changes,
        "surname_taking": SURNAME_TAKING,
        "noise": noise,
        "edge": edge,
        "shared_emails": SHARED_EMAILS,
        "shared_phones": SHARED_PHONES,
        "email_variations": EMAIL_VARIATIONS,
        "email_variation_rate": rates.email_variation,
        "plus_addressing": PLUS_ADDRESSING,
        "name_variations": NAME_VARIATIONS,
        "name_variation_rate": rates.name_variation,
        "junk_emails": JUNK_EMAILS,
        "junk_phones": JUNK_PHONES,
        "giant_cluster_email": GIANT_CLUSTER_EMAIL,
        "giant_cluster_rate": edge.giant_cluster_size(scale) / max(ecom_records, 1),
        "n_companies": max(3, persons // edge.company_size),
        "time_profiles": TIME_PROFILES,
        "address_variations": ADDRESS_VARIATIONS,
        "address_variation_rate": rates.address_variation,
        "moved_share": rates.moved,
        "field_defects": FIELD_DEFECTS,
        "established_share": ESTABLISHED_SHARE,
        "travel_share": TRAVEL_SHARE,
        "cash_share": CASH_SHARE,
        "app_sessions_median": APP_SESSIONS_PER_WEEK_MEDIAN,
        "app_sessions_sigma": APP_SESSIONS_SIGMA,
    }


@dataclass(frozen=True)
class TimeProfile:
    """When events happen (sql/macros/calendar.sql).

    weekdays: weight per day offset from Monday (0) to Sunday (6).
    dayparts: weight per starting hour of a `daypart_hours`-long slot (local time).
    season_share: events moved to November-December; 0.048 lifts those months' daily rate
    about 30% above the rest of the year.
    """

    weekdays: dict[int, float]
    dayparts: dict[int, float]
    daypart_hours: int = 2
    season_share: float = 0.048


TIME_PROFILES = {
    # online: 60% on the 5 weekdays, 40% on the weekend; a lunch peak and the day's peak at
    # 20-22h (Worldpay: 16% of online orders at 06-12h, 30% at 12-18h, 44% at 18-24h); online
    # sign-ups follow the same hours
    "online": TimeProfile(
        weekdays={0: 12, 1: 12, 2: 12, 3: 12, 4: 12, 5: 20, 6: 20},
        dayparts={
            0: 4.4,
            2: 2.0,
            4: 1.6,
            6: 2.8,
            8: 6.2,
            10: 9.0,
            12: 10.5,
            14: 9.8,
            16: 9.7,
            18: 12.8,
            20: 17.0,
            22: 14.2,
        },
    ),
    # in store: opening hours, busiest on Saturday
    "store": TimeProfile(
        weekdays={0: 12, 1: 12, 2: 12, 3: 13, 4: 16, 5: 21, 6: 14},
        dayparts={8: 6, 10: 14, 12: 20, 14: 15, 16: 17, 18: 18, 20: 10},
    ),
}
