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


@dataclass(frozen=True)
class SourceNoise:
    """How one source writes identifiers: formats it favours and how often values are bad."""

    phone_styles: dict[str, float] = field(default_factory=dict)
    email_present: float = 1.0
    phone_present: float = 1.0
    junk_email: float = 0.003  # placeholder / junk emails (test@test.com, N/A, noreply@...)
    junk_phone: float = 0.003  # placeholder phones (0000000000, 000-00-0000, 1234567890)
    missing_as: str = "null"  # how the source stores "no value": 'null', 'empty', 'n/a'
    name_variations: bool = False


SOURCE_NOISE: dict[str, SourceNoise] = {
    # a CRM form stores one house style (national), with older records in others
    "crm": SourceNoise(
        phone_styles={"national": 55, "e164": 30, "spaced": 15},
        phone_present=0.92,
        name_variations=True,
    ),
    # web checkout: free text
    "ecom": SourceNoise(
        phone_styles={"e164": 30, "national": 25, "spaced": 15, "dashed": 10, "paren": 10,
                      "digits_cc": 10},
        phone_present=0.55,
        missing_as="empty",
    ),
    "loyalty": SourceNoise(
        phone_styles={"national": 50, "e164": 35, "spaced": 15},
        email_present=0.95,
        phone_present=0.9,
        name_variations=True,
        missing_as="empty",
    ),
    # the app stores what the OS gives it: E.164
    "mobile": SourceNoise(phone_styles={"e164": 100}, email_present=0.8, phone_present=0.5),
    "pos": SourceNoise(junk_email=0.0, junk_phone=0.0),
    "survey": SourceNoise(email_present=0.95, junk_phone=0.0, missing_as="n/a"),
    "review": SourceNoise(email_present=0.85, junk_phone=0.0),
}

# Junk values real forms collect; the IDR metadata's exclusion list must catch every one of
# them after normalisation (see idr_metadata.EXCLUSIONS).
JUNK_EMAILS = ("test@test.com", "none@none.com", "noreply@example.com", "N/A", "no-reply@shop.com")
JUNK_PHONES = ("0000000000", "000-00-0000", "1234567890", "N/A")
