"""Recombined tails of the name pools: names built the way each language builds them.

Where the licensed lists hold a few hundred names and the real population hundreds of
thousands, every listed name would carry far too large a share of the tail (seed_names.py
explains the pool model). The functions here lengthen those pools with names made from the
listed names' own parts: stems split off the listed names, joined again to the endings,
particles or second elements that the same lists show, or for Korean and Chinese given
names, syllables and characters recombined. Each rule says which pattern of the language it
follows. Build time only, like seed_names.py: pure data and string arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def korean_recombined(names: Sequence[str], other: Sequence[str], gender: str) -> list[str]:
    """Two-syllable given names recombined from the syllables of the listed ones.

    Korean given names are, with few exceptions, a free pair of Sino-Korean syllables. The
    second syllable carries most of a name's sex (숙, 자, 희 against 수, 호, 식), so it comes
    from the names of this sex (``names``) and KO_SECONDS, never from those of the other sex
    (``other``); the first may be any first syllable of either list or of KO_FIRSTS.
    """
    sex_other = "M" if gender == "F" else "F"
    listed = {n[1] for n in names if len(n) == 2}
    listed_other = {n[1] for n in other if len(n) == 2}
    seconds = list(KO_SECONDS[gender]) + sorted(listed - listed_other - set(KO_SECONDS[sex_other]))
    firsts = list(
        dict.fromkeys([n[0] for n in list(names) + list(other) if len(n) == 2] + list(KO_FIRSTS))
    )
    return [a + b for a in firsts for b in dict.fromkeys(seconds) if a != b]


def chinese_recombined(names: Sequence[str], other: Sequence[str], gender: str) -> list[str]:
    """Given names recombined from the characters of the listed ones: one or two characters.

    The last character is one that marks this sex: a character of this sex's list or of
    ZH_MORE, and of neither for the other sex, so that the two pools share no name (小,
    "little", only opens a name). The first may also be one of ZH_FIRST_BOTH. Women's names
    may double a character (婷婷, 丹丹).
    """
    sex_other = "M" if gender == "F" else "F"
    mine = dict.fromkeys("".join(names) + ZH_MORE[gender])
    theirs = set("".join(other) + ZH_MORE[sex_other])
    lasts = [ch for ch in mine if ch not in theirs and ch != "小"]
    firsts = list(dict.fromkeys(lasts + list(ZH_FIRST_BOTH)))
    out = lasts + [a + b for a in firsts for b in lasts if a != b]
    if gender == "F":
        out += [ch + ch for ch in lasts]
    return out


# ---------------------------------------------------------------------------------------------
# Recombined tails
# ---------------------------------------------------------------------------------------------
#
# Where the licensed lists hold a few hundred names and the real population hundreds of
# thousands, every listed name would carry far too large a share of the tail. The pools below
# are lengthened with names built the way the language builds them: stems split off the listed
# names (and given names), joined again to the endings, particles or second elements that the
# same lists show. They are constructed names standing in for the real tail: many are real
# names, the others are plausible ones, and all of them rank after the listed names (Pool.built).
# France's tail also borrows the real names of the lists of its other languages and
# immigrations (see FRANCE_OTHER_LOCALES).


def _split_stems(names: Iterable[str], endings: Sequence[str]) -> dict[str, str]:
    """{stem: ending split off}: the longest known ending of each name, first name first."""
    ordered = sorted(dict.fromkeys(endings), key=lambda e: (-len(e), e))
    out: dict[str, str] = {}
    for name in names:
        for ending in ordered:
            if name.endswith(ending) and len(name) > len(ending):
                out.setdefault(name[: -len(ending)], ending)
                break
    return out


def _has_triple(word: str) -> bool:
    return re.search(r"(.)\1\1", word.lower()) is not None


# German: most family names are a first element (a place word, a field name, a trade, a
# given name) joined to the second element of a place (-bach, -berg, -stein, -feld, -haus,
# -kamp) or to the suffix that makes "a person from, of or at" it (-er, -ner, -inger, -mann,
# -berger, -hofer, -bauer, -huber, -meier, -brunner, -egger, -leitner): Steinbach,
# Steinbacher, Steinberger, Steinhofer, Steinmann. The first elements are the listed names
# with a known compound element split off (Steinbauer → Stein, Rettenbacher → Retten,
# Eichenberger → Eichen, Holzinger → Holz) and the short listed names that are themselves
# one word (Lang, Fuchs, Roth); recombined, they give names of the same make. A name cut
# before a bare -er (Schuster → Schust) is no word and gives no first element.
DE_ELEMENTS = (
    "mann", "er", "ner", "berger", "meier", "mayer", "maier", "bauer", "hofer", "huber",
    "inger", "hardt", "bach", "bacher", "berg", "stein", "feld", "haus", "hauser", "brunner",
    "kamp", "egger", "leitner", "gruber", "thaler", "wieser", "rieder", "moser", "dorf",
    "burger", "hof", "reiter", "lechner", "eder", "holz", "wald", "brand", "müller", "schmid",
    "hammer", "steiner", "felder", "kemper", "bichler", "mair",
)  # fmt: skip
DE_SPLIT = (
    *(e for e in DE_ELEMENTS if e not in ("er", "ner")),
    "meyer", "mayr", "hart", "burg", "egg", "böck", "lehner", "ecker", "acher", "seder",
    "baur", "maier", "meister", "schneider", "wimmer", "stätter", "stetter", "hammer",
)  # fmt: skip
_DE_STEM = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{2,8}$")
_DE_WORD = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]*[aeiouäöü][a-zäöüß]*[bcdfghklmnprstzß]$")


# Elements that a given name takes (Petermann, Hansmeier, Jakobsbauer is the genitive);
# place elements after a given name (Simonbach) are not German.
DE_GIVEN_ELEMENTS = ("mann", "meier", "mayer", "bauer", "huber", "müller")


def german_recombined(
    surnames: Sequence[str], given: Iterable[str] = (), foreign: Iterable[str] = ()
) -> list[str]:
    """German family names: first elements and second elements recombined.

    ``given`` are German given names (first elements that take only the elements of
    DE_GIVEN_ELEMENTS); ``foreign`` are names of other languages' lists that the German lists
    also hold (Santos, Yilmaz), which give no first element. The joins German avoids are left
    out: a triple or doubled letter at the join, an element twice (Bergberger), -er or -ner
    after a vowel or after -el, -en, -er (where German writes -ler, -ner, and the -er forms
    such as Bauer are the listed ones), -ner after n, l or r.
    """
    skip = set(foreign)
    names = [n for n in dict.fromkeys(surnames) if n not in skip]
    given_names = set(given)
    stems = [s for s in _split_stems(names, DE_SPLIT) if _DE_STEM.match(s) and _DE_WORD.match(s)]
    stems += [
        n
        for n in names
        if 3 <= len(n) <= 6 and _DE_WORD.match(n) and not n.endswith(("er", "el", "en"))
    ]
    out: list[str] = []
    for stem in dict.fromkeys(stems):
        low = stem.lower()
        elements = DE_GIVEN_ELEMENTS if stem in given_names else DE_ELEMENTS
        for element in elements:
            if element in ("er", "ner") and (
                low[-1] in "aeiouäöüy" or low.endswith(("el", "en", "er"))
            ):
                continue
            if element == "ner" and low[-1] in "nlr":
                continue
            if element.startswith("er") and low.endswith("er"):
                continue
            if element[:3] in low or low[-3:] in element or low[-1] == element[0]:
                continue
            word = stem + element
            if not _has_triple(word) and len(word) <= 15:
                out.append(word)
    return out


# Dutch: most family names name a place, and Dutch place names are compounds of a first
# element (a plant, an animal, a direction, a person, an older place) and a topographic noun
# (-veld, -berg, -dijk, -hoven, -huizen, -broek, -horst, -veen, -beek): Veenendaal,
# Broekhoven, Oostendorp. Family names carry them bare or after "van" (van Duivenvoorde).
# Recombined: the first elements split off the listed compound names, with each topographic
# noun, bare or with "van". The simple nouns that the listed names carry with an article
# (van de Velde, van den Broek, van der Heijden, ter Horst) take each article, the fused
# "ver-" of "van der" (Verbeek, Vermeulen) and "-man", "a man of that place" (Brinkman,
# Bosman); the short ones the Frisian "-stra" (Dijkstra, Hoekstra). Patronymics add -s,
# -sen or -se to a father's name (Jansen, Pieters, Willemse); the fathers' names are the
# ones the listed patronymics show. Particles stay lower case, as in the list.
NL_NOUNS = (
    "veld", "velde", "berg", "bergen", "dijk", "dam", "huis", "huizen", "hof", "hoven", "hout",
    "horst", "beek", "broek", "brink", "bosch", "burg", "daal", "donk", "dorp", "drecht",
    "gaard", "heide", "heuvel", "hoek", "kamp", "kerk", "land", "laar", "loo", "meer",
    "molen", "rode", "sloot", "veen", "vliet", "voort", "voorde", "waard", "wijk", "woude",
    "zand", "zijl", "water", "wal", "schoten", "hoeve", "stein", "weerd", "camp", "lo",
)  # fmt: skip
_NL_WORD = re.compile(r"^[A-Z][a-z]*[aeiouy][a-z]*$")


# Places outside the Dutch-speaking lands among the listed "van" names (medieval nobility).
NL_NOT_DUTCH = frozenset({"Saksen", "Beieren", "Zwaben", "Engelen", "Bovenen", "Salmen"})
_NL_PLAIN = re.compile(r"^[A-Z](?:[a-bd-z]|ch|ck)*[aeiouy](?:[a-bd-z]|ch|ck)*$")


def _dutch_parts(surnames: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(first elements of compounds, nouns carried with an article, fathers' names).

    First elements are what is left of a listed one-word name (or of the place after "van")
    when a topographic noun is split off, the place names after "van" themselves (van Amstel
    → Amstelveen, a real place), and the simple nouns.
    """
    firsts: list[str] = []
    nouns: list[str] = []
    fathers: list[str] = []
    for name in surnames:
        match = re.fullmatch(r"(?:van (?:de|den|der|het|'t) |ter |ten )([A-Z][a-z]+)", name)
        if match:
            if _NL_PLAIN.match(match.group(1)) and len(match.group(1)) <= 7:
                nouns.append(match.group(1))
            continue
        word = name[4:] if name.startswith("van ") else name
        if not _NL_PLAIN.match(word) or word.startswith(("Van", "Ver")):
            continue
        split = False
        for noun in sorted(NL_NOUNS, key=len, reverse=True):
            first = word[: -len(noun)]
            if word.endswith(noun) and 3 <= len(first) <= 8 and _NL_PLAIN.match(first):
                firsts.append(first)
                split = True
                break
        if (
            not split
            and name.startswith("van ")
            and 4 <= len(word) <= 7
            and word.endswith(("el", "um", "ert", "en"))
            and word not in NL_NOT_DUTCH
        ):
            firsts.append(word)
        patronymic = re.fullmatch(r"([A-Z][a-z]+?)(?:ssen|sen|se|s|sz)", word)
        if patronymic and 3 <= len(patronymic.group(1)) <= 8:
            fathers.append(patronymic.group(1))
    firsts += nouns
    return list(dict.fromkeys(firsts)), list(dict.fromkeys(nouns)), list(dict.fromkeys(fathers))


