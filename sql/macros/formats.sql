{#-
  Formatting of numbers into identifier strings. The dialect-specific pieces (hex, zero
  padding, timestamp arithmetic) are dispatched; the shapes built on them are portable.
-#}

{#- Zero-padded decimal of a non-negative integer. -#}
{% macro digits(expr, width) -%}
{{ dispatch('digits')(expr, width) }}
{%- endmacro %}
{% macro duckdb__digits(expr, width) -%}
lpad(CAST({{ expr }} AS VARCHAR), {{ width }}, '0')
{%- endmacro %}

{#- Several integers in hex with literal text between them, as one string. `items` lists
    `(expr, width)` pairs (zero-padded hex of an integer below 16^width) and plain strings
    (text kept as is); `upper` gives upper-case digits. One formatting call for the whole
    identifier instead of one per piece: device ids and tokens, made of many hex pieces, are
    the persons' costliest columns. -#}
{% macro hex_join(items, upper=false) -%}
{{ dispatch('hex_join')(items, upper) }}
{%- endmacro %}
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

{#- A timestamp plus a whole number of seconds. -#}
{% macro add_seconds(ts, seconds) -%}
{{ dispatch('add_seconds')(ts, seconds) }}
{%- endmacro %}
{% macro duckdb__add_seconds(ts, seconds) -%}
(CAST({{ ts }} AS TIMESTAMP) + to_seconds(CAST({{ seconds }} AS BIGINT)))
{%- endmacro %}

{#- Seconds between two timestamps. -#}
{% macro seconds_between(lo, hi) -%}
{{ dispatch('seconds_between')(lo, hi) }}
{%- endmacro %}
{% macro duckdb__seconds_between(lo, hi) -%}
date_diff('second', CAST({{ lo }} AS TIMESTAMP), CAST({{ hi }} AS TIMESTAMP))
{%- endmacro %}

{#- A uniformly drawn timestamp in [lo, hi] (both SQL timestamp expressions). -#}
{% macro timestamp_between(stream, key, lo, hi) -%}
{{ add_seconds(lo, 'floor(' ~ uniform(stream, key) ~ ' * (' ~ seconds_between(lo, hi) ~ ' + 1))') }}
{%- endmacro %}

{#- A bijection of [0, 2^32): distinct inputs give distinct outputs, so ids built from
    sequential numbers stay unique while looking unordered. The multiplier is odd and below
    2^31, so the product stays below 2^63. -#}
{% macro scramble(expr, salt) -%}
((({{ expr }}) * 1103515245 + {{ stream_id(salt) }}) % 4294967296)
{%- endmacro %}

{#- A primary key: prefix + 10 scrambled digits of the record number. -#}
{% macro record_key(prefix, record_no, salt) -%}
('{{ prefix }}' || {{ digits(scramble(record_no, salt), 10) }})
{%- endmacro %}

{#- Upper-case 8-4-4-4-12 UUID (the shape of an iOS identifierForVendor), version 4, from the
    draws `d`_a ... `d`_e (see draw_columns). -#}
{% macro uuid_upper(d) -%}
{{ hex_join([(d ~ '_a', 8), '-', (d ~ '_b % 65536', 4), '-4', (d ~ '_c % 4096', 3), '-',
             ('32768 + ' ~ d ~ '_c // 65536 % 16384', 4), '-', (d ~ '_d % 65536', 4), (d ~ '_e', 8)],
            upper=true) }}
{%- endmacro %}

{#- 16 lower-case hex digits (the shape of an Android ID) from the draws `d`_hi, `d`_lo. -#}
{% macro hex16(d) -%}
{{ hex_join([(d ~ '_hi', 8), (d ~ '_lo', 8)]) }}
{%- endmacro %}

{#- Luhn check digit of a non-negative integer with `n` digits (cards, loyalty numbers). -#}
{% macro luhn_check_digit(expr, n) -%}
((10 - ((
{%- for i in range(n) %}
{% set d = '((' ~ expr ~ ') // ' ~ (10 ** i) ~ ' % 10)' %}
{%- if i % 2 == 0 %} + (2 * {{ d }} - 9 * CAST({{ d }} >= 5 AS INTEGER)){% else %} + {{ d }}{% endif %}
{%- endfor %}
) % 10)) % 10)
{%- endmacro %}

{#- Primary key of a source's record: the same expression wherever the key is written (the
    source table, the truth, and the IDR metadata's entity keys all agree). -#}
{% macro source_key(table_id, record_no) -%}
{%- set source = source_by_id[table_id] -%}
{{ record_key(source.key_prefix, record_no, table_id ~ '.' ~ source.key_column) }}
{%- endmacro %}
