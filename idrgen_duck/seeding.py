"""Build the committed lookup CSVs under ``seeds/``.

Generation runs entirely in DuckDB SQL and reads small lookup tables (names, cities, phone
plans, email domains, product vocabulary). Those tables are made here, once, and committed, so
that a run of the generator never needs Faker and always sees the same data. This is the only
module of the project that imports Faker, and it does so inside :func:`build_seeds`, so that
importing the package stays free of it.

Two kinds of data end up in the seeds:

* lists taken from Faker (most cities, street names, the name lists that fill the name pools),
  read from the locale's provider or drawn from a Faker instance seeded with a fixed number;
* name pools weighted by published name frequencies (:mod:`idrgen_duck.seed_names`);
* curated facts (country metadata, mobile numbering, email providers, nicknames, product
  vocabulary), kept below as explicit ordered Python data;
* review and survey texts in each customer language (:mod:`idrgen_duck.seed_phrases`).

Every file is written sorted by its key columns with the csv module, UTF-8 and ``\\n`` line
ends, and no step iterates over a ``set``, so the same Faker version yields byte-identical files.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from idrgen_duck import seed_names, seed_phrases

Row = tuple[Any, ...]


# ---------------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------------

REGION_SHARES: tuple[tuple[str, float], ...] = (
    ("North America", 0.40),
    ("Europe", 0.30),
    ("APAC", 0.20),
    ("LATAM", 0.10),
)

# code, name, region, within-region share, calling code, trunk prefix, currency,
# representative UTC offset, street format. Shares follow population and retail/e-commerce
# market size (see seeds/README.md); each region's shares sum to 1.
COUNTRIES: tuple[tuple[str, str, str, float, str, str, str, int, str], ...] = (
    ("US", "United States", "North America", 0.78, "1", "1", "USD", -5, "number_street"),
    ("CA", "Canada", "North America", 0.10, "1", "1", "CAD", -5, "number_street"),
    ("MX", "Mexico", "North America", 0.12, "52", "", "MXN", -6, "street_number"),
    ("DE", "Germany", "Europe", 0.21, "49", "0", "EUR", 1, "street_number"),
    ("GB", "United Kingdom", "Europe", 0.20, "44", "0", "GBP", 0, "number_street"),
    ("FR", "France", "Europe", 0.17, "33", "0", "EUR", 1, "number_street"),
    ("IT", "Italy", "Europe", 0.13, "39", "", "EUR", 1, "street_number"),
    ("ES", "Spain", "Europe", 0.11, "34", "", "EUR", 1, "street_number"),
    ("PL", "Poland", "Europe", 0.08, "48", "", "PLN", 1, "street_number"),
    ("NL", "Netherlands", "Europe", 0.06, "31", "0", "EUR", 1, "street_number"),
    ("SE", "Sweden", "Europe", 0.04, "46", "0", "SEK", 1, "street_number"),
    ("CN", "China", "APAC", 0.40, "86", "0", "CNY", 8, "street_number"),
    ("JP", "Japan", "APAC", 0.20, "81", "0", "JPY", 9, "street_number"),
    ("KR", "South Korea", "APAC", 0.15, "82", "0", "KRW", 9, "street_number"),
    ("IN", "India", "APAC", 0.15, "91", "0", "INR", 5, "number_street"),
    ("AU", "Australia", "APAC", 0.10, "61", "0", "AUD", 10, "number_street"),
    ("BR", "Brazil", "LATAM", 0.55, "55", "0", "BRL", -3, "street_number"),
    ("AR", "Argentina", "LATAM", 0.17, "54", "0", "ARS", -3, "street_number"),
    ("CO", "Colombia", "LATAM", 0.16, "57", "0", "COP", -5, "street_number"),
    ("CL", "Chile", "LATAM", 0.12, "56", "", "CLP", -4, "street_number"),
)

FAMILY_FIRST = ("CN", "JP", "KR")

# Currencies of the customers' countries: local units per US dollar, fixed so that prices
# never depend on the day of generation (2024 annual averages: the Federal Reserve's G.5A
# release, the central banks' for ARS, CLP, COP and PLN); ISO 4217 minor units; and how shops
# write prices there: a price is rounded up to a multiple of `step` and `charm` is taken off,
# both in minor units (USD 12.49 / 12.99; JPY 1,980; KRW 12,900; CLP 9,990; COP 49.900). COP
# has 2 minor units in ISO 4217 but no coins below 50 pesos: prices are whole hundreds.
CURRENCIES: tuple[tuple[str, float, int, int, int], ...] = (
    # currency, per USD, minor units, step, charm (both in minor units)
    ("ARS", 916.0, 2, 100000, 100),  # 1,000-peso steps: 24.999
    ("AUD", 1.513, 2, 50, 1),
    ("BRL", 5.392, 2, 100, 10),  # 49,90
    ("CAD", 1.370, 2, 50, 1),
    ("CLP", 944.0, 0, 1000, 10),
    ("CNY", 7.196, 2, 1000, 100),  # 199.00
    ("COP", 4071.0, 2, 100000, 10000),
    ("EUR", 0.924, 2, 50, 1),
    ("GBP", 0.783, 2, 50, 1),
    ("INR", 83.68, 2, 10000, 100),  # 1,299.00
    ("JPY", 151.5, 0, 100, 20),
    ("KRW", 1364.0, 0, 1000, 100),
    ("MXN", 18.33, 2, 100, 1),
    ("PLN", 3.980, 2, 100, 1),
    ("SEK", 10.57, 2, 1000, 100),  # 249.00 kr
    ("USD", 1.0, 2, 50, 1),
)

COUNTRY_LOCALES: tuple[tuple[str, str, float], ...] = (
    ("US", "en_US", 1.0),
    ("CA", "en_CA", 0.75),
    ("CA", "fr_CA", 0.25),
    ("MX", "es_MX", 1.0),
    ("GB", "en_GB", 1.0),
    ("DE", "de_DE", 1.0),
    ("FR", "fr_FR", 1.0),
    ("ES", "es_ES", 1.0),
    ("IT", "it_IT", 1.0),
    ("NL", "nl_NL", 1.0),
    ("PL", "pl_PL", 1.0),
    ("SE", "sv_SE", 1.0),
    ("JP", "ja_JP", 1.0),
    ("CN", "zh_CN", 1.0),
    ("KR", "ko_KR", 1.0),
    ("IN", "en_IN", 1.0),
    ("AU", "en_AU", 1.0),
    ("BR", "pt_BR", 1.0),
    ("AR", "es_AR", 1.0),
    ("CO", "es_CO", 1.0),
    ("CL", "es_CL", 1.0),
)


def main_locale(country_code: str) -> str:
    """The locale with the largest share in a country: the one used for places and streets."""
    best = max((row for row in COUNTRY_LOCALES if row[0] == country_code), key=lambda row: row[2])
    return best[1]


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def fmt_weight(value: float) -> str:
    """Round to 6 significant digits and never use exponent notation, so files stay stable."""
    if value <= 0:
        raise ValueError(f"weight must be > 0, got {value!r}")
    text = format(Decimal(f"{value:.6g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if "." in text else text + ".0"


def stable_seed(*parts: str) -> int:
    """A seed from text that does not depend on PYTHONHASHSEED (unlike ``hash``)."""
    return zlib.crc32(":".join(parts).encode("utf-8"))


# fmt: off
_FOLD_EXTRA = {
    "ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae",
    "œ": "oe", "Œ": "Oe", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "\u0131": "i", "\u2019": "'", "\u2018": "'", "\u02bc": "'",
}
# fmt: on

LATIN_NAME_RE = re.compile(r"^[A-Za-z]+(?:[ '\-][A-Za-z]+)*$")


def fold_ascii(text: str) -> str:
    """Fold a Latin-script name to ASCII the way most systems strip diacritics (é→e, ß→ss)."""
    text = "".join(_FOLD_EXTRA.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# ---------------------------------------------------------------------------------------------
# Romanisation: Korean (Revised Romanization) and Chinese (pinyin without tones)
# ---------------------------------------------------------------------------------------------

# fmt: off
_KO_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)
_KO_MEDIALS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)
# Final consonant at the end of a word or before another consonant.
_KO_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)
# Final consonant carried over to a following vowel-initial syllable (liaison, e.g. 석우 Seogu).
_KO_FINALS_LIAISON = (
    "", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m",
    "b", "bs", "s", "ss", "ng", "j", "ch", "k", "t", "p", "",
)
# fmt: on

# Surnames as Koreans usually write them in passports, not strict RR (reference §2.5).
# fmt: off
KO_SURNAMES: dict[str, str] = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang",
    "조": "Cho", "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo",
    "신": "Shin", "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song", "류": "Ryu",
    "유": "Yoo", "홍": "Hong", "전": "Jeon", "고": "Go", "문": "Moon", "양": "Yang",
    "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "노": "Noh", "남": "Nam", "심": "Shim",
    "하": "Ha", "곽": "Kwak", "성": "Sung", "차": "Cha", "주": "Joo", "우": "Woo", "구": "Koo",
    "민": "Min", "진": "Jin", "나": "Na", "지": "Ji", "엄": "Eom", "채": "Chae", "원": "Won",
    "천": "Cheon", "방": "Bang", "공": "Kong", "현": "Hyun", "변": "Byun", "염": "Yeom",
    "여": "Yeo", "추": "Choo", "도": "Do", "소": "So", "석": "Seok", "선": "Sun", "설": "Seol",
    "마": "Ma", "길": "Gil", "연": "Yeon", "위": "Wi", "표": "Pyo", "명": "Myung", "기": "Ki",
    "반": "Ban", "왕": "Wang", "금": "Keum", "옥": "Ok", "육": "Yook", "인": "In", "맹": "Maeng",
    "제": "Je", "모": "Mo", "탁": "Tak", "국": "Kook", "은": "Eun", "편": "Pyeon", "용": "Yong",
    "예": "Ye", "경": "Kyung", "봉": "Bong", "남궁": "Namgung", "황보": "Hwangbo",
    "제갈": "Jegal", "선우": "Sunwoo", "독고": "Dokgo",
}
# fmt: on


def romanize_korean(text: str) -> str:
    """Revised Romanization of a Hangul word, syllable by syllable, written as one word.

    Each precomposed syllable is ``0xAC00 + (initial * 21 + medial) * 28 + final``. A final
    consonant moves onto a following silent ㅇ (liaison); assimilation across syllables is not
    written, as RR prescribes for given names. ㄹ after ㄹ is written ``l`` (``ll``).
    """
    parts: list[tuple[int, int, int]] = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            raise ValueError(f"not a Hangul syllable: {ch!r} in {text!r}")
        parts.append((code // 588, (code % 588) // 28, code % 28))
    out: list[str] = []
    for i, (initial, medial, final) in enumerate(parts):
        previous_final = parts[i - 1][2] if i else 0
        if initial == 5 and previous_final == 8:  # ㄹ after final ㄹ
            out.append("l")
        elif not (initial == 11 and i and previous_final):  # silent ㅇ: liaison wrote it
            out.append(_KO_INITIALS[initial])
        out.append(_KO_MEDIALS[medial])
        following_vowel = i + 1 < len(parts) and parts[i + 1][0] == 11
        out.append((_KO_FINALS_LIAISON if following_vowel else _KO_FINALS)[final])
    return "".join(out).capitalize()


# Pinyin (no tones, ü written yu as in passports since 2012: 吕 Lyu) of every character in
# Faker's zh_CN name lists. Surname characters with several readings use the surname reading
# (单 Shan, 曾 Zeng, 解 Xie, 仇 Qiu, 区 Ou, 朴 Piao, 查 Zha, 盖 Ge, 覃 Qin, 翟 Zhai).
# fmt: off
ZH_PINYIN: dict[str, str] = {
    "丁": "ding", "万": "wan", "丛": "cong", "东": "dong", "严": "yan", "丰": "feng", "丹": "dan",
    "丽": "li", "乌": "wu", "乐": "yue", "乔": "qiao", "于": "yu", "云": "yun", "亓": "qi",
    "井": "jing", "亢": "kang", "亮": "liang", "仇": "qiu", "仝": "tong", "仲": "zhong",
    "任": "ren", "伊": "yi", "伍": "wu", "伏": "fu", "伟": "wei", "但": "dan", "位": "wei",
    "何": "he", "佘": "she", "余": "yu", "佟": "tong", "佳": "jia", "侯": "hou", "俊": "jun",
    "俞": "yu", "信": "xin", "修": "xiu", "倩": "qian", "倪": "ni", "健": "jian", "傅": "fu",
    "储": "chu", "元": "yuan", "党": "dang", "全": "quan", "公": "gong", "兰": "lan", "关": "guan",
    "兵": "bing", "冀": "ji", "冉": "ran", "军": "jun", "农": "nong", "冬": "dong", "冯": "feng",
    "况": "kuang", "冶": "ye", "冷": "leng", "冼": "xian", "凌": "ling", "凤": "feng", "凯": "kai",
    "刁": "diao", "刘": "liu", "刚": "gang", "初": "chu", "利": "li", "劳": "lao", "勇": "yong",
    "勾": "gou", "包": "bao", "匡": "kuang", "区": "ou", "华": "hua", "卓": "zhuo", "单": "shan",
    "南": "nan", "博": "bo", "卜": "bu", "卞": "bian", "卢": "lu", "卫": "wei", "印": "yin",
    "危": "wei", "卿": "qing", "厉": "li", "原": "yuan", "古": "gu", "史": "shi", "叶": "ye",
    "司": "si", "吉": "ji", "向": "xiang", "吕": "lyu", "吴": "wu", "周": "zhou", "呼": "hu",
    "和": "he", "哈": "ha", "唐": "tang", "商": "shang", "喻": "yu", "国": "guo", "坤": "kun",
    "夏": "xia", "奉": "feng", "奚": "xi", "姚": "yao", "姜": "jiang", "姬": "ji", "娄": "lou",
    "娜": "na", "娟": "juan", "婷": "ting", "孔": "kong", "孙": "sun", "孟": "meng", "季": "ji",
    "宁": "ning", "宇": "yu", "安": "an", "宋": "song", "宗": "zong", "官": "guan", "宣": "xuan",
    "宫": "gong", "容": "rong", "宾": "bin", "宿": "su", "寇": "kou", "富": "fu", "封": "feng",
    "尉": "wei", "小": "xiao", "尚": "shang", "尤": "you", "尧": "yao", "尹": "yin", "居": "ju",
    "屈": "qu", "展": "zhan", "屠": "tu", "岑": "cen", "岩": "yan", "岳": "yue", "峰": "feng",
    "崔": "cui", "嵇": "ji", "左": "zuo", "巩": "gong", "巫": "wu", "巴": "ba", "帅": "shuai",
    "帆": "fan", "师": "shi", "席": "xi", "常": "chang", "干": "gan", "平": "ping", "幸": "xing",
    "庄": "zhuang", "应": "ying", "庞": "pang", "康": "kang", "廉": "lian", "廖": "liao",
    "建": "jian", "张": "zhang", "强": "qiang", "彬": "bin", "彭": "peng", "徐": "xu", "志": "zhi",
    "惠": "hui", "想": "xiang", "慕": "mu", "慧": "hui", "戈": "ge", "戎": "rong", "成": "cheng",
    "战": "zhan", "戚": "qi", "戴": "dai", "房": "fang", "扈": "hu", "揭": "jie", "支": "zhi",
    "敏": "min", "敖": "ao", "敬": "jing", "文": "wen", "斌": "bin", "斯": "si", "方": "fang",
    "施": "shi", "旭": "xu", "时": "shi", "明": "ming", "易": "yi", "昝": "zan", "春": "chun",
    "晁": "chao", "晋": "jin", "晏": "yan", "晨": "chen", "普": "pu", "景": "jing", "晶": "jing",
    "智": "zhi", "曲": "qu", "曹": "cao", "曾": "zeng", "朱": "zhu", "朴": "piao", "权": "quan",
    "李": "li", "杜": "du", "束": "shu", "来": "lai", "杨": "yang", "杭": "hang", "杰": "jie",
    "林": "lin", "柏": "bai", "查": "zha", "柯": "ke", "柳": "liu", "柴": "chai", "栗": "li",
    "栾": "luan", "桂": "gui", "桑": "sang", "梁": "liang", "梅": "mei", "植": "zhi", "楚": "chu",
    "楠": "nan", "楼": "lou", "樊": "fan", "檀": "tan", "欢": "huan", "欣": "xin", "欧": "ou",
    "武": "wu", "段": "duan", "殷": "yin", "母": "mu", "毕": "bi", "毛": "mao", "江": "jiang",
    "池": "chi", "汤": "tang", "汪": "wang", "沈": "shen", "沙": "sha", "波": "bo", "洁": "jie",
    "洋": "yang", "洪": "hong", "浦": "pu", "浩": "hao", "海": "hai", "涂": "tu", "涛": "tao",
    "淑": "shu", "温": "wen", "游": "you", "湛": "zhan", "滕": "teng", "满": "man", "漆": "qi",
    "潘": "pan", "焦": "jiao", "熊": "xiong", "燕": "yan", "牛": "niu", "牟": "mou", "狄": "di",
    "玉": "yu", "王": "wang", "玲": "ling", "珍": "zhen", "班": "ban", "琳": "lin", "琴": "qin",
    "瑜": "yu", "瑞": "rui", "璐": "lu", "甄": "zhen", "甘": "gan", "田": "tian", "由": "you",
    "申": "shen", "畅": "chang", "白": "bai", "皮": "pi", "盖": "ge", "盘": "pan", "盛": "sheng",
    "相": "xiang", "瞿": "qu", "石": "shi", "磊": "lei", "祁": "qi", "祖": "zu", "祝": "zhu",
    "禹": "yu", "秀": "xiu", "秦": "qin", "程": "cheng", "穆": "mu", "窦": "dou", "章": "zhang",
    "童": "tong", "符": "fu", "简": "jian", "管": "guan", "米": "mi", "粟": "su", "索": "suo",
    "红": "hong", "纪": "ji", "练": "lian", "缪": "miao", "罗": "luo", "羊": "yang", "翁": "weng",
    "翟": "zhai", "耿": "geng", "聂": "nie", "胡": "hu", "胥": "xu", "臧": "zang", "舒": "shu",
    "艳": "yan", "艾": "ai", "芝": "zhi", "芦": "lu", "芮": "rui", "花": "hua", "芳": "fang",
    "苏": "su", "苑": "yuan", "苗": "miao", "苟": "gou", "英": "ying", "范": "fan", "茅": "mao",
    "茹": "ru", "荆": "jing", "荣": "rong", "莉": "li", "莫": "mo", "莹": "ying", "萍": "ping",
    "萧": "xiao", "葛": "ge", "董": "dong", "蒋": "jiang", "蒙": "meng", "蒲": "pu", "蓝": "lan",
    "蔡": "cai", "蔺": "lin", "薄": "bo", "薛": "xue", "虞": "yu", "衡": "heng", "衣": "yi",
    "袁": "yuan", "裘": "qiu", "裴": "pei", "褚": "chu", "覃": "qin", "解": "xie", "詹": "zhan",
    "计": "ji", "许": "xu", "诸": "zhu", "谈": "tan", "谌": "chen", "谢": "xie", "谭": "tan",
    "谷": "gu", "豆": "dou", "费": "fei", "贺": "he", "贾": "jia", "赖": "lai", "赫": "he",
    "赵": "zhao", "超": "chao", "路": "lu", "车": "che", "辉": "hui", "辛": "xin", "辜": "gu",
    "边": "bian", "连": "lian", "迟": "chi", "逯": "lu", "邓": "deng", "邝": "kuang", "邢": "xing",
    "那": "na", "邬": "wu", "邰": "tai", "邱": "qiu", "邵": "shao", "邸": "di", "邹": "zou",
    "郁": "yu", "郎": "lang", "郑": "zheng", "郜": "gao", "郝": "hao", "郭": "guo", "都": "du",
    "鄢": "yan", "金": "jin", "鑫": "xin", "钟": "zhong", "钱": "qian", "银": "yin", "门": "men",
    "闭": "bi", "闵": "min", "闻": "wen", "阎": "yan", "阙": "que", "阚": "kan", "阮": "ruan",
    "阳": "yang", "阴": "yin", "阿": "a", "陆": "lu", "陈": "chen", "陶": "tao", "隆": "long",
    "隋": "sui", "雍": "yong", "雪": "xue", "雷": "lei", "霍": "huo", "霞": "xia", "静": "jing",
    "靳": "jin", "鞠": "ju", "韦": "wei", "韩": "han", "项": "xiang", "顾": "gu", "颖": "ying",
    "颜": "yan", "飞": "fei", "饶": "rao", "香": "xiang", "马": "ma", "骆": "luo", "高": "gao",
    "魏": "wei", "鲁": "lu", "鲍": "bao", "鲜": "xian", "鹏": "peng", "鹿": "lu", "麦": "mai",
    "麻": "ma", "黄": "huang", "黎": "li", "齐": "qi", "龙": "long", "龚": "gong",
}
# fmt: on

JA_ROMAJI_FIXES = {"Mituru": "Mitsuru"}  # Faker writes one name in Kunrei-shiki
# 修平 is read シュウヘイ (Faker's own kana), so the romanisation is Shuhei, not Shohei.
JA_NAME_FIXES = {"修平": "Shuhei"}


def romanize_chinese(text: str) -> str:
    """Toneless pinyin of a name written as one capitalised word (张伟 → Zhangwei)."""
    try:
        return "".join(ZH_PINYIN[ch] for ch in text).capitalize()
    except KeyError as err:  # a new Faker version added a character
        raise KeyError(f"no pinyin for {err.args[0]!r}: extend ZH_PINYIN in seeding.py") from err


# ---------------------------------------------------------------------------------------------
# Names (pools and weights from seed_names; Faker supplies the providers)
# ---------------------------------------------------------------------------------------------


def _person_provider(fake: Any) -> Any:
    """The person provider Faker picked for a locale (it falls back, e.g. en_CA → en_US)."""
    for provider in fake.providers:
        if ".person." in type(provider).__module__:
            return provider
    raise LookupError("Faker instance has no person provider")


def _latin(locale: str, name: str, family: bool) -> str:
    """ASCII form of a name used to build email local parts."""
    if locale == "ko_KR":
        if family and name in KO_SURNAMES:
            return KO_SURNAMES[name]
        return romanize_korean(name)
    if locale == "zh_CN":
        return romanize_chinese(name)
    return fold_ascii(name)


def _name_rows(
    locale: str,
    entries: Iterable[tuple[str, str, float]],
    family: bool,
    readings: dict[str, str] | None = None,
) -> dict[tuple[str, str], tuple[str, float]]:
    """Clean (key, name, weight) entries into {(key, name): (name_latin, weight)}.

    Duplicates add their weights; names whose ASCII form is not a plain name (e.g. the Dutch
    "'s Gravensande") are dropped, since they could not go into an email address as they are.
    ``readings`` gives the romaji of names whose reading cannot be computed (Japanese kanji).
    """
    out: dict[tuple[str, str], tuple[str, float]] = {}
    for key, raw, weight in entries:
        name = " ".join(raw.split())
        if not name:
            continue
        if readings is not None:
            romaji = readings.get(name, "")
            latin = JA_NAME_FIXES.get(name, JA_ROMAJI_FIXES.get(romaji, romaji))
        else:
            latin = _latin(locale, name, family).strip()
        if not LATIN_NAME_RE.match(latin):
            continue
        if (key, name) in out:
            weight += out[(key, name)][1]
        out[(key, name)] = (latin, weight)
    return out


def name_rows(faker_cls: Callable[..., Any]) -> tuple[list[Row], list[Row]]:
    """Rows for first_names.csv and last_names.csv for every locale in COUNTRY_LOCALES.

    The pools and their frequency weights come from :mod:`idrgen_duck.seed_names`; here Faker's
    providers are handed to it and the names are romanised and cleaned.
    """
    providers = functools.cache(lambda locale: _person_provider(faker_cls(locale)))
    first_rows: list[Row] = []
    last_rows: list[Row] = []
    locales = sorted(dict.fromkeys(row[1] for row in COUNTRY_LOCALES))
    for locale in locales:
        for gender in ("F", "M"):
            pool = seed_names.given_pool(locale, gender, providers)
            cap = seed_names.FIRST_NAME_CAPS.get(locale, seed_names.FIRST_NAME_CAP)
            weights = seed_names.pool_weights(pool, cap, f"{locale}:{gender}")
            readings = pool.latin if locale == "ja_JP" else None
            entries = [(gender, name, weight) for name, weight in weights]
            for (_, name), (latin, weight) in _name_rows(locale, entries, False, readings).items():
                first_rows.append((locale, gender, name, latin, weight))
        pool = seed_names.surname_pool(locale, providers)
        weights = seed_names.pool_weights(pool, seed_names.LAST_NAME_CAP, locale)
        readings = pool.latin if locale == "ja_JP" else None
        cleaned = _name_rows(locale, [("", n, w) for n, w in weights], True, readings)
        for (_, name), (latin, weight) in cleaned.items():
            last_rows.append((locale, name, latin, weight))
    return first_rows, last_rows


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------

# Real (city, region, postcode) triples weighted by population, and street names, are made by
# idrgen_duck/seed_places.py from GeoNames and national postal data (the ``seeds`` extra).


def city_rows() -> list[Row]:
    """Rows for cities.csv (see :mod:`idrgen_duck.seed_places`)."""
    from idrgen_duck.seed_places import city_rows as place_rows  # needs the seeds extra

    return place_rows([country for country, *_ in COUNTRIES])


def street_rows(faker_cls: Callable[..., Any]) -> list[Row]:
    """Rows for streets.csv: curated stems per locale, real JP town names, and Faker where
    its locale lists real street names (see :func:`idrgen_duck.seed_places.street_names`)."""
    from idrgen_duck.seed_places import street_names

    rows: list[Row] = []
    for country, *_ in COUNTRIES:
        fake = faker_cls(main_locale(country))
        fake.seed_instance(stable_seed(country, "streets"))
        rows += [(country, name) for name in street_names(country, fake)]
    return rows


# ---------------------------------------------------------------------------------------------
# Email providers (reference §2.1; weights are shares in percent where a figure exists, the
# rest are small estimates for domains the reference lists without a figure)
# ---------------------------------------------------------------------------------------------

_US_DOMAINS: tuple[tuple[str, float, str], ...] = (
    ("gmail.com", 42.0, "free"),
    ("yahoo.com", 15.0, "free"),
    ("hotmail.com", 5.3, "free"),
    ("outlook.com", 4.0, "free"),
    ("icloud.com", 3.0, "free"),
    ("aol.com", 3.0, "free"),
    ("comcast.net", 2.0, "isp"),
    ("att.net", 1.1, "isp"),
    ("verizon.net", 0.8, "isp"),
    ("live.com", 1.0, "free"),
    ("msn.com", 0.8, "free"),
    ("me.com", 0.5, "free"),
)

EMAIL_DOMAINS: dict[str, tuple[tuple[str, float, str], ...]] = {
    "US": _US_DOMAINS,
    "CA": (
        ("gmail.com", 42.0, "free"),
        ("hotmail.com", 10.0, "free"),
        ("yahoo.ca", 5.0, "free"),
        ("yahoo.com", 4.0, "free"),
        ("outlook.com", 5.0, "free"),
        ("icloud.com", 3.0, "free"),
        ("live.ca", 1.5, "free"),
        ("shaw.ca", 1.5, "isp"),
        ("rogers.com", 1.5, "isp"),
        ("sympatico.ca", 1.0, "isp"),
        ("videotron.ca", 0.8, "isp"),
    ),
    "MX": (
        ("hotmail.com", 40.0, "free"),
        ("gmail.com", 30.0, "free"),
        ("outlook.com", 8.0, "free"),
        ("yahoo.com.mx", 6.0, "free"),
        ("hotmail.com.mx", 3.0, "free"),
        ("live.com.mx", 2.0, "free"),
        ("prodigy.net.mx", 1.5, "isp"),
        ("icloud.com", 1.5, "free"),
    ),
    "GB": (
        ("gmail.com", 30.8, "free"),
        ("hotmail.com", 10.4, "free"),
        ("hotmail.co.uk", 9.2, "free"),
        ("yahoo.co.uk", 6.0, "free"),
        ("outlook.com", 4.0, "free"),
        ("icloud.com", 4.0, "free"),
        ("btinternet.com", 5.0, "isp"),
        ("virginmedia.com", 3.0, "isp"),
        ("live.co.uk", 2.0, "free"),
        ("sky.com", 2.0, "isp"),
        ("talktalk.net", 1.0, "isp"),
        ("aol.co.uk", 0.5, "free"),
    ),
    "DE": (
        ("gmail.com", 20.8, "free"),
        ("gmx.de", 10.0, "free"),
        ("web.de", 9.5, "free"),
        ("t-online.de", 6.0, "isp"),
        ("gmx.net", 4.0, "free"),
        ("yahoo.de", 2.0, "free"),
        ("hotmail.de", 2.0, "free"),
        ("outlook.de", 1.5, "free"),
        ("freenet.de", 1.5, "isp"),
        ("googlemail.com", 2.0, "free"),
        ("icloud.com", 1.5, "free"),
    ),
    "FR": (
        ("gmail.com", 36.0, "free"),
        ("hotmail.fr", 9.8, "free"),
        ("orange.fr", 8.2, "isp"),
        ("yahoo.fr", 4.0, "free"),
        ("free.fr", 4.0, "isp"),
        ("sfr.fr", 3.0, "isp"),
        ("laposte.net", 3.0, "free"),
        ("wanadoo.fr", 2.0, "isp"),
        ("outlook.fr", 2.0, "free"),
        ("live.fr", 1.5, "free"),
        ("icloud.com", 1.5, "free"),
    ),
    "ES": (
        ("gmail.com", 50.2, "free"),
        ("hotmail.com", 25.8, "free"),
        ("yahoo.es", 3.8, "free"),
        ("hotmail.es", 3.0, "free"),
        ("outlook.es", 2.5, "free"),
        ("telefonica.net", 1.0, "isp"),
        ("icloud.com", 1.5, "free"),
        ("live.com", 1.0, "free"),
    ),
    "IT": (
        ("gmail.com", 46.8, "free"),
        ("libero.it", 9.9, "free"),
        ("hotmail.it", 7.2, "free"),
        ("yahoo.it", 4.0, "free"),
        ("virgilio.it", 3.0, "free"),
        ("alice.it", 2.5, "isp"),
        ("tiscali.it", 2.0, "isp"),
        ("tim.it", 1.0, "isp"),
        ("fastwebnet.it", 1.0, "isp"),
        ("outlook.it", 1.5, "free"),
        ("icloud.com", 1.5, "free"),
    ),
    "NL": (
        ("gmail.com", 40.0, "free"),
        ("hotmail.com", 15.0, "free"),
        ("outlook.com", 8.0, "free"),
        ("live.nl", 6.0, "free"),
        ("ziggo.nl", 5.0, "isp"),
        ("kpnmail.nl", 4.0, "isp"),
        ("hotmail.nl", 4.0, "free"),
        ("icloud.com", 3.0, "free"),
        ("xs4all.nl", 1.5, "isp"),
        ("planet.nl", 1.5, "isp"),
    ),
    "PL": (
        ("wp.pl", 26.4, "free"),
        ("gmail.com", 25.4, "free"),
        ("o2.pl", 10.0, "free"),
        ("onet.pl", 10.0, "free"),
        ("interia.pl", 8.0, "free"),
        ("op.pl", 3.0, "free"),
        ("yahoo.com", 1.5, "free"),
        ("outlook.com", 1.5, "free"),
    ),
    "SE": (
        ("gmail.com", 40.0, "free"),
        ("hotmail.com", 15.0, "free"),
        ("outlook.com", 6.0, "free"),
        ("live.se", 5.0, "free"),
        ("telia.com", 5.0, "isp"),
        ("yahoo.se", 3.0, "free"),
        ("icloud.com", 4.0, "free"),
        ("hotmail.se", 3.0, "free"),
        ("bredband.net", 1.5, "isp"),
    ),
    "JP": (
        ("gmail.com", 52.5, "free"),
        ("yahoo.co.jp", 21.0, "free"),
        ("docomo.ne.jp", 6.0, "isp"),
        ("ezweb.ne.jp", 4.0, "isp"),
        ("softbank.ne.jp", 3.0, "isp"),
        ("au.com", 1.0, "isp"),
        ("icloud.com", 3.5, "free"),
        ("outlook.jp", 1.5, "free"),
        ("hotmail.co.jp", 1.5, "free"),
    ),
    "CN": (
        ("qq.com", 40.0, "free"),
        ("163.com", 25.0, "free"),
        ("126.com", 10.0, "free"),
        ("sina.com", 6.0, "free"),
        ("foxmail.com", 5.0, "free"),
        ("sohu.com", 4.0, "free"),
        ("139.com", 3.0, "isp"),
        ("aliyun.com", 2.0, "free"),
        ("hotmail.com", 1.0, "free"),
        ("gmail.com", 1.0, "free"),
    ),
    "KR": (
        ("naver.com", 40.0, "free"),
        ("hanmail.net", 20.0, "free"),
        ("daum.net", 10.0, "free"),
        ("nate.com", 11.8, "free"),
        ("gmail.com", 12.0, "free"),
        ("hotmail.com", 3.0, "free"),
        ("kakao.com", 2.0, "free"),
    ),
    "IN": (
        ("gmail.com", 60.0, "free"),
        ("yahoo.co.in", 12.0, "free"),
        ("yahoo.com", 6.0, "free"),
        ("rediffmail.com", 6.0, "free"),
        ("outlook.com", 4.0, "free"),
        ("hotmail.com", 4.0, "free"),
        ("icloud.com", 1.0, "free"),
    ),
    "AU": (
        ("gmail.com", 37.9, "free"),
        ("hotmail.com", 18.0, "free"),
        ("outlook.com", 10.0, "free"),
        ("bigpond.com", 14.9, "isp"),
        ("yahoo.com.au", 8.0, "free"),
        ("optusnet.com.au", 4.0, "isp"),
        ("icloud.com", 4.0, "free"),
        ("live.com.au", 2.0, "free"),
        ("iinet.net.au", 1.5, "isp"),
    ),
    "BR": (
        ("hotmail.com", 40.0, "free"),
        ("gmail.com", 30.0, "free"),
        ("yahoo.com.br", 15.0, "free"),
        ("outlook.com", 5.0, "free"),
        ("uol.com.br", 3.0, "isp"),
        ("bol.com.br", 2.0, "free"),
        ("terra.com.br", 2.0, "isp"),
        ("ig.com.br", 0.8, "isp"),
        ("globo.com", 0.5, "free"),
        ("live.com", 1.5, "free"),
    ),
    "AR": (
        ("hotmail.com", 45.0, "free"),
        ("gmail.com", 30.0, "free"),
        ("yahoo.com.ar", 10.0, "free"),
        ("outlook.com", 5.0, "free"),
        ("hotmail.com.ar", 3.0, "free"),
        ("live.com.ar", 2.0, "free"),
        ("fibertel.com.ar", 1.5, "isp"),
        ("speedy.com.ar", 1.0, "isp"),
    ),
    "CO": (
        ("hotmail.com", 45.0, "free"),
        ("gmail.com", 32.0, "free"),
        ("yahoo.com", 6.0, "free"),
        ("outlook.com", 6.0, "free"),
        ("yahoo.es", 3.0, "free"),
        ("live.com", 2.0, "free"),
        ("une.net.co", 1.0, "isp"),
    ),
    "CL": (
        ("gmail.com", 40.0, "free"),
        ("hotmail.com", 35.0, "free"),
        ("yahoo.com", 6.0, "free"),
        ("outlook.com", 6.0, "free"),
        ("live.cl", 3.0, "free"),
        ("vtr.net", 1.5, "isp"),
        ("entel.cl", 0.5, "isp"),
    ),
}


# ---------------------------------------------------------------------------------------------
# Nicknames (hypocorisms a person may give instead of the formal first name)
# ---------------------------------------------------------------------------------------------

NICKNAMES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "en": (
        ("Abigail", ("Abby",)),
        ("Alexander", ("Alex", "Sandy")),
        ("Alexandra", ("Alex", "Lexi")),
        ("Andrew", ("Andy", "Drew")),
        ("Anthony", ("Tony",)),
        ("Barbara", ("Barb", "Babs")),
        ("Benjamin", ("Ben", "Benny")),
        ("Catherine", ("Cathy", "Kate")),
        ("Charles", ("Charlie", "Chuck")),
        ("Christina", ("Chris", "Tina")),
        ("Christopher", ("Chris", "Topher")),
        ("Cynthia", ("Cindy",)),
        ("Daniel", ("Dan", "Danny")),
        ("David", ("Dave", "Davy")),
        ("Deborah", ("Deb", "Debbie")),
        ("Donald", ("Don", "Donny")),
        ("Dorothy", ("Dot", "Dottie")),
        ("Edward", ("Ed", "Ted", "Ned")),
        ("Elizabeth", ("Beth", "Betty", "Eliza", "Liz", "Lisa")),
        ("Eleanor", ("Ellie", "Nell")),
        ("Frederick", ("Fred", "Freddie")),
        ("Gregory", ("Greg",)),
        ("Henry", ("Hank", "Harry")),
        ("Jacob", ("Jake",)),
        ("James", ("Jamie", "Jim", "Jimmy")),
        ("Jennifer", ("Jen", "Jenny")),
        ("Jessica", ("Jess", "Jessie")),
        ("John", ("Jack", "Johnny", "Jon")),
        ("Jonathan", ("Jon", "Jonny")),
        ("Joseph", ("Joe", "Joey")),
        ("Joshua", ("Josh",)),
        ("Katherine", ("Kate", "Kathy", "Katie")),
        ("Kenneth", ("Ken", "Kenny")),
        ("Kimberly", ("Kim",)),
        ("Lawrence", ("Larry",)),
        ("Margaret", ("Maggie", "Marge", "Meg", "Peggy")),
        ("Matthew", ("Matt",)),
        ("Michael", ("Mike", "Mikey")),
        ("Nicholas", ("Nick", "Nicky")),
        ("Pamela", ("Pam",)),
        ("Patricia", ("Pat", "Patty", "Trish")),
        ("Patrick", ("Pat", "Paddy")),
        ("Peter", ("Pete",)),
        ("Raymond", ("Ray",)),
        ("Rebecca", ("Becca", "Becky")),
        ("Richard", ("Dick", "Rich", "Rick", "Ricky")),
        ("Robert", ("Bob", "Bobby", "Rob", "Robbie")),
        ("Ronald", ("Ron", "Ronnie")),
        ("Samantha", ("Sam", "Sammy")),
        ("Samuel", ("Sam", "Sammy")),
        ("Stephanie", ("Steph",)),
        ("Stephen", ("Steve",)),
        ("Steven", ("Steve", "Stevie")),
        ("Susan", ("Sue", "Susie")),
        ("Theodore", ("Ted", "Teddy", "Theo")),
        ("Thomas", ("Tom", "Tommy")),
        ("Timothy", ("Tim", "Timmy")),
        ("Victoria", ("Tori", "Vicky")),
        ("William", ("Bill", "Billy", "Will", "Willie")),
        ("Zachary", ("Zach",)),
    ),
    "es": (
        ("Alberto", ("Beto",)),
        ("Alejandro", ("Alex", "Ale")),
        ("Antonio", ("Toni", "Toño")),
        ("Concepción", ("Concha", "Conchi")),
        ("Dolores", ("Lola", "Loli")),
        ("Eduardo", ("Edu", "Lalo")),
        ("Enrique", ("Quique",)),
        ("Fernando", ("Fer", "Nando")),
        ("Francisco", ("Curro", "Paco", "Pancho")),
        ("Guadalupe", ("Lupe", "Lupita")),
        ("Guillermo", ("Memo", "Guille")),
        ("Ignacio", ("Nacho",)),
        ("Isabel", ("Isa", "Chabela")),
        ("Jesús", ("Chucho", "Chuy")),
        ("José", ("Pepe", "Chema")),
        ("Manuel", ("Manolo", "Manu")),
        ("Mercedes", ("Merche",)),
        ("Rafael", ("Rafa",)),
        ("Roberto", ("Beto", "Robert")),
        ("Rosario", ("Charo", "Chayo")),
        ("Santiago", ("Santi",)),
        ("Teresa", ("Tere",)),
    ),
    "pt": (
        ("Antônio", ("Toninho",)),
        ("Eduardo", ("Edu", "Dudu")),
        ("Fernanda", ("Nanda",)),
        ("Francisco", ("Chico",)),
        ("Gabriel", ("Biel",)),
        ("José", ("Zé",)),
        ("Luiz", ("Lula",)),
        ("Rafael", ("Rafa",)),
        ("Rodrigo", ("Digo",)),
    ),
    "de": (
        ("Alexander", ("Alex",)),
        ("Christian", ("Chris",)),
        ("Elisabeth", ("Elli", "Lisa")),
        ("Johannes", ("Hannes", "Jo")),
        ("Katharina", ("Kathi",)),
        ("Matthias", ("Matze",)),
        ("Stefanie", ("Steffi",)),
        ("Thomas", ("Tom",)),
        ("Wolfgang", ("Wolf",)),
    ),
    "fr": (
        ("Alexandre", ("Alex",)),
        ("Christophe", ("Chris",)),
        ("Frédéric", ("Fred",)),
        ("Nathalie", ("Nath",)),
        ("Stéphanie", ("Steph",)),
        ("Sébastien", ("Seb",)),
    ),
}


# ---------------------------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------------------------

# category → (margin mean %, margin sd %, subcategories: name, weight, median price, sigma)
PRODUCT_TAXONOMY: dict[str, tuple[float, float, tuple[tuple[str, float, float, float], ...]]] = {
    "Electronics": (
        18.0,
        5.0,
        (
            ("Cables & Chargers", 3.0, 12.0, 0.5),
            ("Cameras", 0.6, 449.0, 0.6),
            ("Headphones", 2.0, 79.0, 0.7),
            ("Laptops", 0.8, 899.0, 0.4),
            ("Smartphones", 1.0, 549.0, 0.5),
            ("Smartwatches", 0.8, 199.0, 0.5),
            ("Speakers", 1.2, 59.0, 0.7),
            ("Tablets", 0.7, 329.0, 0.4),
        ),
    ),
    "Apparel": (
        52.0,
        6.0,
        (
            ("Dresses", 1.2, 59.0, 0.5),
            ("Jackets", 1.0, 120.0, 0.6),
            ("Jeans", 1.5, 69.0, 0.4),
            ("Sneakers", 1.5, 89.0, 0.4),
            ("Socks", 1.5, 25.0, 0.3),
            ("Sweaters", 1.0, 55.0, 0.5),
            ("T-Shirts", 3.0, 25.0, 0.4),
        ),
    ),
    "Home": (
        38.0,
        6.0,
        (
            ("Bath", 1.5, 19.0, 0.5),
            ("Bedding", 1.2, 79.0, 0.5),
            ("Cookware", 1.2, 59.0, 0.6),
            ("Decor", 2.0, 29.0, 0.7),
            ("Furniture", 0.6, 299.0, 0.7),
            ("Kitchen Appliances", 0.8, 89.0, 0.6),
            ("Lighting", 1.0, 45.0, 0.6),
            ("Storage", 1.5, 25.0, 0.5),
        ),
    ),
    "Beauty": (
        58.0,
        6.0,
        (
            ("Bath & Body", 1.5, 14.0, 0.4),
            ("Fragrance", 0.8, 45.0, 0.5),
            ("Hair Care", 1.5, 12.0, 0.5),
            ("Makeup", 2.0, 18.0, 0.5),
            ("Men's Grooming", 1.0, 22.0, 0.5),
            ("Nail Care", 0.8, 8.0, 0.3),
            ("Skincare", 2.0, 29.0, 0.6),
        ),
    ),
    "Sports": (
        37.0,
        6.0,
        (
            ("Camping", 1.0, 79.0, 0.8),
            ("Cycling", 0.6, 249.0, 0.8),
            ("Fitness", 1.5, 29.0, 0.6),
            ("Hydration", 1.5, 18.0, 0.3),
            ("Running Shoes", 1.2, 110.0, 0.3),
            ("Team Sports", 1.0, 35.0, 0.6),
            ("Weights", 0.8, 59.0, 0.6),
        ),
    ),
}

# Invented brand names (no real trademarks) and the retailer's own private labels.
BRANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Electronics": (
        (
            "Aurivox",
            "Blinkwell",
            "Corvane",
            "Datrix",
            "Elektrum",
            "Fluxon",
            "Hexalink",
            "Kyrotek",
            "Lumetra",
            "Nexora",
            "Pixelune",
            "Quantiva",
            "Sonivo",
            "Voltaris",
        ),
        ("Northwind Essentials", "Northwind Tech"),
    ),
    "Apparel": (
        (
            "Ashby & Finch",
            "Bellweather",
            "Cotton Harbor",
            "Driftline",
            "Ember Lane",
            "Fernwood",
            "Granite Row",
            "Juniper Thread",
            "Loomcraft",
            "Maple & Moss",
            "Oakhaven",
            "Sable Coast",
        ),
        ("Northwind Essentials", "Northwind Basics"),
    ),
    "Home": (
        (
            "Alderbrook",
            "Casa Verano",
            "Cinderwick",
            "Hearthstone Living",
            "Kettleby",
            "Linden Loft",
            "Nestory",
            "Olivine Home",
            "Quillfield",
            "Rowan & Reed",
            "Stillwater Home",
            "Tidewell",
        ),
        ("Northwind Home",),
    ),
    "Beauty": (
        (
            "Aveline",
            "Bloomora",
            "Celesta",
            "Dewlune",
            "Floravie",
            "Glowen",
            "Lunaria",
            "Maison Perle",
            "Petalis",
            "Rosabelle",
            "Silkwave",
            "Velvetine",
        ),
        ("Northwind Essentials",),
    ),
    "Sports": (
        (
            "Apexion",
            "Boulderline",
            "Crestride",
            "Everpace",
            "Ironfjord",
            "Kinetra",
            "Peakform",
            "Ridgeway Athletics",
            "Strideon",
            "Summitra",
            "Trailhawk Gear",
            "Velorun",
        ),
        ("Northwind Active", "Northwind Essentials"),
    ),
}

PRODUCT_NAME_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Cables & Chargers": (
        ("Braided", "Fast-Charge", "Dual-Port", "Magnetic", "Compact", "Extra-Long"),
        ("USB-C Cable", "Wall Charger", "Car Charger", "Charging Dock", "Power Bank"),
    ),
    "Cameras": (
        ("Mirrorless", "Compact", "4K", "Waterproof", "Full-Frame", "Instant"),
        ("Camera", "Action Cam", "Camera Kit", "Vlogging Camera"),
    ),
    "Headphones": (
        ("Wireless", "Noise-Cancelling", "Over-Ear", "On-Ear", "Sport", "Studio"),
        ("Headphones", "Earbuds", "Headset", "In-Ear Monitors"),
    ),
    "Laptops": (
        ("Ultralight", "14-inch", "16-inch", "Gaming", "Convertible", "Business"),
        ("Laptop", "Notebook", "Ultrabook", "Chromebook"),
    ),
    "Smartphones": (
        ("5G", "Dual-SIM", "Pro", "Lite", "Rugged", "Unlocked"),
        ("Smartphone", "Phone", "Mobile Phone", "Handset"),
    ),
    "Smartwatches": (
        ("GPS", "Fitness", "Slim", "Solar", "Hybrid", "Rugged"),
        ("Smartwatch", "Fitness Tracker", "Activity Band", "Sport Watch"),
    ),
    "Speakers": (
        ("Bluetooth", "Portable", "Waterproof", "Smart", "Bookshelf", "Party"),
        ("Speaker", "Soundbar", "Mini Speaker", "Subwoofer"),
    ),
    "Tablets": (
        ("10-inch", "8-inch", "Kids", "Pro", "Lightweight", "LTE"),
        ("Tablet", "E-Reader", "Drawing Tablet", "Tablet Bundle"),
    ),
    "Dresses": (
        ("Floral", "Wrap", "Maxi", "Linen", "Pleated", "Sleeveless"),
        ("Dress", "Sundress", "Shirt Dress", "Midi Dress"),
    ),
    "Jackets": (
        ("Quilted", "Waterproof", "Denim", "Insulated", "Lightweight", "Hooded"),
        ("Jacket", "Parka", "Bomber", "Windbreaker", "Rain Jacket"),
    ),
    "Jeans": (
        ("Slim-Fit", "Straight-Leg", "High-Rise", "Relaxed", "Stretch", "Bootcut"),
        ("Jeans", "Denim Pants", "Skinny Jeans", "Mom Jeans"),
    ),
    "Sneakers": (
        ("Low-Top", "High-Top", "Leather", "Canvas", "Slip-On", "Retro"),
        ("Sneakers", "Trainers", "Court Shoes", "Runners"),
    ),
    "Socks": (
        ("Cushioned", "Ankle", "Merino", "Crew", "No-Show", "Striped"),
        ("Socks", "Sock 3-Pack", "Sock 6-Pack", "Hiking Socks"),
    ),
    "Sweaters": (
        ("Cable-Knit", "Merino", "Cashmere-Blend", "Oversized", "Crewneck", "Ribbed"),
        ("Sweater", "Cardigan", "Pullover", "Turtleneck"),
    ),
    "T-Shirts": (
        ("Organic Cotton", "Crew-Neck", "V-Neck", "Graphic", "Relaxed", "Pocket"),
        ("T-Shirt", "Tee", "Tee 2-Pack", "Tank Top"),
    ),
    "Bath": (
        ("Plush", "Quick-Dry", "Waffle", "Turkish Cotton", "Non-Slip", "Bamboo"),
        ("Bath Towel", "Bath Mat", "Shower Curtain", "Towel Set"),
    ),
    "Bedding": (
        ("Percale", "Sateen", "Linen", "Down-Alternative", "Cooling", "Flannel"),
        ("Sheet Set", "Duvet Cover", "Comforter", "Pillow", "Quilt"),
    ),
    "Cookware": (
        ("Non-Stick", "Cast-Iron", "Stainless", "Ceramic", "Tri-Ply", "Enameled"),
        ("Frying Pan", "Saucepan", "Dutch Oven", "Cookware Set", "Wok"),
    ),
    "Decor": (
        ("Handwoven", "Ceramic", "Rattan", "Framed", "Scented", "Minimalist"),
        ("Vase", "Wall Art", "Candle", "Throw Pillow", "Mirror"),
    ),
    "Furniture": (
        ("Solid Oak", "Mid-Century", "Upholstered", "Folding", "Modular", "Walnut"),
        ("Sofa", "Armchair", "Coffee Table", "Bookshelf", "Desk", "Dining Chair"),
    ),
    "Kitchen Appliances": (
        ("Digital", "Compact", "Programmable", "Cordless", "High-Speed", "Stainless"),
        ("Blender", "Air Fryer", "Coffee Maker", "Kettle", "Toaster"),
    ),
    "Lighting": (
        ("Dimmable", "LED", "Adjustable", "Brass", "Smart", "Rechargeable"),
        ("Floor Lamp", "Desk Lamp", "Pendant Light", "String Lights", "Table Lamp"),
    ),
    "Storage": (
        ("Stackable", "Collapsible", "Clear", "Woven", "Under-Bed", "Airtight"),
        ("Storage Bin", "Basket", "Shelf Organizer", "Food Container Set"),
    ),
    "Bath & Body": (
        ("Moisturizing", "Exfoliating", "Lavender", "Unscented", "Shea Butter", "Citrus"),
        ("Body Wash", "Body Lotion", "Hand Cream", "Body Scrub", "Bath Bomb Set"),
    ),
    "Fragrance": (
        ("Floral", "Woody", "Fresh", "Amber", "Citrus", "Travel-Size"),
        ("Eau de Parfum", "Eau de Toilette", "Body Mist", "Perfume Oil"),
    ),
    "Hair Care": (
        ("Sulfate-Free", "Volumizing", "Repairing", "Curl-Defining", "Argan Oil", "Clarifying"),
        ("Shampoo", "Conditioner", "Hair Mask", "Styling Cream", "Hair Oil"),
    ),
    "Makeup": (
        ("Long-Wear", "Matte", "Dewy", "Waterproof", "Tinted", "Shimmer"),
        ("Lipstick", "Mascara", "Foundation", "Eyeshadow Palette", "Concealer"),
    ),
    "Men's Grooming": (
        ("Sandalwood", "Sensitive", "Precision", "Cooling", "Cordless", "Charcoal"),
        ("Beard Oil", "Shave Gel", "Trimmer", "Aftershave Balm", "Face Wash"),
    ),
    "Nail Care": (
        ("Quick-Dry", "Gel-Effect", "Strengthening", "Glossy", "Pastel", "Nude"),
        ("Nail Polish", "Top Coat", "Nail File Set", "Cuticle Oil"),
    ),
    "Skincare": (
        ("Hydrating", "Vitamin C", "Retinol", "Fragrance-Free", "SPF 30", "Brightening"),
        ("Serum", "Moisturizer", "Cleanser", "Eye Cream", "Sunscreen"),
    ),
    "Camping": (
        ("Ultralight", "Waterproof", "2-Person", "Insulated", "Packable", "Four-Season"),
        ("Tent", "Sleeping Bag", "Camp Stove", "Headlamp", "Camping Chair"),
    ),
    "Cycling": (
        ("Carbon", "Aluminum", "Aero", "All-Terrain", "Commuter", "LED"),
        ("Road Bike", "Bike Helmet", "Bike Light Set", "Cycling Jersey", "Bike Lock"),
    ),
    "Fitness": (
        ("Non-Slip", "Extra-Thick", "Adjustable", "Foldable", "Resistance", "Foam"),
        ("Yoga Mat", "Resistance Bands", "Foam Roller", "Jump Rope", "Ab Wheel"),
    ),
    "Hydration": (
        ("Insulated", "Leak-Proof", "Stainless", "BPA-Free", "Collapsible", "Wide-Mouth"),
        ("Water Bottle", "Tumbler", "Hydration Pack", "Shaker Bottle"),
    ),
    "Running Shoes": (
        ("Cushioned", "Lightweight", "Trail", "Stability", "Carbon-Plate", "Breathable"),
        ("Running Shoes", "Trail Runners", "Racing Flats", "Trainers"),
    ),
    "Team Sports": (
        ("Official-Size", "Training", "Indoor", "Pro", "Youth", "All-Weather"),
        ("Soccer Ball", "Basketball", "Volleyball", "Shin Guards", "Goalkeeper Gloves"),
    ),
    "Weights": (
        ("Adjustable", "Hex", "Neoprene", "Cast-Iron", "Rubber-Coated", "Compact"),
        ("Dumbbell", "Kettlebell", "Weight Plate Set", "Barbell"),
    ),
}

PRIVATE_LABEL_SHARE = 0.175  # share of a category's products sold under the retailer's labels


# ---------------------------------------------------------------------------------------------
# Assembling the tables
# ---------------------------------------------------------------------------------------------


def country_rows() -> list[Row]:
    """countries.csv rows: the global weight is region share times within-region share."""
    regions = dict(REGION_SHARES)
    rows: list[Row] = []
    for code, name, region, share, calling, trunk, currency, offset, street in COUNTRIES:
        order = "family_first" if code in FAMILY_FIRST else "given_first"
        weight = round(regions[region] * share, 6)
        rows.append((code, name, region, weight, calling, trunk, currency, offset, order, street))
    return rows


def currency_rows() -> list[Row]:
    return [tuple(row) for row in CURRENCIES]


def email_rows() -> list[Row]:
    return [
        (country, domain, weight, kind)
        for country, domains in EMAIL_DOMAINS.items()
        for domain, weight, kind in domains
    ]


def nickname_rows() -> list[Row]:
    return [
        (group, name, nick)
        for group, entries in NICKNAMES.items()
        for name, nicks in entries
        for nick in nicks
    ]


def taxonomy_rows() -> list[Row]:
    return [
        (category, sub, weight, median, sigma, margin, margin_sd)
        for category, (margin, margin_sd, subs) in PRODUCT_TAXONOMY.items()
        for sub, weight, median, sigma in subs
    ]


def brand_rows() -> list[Row]:
    """Own brands weigh 1; private labels together make PRIVATE_LABEL_SHARE of a category."""
    rows: list[Row] = []
    for category, (own, private) in BRANDS.items():
        rows += [(category, brand, "false", 1.0) for brand in own]
        private_total = PRIVATE_LABEL_SHARE / (1 - PRIVATE_LABEL_SHARE) * len(own)
        rows += [(category, brand, "true", private_total / len(private)) for brand in private]
    return rows


def name_part_rows() -> list[Row]:
    return [
        (sub, part, word)
        for sub, (adjectives, nouns) in PRODUCT_NAME_PARTS.items()
        for part, words in (("adjective", adjectives), ("noun", nouns))
        for word in words
    ]


# file name → (header, number of leading key columns, names of weight columns)
TABLES: dict[str, tuple[tuple[str, ...], int, tuple[str, ...]]] = {
    "countries.csv": (
        (
            "country_code",
            "country_name",
            "region",
            "weight",
            "calling_code",
            "trunk_prefix",
            "currency",
            "utc_offset_hours",
            "name_order",
            "street_format",
        ),
        1,
        ("weight",),
    ),
    "currencies.csv": (
        ("currency", "usd_rate", "minor_units", "price_step", "price_charm"),
        1,
        (),
    ),
    "country_locales.csv": (("country_code", "locale", "weight"), 2, ("weight",)),
    "first_names.csv": (("locale", "gender", "name", "name_latin", "weight"), 3, ("weight",)),
    "last_names.csv": (("locale", "name", "name_latin", "weight"), 2, ("weight",)),
    "cities.csv": (("country_code", "city", "region_name", "postcode", "weight"), 0, ("weight",)),
    "streets.csv": (("country_code", "street_name"), 2, ()),
    "email_domains.csv": (("country_code", "domain", "weight", "kind"), 2, ("weight",)),
    "phone_blocks.csv": (
        (
            "country_code",
            "kind",
            "prefix",
            "subscriber_digits",
            "block_id",
            "skip_digits",
            "skip_value",
            "space",
            "half",
            "weight",
            "national_layout",
            "international_layout",
        ),
        3,
        ("weight",),
    ),
    "nicknames.csv": (("locale_group", "name", "nickname"), 3, ()),
    "product_taxonomy.csv": (
        (
            "category",
            "subcategory",
            "weight",
            "price_median",
            "price_sigma",
            "margin_pct_mean",
            "margin_pct_sd",
        ),
        2,
        ("weight",),
    ),
    "brands.csv": (("category", "brand", "is_private_label", "weight"), 2, ("weight",)),
    "product_name_parts.csv": (("subcategory", "part", "word"), 3, ()),
    "review_phrases.csv": (("language", "rating", "kind", "phrase"), 4, ()),
    "survey_phrases.csv": (("language", "sentiment", "phrase"), 3, ()),
}

# cities.csv is keyed by (country_code, city, postcode), which are not its leading columns.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    name: header[:nkey] for name, (header, nkey, _) in TABLES.items() if nkey
}
KEY_COLUMNS["cities.csv"] = ("country_code", "city", "postcode")

MANIFEST = "manifest.csv"
KEY_COLUMNS[MANIFEST] = ("file",)


def _cell(value: Any, is_weight: bool) -> str:
    """Text of one CSV cell; weights and other floats get at most 6 significant digits."""
    if is_weight or isinstance(value, float):
        return fmt_weight(float(value))  # every float in the seeds is positive
    return str(value)


def _write(path: Path, header: Sequence[str], weights: Sequence[str], rows: list[Row]) -> int:
    """Write rows sorted by the file's key columns; fails on duplicate keys or empty cells."""
    keys = KEY_COLUMNS[path.name]
    index = [header.index(k) for k in keys]
    text_rows = [tuple(_cell(v, header[i] in weights) for i, v in enumerate(row)) for row in rows]
    text_rows.sort(key=lambda r: (tuple(r[i] for i in index), r))
    seen: dict[tuple[str, ...], None] = {}
    for row in text_rows:
        key = tuple(row[i] for i in index)
        if key in seen:
            raise ValueError(f"{path.name}: duplicate key {key}")
        seen[key] = None
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(text_rows)
    return len(text_rows)