def dutch_recombined(surnames: Sequence[str], given_male: Iterable[str]) -> list[str]:
    """Dutch family names: place compounds, nouns with their article, patronymics."""
    firsts, nouns, fathers = _dutch_parts(dict.fromkeys(surnames))
    given = set(given_male)
    out: list[str] = []
    for first in firsts:
        low = first.lower()
        for noun in NL_NOUNS:
            if low[-1] == noun[0] or noun[:3] in low or len(first) + len(noun) > 14:
                continue
            word = first + noun
            if not _has_triple(word):
                out += [word, "van " + word]
    for noun in dict.fromkeys(nouns + [n.capitalize() for n in NL_NOUNS if len(n) >= 4]):
        low = noun.lower()
        out += [f"van de {noun}", f"van der {noun}", f"van den {noun}", f"ter {noun}"]
        out += [f"ten {noun}", "Ver" + low, noun + "man"]
        if len(noun) <= 4:
            out.append(noun + "stra")
    for father in fathers:
        if father in given:
            out += [father + "s", father + "sen", father + "se"]
    return out


# Polish: family names are a stem (a given name, a trade, a nickname, a place) with the
# suffixes that make "son of" or "small" (-ak, -iak, -ek, -ik, -yk, -czyk, -czak, -czuk, the
# eastern -uk), "son of" in the older and eastern form (-owicz, -ewicz, -iewicz) or an
# adjective of a place or family (-ski, -owski, -ewski, -iński; -cki, -dzki), or both
# (-owiak, Greater Poland: Bartkowiak, Jankowiak): Kowal → Kowalski, Kowalewski, Kowalczyk,
# Kowalczuk, Kowalik, Kowalak. Which suffix a stem takes, and how it is written, follows its
# last consonant, as in the language: -owski, -owicz after a hard
# consonant (Adamowski), -ewski, -ewicz after a soft or hardened one (Tomaszewski,
# Maciejewicz, Kowalewski), -iewicz after k and g (Jankiewicz), -iak after a labial or n
# (Jakubiak, Marciniak), -yk after cz, sz, rz, ż (Pietrzyk), -ski straight after l, r, m and
# n written ń (Kamiński). The adjectival names are listed in their masculine form: the SQL
# gives women the -ska, -cka, -dzka form. Stems come from the listed surnames, their suffix
# split off, and from the ones that are themselves a stem (Nowak → Nowakowski).
PL_SUFFIXES: dict[str, tuple[str, ...]] = {
    # last consonant of the stem → suffixes it takes
    "labial": (
        "iak", "ek", "ik", "owski", "owicz", "czyk", "czak", "czuk", "ski", "iuk", "owiak",
        "iński",
    ),
    "n": ("iak", "ek", "ik", "owski", "owicz", "czyk", "czak", "czuk", "ski", "iuk", "owiak"),
    "dental": ("ak", "ek", "owski", "owicz", "czak", "uk", "owiak"),
    "ł": ("ek", "owski", "owicz", "owiak"),
    "r": ("ak", "ek", "owski", "owicz", "czak", "ski", "uk", "owiak"),
    "s": ("ak", "iak", "ik", "ek", "owski", "owicz", "iuk"),
    "l": ("ak", "ik", "ek", "ski", "ewski", "ewicz", "czyk", "czak", "czuk", "uk", "iński"),
    "j": ("ek", "ewski", "ewicz", "czyk", "czak", "czuk"),
    "hushing": ("ak", "yk", "ek", "ewski", "ewicz", "uk"),
    "c": ("ak", "ewski", "ewicz", "uk"),
    "velar": ("owski", "iewicz", "owiak"),
    "ch": ("owski", "owicz", "owiak"),
}  # fmt: skip
PL_ENDINGS = (
    "owski", "ewski", "iewicz", "ewicz", "owicz", "czyk", "czak", "czuk", "ski", "cki", "iak",
    "ak", "ik", "yk", "ek", "uk", "ka", "ko", "ec", "a",
)  # fmt: skip
_PL_STEM = re.compile(r"^[A-ZŁŚŻŹĆ][a-ząćęłńóśźż]*[aeiouyąęó][a-ząćęłńóśźż]*$")


def _polish_class(stem: str) -> str:
    """The class of the stem's last consonant ('' where no suffix is taken)."""
    for ending, kind in (
        ("cz", "hushing"), ("sz", "hushing"), ("rz", "hushing"), ("ż", "hushing"),
        ("ch", "ch"), ("dz", ""),
    ):  # fmt: skip
        if stem.endswith(ending):
            return kind
    last = stem[-1]
    kinds = {"b": "labial", "p": "labial", "m": "labial", "w": "labial", "f": "labial"}
    kinds.update({"d": "dental", "t": "dental", "ł": "ł", "z": "dental"})
    kinds.update({"n": "n", "r": "r", "s": "s", "l": "l", "j": "j", "c": "c"})
    kinds.update({"k": "velar", "g": "velar"})
    return kinds.get(last, "")


def _polish_join(stem: str, suffix: str) -> str:
    """stem + suffix as Polish writes it: n is ń before a consonant (Kamiński, Stańczak);
    the mobile e of -ek, -eł, -el drops before a vowel (Dudek → Dudkowski, Paweł →
    Pawłowski, Wróbel → Wróblewski)."""
    if stem.endswith("n") and suffix[0] not in "aeiouy":
        return stem[:-1] + "ń" + suffix
    if suffix[0] in "aeiouy" and re.search(r"[aeiouyąęó][^aeiouyąęó]e[kłl]$", stem):
        return stem[:-2] + stem[-1] + suffix
    return stem + suffix


_PL_FOREIGN = re.compile(r"ff|th|[xvq]|ng$|ów$|dz$")


