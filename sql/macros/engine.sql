{#-
  The engine layer: every construct that differs between SQL engines, in one place.

  Each public macro dispatches on the dialect (`dispatch('x')` finds `duckdb__x`, `spark__x`,
  `snowflake__x` or `bigquery__x`, then `warehouse__x` for what Snowflake and BigQuery write
  alike, and fails loudly, naming what it searched, for a dialect that has none). The table templates and the other macro files use only these macros and a
  portable subset of SQL: SELECT with CTEs, joins, CASE, window functions, UNION ALL, + - *
  on integers, comparisons, ||, coalesce, nullif, greatest, least (never given a NULL:
  Snowflake and BigQuery return NULL then), substr, left, length, replace, trim, md5
  (through md5_hex), CAST to BIGINT, INTEGER, BOOLEAN and DECIMAL(p, s).

  Adding an engine means writing `<engine>__x` for every macro below (tests/test_engines.py
  runs each one's golden vectors on every engine, the warehouses' in their emulators; what
  an emulator gets wrong is probed in tests/test_warehouses.py and listed in the README).
-#}

{#- ==== integers =========================================================================
    All discrete decisions are integer arithmetic on non-negative BIGINTs. Division and
    modulo are only ever applied to non-negative operands, where every engine agrees
    (truncation and floor are the same there). -#}

{#- a DIV b: the integer quotient. -#}
{% macro idiv(a, b) -%}{{ dispatch('idiv')(a, b) }}{%- endmacro %}
{% macro duckdb__idiv(a, b) -%}(({{ a }}) // ({{ b }})){%- endmacro %}
{% macro spark__idiv(a, b) -%}(({{ a }}) div ({{ b }})){%- endmacro %}
{#- Snowflake: `/` on integers gives a decimal of scale 6 (999999999 / 10^9 is 1.000000).
    A power of two shifts; a constant up to 10^6 divides (a remainder of at most 999,999
    millionths cannot round up to the next integer); any other divisor divides the exact
    multiple, which repeats `a` (nested, that doubles at every level, so it is kept for
    divisors that are columns, whose dividends are short). -#}
{% macro snowflake__idiv(a, b) -%}
{%- if power_of_two_exponent(b) is not none -%}BITSHIFTRIGHT({{ a }}, {{ power_of_two_exponent(b) }})
{%- elif b is integer and 0 < b <= 1000000 -%}CAST(FLOOR(({{ a }}) / {{ b }}) AS BIGINT)
{%- else -%}CAST((({{ a }}) - MOD({{ a }}, {{ b }})) / ({{ b }}) AS BIGINT)
{%- endif -%}
{%- endmacro %}
{#- BigQuery: the call and each argument in parentheses (the BigQuery emulator writes DIV as
    an operator without them: DIV(a - b, c) ran as a - b // c, and 3 * DIV(x, 7) as
    3 * x // 7). -#}
{% macro bigquery__idiv(a, b) -%}(DIV(({{ a }}), ({{ b }}))){%- endmacro %}

{#- a MOD b. -#}
{% macro imod(a, b) -%}{{ dispatch('imod')(a, b) }}{%- endmacro %}
{% macro duckdb__imod(a, b) -%}(({{ a }}) % ({{ b }})){%- endmacro %}
{% macro spark__imod(a, b) -%}(({{ a }}) % ({{ b }})){%- endmacro %}
{% macro snowflake__imod(a, b) -%}MOD({{ a }}, {{ b }}){%- endmacro %}
{#- (parenthesised as idiv: the emulator ran 3 * MOD(x, 7) as 3 * x % 7) -#}
{% macro bigquery__imod(a, b) -%}(MOD(({{ a }}), ({{ b }}))){%- endmacro %}

{#- floor(a * b / c) for non-negative integers whose product may exceed 2^63 (the record
    allocation multiplies a record count by a running sum of weights). -#}
{% macro muldiv(a, b, c) -%}{{ dispatch('muldiv')(a, b, c) }}{%- endmacro %}
{% macro duckdb__muldiv(a, b, c) -%}
CAST(CAST({{ a }} AS HUGEINT) * ({{ b }}) // ({{ c }}) AS BIGINT)
{%- endmacro %}
{% macro spark__muldiv(a, b, c) -%}
CAST(CAST({{ a }} AS DECIMAL(38, 0)) * CAST({{ b }} AS DECIMAL(38, 0)) div ({{ c }}) AS BIGINT)
{%- endmacro %}
{#- NUMBER(38, 0) holds the product; BigQuery's BIGNUMERIC too (76 digits). -#}
{% macro snowflake__muldiv(a, b, c) -%}
{{ snowflake__idiv('CAST(' ~ a ~ ' AS NUMBER(38, 0)) * (' ~ b ~ ')', c) }}
{%- endmacro %}
{#- (TRUNC changes nothing in BigQuery, whose DIV is integral; the BigQuery emulator's DIV of
    a BIGNUMERIC keeps a fraction, which the cast would round.) -#}
{% macro bigquery__muldiv(a, b, c) -%}
CAST(TRUNC(DIV(CAST({{ a }} AS BIGNUMERIC) * ({{ b }}), ({{ c }}))) AS INT64)
{%- endmacro %}

{#- Bitwise xor, and a right shift by n bits, of non-negative BIGINTs. -#}
{% macro bit_xor(a, b) -%}{{ dispatch('bit_xor')(a, b) }}{%- endmacro %}
{% macro duckdb__bit_xor(a, b) -%}xor({{ a }}, {{ b }}){%- endmacro %}
{% macro spark__bit_xor(a, b) -%}(({{ a }}) ^ ({{ b }})){%- endmacro %}
{% macro snowflake__bit_xor(a, b) -%}BITXOR({{ a }}, {{ b }}){%- endmacro %}
{% macro bigquery__bit_xor(a, b) -%}(({{ a }}) ^ ({{ b }})){%- endmacro %}

{% macro shift_right(a, n) -%}{{ dispatch('shift_right')(a, n) }}{%- endmacro %}
{% macro duckdb__shift_right(a, n) -%}(({{ a }}) >> {{ n }}){%- endmacro %}
{% macro spark__shift_right(a, n) -%}shiftright({{ a }}, {{ n }}){%- endmacro %}
{% macro snowflake__shift_right(a, n) -%}BITSHIFTRIGHT({{ a }}, {{ n }}){%- endmacro %}
{% macro bigquery__shift_right(a, n) -%}(({{ a }}) >> {{ n }}){%- endmacro %}

{#- ==== text =============================================================================== -#}

{#- The type name of text, and a value as text (integers as plain decimal digits). -#}
{% macro text_type() -%}{{ dispatch('text_type')() }}{%- endmacro %}
{% macro duckdb__text_type() -%}VARCHAR{%- endmacro %}
{% macro spark__text_type() -%}STRING{%- endmacro %}
{% macro snowflake__text_type() -%}VARCHAR{%- endmacro %}
{% macro bigquery__text_type() -%}STRING{%- endmacro %}

{% macro as_text(expr) -%}CAST({{ expr }} AS {{ text_type() }}){%- endmacro %}

{#- Zero-padded decimal of a non-negative integer. -#}
{% macro digits(expr, width) -%}{{ dispatch('digits')(expr, width) }}{%- endmacro %}
{% macro duckdb__digits(expr, width) -%}
lpad({{ as_text(expr) }}, {{ width if width is integer else 'CAST(' ~ width ~ ' AS INTEGER)' }}, '0')
{%- endmacro %}
{% macro spark__digits(expr, width) -%}{{ duckdb__digits(expr, width) }}{%- endmacro %}
{% macro bigquery__digits(expr, width) -%}LPAD({{ as_text(expr) }}, {{ width }}, '0'){%- endmacro %}
{#- Snowflake: a width from a column pads with RIGHT (the same for numbers that fit): the
    Snowflake emulator binds LPAD's length only as a constant. -#}
{% macro snowflake__digits(expr, width) -%}
{%- if width is integer -%}LPAD({{ as_text(expr) }}, {{ width }}, '0')
{%- else -%}RIGHT(REPEAT('0', {{ width }}) || {{ as_text(expr) }}, {{ width }})
{%- endif -%}
{%- endmacro %}

{#- Several integers in hex with literal text between them, as one string. `items` lists
    `(expr, width)` pairs (zero-padded hex of an integer below 16^width) and plain strings
    (text kept as is); `upper` gives upper-case digits. DuckDB formats the whole identifier
    with one printf (device ids and tokens, made of many hex pieces, are the persons'
    costliest columns); Spark concatenates padded hex pieces. -#}
{% macro hex_join(items, upper=false) -%}{{ dispatch('hex_join')(items, upper) }}{%- endmacro %}
{% macro duckdb__hex_join(items, upper) -%}
{%- set ns = namespace(pattern='', args=[]) -%}
{%- for item in items -%}
{%- if item is string -%}
{%- set ns.pattern = ns.pattern ~ item | replace('%', '%%') | replace("'", "''") -%}
{%- else -%}
{%- set ns.pattern = ns.pattern ~ '%0' ~ item[1] ~ ('X' if upper else 'x') -%}
{%- set ns.args = ns.args + [item[0]] -%}
{%- endif -%}
{%- endfor -%}
printf('{{ ns.pattern }}', {{ ns.args | join(', ') }})
{%- endmacro %}
{% macro spark__hex_join(items, upper) -%}
concat(
{%- for item in items -%}
{%- if item is string -%}'{{ item | replace("'", "''") }}'
{%- else -%}lpad({{ 'hex' if upper else 'lower(hex' }}({{ item[0] }}){{ '' if upper else ')' }}, {{ item[1] }}, '0')
{%- endif -%}{{ ', ' if not loop.last }}
{%- endfor -%})
{%- endmacro %}
{#- Snowflake: each hex digit picked from the alphabet (TO_CHAR's hex format model pads with
    blanks and no emulator implements it). BigQuery: one FORMAT, as DuckDB's printf. -#}
{% macro snowflake__hex_join(items, upper) -%}
{%- set alphabet = '0123456789ABCDEF' if upper else '0123456789abcdef' -%}
(
{%- for item in items -%}
{%- if item is string -%}{{ snowflake__string_literal(item) }}
{%- else -%}
{%- for i in range(item[1]) -%}
SUBSTR('{{ alphabet }}', 1 + CAST(BITAND(BITSHIFTRIGHT({{ item[0] }}, {{ 4 * (item[1] - 1 - i) }}), 15) AS INTEGER), 1)
{{- ' || ' if not loop.last }}
{%- endfor -%}
{%- endif -%}{{ ' || ' if not loop.last }}
{%- endfor -%})
{%- endmacro %}
{% macro bigquery__hex_join(items, upper) -%}
{%- set ns = namespace(pattern='', args=[]) -%}
{%- for item in items -%}
{%- if item is string -%}
{%- set ns.pattern = ns.pattern ~ item | replace('%', '%%') -%}
{%- else -%}
{%- set ns.pattern = ns.pattern ~ '%0' ~ item[1] ~ ('X' if upper else 'x') -%}
{%- set ns.args = ns.args + [item[0]] -%}
{%- endif -%}
{%- endfor -%}
FORMAT({{ bigquery__string_literal(ns.pattern) }}, {{ ns.args | join(', ') }})
{%- endmacro %}

{#- The n-th field (1-based) of text split at `sep`. -#}
{% macro split_field(text, sep, n) -%}{{ dispatch('split_field')(text, sep, n) }}{%- endmacro %}
{% macro duckdb__split_field(text, sep, n) -%}split_part({{ text }}, '{{ sep }}', {{ n }}){%- endmacro %}
{% macro spark__split_field(text, sep, n) -%}split_part({{ text }}, '{{ sep }}', {{ n }}){%- endmacro %}
{#- BigQuery has no SPLIT_PART: SPLIT gives NULL past the last field, where the others give ''. -#}
{% macro snowflake__split_field(text, sep, n) -%}SPLIT_PART({{ text }}, '{{ sep }}', {{ n }}){%- endmacro %}
{% macro bigquery__split_field(text, sep, n) -%}
CASE WHEN {{ text }} IS NULL THEN NULL ELSE COALESCE(SPLIT({{ text }}, '{{ sep }}')[SAFE_ORDINAL({{ n }})], '') END
{%- endmacro %}

{#- Every match of a regular expression replaced; `replacement` refers to groups as \1. -#}
{% macro regex_replace_all(text, pattern, replacement) -%}
{{ dispatch('regex_replace_all')(text, pattern, replacement) }}
{%- endmacro %}
{% macro duckdb__regex_replace_all(text, pattern, replacement) -%}
regexp_replace({{ text }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}
{% macro spark__regex_replace_all(text, pattern, replacement) -%}
{#- Java regex: groups are $1; a backslash in a SQL string literal escapes the next character -#}
regexp_replace({{ text }}, '{{ pattern | replace('\\', '\\\\') }}', '{{ replacement | replace('\\', '$') }}')
{%- endmacro %}
{#- Snowflake reads a backslash in a string literal as an escape, so patterns double theirs;
    BigQuery takes raw strings. Both replace every match and write groups as \1. -#}
{% macro snowflake__regex_replace_all(text, pattern, replacement) -%}
REGEXP_REPLACE({{ text }}, '{{ pattern | replace('\\', '\\\\') }}', '{{ replacement | replace('\\', '\\\\') }}')
{%- endmacro %}
{% macro bigquery__regex_replace_all(text, pattern, replacement) -%}
REGEXP_REPLACE({{ text }}, r'{{ pattern }}', r'{{ replacement }}')
{%- endmacro %}

{#- Whether a regular expression matches anywhere in the text. -#}
{% macro regex_found(text, pattern) -%}{{ dispatch('regex_found')(text, pattern) }}{%- endmacro %}
{% macro duckdb__regex_found(text, pattern) -%}regexp_matches({{ text }}, '{{ pattern }}'){%- endmacro %}
{% macro spark__regex_found(text, pattern) -%}
({{ text }} RLIKE '{{ pattern | replace('\\', '\\\\') }}')
{%- endmacro %}
{#- Snowflake's REGEXP_LIKE and RLIKE match the whole text; REGEXP_INSTR finds a match anywhere. -#}
{% macro snowflake__regex_found(text, pattern) -%}
(REGEXP_INSTR({{ text }}, '{{ pattern | replace('\\', '\\\\') }}') > 0)
{%- endmacro %}
{% macro bigquery__regex_found(text, pattern) -%}REGEXP_CONTAINS({{ text }}, r'{{ pattern }}'){%- endmacro %}

{#- Upper case. DuckDB maps 'ß' to 'ẞ' (U+1E9E), Java to 'SS': Spark maps it to 'ẞ' first,
    so both write 'STRAẞE'. -#}
{% macro upper_text(text) -%}{{ dispatch('upper_text')(text) }}{%- endmacro %}
{% macro duckdb__upper_text(text) -%}upper({{ text }}){%- endmacro %}
{% macro spark__upper_text(text) -%}upper(replace({{ text }}, 'ß', 'ẞ')){%- endmacro %}
{#- Snowflake and BigQuery follow Unicode's full case mapping ('ß' to 'SS', as Java), so
    'ß' becomes 'ẞ' first, as DuckDB writes it. -#}
{% macro warehouse__upper_text(text) -%}UPPER(REPLACE({{ text }}, 'ß', 'ẞ')){%- endmacro %}

{#- A string of `digits` (at most 15) lower-case hex digits as a BIGINT. -#}
{% macro hex_to_int(hex, digits) -%}{{ dispatch('hex_to_int')(hex, digits) }}{%- endmacro %}
{% macro duckdb__hex_to_int(hex, digits) -%}CAST('0x' || ({{ hex }}) AS BIGINT){%- endmacro %}
{% macro spark__hex_to_int(hex, digits) -%}CAST(conv({{ hex }}, 16, 10) AS BIGINT){%- endmacro %}
{#- Snowflake: the digits' values summed (TO_NUMBER's hex format is in no emulator). -#}
{% macro snowflake__hex_to_int(hex, digits) -%}
({% for i in range(digits) %}(POSITION(SUBSTR({{ hex }}, {{ i + 1 }}, 1) IN '0123456789abcdef') - 1) * {{ 16 ** (digits - 1 - i) }}{{ ' + ' if not loop.last }}{% endfor %})
{%- endmacro %}
{% macro bigquery__hex_to_int(hex, digits) -%}CAST(CONCAT('0x', {{ hex }}) AS INT64){%- endmacro %}

{#- Lower-case hex md5 of text (its UTF-8 bytes). -#}
{% macro md5_hex(expr) -%}{{ dispatch('md5_hex')(expr) }}{%- endmacro %}
{% macro duckdb__md5_hex(expr) -%}md5({{ expr }}){%- endmacro %}
{% macro spark__md5_hex(expr) -%}md5({{ expr }}){%- endmacro %}
{% macro snowflake__md5_hex(expr) -%}MD5({{ expr }}){%- endmacro %}
{% macro bigquery__md5_hex(expr) -%}TO_HEX(MD5({{ expr }})){%- endmacro %}

{#- A string literal: quotes doubled; Snowflake also reads a backslash as an escape, and
    BigQuery escapes a quote with a backslash. -#}
{% macro string_literal(value) -%}{{ dispatch('string_literal')(value) }}{%- endmacro %}
{% macro duckdb__string_literal(value) -%}'{{ value | replace("'", "''") }}'{%- endmacro %}
{% macro spark__string_literal(value) -%}'{{ value | replace("'", "''") }}'{%- endmacro %}
{% macro snowflake__string_literal(value) -%}'{{ value | replace('\\', '\\\\') | replace("'", "''") }}'{%- endmacro %}
{% macro bigquery__string_literal(value) -%}'{{ value | replace('\\', '\\\\') | replace("'", "\\'") }}'{%- endmacro %}

{#- A decimal number written as text (a seed's weight or rate), times `factor`, rounded to an
    integer: read as a double, as every engine reads it. -#}
{% macro scaled_integer(text, factor) -%}
CAST(round(CAST({{ text }} AS {{ dispatch('real_type')() }}) * {{ factor }}) AS BIGINT)
{%- endmacro %}
{% macro duckdb__real_type() -%}DOUBLE{%- endmacro %}
{% macro spark__real_type() -%}DOUBLE{%- endmacro %}
{% macro snowflake__real_type() -%}DOUBLE{%- endmacro %}
{% macro bigquery__real_type() -%}FLOAT64{%- endmacro %}

{#- Each row of `source` (a relation with its alias, filtered by `where`) repeated n times
    (n >= 1): `columns` and the copy's number 0..n-1 as `name` (a person's records, the buckets
    of a lookup row). DuckDB and Spark unnest in the SELECT list (DuckDB then keeps the
    source's order); Snowflake and BigQuery join a generated array laterally. -#}
{% macro repeated(columns, source, n, name, where) -%}
{{ dispatch('repeated')(columns, source, n, name, where) }}
{%- endmacro %}
{% macro duckdb__repeated(columns, source, n, name, where) -%}
SELECT {{ columns }}, unnest(range(CAST({{ n }} AS BIGINT))) AS {{ name }}
FROM {{ source }}
WHERE {{ where }}
{%- endmacro %}
{% macro spark__repeated(columns, source, n, name, where) -%}
SELECT {{ columns }}, explode(sequence(CAST(0 AS BIGINT), ({{ n }}) - 1)) AS {{ name }}
FROM {{ source }}
WHERE {{ where }}
{%- endmacro %}
{% macro snowflake__repeated(columns, source, n, name, where) -%}
SELECT {{ columns }}, CAST(copies.index AS BIGINT) AS {{ name }}
FROM {{ source }}, LATERAL FLATTEN(INPUT => ARRAY_GENERATE_RANGE(0, {{ n }})) AS copies
WHERE {{ where }}
{%- endmacro %}
{% macro bigquery__repeated(columns, source, n, name, where) -%}
SELECT {{ columns }}, {{ name }}
FROM {{ source }} CROSS JOIN UNNEST(GENERATE_ARRAY(0, ({{ n }}) - 1)) AS {{ name }}
WHERE {{ where }}
{%- endmacro %}

{#- ==== arrays (1-based) ====================================================================== -#}

{% macro array_of(items) -%}{{ dispatch('array_of')(items) }}{%- endmacro %}
{% macro duckdb__array_of(items) -%}[{{ items | join(', ') }}]{%- endmacro %}
{% macro spark__array_of(items) -%}array({{ items | join(', ') }}){%- endmacro %}
{% macro snowflake__array_of(items) -%}ARRAY_CONSTRUCT({{ items | join(', ') }}){%- endmacro %}
{% macro bigquery__array_of(items) -%}[{{ items | join(', ') }}]{%- endmacro %}

{#- The i-th item, from 1. -#}
{% macro array_item(array, i) -%}{{ dispatch('array_item')(array, i) }}{%- endmacro %}
{% macro duckdb__array_item(array, i) -%}({{ array }})[{{ i }}]{%- endmacro %}
{% macro spark__array_item(array, i) -%}element_at({{ array }}, CAST({{ i }} AS INTEGER)){%- endmacro %}
{#- Snowflake's items are VARIANTs, from 0; BigQuery's ORDINAL counts from 1 (its emulator
    loses the + 1 of an OFFSET whose index is a LEAST). Arrays here hold text. -#}
{% macro snowflake__array_item(array, i) -%}CAST(({{ array }})[CAST(({{ i }}) - 1 AS INTEGER)] AS VARCHAR){%- endmacro %}
{% macro bigquery__array_item(array, i) -%}({{ array }})[SAFE_ORDINAL({{ i }})]{%- endmacro %}

{% macro array_size(array) -%}{{ dispatch('array_size')(array) }}{%- endmacro %}
{% macro duckdb__array_size(array) -%}len({{ array }}){%- endmacro %}
{% macro spark__array_size(array) -%}size({{ array }}){%- endmacro %}
{% macro snowflake__array_size(array) -%}ARRAY_SIZE({{ array }}){%- endmacro %}
{% macro bigquery__array_size(array) -%}ARRAY_LENGTH({{ array }}){%- endmacro %}

{#- The non-NULL items of a list of text expressions, in the order given. -#}
{% macro compact_list(items) -%}
{%- if items -%}{{ dispatch('compact_list')(items) }}{%- else -%}{{ empty_text_array() }}{%- endif -%}
{%- endmacro %}
{% macro duckdb__compact_list(items) -%}
list_filter([{{ items | join(', ') }}], lambda x: x IS NOT NULL)
{%- endmacro %}
{% macro spark__compact_list(items) -%}
filter(array({{ items | join(', ') }}), x -> x IS NOT NULL)
{%- endmacro %}
{% macro snowflake__compact_list(items) -%}ARRAY_CONSTRUCT_COMPACT({{ items | join(', ') }}){%- endmacro %}
{% macro bigquery__compact_list(items) -%}
ARRAY(SELECT item FROM UNNEST([{{ items | join(', ') }}]) AS item WITH OFFSET AS position
      WHERE item IS NOT NULL ORDER BY position)
{%- endmacro %}

{% macro empty_text_array() -%}{{ dispatch('empty_text_array')() }}{%- endmacro %}
{% macro duckdb__empty_text_array() -%}CAST([] AS VARCHAR[]){%- endmacro %}
{% macro spark__empty_text_array() -%}CAST(array() AS ARRAY<STRING>){%- endmacro %}
{% macro snowflake__empty_text_array() -%}ARRAY_CONSTRUCT(){%- endmacro %}
{% macro bigquery__empty_text_array() -%}ARRAY<STRING>[]{%- endmacro %}

{% macro null_text_array() -%}{{ dispatch('null_text_array')() }}{%- endmacro %}
{% macro duckdb__null_text_array() -%}CAST(NULL AS {{ dispatch('text_array_type')() }}){%- endmacro %}
{% macro spark__null_text_array() -%}{{ duckdb__null_text_array() }}{%- endmacro %}
{% macro bigquery__null_text_array() -%}{{ duckdb__null_text_array() }}{%- endmacro %}
{#- Snowflake: a NULL of a text array's type (the emulator types CAST(NULL AS ARRAY) as JSON,
    whose items it cannot index by a column). -#}
{% macro snowflake__null_text_array() -%}CASE WHEN FALSE THEN ARRAY_CONSTRUCT('') END{%- endmacro %}
{% macro duckdb__text_array_type() -%}VARCHAR[]{%- endmacro %}
{% macro spark__text_array_type() -%}ARRAY<STRING>{%- endmacro %}
{% macro snowflake__text_array_type() -%}ARRAY{%- endmacro %}
{% macro bigquery__text_array_type() -%}ARRAY<STRING>{%- endmacro %}

{#- The first n items (1 <= n <= their number) of a list of expressions, as an array: one
    CASE branch per length, so only the kept items are computed. -#}
{% macro array_prefix(items, n) -%}
CASE {{ n }}
{%- for i in range(1, items | length) %} WHEN {{ i }} THEN {{ array_of(items[:i]) }}{% endfor %}
 ELSE {{ array_of(items) }} END
{%- endmacro %}

{#- ==== distribution tables (random.sql) ===================================================
    An array of integer constants, defined once, and its i-th item (from 1). DuckDB inlines
    the array in a macro, a constant its expressions fold once (an array selected from a
    table would be copied into every row's vector); Spark evaluates an uncorrelated scalar
    subquery once and uses its value as a constant. -#}
{% macro define_distribution(name, values) -%}{{ dispatch('define_distribution')(name, values) }}{%- endmacro %}
{% macro duckdb__define_distribution(name, values) -%}
CREATE OR REPLACE MACRO {{ P }}{{ name }}_at(i) AS (CAST({{ array_of(values) }} AS BIGINT[]))[i];
{%- endmacro %}
{% macro spark__define_distribution(name, values) -%}
{{ spark__create_table('TABLE', P ~ name, 'SELECT CAST(' ~ array_of(values) ~ ' AS ARRAY<BIGINT>) AS v') }}
{%- endmacro %}
{#- Snowflake and BigQuery: a one-row table holding the array, read by an uncorrelated scalar
    subquery (evaluated once). -#}
{% macro snowflake__define_distribution(name, values) -%}
{{ snowflake__create_table('TABLE', P ~ name, 'SELECT ARRAY_CONSTRUCT(' ~ values | join(', ') ~ ') AS v') }}
{%- endmacro %}
{% macro bigquery__define_distribution(name, values) -%}
{{ bigquery__create_table('TABLE', P ~ name, 'SELECT ARRAY<INT64>[' ~ values | join(', ') ~ '] AS v') }}
{%- endmacro %}

{% macro distribution_item(name, i) -%}{{ dispatch('distribution_item')(name, i) }}{%- endmacro %}
{% macro duckdb__distribution_item(name, i) -%}{{ P }}{{ name }}_at({{ i }}){%- endmacro %}
{% macro spark__distribution_item(name, i) -%}
element_at((SELECT v FROM {{ P }}{{ name }}), CAST({{ i }} AS INTEGER))
{%- endmacro %}
{% macro snowflake__distribution_item(name, i) -%}
CAST((SELECT v FROM {{ P }}{{ name }})[CAST(({{ i }}) - 1 AS INTEGER)] AS BIGINT)
{%- endmacro %}
{% macro bigquery__distribution_item(name, i) -%}
(SELECT v FROM {{ P }}{{ name }})[ORDINAL({{ i }})]
{%- endmacro %}

{#- ==== row sources ============================================================================ -#}

{#- The table of ids 0..n-1 every generator reads (range() feeds a single thread in DuckDB;
    a materialised table is scanned by all of them). -#}
{% macro create_ids(name, n) -%}{{ dispatch('create_ids')(name, n) }}{%- endmacro %}
{% macro duckdb__create_ids(name, n) -%}
CREATE OR REPLACE TABLE {{ name }} AS
SELECT range AS id FROM range({{ n }});
{%- endmacro %}
{% macro spark__create_ids(name, n) -%}
{{ spark__create_table('TEMP TABLE', name, 'SELECT id FROM range(' ~ n ~ ')') }}
{%- endmacro %}
{#- Snowflake: GENERATOR numbered by ROW_NUMBER (SEQ8 may skip numbers). BigQuery: a
    GENERATE_ARRAY per million ids (one array holds at most 1,048,575 items). -#}
{% macro snowflake__create_ids(name, n) -%}
{{ snowflake__create_table('TABLE', name,
   'SELECT ROW_NUMBER() OVER (ORDER BY SEQ8()) - 1 AS id FROM TABLE(GENERATOR(ROWCOUNT => ' ~ n ~ '))') }}
{%- endmacro %}
{% macro bigquery__create_ids(name, n) -%}
{%- set chunk = 1000000 -%}
{{ bigquery__create_table('TABLE', name,
   'SELECT id FROM UNNEST(GENERATE_ARRAY(0, ' ~ ((n + chunk - 1) // chunk - 1) ~ ')) AS chunk_no, '
   ~ 'UNNEST(GENERATE_ARRAY(chunk_no * ' ~ chunk ~ ', LEAST(' ~ n ~ ', (chunk_no + 1) * ' ~ chunk ~ ') - 1)) AS id') }}
{%- endmacro %}

{#- ==== work tables ============================================================================ -#}

{#- CREATE a work table from a query (kind: 'TABLE', stored in the work database, or
    'TEMP TABLE', in memory when it fits). Spark writes it as a Parquet table in its
    warehouse folder, inside the work folder (a cached view was recomputed when read: its
    scalar subqueries kept Spark from matching the cached plan). -#}
{% macro create_table(kind, name, query) -%}{{ dispatch('create_table')(kind, name, query) }}{%- endmacro %}
{% macro duckdb__create_table(kind, name, query) -%}
CREATE OR REPLACE {{ kind }} {{ name }} AS
{{ query | trim }};
{%- endmacro %}
{% macro spark__create_table(kind, name, query) -%}
DROP TABLE IF EXISTS {{ name }};
CREATE TABLE {{ name }} USING parquet AS
{{ query | trim }};
{%- endmacro %}
{#- Snowflake's work tables are transient (no fail-safe copies); BigQuery's are plain tables
    of the target dataset. The finishing step drops them (drop_work_tables). -#}
{% macro snowflake__create_table(kind, name, query) -%}
CREATE OR REPLACE {{ 'TRANSIENT ' if name.startswith(P) }}TABLE {{ name }} AS
{{ query | trim }};
{%- endmacro %}
{% macro bigquery__create_table(kind, name, query) -%}
CREATE OR REPLACE TABLE {{ name }} AS
{{ query | trim }};
{%- endmacro %}

{#- A work table from several queries, stored one after the other (DuckDB appends them
    in order, so the table is stored query after query; see create_appended). -#}
{% macro create_table_appended(kind, name, queries) -%}
{{ dispatch('create_table_appended')(kind, name, queries) }}
{%- endmacro %}
{% macro duckdb__create_table_appended(kind, name, queries) -%}
{{ duckdb__create_table(kind, name, queries[0]) }}
{%- for query in queries[1:] %}


INSERT INTO {{ name }}
{{ query | trim }};
{%- endfor %}
{%- endmacro %}
{% macro spark__create_table_appended(kind, name, queries) -%}
{{ spark__create_table(kind, name, queries | map('trim') | join('\nUNION ALL\n')) }}
{%- endmacro %}
{% macro warehouse__create_table_appended(kind, name, queries) -%}
{{ create_table(kind, name, queries | map('trim') | join('\nUNION ALL\n')) }}
{%- endmacro %}

{% macro drop_table(name) -%}{{ dispatch('drop_table')(name) }}{%- endmacro %}
{% macro duckdb__drop_table(name) -%}DROP TABLE {{ name }};{%- endmacro %}
{% macro spark__drop_table(name) -%}DROP TABLE IF EXISTS {{ name }};{%- endmacro %}
{% macro warehouse__drop_table(name) -%}DROP TABLE IF EXISTS {{ name }};{%- endmacro %}

{#- ==== seeds =================================================================================== -#}

{#- A committed seed CSV, every column as text (types never depend on sniffing): a relation
    to select from. Spark reads it through a view made by `load_seed`. -#}
{% macro seed(file) -%}{{ dispatch('seed')(file) }}{%- endmacro %}
{% macro duckdb__seed(file) -%}
read_csv('{{ seeds }}/{{ file }}', header = true, all_varchar = true)
{%- endmacro %}
{% macro spark__seed(file) -%}{{ P }}seed_{{ file | replace('.csv', '') }}{%- endmacro %}
{% macro warehouse__seed(file) -%}{{ spark__seed(file) }}{%- endmacro %}

{% macro load_seed(file) -%}{{ dispatch('load_seed')(file) }}{%- endmacro %}
{% macro duckdb__load_seed(file) -%}{%- endmacro %}
{% macro spark__load_seed(file) -%}
CREATE OR REPLACE TEMPORARY VIEW {{ P }}seed_{{ file | replace('.csv', '') }}
USING csv OPTIONS (path '{{ seeds }}/{{ file }}', header 'true', escape '"', encoding 'UTF-8');
{%- endmacro %}
{#- Snowflake and BigQuery: the CSV written into the SQL as text literals of at most about
    400 KB (statements are limited to about 1 MB), one line per row and a tab between fields,
    which the warehouse splits (far faster to compile than VALUES lists, and an emulator
    parses one token instead of thousands). An empty field is NULL, as DuckDB and Spark read
    it. -#}
{% macro warehouse_load_seed(file) -%}
{%- set table = P ~ 'seed_' ~ file | replace('.csv', '') -%}
{%- set seed = seed_csv(file) -%}
CREATE OR REPLACE {{ 'TRANSIENT ' if dialect == 'snowflake' }}TABLE {{ table }} (
    {{ seed.columns | map('add_suffix', ' ' ~ text_type()) | join(',\n    ') }}
);
{% for chunk in seed.chunks() %}
{%- set text = string_literal(chunk | map('join', '\t') | join('\n')) | replace('\t', '\\t') | replace('\n', '\\n') %}
INSERT INTO {{ table }} ({{ seed.columns | join(', ') }})
{{ dispatch('seed_fields')(text, seed.columns | length) }};
{% endfor %}
{%- endmacro %}
{% macro warehouse__load_seed(file) -%}{{ warehouse_load_seed(file) }}{%- endmacro %}
{% macro snowflake__seed_fields(text, n) -%}
SELECT {% for i in range(n) %}NULLIF(SPLIT_PART(CAST(line.value AS VARCHAR), '\t', {{ i + 1 }}), ''){{ ', ' if not loop.last }}{% endfor %}

FROM TABLE(FLATTEN(INPUT => SPLIT({{ text }}, '\n'))) AS line
{%- endmacro %}
{% macro bigquery__seed_fields(text, n) -%}
SELECT {% for i in range(n) %}NULLIF(COALESCE(SPLIT(line, '\t')[SAFE_OFFSET({{ i }})], ''), ''){{ ', ' if not loop.last }}{% endfor %}

FROM UNNEST(SPLIT({{ text }}, '\n')) AS line
{%- endmacro %}

{#- ==== time =================================================================================
    Time is integer epoch seconds (UTC wall clock; the generated timestamps are local times
    written without a zone) until written: week and weekday arithmetic is on integer days,
    so no engine's week start or session time zone can change a value. -#}

{#- A TIMESTAMP (without time zone) from epoch seconds. -#}
{% macro timestamp_of(seconds) -%}{{ dispatch('timestamp_of')(seconds) }}{%- endmacro %}
{% macro duckdb__timestamp_of(seconds) -%}make_timestamp(CAST({{ seconds }} AS BIGINT) * 1000000){%- endmacro %}
{% macro spark__timestamp_of(seconds) -%}
{#- the session time zone is UTC (session_settings), so the wall clock is the epoch's -#}
CAST(timestamp_seconds({{ seconds }}) AS TIMESTAMP_NTZ)
{%- endmacro %}
{% macro snowflake__timestamp_of(seconds) -%}TO_TIMESTAMP_NTZ(CAST({{ seconds }} AS BIGINT)){%- endmacro %}
{% macro bigquery__timestamp_of(seconds) -%}DATETIME(TIMESTAMP_SECONDS(CAST({{ seconds }} AS INT64))){%- endmacro %}

{#- A DATE from epoch seconds. -#}
{% macro date_of(seconds) -%}{{ dispatch('date_of')(seconds) }}{%- endmacro %}
{% macro duckdb__date_of(seconds) -%}CAST({{ duckdb__timestamp_of(seconds) }} AS DATE){%- endmacro %}
{% macro spark__date_of(seconds) -%}date_from_unix_date(CAST(({{ seconds }}) div 86400 AS INTEGER)){%- endmacro %}
{% macro snowflake__date_of(seconds) -%}TO_DATE({{ snowflake__timestamp_of(seconds) }}){%- endmacro %}
{% macro bigquery__date_of(seconds) -%}DATE(TIMESTAMP_SECONDS(CAST({{ seconds }} AS INT64))){%- endmacro %}

{#- ==== conformance checks (kit.py) ==========================================================
    What the conformance checksum (output.sql, portable_checksum) needs beyond the above, for
    each engine to write a value as the same text. -#}

{#- The bitwise XOR of a BIGINT column over the rows of a group (NULL for no rows). -#}
{% macro xor_aggregate(expr) -%}{{ dispatch('xor_aggregate')(expr) }}{%- endmacro %}
{% macro duckdb__xor_aggregate(expr) -%}bit_xor({{ expr }}){%- endmacro %}
{% macro spark__xor_aggregate(expr) -%}bit_xor({{ expr }}){%- endmacro %}
{% macro snowflake__xor_aggregate(expr) -%}BITXOR_AGG({{ expr }}){%- endmacro %}
{% macro bigquery__xor_aggregate(expr) -%}BIT_XOR({{ expr }}){%- endmacro %}

{#- Microseconds since 1970-01-01 00:00:00 of a TIMESTAMP without time zone (its wall clock
    read as UTC, as timestamp_of wrote it). -#}
{% macro epoch_microseconds(ts) -%}{{ dispatch('epoch_microseconds')(ts) }}{%- endmacro %}
{% macro duckdb__epoch_microseconds(ts) -%}epoch_us({{ ts }}){%- endmacro %}
{% macro spark__epoch_microseconds(ts) -%}unix_micros(CAST({{ ts }} AS TIMESTAMP)){%- endmacro %}
{% macro snowflake__epoch_microseconds(ts) -%}DATE_PART(EPOCH_MICROSECOND, {{ ts }}){%- endmacro %}
{% macro bigquery__epoch_microseconds(ts) -%}UNIX_MICROS(TIMESTAMP({{ ts }})){%- endmacro %}

{#- Days since 1970-01-01 of a DATE. -#}
{% macro epoch_days(d) -%}{{ dispatch('epoch_days')(d) }}{%- endmacro %}
{% macro duckdb__epoch_days(d) -%}({{ d }} - DATE '1970-01-01'){%- endmacro %}
{% macro spark__epoch_days(d) -%}unix_date({{ d }}){%- endmacro %}
{% macro snowflake__epoch_days(d) -%}DATEDIFF(DAY, TO_DATE('1970-01-01'), {{ d }}){%- endmacro %}
{% macro bigquery__epoch_days(d) -%}UNIX_DATE({{ d }}){%- endmacro %}

{#- The items of a text array joined by `sep` (a literal). -#}
{% macro array_text(array, sep) -%}{{ dispatch('array_text')(array, sep) }}{%- endmacro %}
{% macro duckdb__array_text(array, sep) -%}array_to_string({{ array }}, {{ string_literal(sep) }}){%- endmacro %}
{% macro spark__array_text(array, sep) -%}array_join({{ array }}, {{ string_literal(sep) }}){%- endmacro %}
{% macro warehouse__array_text(array, sep) -%}ARRAY_TO_STRING({{ array }}, {{ string_literal(sep) }}){%- endmacro %}

{#- ==== session and output ====================================================================== -#}

{#- Settings at the start of a run. -#}
{% macro session_settings(cfg, temp_dir) -%}{{ dispatch('session_settings')(cfg, temp_dir) }}{%- endmacro %}
{% macro duckdb__session_settings(cfg, temp_dir) -%}
SET threads = {{ cfg.threads }};
SET memory_limit = '{{ cfg.memory_limit }}';
{% if temp_dir %}
-- where DuckDB spills what does not fit under the memory limit
SET temp_directory = '{{ temp_dir }}';
{% endif %}
-- Keep each COPY's rows in the order of its ORDER BY, so files list rows in key order.
SET preserve_insertion_order = true;
{%- endmacro %}
{% macro spark__session_settings(cfg, temp_dir) -%}
-- timestamps are written as wall-clock values (TIMESTAMP_NTZ) computed in UTC
SET spark.sql.session.timeZone = UTC;
-- integer overflow is an error, never a wrap-around
SET spark.sql.ansi.enabled = true;
SET spark.sql.shuffle.partitions = {{ [cfg.threads * 2, 2] | max }};
{%- endmacro %}
{% macro snowflake__session_settings(cfg, temp_dir) -%}
-- timestamps are wall-clock values (TIMESTAMP_NTZ) computed from epoch seconds in UTC
ALTER SESSION SET TIMEZONE = 'UTC';
{%- endmacro %}
{% macro bigquery__session_settings(cfg, temp_dir) -%}
-- no session settings: DATETIME values are computed from epoch seconds in UTC
{%- endmacro %}

{#- Write the query in the call block to <out>/<folder>/<name>.parquet. DuckDB writes one
    file, in the order of `order_by` (a COPY of a join or a UNION lists rows in the order its
    threads deliver them); Spark writes a folder of part files, in no particular order (the
    content checksums do not depend on it). -#}
{% macro copy_parquet(out, name, folder='parquet', order_by=none) -%}
{{ dispatch('copy_parquet')(out, name, folder, order_by, caller()) }}
{%- endmacro %}
{% macro duckdb__copy_parquet(out, name, folder, order_by, query) -%}
COPY (
{{ query | trim }}
{%- if order_by %}

ORDER BY {{ order_by }}
{%- endif %}

) TO '{{ out }}/{{ folder }}/{{ name }}.parquet' ({{ parquet_options }});
{%- endmacro %}
{% macro spark__copy_parquet(out, name, folder, order_by, query) -%}
INSERT OVERWRITE DIRECTORY '{{ out }}/{{ folder }}/{{ name }}.parquet'
USING parquet OPTIONS (compression 'zstd')
{{ query | trim }};
{%- endmacro %}
{#- Snowflake and BigQuery: a table of the target schema or dataset (`out`), named after the
    file ('truth/persons' -> truth_persons); export.sql writes them as Parquet files. -#}
{% macro warehouse__copy_parquet(out, name, folder, order_by, query) -%}
{{ create_table('TABLE', warehouse_table(out, folder, name), query) }}
{%- endmacro %}
{% macro warehouse_table(out, folder, name) -%}
{{ out }}.{{ 'truth_' if folder == 'truth' }}{{ name }}
{%- endmacro %}

{#- A warehouse table unloaded as Parquet part files into `folder` (a stage path in Snowflake,
    a gs:// URI in BigQuery): export.sql, read back by `idrgen-duck import`. -#}
{% macro export_parquet(table, folder) -%}{{ dispatch('export_parquet')(table, folder) }}{%- endmacro %}
{% macro snowflake__export_parquet(table, folder) -%}
COPY INTO {{ folder }}/ FROM {{ table }}
FILE_FORMAT = (TYPE = PARQUET) HEADER = TRUE OVERWRITE = TRUE;
{%- endmacro %}
{% macro bigquery__export_parquet(table, folder) -%}
EXPORT DATA OPTIONS (uri = {{ string_literal(folder ~ '/part-*.parquet') }}, format = 'PARQUET', overwrite = true)
AS SELECT * FROM {{ table }};
{%- endmacro %}

{#- Statements whose hash joins are built on the side the query puts on the right (the order
    totals, the products). DuckDB estimates the sales lines, an unnest of each person's record
    count, at a few thousand rows and otherwise builds its hash table from the wide lines:
    e-commerce took 22.7 s at 20M that way, 13.8 s with the totals as the build side. -#}
{% macro joins_as_written() -%}
{{ dispatch('joins_as_written')(caller()) }}
{%- endmacro %}
{% macro duckdb__joins_as_written(statements) -%}
-- hash joins built on their right-hand tables (see joins_as_written in sql/macros/engine.sql)
SET disabled_optimizers = 'build_side_probe_side';
{{ statements }}
RESET disabled_optimizers;
{%- endmacro %}
{% macro spark__joins_as_written(statements) -%}
{{ statements }}
{%- endmacro %}
{% macro warehouse__joins_as_written(statements) -%}{{ statements }}{%- endmacro %}

{#- The step log (output.sql): DuckDB notes each step's end in a table the report reads;
    a Spark run's steps are timed by the process that runs them. -#}
{% macro log_step(name) -%}{{ dispatch('log_step')(name) }}{%- endmacro %}
{% macro duckdb__log_step(name) -%}INSERT INTO {{ P }}steps VALUES ('{{ name }}', now());{%- endmacro %}
{% macro spark__log_step(name) -%}-- end of {{ name }}{%- endmacro %}
{% macro warehouse__log_step(name) -%}-- end of {{ name }}{%- endmacro %}

{% macro start_step_log() -%}{{ dispatch('start_step_log')() }}{%- endmacro %}
{% macro duckdb__start_step_log() -%}
CREATE OR REPLACE TEMP TABLE {{ P }}steps AS SELECT 'start' AS step, now() AS finished_at;
{%- endmacro %}
{% macro spark__start_step_log() -%}{%- endmacro %}
{% macro warehouse__start_step_log() -%}{%- endmacro %}
