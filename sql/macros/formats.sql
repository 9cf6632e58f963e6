{#-
  Formatting of numbers into identifier strings, and the integer time of events. The engine
  pieces (hex, zero padding, integer division) come from engine.sql; the shapes built on them
  are portable.
-#}

{#- A uniformly drawn time in [lo, hi], epoch seconds (both integer SQL expressions). -#}
{% macro timestamp_between(stream, key, lo, hi) -%}
(({{ lo }}) + {{ uniform_int(stream, key, '(' ~ hi ~ ') - (' ~ lo ~ ') + 1') }})
{%- endmacro %}

{#- A bijection of [0, 2^32): distinct inputs give distinct outputs, so ids built from
    sequential numbers stay unique while looking unordered. The multiplier is odd and below
    2^31, so the product stays below 2^63. -#}
{% macro scramble(expr, salt) -%}
{{ imod('(' ~ expr ~ ') * 1103515245 + ' ~ stream_id(salt), 4294967296) }}
{%- endmacro %}

{#- A primary key: prefix + 10 scrambled digits of the record number. -#}
{% macro record_key(prefix, record_no, salt) -%}
('{{ prefix }}' || {{ digits(scramble(record_no, salt), 10) }})
{%- endmacro %}

{#- Upper-case 8-4-4-4-12 UUID (the shape of an iOS identifierForVendor), version 4, from the
    draws `d`_a ... `d`_e (see draw_columns). -#}
{% macro uuid_upper(d) -%}
{{ hex_join([(d ~ '_a', 8), '-', (imod(d ~ '_b', 65536), 4), '-4', (imod(d ~ '_c', 4096), 3), '-',
             ('32768 + ' ~ imod(idiv(d ~ '_c', 65536), 16384), 4), '-', (imod(d ~ '_d', 65536), 4), (d ~ '_e', 8)],
            upper=true) }}
{%- endmacro %}

{#- 16 lower-case hex digits (the shape of an Android ID) from the draws `d`_hi, `d`_lo. -#}
{% macro hex16(d) -%}
{{ hex_join([(d ~ '_hi', 8), (d ~ '_lo', 8)]) }}
{%- endmacro %}

{#- The decimal digit of a non-negative integer at position i (0 = units). -#}
{% macro digit_at(expr, i) -%}
{{ imod(idiv(expr, 10 ** i), 10) }}
{%- endmacro %}

{#- Luhn check digit of a non-negative integer with `n` digits (cards, loyalty numbers). -#}
{% macro luhn_check_digit(expr, n) -%}
{{ imod('10 - ' ~ imod(luhn_sum(expr, n), 10), 10) }}
{%- endmacro %}
{% macro luhn_sum(expr, n) -%}
(0
{%- for i in range(n) %}
{% set d = digit_at(expr, i) %}
{%- if i % 2 == 0 %} + (2 * {{ d }} - 9 * CAST({{ d }} >= 5 AS INTEGER)){% else %} + {{ d }}{% endif %}
{%- endfor %})
{%- endmacro %}

{#- An amount in cents (an integer) as DECIMAL(p, 2): a decimal multiplication by 0.01, exact
    in every engine (no division, whose result type differs from engine to engine; ten times
    faster in DuckDB than building the text). -#}
{% macro cents_to_decimal(cents, precision=10) -%}
CAST(CAST({{ cents }} AS DECIMAL(18, 0)) * 0.01 AS DECIMAL({{ precision }}, 2))
{%- endmacro %}

{#- Primary key of a source's record: the same expression wherever the key is written (the
    source table, the truth, and the IDR metadata's entity keys all agree). -#}
{% macro source_key(table_id, record_no) -%}
{%- set source = source_by_id[table_id] -%}
{{ record_key(source.key_prefix, record_no, table_id ~ '.' ~ source.key_column) }}
{%- endmacro %}