def polish_recombined(surnames: Sequence[str]) -> list[str]:
    """Polish family names: stems and suffixes recombined (masculine forms).

    A suffix that starts with a consonant (-ski, -czyk) follows a single consonant only
    (Adamski, not Mierzwski); a stem that ends in -ek takes no second -ek.
    """
    names = [n for n in dict.fromkeys(surnames) if re.fullmatch(r"[A-ZŁŚŻŹĆ][a-ząćęłńóśźż]+", n)]
    stems = list(_split_stems(names, PL_ENDINGS))
    stems += [n for n in names if len(n) <= 7 and _polish_class(n) in ("velar", "l", "labial", "ł")]
    out: list[str] = []
    for stem in dict.fromkeys(stems):
        if not (3 <= len(stem) <= 8 and _PL_STEM.match(stem)) or _PL_FOREIGN.search(stem):
            continue
        kind = _polish_class(stem)
        single = stem[-2] in "aeiouyąęó" or (kind == "hushing" and stem[-3] in "aeiouyąęó")
        for suffix in PL_SUFFIXES.get(kind, ()):
            if suffix[0] not in "aeiouy" and not single:
                continue
            if suffix == "ek" and stem.endswith("ek"):
                continue
            word = _polish_join(stem, suffix)
            if len(word) <= 14 and not _has_triple(word):
                out.append(word)
    return out


# Swedish: most family names are compounds of two nature words, taken in the 19th and 20th
# centuries in place of a patronymic (Lind + berg, Sand + ström, Berg + qvist), or the
# patronymic itself, a father's name with -sson (Anders → Andersson, Nils → Nilsson). The
# first and second elements are split off the listed names and recombined; the fathers'
# names are the Swedish men's names of the given-name list.
SV_SECONDS = (
    "berg", "gren", "ström", "lund", "qvist", "kvist", "dahl", "sten", "man", "blad", "blom",
    "borg", "holm", "mark", "vall", "fors", "skog", "stedt", "strand", "lin", "ling", "lander",
    "bäck", "by", "feldt", "hag", "löf", "sjö", "stam", "stad", "vik",
)  # fmt: skip
_SV_WORD = re.compile(r"^[A-ZÅÄÖ][a-zåäöé]*[aeiouyåäö][a-zåäö]*$")


def swedish_recombined(surnames: Sequence[str], given_male: Iterable[str]) -> list[str]:
    """Swedish family names: nature-word compounds recombined, and -sson patronymics."""
    firsts: list[str] = []
    for name in dict.fromkeys(surnames):
        for second in sorted(SV_SECONDS, key=len, reverse=True):
            first = name[: -len(second)]
            if (
                name.endswith(second)
                and 3 <= len(first) <= 7
                and _SV_WORD.match(first)
                and not first.endswith("h")
            ):
                firsts.append(first)
                break
    out: list[str] = []
    for first in dict.fromkeys(firsts):
        for second in SV_SECONDS:
            low = first.lower()
            if low.endswith(second[:2]) or second[:3] in low or low[-3:] in second:
                continue
            word = first + second
            if not _has_triple(word):
                out.append(word)
    for name in dict.fromkeys(given_male):
        if re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]{2,8}", name):
            out.append(name + ("son" if name.endswith("s") else "sson"))
    return out


# French: family names are mostly a stem with the diminutive or derivative suffixes of Old
# French (-et, -ot, -in, -on, -eau, -el, the augmentative -ard, -aud from Germanic -wald, the
# occupational -ier, the southern -at, -ou and -oux, the Franco-Provençal -ey and -oz, the
# Picard -ez) or two of them (-elet, -elin, -elot, -inet, -inot, -ineau, -eron): Martin,
# Martinet, Martineau, Martinot; Rousseau, Roussel, Rousselet, Rousselot. Stems come from the
# listed surnames, their own suffix split off, and from the male given names, which gave most
# French surnames
# (Guillaume → Guillaumet, Guillaumin; Michel → Michelet, Michelon; Pierre → Pierret,
# Pierron). Spelling was fixed late, so -aud, -ault and -aut, and a single or doubled
# consonant before the suffix (Bonet, Bonnet; Potier, Pottier), are all real spellings of one
# name. Names of the German and Dutch lists (Muller, Reuter) give no stems.
FR_SUFFIXES = (
    "et", "ot", "in", "on", "eau", "el", "ard", "aud", "ier", "at", "ou", "ey", "oz", "and",
    "ez", "oux",
)  # fmt: skip
FR_SUFFIXES_GIVEN = ("et", "ot", "in", "on", "eau", "ard")
FR_DOUBLE = (
    "elet", "elin", "elot", "inet", "inot", "ineau", "eron", "illon", "eret", "erot", "onnet",
)  # fmt: skip
FR_ENDINGS = FR_SUFFIXES + FR_DOUBLE + (
    "ault", "aut", "eaux", "and", "ant", "ent", "ais", "ois", "oux", "eux", "ez", "az", "y",
    "onnet", "ette", "otte", "ille", "elle", "e", "é", "ès", "as", "ac", "aux", "ieu",
)  # fmt: skip
# A stem is the start of a French word that ends in a consonant (or qu) after a vowel, with no
# letter that French names rarely have (k, w, z) and no accent that an ending would move.
_FR_STEM = re.compile(
    r"^[A-ZÉ][a-zéç]*[aeiouyé](?:[bcdflmnprstv]|[bdfgptv][rl]|[nr]?ch|[cnrs]?qu|ss|ll|nn|rr|"
    r"tt|r[dtnbmsv]|n[dt]|m[bp]|st)$"
)
_FR_FOREIGN = re.compile(
    r"[kwz]|sch|ae|oe|ue|aa|ee|oo|ij|th[^aeiou]|[^aeiouycp]h|^[^aeiouyéèê]{3}", re.I
)
# Places and nicknames with their article, split off the listed names (Dupont, Deschamps,
# Lacroix, Delahaye, Legrand, Leblanc): masculine and feminine place nouns, and the
# adjectives and titles of nicknames. Recombined: Du/Des with a masculine noun (Dumoulin,
# Desmoulins), La/De la/Des with a feminine one (Laroche, Delaroche, Desroches), Le with a
# nickname (Lebrun) and the compounds of Beau/Bon/Grand/Petit/Gros with a place or a given
# name (Beaumont, Grandchamp, Petitjean, Grospierre).
FR_PLACES_MASCULINE = (
    "Bois", "Bosc", "Buisson", "Camp", "Champ", "Chêne", "Four", "Fresne", "Hamel", "Jardin",
    "Mont", "Moulin", "Pont", "Pré", "Puis", "Rocher", "Rosier", "Val", "Vivier", "Mortier",
    "Quesne", "Mas", "Marais", "Pin", "Plessis", "Verger", "Clos", "Perron",
)  # fmt: skip
FR_PLACES_FEMININE = (
    "Croix", "Roche", "Porte", "Tour", "Garde", "Combe", "Haye", "Pointe", "Fontaine",
    "Montagne", "Rivière", "Chapelle", "Vallée", "Rue", "Motte", "Forge", "Fosse", "Cour",
    "Grange", "Lande", "Vigne", "Borde", "Salle", "Mare", "Noue", "Barre",
)  # fmt: skip
FR_NICKNAMES = (
    "Blanc", "Brun", "Roux", "Noir", "Gros", "Grand", "Fort", "Bon", "Beau", "Jeune", "Doux",
    "Duc", "Comte", "Clerc", "Maire", "Moine", "Roy", "Sage", "Coq", "Loup", "Page", "Breton",
    "Normand", "Gall", "Goff", "Bas", "Bel", "Court", "Long", "Vieux", "Prince", "Marchand",
    "Mercier", "Boucher", "Meunier", "Tellier", "Pelletier", "Barbier", "Carpentier",
    "Monnier", "Bouvier", "Cordier", "Fèvre", "Maître", "Chevalier", "Borgne", "Camus",
)  # fmt: skip
FR_ADJECTIVES = ("Beau", "Bon", "Grand", "Petit", "Gros")
FR_COMPOUND_TAILS = (
    "mont", "champ", "pré", "lieu", "val", "bois", "pierre", "jean", "colas", "jacques",
    "perrin", "fils", "homme", "ami",
)  # fmt: skip


def _french_stems(surnames: Iterable[str], given_male: Iterable[str]) -> dict[str, bool]:
    """{stem: from a given name}: surnames with their suffix split off, male given names."""
    out: dict[str, bool] = {}
    for stem in _split_stems(surnames, FR_ENDINGS):
        if len(stem) >= 3 and _FR_STEM.match(stem) and not _FR_FOREIGN.search(stem):
            out.setdefault(stem, False)
    for name in given_male:
        stem = name[:-1] if name.endswith("e") else name
        if (
            len(stem) <= 7
            and _FR_STEM.match(stem)
            and not _FR_FOREIGN.search(stem)
            and not stem.endswith(("ien", "st", "s"))
        ):
            out.setdefault(stem, True)
    return out


