"""Profiles: the tunables of a run, as TOML, changed without editing SQL.

It covers the rates of realism.py: how identities change over the history (`[changes]`,
the `--difficulty` preset's values), the spec's edge cases (`[edge]`), how each source fills
its identifiers (`[noise.<source>]`); and the dataset's proportions of plan.Shape: records
per source, CRM overlaps, tiers, products, the history's dates, regions and countries.
`idrgen-duck profile show` prints them as a valid, commented profile; `run --profile FILE`
and `--set section.key=value` (repeatable, after the file) override them. A key is checked
before any work: an unknown one is refused with the keys of its section, a value out of range
with the range.

What the templates read is `Profile.changes()`, `.edge()` and `.noise()`, and the plan's
Shape (plan.Shape.of the same overrides); the report records the effective values, so
`run --from-report` regenerates the same data. A combination no identity graph can meet is
refused by Shape.check(), naming the feasible values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib


from idrgen_duck.config import ConfigError
from idrgen_duck.plan import Shape
from idrgen_duck.realism import (
    DEFAULT_DIFFICULTY,
    DIFFICULTY,
    EDGE,
    NOISE_RATES,
    SOURCE_NOISE,
    EdgeCases,
    IdentityChanges,
    NoiseRates,
    SourceNoise,
)

Value = float | int | str  # str: a date, as ISO text
Overrides = tuple[tuple[str, Value], ...]

# The numeric fields of a source's noise that a profile may set (the others are formats), for
# the sources that have an email, or a phone, column: a key must move what it names.
EMAIL_NOISE = ("email_present", "junk_email")
PHONE_NOISE = ("phone_present", "junk_phone")
# Integer keys and their least value, date keys, weight keys (any number >= 0); every other
# key is a share from 0 to 1.
INTEGER_MINIMUMS = {
    "edge.company_size": 2,
    "edge.giant_cluster_records": 0,
    "edge.giant_cluster_full_scale": 1,
    "products.per_million_records": 1,
    "products.minimum": 1,
}
DATE_SECTIONS = ("dates",)
WEIGHT_SECTIONS = ("countries",)
# A comment above each section of `profile show`.
SECTION_NOTES = {
    "changes": "how identities change over the history (the --difficulty preset's values)",
    "edge": "the spec's edge cases: shares of persons, households or records, and sizes",
    "noise": "variations: emails and names written differently, orders to a variant or gift "
    "address, persons who moved",
    "sources": "each source's share of --scale's records (they add up to 1)",
    "crm_overlap": "share of each source's records whose person is also in CRM",
    "tiers": "shares of persons by how many sources hold them (they add up to 1)",
    "products": "products in the catalogue: per million records, and the least number",
    "dates": "the history's first and last day",
    "regions": "where persons live (they add up to 1)",
    "countries": "each country's weight within its region",
}


def _numeric_fields(instance: object, names: tuple[str, ...] | None = None) -> dict[str, Value]:
    """The int and float fields of a dataclass instance (all, or those in `names`)."""
    fields = dataclasses.fields(instance)  # type: ignore[arg-type]
    return {
        f.name: getattr(instance, f.name)
        for f in fields
        if (names is None or f.name in names)
        and isinstance(getattr(instance, f.name), int | float)
        and not isinstance(getattr(instance, f.name), bool)
    }


def defaults(difficulty: str = DEFAULT_DIFFICULTY) -> dict[str, dict[str, Value]]:
    """Every settable key's default, by section."""
    sections = {
        "changes": _numeric_fields(DIFFICULTY[difficulty]),
        "edge": _numeric_fields(EDGE),
        "noise": _numeric_fields(NOISE_RATES),
    }
    for source, noise in SOURCE_NOISE.items():
        names = EMAIL_NOISE if noise.has_email else ()
        names += PHONE_NOISE if noise.phone_styles else ()
        if names:
            sections[f"noise.{source}"] = _numeric_fields(noise, names)
    return sections | Shape.defaults()


def checked(key: str, value: object) -> Value:
    """A value for `key` ('section.name'), or one line naming what is wrong."""
    section, _, name = key.rpartition(".")
    known = defaults()
    if section not in known:
        raise ConfigError(
            f"--set: {key!r}: no section {section!r}; sections: {', '.join(sorted(known))}"
        )
    if name not in known[section]:
        raise ConfigError(
            f"--set: {key!r}: no key {name!r} in [{section}]; keys: "
            f"{', '.join(sorted(known[section]))}"
        )
    if key in INTEGER_MINIMUMS:
        least = INTEGER_MINIMUMS[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ConfigError(f"--set: {key} = {value!r}: must be a whole number >= {least}")
        return value
    if section in DATE_SECTIONS:
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(f"--set: {key} = {value!r}: must be a date (2021-01-01)") from None
        return day.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"--set: {key} = {value!r}: must be a number")
    if section in WEIGHT_SECTIONS:
        if value < 0:
            raise ConfigError(f"--set: {key} = {value!r}: must be a weight >= 0")
        return float(value)
    if not 0 <= value <= 1:
        raise ConfigError(f"--set: {key} = {value!r}: must be a share from 0 to 1")
    return float(value)