def build_seeds(seeds_dir: Path, phone_countries: Sequence[str] | None = None) -> list[Path]:
    """(Re)write every seed CSV and the manifest into ``seeds_dir``; return the paths written.

    Faker is imported here, not at module level, so the rest of the package never needs it.
    ``phone_countries`` limits the phone blocks (the slow part: every block is checked against
    libphonenumber) to those countries, for tests.
    """
    import faker  # local on purpose: only seed building needs Faker

    from idrgen_duck.seed_phones import ALL_COUNTRIES, phone_block_rows  # needs phonenumbers

    seeds_dir.mkdir(parents=True, exist_ok=True)
    first, last = name_rows(faker.Faker)
    tables: dict[str, list[Row]] = {
        "countries.csv": country_rows(),
        "currencies.csv": currency_rows(),
        "country_locales.csv": list(COUNTRY_LOCALES),
        "first_names.csv": first,
        "last_names.csv": last,
        "cities.csv": city_rows(),
        "streets.csv": street_rows(faker.Faker),
        "email_domains.csv": email_rows(),
        "phone_blocks.csv": phone_block_rows(phone_countries or ALL_COUNTRIES),
        "nicknames.csv": nickname_rows(),
        "product_taxonomy.csv": taxonomy_rows(),
        "brands.csv": brand_rows(),
        "product_name_parts.csv": name_part_rows(),
        "review_phrases.csv": list(seed_phrases.review_rows()),
        "survey_phrases.csv": list(seed_phrases.survey_rows()),
    }
    written: list[Path] = []
    manifest: list[Row] = []
    for name, (header, _nkey, weights) in TABLES.items():
        path = seeds_dir / name
        count = _write(path, header, weights, tables[name])
        manifest.append((name, count, faker.VERSION))
        written.append(path)
    path = seeds_dir / MANIFEST
    _write(path, ("file", "rows", "faker_version"), (), manifest)
    written.append(path)
    return written