def _french_spellings(stem: str, suffix: str) -> list[str]:
    """The spellings a French name built from stem + suffix has had."""
    out = [stem + suffix]
    if re.fullmatch(r"[A-Z][aeio][lnrt]", stem) and suffix[0] in "aeio":
        out.append(stem + stem[-1] + suffix)
    if suffix == "aud":
        out += [w[:-1] + "lt" for w in out] + [w[:-1] + "t" for w in out]
    return out


_FR_CLASH = ("el", "ll", "in", "on", "et", "ot", "er", "ar", "eau")


def french_recombined(
    surnames: Sequence[str],
    given_male: Sequence[str],
    foreign: Iterable[str] = (),
    classic: Iterable[str] = (),
) -> list[str]:
    """French family names: stems and suffixes recombined, article and compound names.

    ``foreign`` are names of other languages' lists (German, Dutch), which give no stems;
    ``classic`` are the older men's names that stand as family names on their own or after
    Petit, Grand or Gros.
    """
    skip = set(foreign)
    plain = [
        n
        for n in dict.fromkeys(surnames)
        if n not in skip
        and re.fullmatch(r"[A-ZÉ][a-zéèêëîïôûüç]+", n)
        and not n.startswith(("Le", "La", "De", "Du"))
    ]
    out: list[str] = []
    for stem, from_given in _french_stems(plain, given_male).items():
        if from_given:
            suffixes: tuple[str, ...] = FR_SUFFIXES_GIVEN
        elif len(stem) <= 5 and not stem.endswith(_FR_CLASH):
            suffixes = FR_SUFFIXES + FR_DOUBLE
        else:
            suffixes = FR_SUFFIXES
        for suffix in suffixes:
            if stem.endswith("qu") and suffix[0] not in "aeio":
                continue
            if stem.endswith(("l", "el")) and suffix.startswith("el"):
                continue
            if stem[-1] == suffix[0] or _has_triple(stem + suffix):
                continue
            if stem.endswith(_FR_CLASH) and suffix in ("el", "in", "on", "et", "ot"):
                if stem[-2:] == suffix or (stem.endswith("l") and suffix == "el"):
                    continue
            out += _french_spellings(stem, suffix)
    for noun in FR_PLACES_MASCULINE:
        plural = noun if noun.endswith(("s", "x")) else noun + "s"
        out += ["Du" + noun.lower(), "Des" + plural.lower()]
    for noun in FR_PLACES_FEMININE:
        plural = noun if noun.endswith(("s", "x")) else noun + "s"
        out += ["La" + noun.lower(), "Dela" + noun.lower(), "Des" + plural.lower()]
    for word in FR_NICKNAMES:
        out += ["Le" + word.lower(), "Le " + word, word]
    for adjective in FR_ADJECTIVES:
        out += [adjective + tail for tail in FR_COMPOUND_TAILS]
    # Given names are family names as they stand (Gilles, Hugues, Gaston), and Franche-Comté
    # and Switzerland put Petit, Grand or Gros before them (Petitjean, Grosclaude).
    for name in dict.fromkeys(classic):
        if re.fullmatch(r"[A-ZÉ][a-zéèêëïîôç]{2,8}", name) and not _FR_FOREIGN.search(name):
            out.append(name)
            if name[0] not in "AEIOUÉ":
                out += [adjective + name.lower() for adjective in ("Petit", "Grand", "Gros")]
    return out


# Italian: the family name is a stem plus a suffix, and the suffixes are the language's own
# diminutives (-ini, -etti, -elli, -ucci, -otti, -uzzi), augmentatives (-oni, -one), pejoratives
# (-acci, -azzi), origin (-ese) and the plural -i (north) or singular -o (south) of one
# ancestor's name: Rossi, Rossini, Rossetti, Rossellini, Rossoni are all real; -in is the
# Venetian form that drops the final vowel (Trentin, Bettin), -iello the Neapolitan
# diminutive (Coviello, Vitiello), -a the southern singular (Rocca, Serra). Stems come from
# the listed surnames, their own suffix split off, and from the male given names (Giovanni →
# Giovannini, Giovannetti). Long stems take only the common suffixes, double suffixes
# (-olini, -arelli) only short stems, and stems that still end in a suffix (Giolitt-,
# Fogazz-) take none. A final c or g keeps its sound: hard before e/i takes an h (Rocca →
# Rocchetti), soft before a/o/u takes an i (Ricci → Ricciardi, Riccioni).
IT_SUFFIXES = (
    "i", "o", "ini", "ino", "in", "etti", "etto", "elli", "ello", "ucci", "uzzi", "oni", "one",
    "acci", "azzi", "otti", "otto", "ozzi", "ati", "ato", "ari", "ieri", "ese", "esi", "ardi",
    "aldi", "olini", "arelli", "ellini", "ettini", "erini", "ali", "atti", "ani", "ola", "a",
    "iello",
)  # fmt: skip
IT_SUFFIXES_LONG_STEM = ("i", "o", "ini", "oni", "one", "etti", "elli", "otti", "ucci", "ato")
IT_SUFFIXES_GIVEN = (
    "i",
    "ini",
    "etti",
    "elli",
    "oni",
    "ucci",
    "otti",
    "ello",
    "etto",
    "one",
    "ino",
)
IT_DOUBLE = ("olini", "arelli", "ellini", "ettini", "erini")
IT_ENDINGS = (
    *IT_SUFFIXES,
    "a", "e", "ani", "ano", "ina", "etta", "ella", "uccio", "accio", "azzo", "ozzo", "uzzo",
    "iero", "aro", "ardo", "aldo", "oli", "olo", "ola", "ana", "ico", "ici", "ucco", "occhi",
    "occo", "ante", "anti", "ente", "enti",
)  # fmt: skip
_IT_STEM = re.compile(r"^[A-Z][a-z]*[aeiou][a-z]*[bcdfglmnprstvz]$")
# Two consonants that Italian writes before a vowel (geminates, l/r/n/m or s before a
# consonant, a consonant before r or l).
_IT_PAIR = re.compile(
    r"([bcdfglmnprstvz])\1|[lr][bcdfgmnpstvz]|n[cdfgstvz]|m[bp]|s[bcdfgmptv]|[bcdfgptv][rl]$"
)
_IT_SUFFIXED = ("ett", "ell", "ott", "ucc", "uzz", "azz", "ozz", "acc", "occh", "icc", "itt")


def _italian_stems(names: Iterable[str], endings: Sequence[str]) -> dict[str, str]:
    """{stem: sound of a final c/g ('hard', 'soft', 'gl' or '')} of Italian names."""
    out: dict[str, str] = {}
    for stem, ending in _split_stems(names, endings).items():
        if stem.endswith(("ch", "gh")):
            stem, sound = stem[:-1], "hard"
        elif stem.endswith("gli"):
            stem, sound = stem[:-1], "gl"
        elif stem.endswith("gl"):
            sound = "gl"
        elif stem.endswith(("ci", "gi")):
            stem, sound = stem[:-1], "soft"
        elif stem.endswith(("c", "g")):
            sound = "soft" if ending[0] in "ei" else "hard"
        else:
            sound = ""
        tail = stem[-2:].lower()
        if not (3 <= len(stem) <= 7 and _IT_STEM.match(stem)) or stem.endswith("gn"):
            continue
        if tail[0] not in "aeiou" and not _IT_PAIR.fullmatch(tail) and sound != "gl":
            continue
        if len(stem) > 4 and stem.endswith(_IT_SUFFIXED):
            continue
        out.setdefault(stem, sound)
    return out


def _italian_join(stem: str, sound: str, suffix: str) -> str:
    vowel = suffix[0]
    if sound == "hard" and vowel in "ei":
        return stem + "h" + suffix
    if (sound == "soft" and vowel in "aou") or (sound == "gl" and vowel in "aoue"):
        return stem + "i" + suffix
    return stem + suffix