def parse(profile_file: Path | None, sets: list[str]) -> tuple[str | None, Overrides]:
    """The difficulty of a profile file (None if it names none), and its overrides, then
    those of each `--set key=value`, checked."""
    values: dict[str, Value] = {}
    difficulty = None
    if profile_file is not None:
        try:
            document = tomllib.loads(profile_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"--profile: {profile_file} cannot be read ({error})") from None
        difficulty = document.pop("difficulty", None)
        if difficulty is not None and difficulty not in DIFFICULTY:
            raise ConfigError(
                f"--profile: difficulty {difficulty!r} is not one of {', '.join(DIFFICULTY)}"
            )
        for key, value in _flattened(document):
            values[key] = checked(key, value)
    for text in sets:
        key, equals, literal = text.partition("=")
        if not equals:
            raise ConfigError(f"--set: {text!r} is not key=value (e.g. changes.phone_typo=0.05)")
        try:
            value = tomllib.loads(f"v = {literal.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            raise ConfigError(f"--set: {text!r}: {literal!r} is not a number or date") from None
        values[key.strip()] = checked(key.strip(), value)
    overrides = tuple(sorted(values.items()))
    Shape.of(overrides).check()  # the proportions together: what no identity graph can meet
    return difficulty, overrides


def _flattened(document: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    """('section.key', value) of a TOML document, nested tables joined by dots."""
    pairs: list[tuple[str, object]] = []
    for key, value in document.items():
        if isinstance(value, dict):
            pairs += _flattened(value, f"{prefix}{key}.")
        else:
            pairs.append((f"{prefix}{key}", value))
    return pairs


@dataclass(frozen=True)
class Profile:
    """A difficulty preset with overrides: what the templates read."""

    difficulty: str = DEFAULT_DIFFICULTY
    overrides: Overrides = ()

    def _section(self, section: str) -> dict[str, Value]:
        return {
            k.rpartition(".")[2]: v for k, v in self.overrides if k.rpartition(".")[0] == section
        }

    def changes(self) -> IdentityChanges:
        return dataclasses.replace(DIFFICULTY[self.difficulty], **self._section("changes"))

    def edge(self) -> EdgeCases:
        return dataclasses.replace(EDGE, **self._section("edge"))

    def noise_rates(self) -> NoiseRates:
        return dataclasses.replace(NOISE_RATES, **self._section("noise"))

    def noise(self) -> dict[str, SourceNoise]:
        return {
            source: dataclasses.replace(noise, **self._section(f"noise.{source}"))
            for source, noise in SOURCE_NOISE.items()
        }

    def values(self) -> dict[str, Value]:
        """Every key's effective value ('section.key': value): what the report records."""
        effective = {
            f"{section}.{name}": value
            for section, values in defaults(self.difficulty).items()
            for name, value in values.items()
        }
        return effective | dict(self.overrides)

    def digest(self) -> str:
        """A short hash of the effective values: equal for equal profiles however given."""
        text = json.dumps([self.difficulty, sorted(self.values().items())])
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def toml(difficulty: str = DEFAULT_DIFFICULTY, overrides: Overrides = ()) -> str:
    """The effective profile as TOML, every key with its value (`profile show`)."""
    effective = defaults(difficulty)
    for key, value in overrides:
        section, _, name = key.rpartition(".")
        effective[section][name] = value
    lines = [
        "# idrgen-duck profile: every key below can be changed (run --profile FILE, or",
        "# --set section.key=value). Shares are from 0 to 1; see idrgen_duck/realism.py.",
        f'difficulty = "{difficulty}"  # the preset of [changes]; --difficulty chooses it',
    ]
    for section, values in effective.items():
        note = SECTION_NOTES.get(section)
        if section.startswith("noise."):
            note = "how this source fills its identifiers: present, or junk (test@test.com)"
        lines += ["", f"# {note}", f"[{section}]"]
        # a date is a bare TOML date; numbers as Python writes them, which TOML reads
        lines += [f"{name} = {value}" for name, value in values.items()]
    return "\n".join(lines) + "\n"