def italian_recombined(
    surnames: Sequence[str], given_male: Sequence[str], given_female: Sequence[str]
) -> list[str]:
    """Italian family names: stems and suffixes recombined, and particle names.

    The particle names are the ones Italian builds from a parent's given name ("child of": Di
    Giovanni, De Marco, D'Angelo, Di Maria, and the Latin genitive De Paolis, De Filippis) and
    from a short place word or nickname with its article (Lo Russo, Del Monte, Di Bello for a
    masculine -o or -e word; La Rocca, Della Valle for a feminine -a word; the Venetian Dal
    and Dalla: Dal Molin, Dalla Costa).
    """
    plain = r"[A-Z][a-z]+[aeio]"
    italian = [
        n
        for n in dict.fromkeys(surnames)
        if re.fullmatch(plain, n) and not n.startswith(("Dal", "Del"))
    ]
    male = [n for n in dict.fromkeys(given_male) if re.fullmatch(plain, n)]
    female = [n for n in dict.fromkeys(given_female) if re.fullmatch(plain, n)]
    out: list[str] = []
    for stem, sound in _italian_stems(italian, IT_ENDINGS).items():
        suffixes = IT_SUFFIXES if len(stem) <= 6 else IT_SUFFIXES_LONG_STEM
        for suffix in suffixes:
            if suffix in IT_DOUBLE and len(stem) > 4:
                continue
            word = _italian_join(stem, sound, suffix)
            if len(word) <= 12 and not _has_triple(word):
                out.append(word)
    given_stems = _italian_stems(male, ("o", "e", "a", "i"))
    for stem, sound in given_stems.items():
        out += [_italian_join(stem, sound, suffix) for suffix in IT_SUFFIXES_GIVEN]
        if len(stem) <= 6:
            out.append("De " + _italian_join(stem, sound, "is"))
    for name in male + female:
        if len(name) > 8 or name.startswith(("Gian", "Pier")):
            continue
        out += [f"D'{name}", f"Di {name}"] if name[0] in "AEIOU" else [f"Di {name}", f"De {name}"]
    for name in italian:
        if len(name) > 7 or name[0] in "AEIOU" or re.match(r"S[^aeiou]|Z|Gn|Ps", name):
            continue
        if name.endswith(("o", "e")):
            out += [f"Lo {name}", f"Del {name}", f"Dal {name}"]
            out += [f"Di {name}"] if len(name) <= 6 else []
        elif name.endswith("a"):
            out += [f"La {name}", f"Della {name}", f"Dalla {name}"]
    return out


# Given names. Compound given names are common in Italy (Maria Grazia, Anna Rita, Gianluca,
# Pierpaolo), France (Jean-Pierre, Marie-Claire, Anne-Sophie, Jean-Marie for a man) and the
# Netherlands (Jan-Willem, Gert-Jan, Anne-Marie): they pair the handful of names that open
# them in each language with another listed name of the same sex, joined the way the
# language writes it (a space, a hyphen, or fused with the second name in lower case).
# Italian also makes given names with its diminutives (Antonino, Carletto, Marcello;
# Giuseppina, Antonietta, Graziella, and women's names from men's: Albertina, Ernestina)
# and with the Latin -iano (Fabiano, Emiliano, Fabiana).


def compound_given(
    firsts: Sequence[str], seconds: Iterable[str], joiner: str, *, after: bool = False
) -> list[str]:
    """first + joiner + second for each opening name (second + joiner + first if ``after``).

    A joiner of "" fuses the names, the second in lower case (Gian + Luca → Gianluca).
    """
    out: list[str] = []
    for second in dict.fromkeys(seconds):
        for first in firsts:
            if second == first or second.startswith(first) or first.startswith(second):
                continue
            if after:
                out.append(second + joiner + first)
            elif joiner:
                out.append(first + joiner + second)
            else:
                out.append(first + second.lower())
    return out


# Italian given names of the calendar that Faker's it_IT lists lack (they hold 188 women's
# and 274 men's names).
IT_MORE_FEMALE = (
    "Agata", "Agnese", "Alba", "Albina", "Alda", "Angela", "Anna", "Arianna", "Assunta",
    "Benedetta", "Bruna", "Carmela", "Celeste", "Clara", "Clotilde", "Costanza", "Debora",
    "Edvige", "Elda", "Elisabetta", "Emanuela", "Enrica", "Ester", "Filomena", "Franca",
    "Gaetana", "Gina", "Grazia", "Immacolata", "Ines", "Irene", "Lorena", "Mafalda",
    "Manuela", "Mariangela", "Mariella", "Marilena", "Mirella", "Nunzia", "Ofelia", "Palma",
    "Piera", "Rachele", "Rebecca", "Rosanna", "Rosella", "Rosetta", "Sabrina", "Santina",
    "Sara", "Silvana", "Sofia", "Teodora", "Vera", "Viola", "Anastasia", "Angiolina",
    "Annunziata", "Carolina", "Cinzia", "Consolata", "Domenica", "Elsa", "Ernesta", "Eufemia",
    "Fiorella", "Gilda", "Gisella", "Ilenia", "Italia", "Lena", "Luana", "Maddalena",
    "Marcella", "Margherita", "Mariagrazia", "Natalina", "Nella", "Noemi", "Orsola",
    "Pasqualina", "Pia", "Rina", "Romina", "Rossella", "Severina", "Tecla", "Tullia",
    "Virna", "Zelinda",
)  # fmt: skip
IT_MORE_MALE = (
    "Alfonso", "Ambrogio", "Anselmo", "Attilio", "Bartolo", "Battista", "Carmine", "Cosimo",
    "Davide", "Diego", "Egidio", "Elia", "Elio", "Emanuele", "Enea", "Eugenio", "Gerardo",
    "Giordano", "Ivano", "Lino", "Loris", "Manlio", "Nazario", "Nello", "Nunzio", "Primo",
    "Remo", "Rino", "Samuele", "Santo", "Sergio", "Teodoro", "Tommaso", "Valentino", "Zeno",
    "Alvise", "Amerigo", "Aurelio", "Basilio", "Bonifacio", "Callisto", "Celestino",
    "Ciriaco", "Cristoforo", "Dionisio", "Duilio", "Elvio", "Erminio", "Eusebio", "Evaristo",
    "Ferruccio", "Flaminio", "Fortunato", "Gennaro", "Gervasio", "Gualtiero", "Ilario",
    "Isidoro", "Italo", "Leandro", "Modesto", "Nereo", "Nevio", "Oliviero", "Onofrio",
    "Pacifico", "Placido", "Quirino", "Renato", "Romano", "Sabino", "Secondo", "Settimo",
    "Silvano", "Stanislao", "Tarcisio", "Tito", "Tobia", "Ulisse", "Vasco", "Vinicio",
    "Virginio", "Zaccaria", "Arcangelo", "Cataldo", "Dario", "Ercole", "Gabriele",
)  # fmt: skip
IT_GIVEN_FEMALE_FIRSTS = ("Maria", "Anna", "Rosa")
IT_GIVEN_MALE_FIRSTS = ("Gian", "Pier")
IT_DIMINUTIVES = {"F": ("ina", "etta", "ella"), "M": ("ino", "etto", "ello")}


def italian_given(names: Sequence[str], male: Sequence[str], gender: str) -> list[str]:
    """Italian given names of one sex: compounds and diminutives of the listed names.

    ``names`` are the listed names of this sex, ``male`` the listed men's names (women's
    names are made from them with -ina and -etta). Only Italian-looking names take part: a
    final vowel, none of j, k, w, x, y, and no nickname in -ccio.
    """
    italian = re.compile(r"[A-Z][a-z]{2,8}[aeio]")

    def plain(values: Iterable[str]) -> list[str]:
        return [
            n
            for n in dict.fromkeys(values)
            if italian.fullmatch(n) and not re.search(r"[jkwxy]|ccio$", n, re.I)
        ]

    own, men = plain(names), plain(male)
    out: list[str] = []
    if gender == "F":
        out += compound_given(IT_GIVEN_FEMALE_FIRSTS, own, " ")
        out += compound_given(("Maria",), [n for n in own if len(n) <= 5], " ", after=True)
        sources = [(n, ("ina", "etta", "ella")) for n in own] + [(n, ("ina", "etta")) for n in men]
    else:
        singles = [n for n in own if not n.startswith((*IT_GIVEN_MALE_FIRSTS, "Giam"))]
        out += compound_given(IT_GIVEN_MALE_FIRSTS, singles, "")
        sources = [(n, ("ino", "etto", "ello")) for n in own]
    for name, suffixes in sources:
        for stem, sound in _italian_stems([name], ("a", "o", "e")).items():
            if len(stem) <= 6 and not stem.endswith(("in", "ett", "ell", "ol")):
                out += [_italian_join(stem, sound, suffix) for suffix in suffixes]
    # The Latin -ianus of names in -io (Fabio → Fabiano, Fabiana; Emilio → Emiliano).
    ending = "iana" if gender == "F" else "iano"
    out += [n[:-2] + ending for n in men if n.endswith("io") and not n.endswith(("cio", "gio"))]
    return out


# Letters and groups that French given names do not have (the German and English names of
# the Luxembourg and Belgian lists).
_FR_NOT_NAME = re.compile(r"[kw]|sch|tz|ck|ff|th$|[^aeiouy]y$", re.I)

FR_GIVEN_FIRSTS = {
    "M": ("Jean", "Pierre", "Paul", "Louis", "Charles", "François", "Marc", "Jacques", "Luc"),
    "F": ("Marie", "Anne"),
}


def french_given(names: Sequence[str], gender: str, foreign: Iterable[str] = ()) -> list[str]:
    """French compound given names of one sex (Jean-Pierre, Marie-Claire, Jean-Marie).

    The second name is a listed French name of the same sex; ``foreign`` names (the English,
    Arabic or Turkish names that the Belgian list also holds) take no part.
    """
    skip = set(foreign) | NOT_IN_COMPOUNDS
    plain = [
        n
        for n in dict.fromkeys(names)
        if n not in skip
        and re.fullmatch(r"[A-ZÉÈ][a-zéèêëïîôç]{2,9}", n)
        and not _FR_NOT_NAME.search(n)
    ]
    out = compound_given(FR_GIVEN_FIRSTS[gender], plain, "-")
    if gender == "M":
        out += [first + "-Marie" for first in FR_GIVEN_FIRSTS["M"]]
    else:
        out += compound_given(("Marie", "Anne"), [n for n in plain if len(n) <= 6], "-", after=True)
    return out


def french_women_from_men(men: Iterable[str]) -> list[str]:
    """French women's names made from men's names, with the endings French made them with
    (each after the name endings that take it): -ée (Andrée, Renée), -e (Raymonde,
    Gilberte), -elle (Marcelle, Danielle), -ienne (Lucienne), -ine (Martine, Albertine,
    Ernestine, Micheline), -ette (Pierrette, Georgette, Henriette, Paulette, Huguette)."""
    rules = (
        (("ré", "mé", "sé"), "", "e"),
        (("obert", "lbert", "mond", "nand", "mand", "land"), "", "e"),
        (("iel", "chel", "rcel", "uel", "xel", "oël"), "", "le"),
        (("ien",), "", "ne"),
        (("tin", "tin", "rin", "min", "stin"), "", "e"),
        (("obert", "lbert", "nard", "mand", "nest", "ctor", "chel", "rcel"), "", "ine"),
        (("rre", "rges", "nri", "aul", "oine", "ugues", "aude", "ouis", "colas"), "", "ette"),
    )
    out: list[str] = []
    for name in dict.fromkeys(men):
        if not re.fullmatch(r"[A-ZÉ][a-zéèêëïîôç]{2,8}", name) or _FR_NOT_NAME.search(name):
            continue
        for endings, _, suffix in rules:
            if not name.endswith(endings):
                continue
            if suffix == "ette":
                stem = re.sub(r"(?:e|es|as)$", "", name)
                out.append(stem + suffix)
            else:
                out.append(name + suffix)
    if "Jean" in men:
        out.append("Jeannette")
    return out


# Arabic and Turkish names of the French, Belgian and Dutch lists: real names in these
# countries, but not ones that a French or Dutch compound name pairs (no Jean-Youssef).
NOT_IN_COMPOUNDS = frozenset(
    """Abdelkader Abdellah Abdul Abdullah Adil Ahmad Ahmed Ahmet Ali Amin Amine Amir Anas Ayman
    Ayoub Berat Bilal Brahim El Emir Farid Hamza Hasan Hassan Hicham Ibrahim Ilias Ilyas Imran
    Ismail Ismaël Khalid Mamadou Mehdi Mehmet Mohamad Mohamed Mohammad Mohammed Muhammed Murat
    Mustafa Mustapha Nabil Nassim Naïm Naël Omar Omer Osman Rachid Rayan Said Saïd Samir
    Sofiane Walid Yanis Yassin Yassine Younes Youssef Yusuf Zakaria Ömer Aaliyah Aicha Aïcha
    Amina Amira Anissa Assia Aya Aylin Azra Ceylin Ecrin Elif Esila Farah Fatiha Fatima Fatma
    Imane Inaya Jamila Karima Kenza Khadija Leila Leïla Malika Mariam Maryam Nisa Nour Rachida
    Rania Salma Samira Soraya Yasmina Yasmine Zeynep""".split()
)

NL_GIVEN_FIRSTS = {"M": ("Jan", "Pieter", "Willem"), "F": ("Anne", "Marie", "Anna")}
NL_GIVEN_SECONDS = {"M": ("Jan", "Willem"), "F": ("Marie", "Anne")}


def dutch_given(names: Sequence[str], gender: str, foreign: Iterable[str] = ()) -> list[str]:
    """Dutch compound given names of one sex (Jan-Willem, Gert-Jan, Anne-Marie, Anne-Fleur)."""
    skip = set(foreign) | NOT_IN_COMPOUNDS
    plain = [
        n for n in dict.fromkeys(names) if n not in skip and re.fullmatch(r"[A-Z][a-z]{1,7}", n)
    ]
    out = compound_given(NL_GIVEN_FIRSTS[gender], plain, "-")
    out += compound_given(
        NL_GIVEN_SECONDS[gender], [n for n in plain if len(n) <= 6], "-", after=True
    )
    return out


def dutch_women_from_men(fathers: Iterable[str]) -> list[str]:
    """Dutch women's names made from men's names: -a (Hendrika, Jacoba, Adriana) and the
    diminutive -je, -tje, -pje (Dirkje, Hendrikje, Pietertje, Willempje)."""
    out: list[str] = []
    for name in dict.fromkeys(fathers):
        if not re.fullmatch(r"[A-Z][a-z]{2,7}", name) or name.endswith(
            ("a", "e", "i", "o", "u", "y", "is")
        ):
            continue
        out.append(re.sub(r"([aeiou])\1([^aeiou])$", r"\1\2", name) + "a")
        if name.endswith("m"):
            out.append(name + "pje")
        elif name.endswith(("r", "l", "n")) and re.search(r"(?:[aeiou]{2}|e)[rln]$", name):
            out.append(name + "tje")
        elif name[-1] in "ktpfsdg":
            out.append(name + "je")
    return out


# Polish given names beyond Faker's short pl_PL lists (53 women's and 100 men's names against
# 8,433 women's names in PESEL): names of the Polish calendar in their Polish spelling, and
# the old Slavic two-part names (Bogu-sław, Mir-o-sław, Rado-mir, Zbi-gniew), which Polish
# still gives and recombines: a first element with -sław, -mir, -mił or -wit, and the
# women's forms in -a (Bogusława, Radomira, Bogumiła).
PL_MORE_FEMALE = (
    "Agata", "Aldona", "Aleksandra", "Alicja", "Alina", "Amelia", "Aneta", "Antonina",
    "Augustyna", "Balbina", "Beata", "Benedykta", "Bernadeta", "Bogdana", "Bożena",
    "Cecylia", "Celina", "Danuta", "Daria", "Diana", "Dominika", "Edyta", "Eleonora",
    "Emilia", "Felicja", "Franciszka", "Gabriela", "Genowefa", "Gertruda", "Grażyna",
    "Halina", "Hanna", "Helena", "Henryka", "Honorata", "Hortensja", "Iga", "Ilona",
    "Irena", "Irmina", "Iwona", "Izabela", "Jadwiga", "Jolanta", "Józefa", "Judyta", "Julia",
    "Karolina", "Kazimiera", "Kinga", "Klaudia", "Klementyna", "Konstancja", "Laura",
    "Lena", "Leokadia", "Leonarda", "Liliana", "Lucyna", "Ludwika", "Łucja", "Maja",
    "Marcjanna", "Mariola", "Marlena", "Marta", "Martyna", "Marzena", "Matylda",
    "Michalina", "Milena", "Natalia", "Nikola", "Olimpia", "Oliwia", "Otylia", "Patrycja",
    "Paula", "Paulina", "Pelagia", "Regina", "Renata", "Romana", "Ryszarda", "Sabina",
    "Salomea", "Seweryna", "Stefania", "Tamara", "Tekla", "Teodora", "Teresa", "Wanda",
    "Weronika", "Wiktoria", "Wioletta", "Zenona", "Zofia", "Zuzanna", "Zyta", "Żaneta",
    "Arleta", "Bronisława", "Czesława", "Dobrosława", "Eugenia", "Florentyna", "Gizela",
    "Hildegarda", "Jagoda", "Janina", "Joanna", "Kamila", "Katarzyna", "Ksenia", "Lidia",
    "Magdalena", "Malwina", "Marianna", "Nina", "Ola", "Petronela", "Roma", "Rozalia",
    "Stanisława", "Wacława", "Walentyna", "Władysława", "Zdzisława", "Józefina", "Klara",
    "Krystyna", "Luiza", "Mirella", "Sylwia", "Urszula", "Wiesława", "Zenobia", "Adela",
    "Albina", "Anita", "Apolonia", "Bogna", "Dagmara", "Ewelina", "Felicyta", "Idalia",
    "Adelajda", "Andżelika", "Brygida", "Dobrawa", "Elwira", "Ernestyna", "Eryka", "Estera",
    "Eufemia", "Faustyna", "Filomena", "Fryderyka", "Gracja", "Jagna", "Jowita", "Klarysa",
    "Leontyna", "Lilianna", "Lucja", "Ludmiła", "Magda", "Maryla", "Mirela", "Nadia",
    "Oktawia", "Pamela", "Pola", "Rebeka", "Tatiana", "Wilhelmina", "Celestyna", "Dalia",
    "Emma", "Feliksa", "Gustawa", "Jaśmina", "Klaudyna", "Ludwina", "Marzanna", "Nikoletta",
    "Scholastyka", "Serafina", "Stella", "Teodozja", "Waleria", "Wera", "Fabiola", "Greta",
    "Izolda", "Malina", "Ofelia", "Wioleta", "Anatolia", "Donata", "Hieronima", "Ignacja",
    "Leonia", "Lukrecja", "Rafaela", "Romualda", "Tadea", "Wincentyna", "Bernarda",
    "Dionizja", "Eulalia", "Kunegunda", "Rita", "Sybilla", "Teofila", "Wiktoryna", "Dagna",
    "Kira", "Melisa", "Amanda", "Bożenna", "Danuta", "Edwarda", "Lilla", "Zdzisława",
    "Adelina", "Aurora", "Delfina", "Filipina", "Flora", "Hermina", "Izydora", "Prakseda",
    "Benigna", "Bibiana",
)  # fmt: skip
PL_MORE_MALE = (
    "Albin", "Aleksy", "Alfred", "Alojzy", "Ambroży", "Anatol", "Apolinary", "Arnold",
    "August", "Augustyn", "Bartłomiej", "Bartosz", "Bazyli", "Benedykt", "Bernard", "Bogdan",
    "Bonifacy", "Brunon", "Cyryl", "Dionizy", "Edmund", "Edward", "Eugeniusz", "Eustachy",
    "Feliks", "Ferdynand", "Florian", "Gerard", "Gerwazy", "Gracjan", "Henryk", "Hieronim",
    "Hilary", "Hipolit", "Ireneusz", "Izydor", "Janusz", "Joachim", "Klemens", "Klaudiusz",
    "Kordian", "Leopold", "Leszek", "Lech", "Longin", "Lucjan", "Ludwik", "Marceli", "Marian",
    "Metody", "Onufry", "Remigiusz", "Roch", "Roman", "Romuald", "Rudolf", "Seweryn",
    "Sylwester", "Szczepan", "Teodor", "Teofil", "Tytus", "Urban", "Walenty", "Walerian",
    "Waldemar", "Wawrzyniec", "Wincenty", "Włodzimierz", "Zenon", "Zenobiusz", "Zygmunt",
    "Adolf", "Antoni", "Celestyn", "Damazy", "Dominik", "Eligiusz", "Emanuel", "Fabian",
    "Faustyn", "Gustaw", "Hubert", "Ignacy", "Jacenty", "Jarema", "Józef", "Julian",
    "Kazimierz", "Kornel", "Krystian", "Lucjusz", "Makary", "Maksym", "Marcel", "Medard",
    "Narcyz", "Nikodem", "Oskar", "Pankracy", "Prokop", "Rafał", "Robert", "Rajmund",
    "Serafin", "Sewer", "Stanisław", "Stefan", "Tadeusz", "Teodozjusz", "Tobiasz", "Tymon",
    "Walery", "Wiktor", "Witold", "Zachariasz", "Ernest", "Erwin", "Ryszard", "Oktawian",
    "Achacy", "Alfons", "Amadeusz", "Anzelm", "Aureli", "Beniamin", "Benon", "Bonawentura",
    "Dymitr", "Edgar", "Edwin", "Eliasz", "Emilian", "Erazm", "Euzebiusz", "Florentyn",
    "Fulgenty", "Gaweł", "Gotfryd", "Heliodor", "Herbert", "Horacy", "Idzi", "Ildefons",
    "Jeremiasz", "Jonasz", "Justyn", "Kalikst", "Kleofas", "Kryspin", "Nikanor", "Oliwer",
    "Polikarp", "Protazy", "Roland", "Rufin", "Salomon", "Sambor", "Samuel", "Sergiusz",
    "Szczęsny", "Telesfor", "Ulryk", "Wacław", "Wiktoryn", "Wit", "Zbigniew", "Zefiryn",
    "Anastazy", "Apoloniusz", "Dezydery", "Inocenty", "Napoleon", "Oktawiusz", "Patrycy",
    "Pius", "Wilhelm", "Gaudenty", "Marcjan", "Nestor", "Sylwiusz", "Wenanty", "Bohdan",
    "Czcibor", "Racibor", "Siemowit", "Sławoj", "Bożydar", "Jarogniew", "Dobiegniew", "Zbylut",
    "Bogusz",
)  # fmt: skip
PL_SLAVIC_FIRSTS = (
    "Bogu", "Bole", "Broni", "Dobro", "Jaro", "Lubo", "Mieczy", "Miro", "Przemy", "Rado",
    "Sobie", "Stani", "Święto", "Wito", "Włady", "Zby", "Zdzi", "Ziemo", "Cze", "Wie",
    "Sławo", "Gości", "Mści", "Wielo", "Dobie", "Radzi", "Lecho", "Przyby", "Suli", "Tomi",
    "Wieli", "Żeli", "Uni", "Doma", "Ludo", "Sędzi",
)  # fmt: skip
PL_SLAVIC_SECONDS = ("sław", "mir", "mił", "wit")
# -mił and -wit go with the first elements that take them in real names (Bogumił, Radomił,
# Dobromił; Ziemowit, Dobrowit, Świętowit); -sław and -mir with all.
PL_SLAVIC_PAIRS = {"mił": ("Bogu", "Rado", "Dobro", "Lubo"), "wit": ("Ziemo", "Dobro", "Święto")}


def polish_given(gender: str) -> list[str]:
    """Polish given names of one sex: calendar names and the two-part Slavic names."""
    out = list(PL_MORE_FEMALE if gender == "F" else PL_MORE_MALE)
    for first in PL_SLAVIC_FIRSTS:
        for second in PL_SLAVIC_SECONDS:
            if first[:3].lower() == second[:3] or first not in PL_SLAVIC_PAIRS.get(
                second, (first,)
            ):
                continue
            name = first + second
            if first.endswith(("y", "i", "e")) and second != "sław":
                continue
            out.append(name + "a" if gender == "F" else name)
    return out


# Indian given names: Sanskrit (and Punjabi) names are built from a first element, mostly a
# god, a virtue or a natural thing (Raj, Ram, Dev, Har, Jay, Chandra, Shiv), and a suffix or a
# second element: -esh (lord: Rajesh, Ramesh), -endra (Indra: Rajendra, Surendra), the
# Punjabi -inder, -deep, -jeet, -pal, -veer (Harinder, Kuldeep, Ranjeet, Jaspal, Ranveer),
# -nath, -prasad, -shankar, -das, -narayan, -mohan, -gopal, -kishore, -charan (Raghunath,
# Shivprasad, Gaurishankar, Haridas), and for women -ita, -ika, -ini, -ali (Sunita, Radhika,
# Kamini, Deepali), -lata, -vati, -lakshmi, -shree, -prabha, -rekha, -kala (Hemlata,
# Padmavati, Vijayalakshmi, Jayashree, Chandraprabha, Shashikala). Men often carry Kumar,
# Lal, Chand or Prakash as a second given name (Raj Kumar, Mohan Lal) and women Devi,
# Kumari, Rani or Bai (Sunita Devi, Sita Bai). The first elements are those of the listed
# names and of the commonest Indian names.
IN_STEMS_SUFFIX = (
    "Ram", "Raj", "Mah", "Gan", "Sur", "Nar", "Din", "Um", "Jay", "Dev", "Har", "Nil", "Hit",
    "Nit", "Mit", "Brij", "Muk", "Rak", "Yog", "Jit", "Dhan", "Par", "Bhav", "Jign", "Kalp",
    "Rup", "Shail", "Lok", "Prit", "Kamal", "Vir", "Dharm", "Gaj", "Pushp", "Bhup",
    "Nag", "Gyan", "Up", "Jog", "Sat", "Kam",
)  # fmt: skip
IN_SUFFIX_MALE = ("esh", "endra")
IN_STEMS_PUNJABI = (
    "Har", "Gur", "Man", "Jas", "Nav", "Kul", "Aman", "Raj", "Bal", "Ran", "Sukh", "Param",
    "Amar", "Karam", "Dal", "Tej", "Sat", "Jag", "Inder", "Jat", "Bhup", "Sur", "Rav",
)  # fmt: skip
IN_SUFFIX_PUNJABI_MALE = ("inder", "deep", "jeet", "jit", "pal", "veer")
IN_SUFFIX_PUNJABI_FEMALE = ("preet", "jot")
IN_STEMS_MALE = (
    "Raghu", "Jagan", "Som", "Amar", "Kashi", "Vishwa", "Bhola", "Badri", "Kedar", "Shambhu",
    "Gopi", "Hari", "Shiv", "Ravi", "Shri", "Uma", "Rama", "Chandra", "Surya", "Lakshmi",
    "Krishna", "Deva", "Vasu", "Gauri", "Shashi", "Kamala", "Durga", "Radha", "Brij", "Satya",
    "Prem", "Raja", "Indra", "Jai", "Siya", "Girija", "Bhagwan", "Dina", "Ganga", "Jagat",
)  # fmt: skip
IN_SECOND_MALE = (
    "nath", "kant", "prasad", "shankar", "das", "narayan", "mohan", "gopal", "kishore",
    "charan", "dev", "lal", "chand", "kumar",
)  # fmt: skip
IN_STEMS_FEMALE_FIRST = (
    "Hem", "Prem", "Sneh", "Swarna", "Kanak", "Madhu", "Pushpa", "Padma", "Vijaya", "Jaya",
    "Raja", "Dhana", "Bhagya", "Chandra", "Shashi", "Shri", "Radha", "Krishna", "Hari",
    "Gita", "Kusum", "Suman", "Kamala", "Lila", "Roop", "Shanti", "Saraswati", "Gyan", "Deepa",
    "Kanchan", "Manju", "Sudha", "Usha", "Asha", "Uma", "Anju", "Indu", "Shobha", "Kiran",
)  # fmt: skip
IN_SECOND_FEMALE = ("lata", "vati", "lakshmi", "shree", "prabha", "rekha", "kala", "priya", "mala")
# The Sanskrit women's suffixes go with the stems that take them in real names.
IN_FEMALE_SUFFIXED = {
    "ita": ("Sun", "An", "Kav", "Sav", "Lal", "Nam", "Am", "Sm", "Sang", "Ank", "Arp", "Sar",
            "Nik", "Ishm", "Moh", "Vin", "Sush", "Kav", "Nav", "Shak", "Rach", "Prit", "Hars"),
    "ika": ("Rad", "Dev", "Mall", "Kan", "Rit", "Amb", "Lat", "Kart", "Nih", "Kaush", "Rad",
            "Gaur", "Mal", "Ruch", "Vart", "Ash", "Sar", "Mon", "Kal", "Dhar", "Man"),
    "ini": ("Kam", "Yam", "Dam", "Moh", "Nal", "Shal", "Rag", "Nand", "Sud", "Rohin", "Pad",
            "Sauda", "Kum", "Shal", "Ambal", "Ruk", "Sum", "Shiv", "Bhav", "Chand", "Mal"),
    "ali": ("Deep", "Rup", "Son", "Vaish", "Shef", "Mit", "Anj", "Nand", "Mit", "Kaj", "Shiv",
            "Pran", "Rang", "Dip", "Swap", "Min", "Bij", "Kun", "Kes", "Harsh", "Rash"),
}  # fmt: skip


def indian_given(names: Sequence[str], gender: str, foreign: Iterable[str] = ()) -> list[str]:
    """Indian given names of one sex; ``foreign`` are the English and Muslim names that the
    en_IN lists also hold, which take no Hindu second name."""
    skip = set(foreign)
    out: list[str] = []
    if gender == "M":
        out += [_indian_join(s, x) for s in IN_STEMS_SUFFIX for x in IN_SUFFIX_MALE]
        out += [
            s + x for s in IN_STEMS_PUNJABI for x in IN_SUFFIX_PUNJABI_MALE if not s.endswith(x)
        ]
        out += [_indian_join(s, x) for s in IN_STEMS_MALE for x in IN_SECOND_MALE]
        seconds: tuple[str, ...] = ("Kumar", "Lal", "Chand", "Prakash")
        fused = "bhai"
    else:
        out += [s + x for x, stems in IN_FEMALE_SUFFIXED.items() for s in stems]
        out += [s + x for s in IN_STEMS_PUNJABI for x in IN_SUFFIX_PUNJABI_FEMALE if s[-1] != x[0]]
        out += [_indian_join(s, x) for s in IN_STEMS_FEMALE_FIRST for x in IN_SECOND_FEMALE]
        seconds = ("Devi", "Kumari", "Rani", "Bai")
        fused = "ben"
    out = [n for n in out if n]
    singles = [
        n
        for n in dict.fromkeys(list(names) + out)
        if n not in skip and re.fullmatch(r"[A-Z][a-z]+", n)
    ]
    out += [
        f"{n} {second}" for n in singles for second in seconds if second.lower() not in n.lower()
    ]
    # Gujarat adds -bhai ("brother") to men's and -ben ("sister") to women's names, in the
    # name itself (Rameshbhai, Sunitaben).
    out += [n + fused for n in singles if not n.endswith(("bhai", "ben"))]
    return out


def _indian_join(stem: str, suffix: str) -> str:
    """stem + suffix with the vowel joins of Hindi spelling (Rama + esh → Ramesh, Shiv +
    prasad → Shivprasad, Vijaya + lakshmi → Vijayalakshmi); "" where the stem already holds
    the second element (Chandra + chand)."""
    if suffix[:4] in stem.lower():
        return ""
    if suffix[0] in "aeiou" and stem[-1] in "aeiou":
        stem = stem[:-1]
    return stem + suffix


# Korean given-name syllables beyond those of Faker's lists: common first syllables of both
# sexes, and the second syllables that mark a woman's name (숙, 자, 희, 순, 옥, 미) or a man's
# (수, 호, 식, 철, 훈, 석), from the naming of the generations born 1940-2000.
KO_FIRSTS = (
    "가", "강", "건", "경", "계", "광", "규", "근", "기", "길", "남", "대", "덕", "도", "동", "두",
    "명", "문", "미", "민", "범", "병", "보", "봉", "상", "서", "석", "선", "성", "세", "소", "수",
    "순", "승", "시", "신", "영", "예", "옥", "완", "용", "우", "원", "유", "윤", "은", "의", "인",
    "일", "재", "정", "종", "주", "준", "중", "지", "진", "찬", "창", "채", "철", "춘", "충", "태",
    "택", "필", "하", "학", "한", "해", "현", "형", "혜", "호", "홍", "화", "효", "희", "나", "다",
    "아", "연", "소", "예", "유", "금", "말", "복", "분", "옥", "귀", "명", "양", "애", "정",
)  # fmt: skip
KO_SECONDS = {
    "F": (
        "숙", "자", "희", "순", "옥", "미", "혜", "경", "은", "연", "아", "애", "란", "화", "선",
        "주", "리", "나", "라", "림", "빈", "실", "분", "례", "임", "윤", "지", "향", "이", "정",
        "영", "서", "민", "진",
    ),
    "M": (
        "수", "호", "식", "철", "훈", "석", "준", "우", "환", "규", "범", "섭", "택", "근", "일",
        "용", "국", "태", "복", "남", "열", "욱", "혁", "한", "만", "길", "구", "상", "기", "성",
        "현", "원", "재", "배", "덕", "표", "모", "찬", "웅", "균", "광", "학", "종", "명", "동",
    ),
}  # fmt: skip


# Chinese given-name characters beyond those of Faker's lists, by the sex they mark (and, for
# the first character, some that both sexes take); only characters whose pinyin the build
# knows (seeding.ZH_PINYIN).
ZH_MORE = {
    "F": "惠容茹蓝幸艾芮苑苗花香芝瑜璐莹秀玉桂荣云琳欣洁淑卿舒银楚乐郁",
    "M": "万丰元全卓南卫吉向和宗宾富尚岳康敬方景智柏武江洪盛石祖隆信修国建文尧晋禹展衡宣黎柯常满",
}
ZH_FIRST_BOTH = "小春冬海金文明国晨佳宁安华红伊凌辛"
