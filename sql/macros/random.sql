{#-
  All randomness of the generator comes from `rand(stream, key)`: an integer in [0, 2^32) that
  is a pure function of (master seed, stream, key). `stream` is a '<table>.<column>' literal
  (its CRC-32 is baked into the SQL at render time), `key` an integer expression (a row number,
  person id, or `id * 16 + slot` for several draws of one row). Nothing depends on thread
  scheduling or row order, so any slice of any table can be generated alone and in parallel.

  Every other macro in this file is built on `rand`; only `rand` and `define_random` know the
  dialect.
-#}

{% macro rand(stream, key) -%}
{%- if (P ~ 'rand(') in (key | string) or 'CASE' in (key | string) -%}
{{ fail('rand(' ~ stream ~ '): the key must be a column or simple arithmetic, not a draw or '
        ~ 'a CASE (DuckDB would expand it 16 times); compute it as a column first') }}
{%- endif -%}
{{ dispatch('rand')(stream, key) }}
{%- endmacro %}

{% macro duckdb__rand(stream, key) -%}
{{ P }}rand({{ stream_id(stream) }}, {{ key }})
{%- endmacro %}

{#- The SQL functions `rand` renders to, created once at the start of a run.
    The mixer is a 32-bit avalanche hash (three xor-shift rounds and two multiplications,
    the "lowbias32" shape) in plain integer arithmetic: stable across DuckDB versions (unlike
    hash()), portable to any engine with 64-bit integers, about 60 M values/s per thread.
    Every product stays below 2^63 (a value below 2^32 times a constant below 2^31).
    DuckDB expands macros inline and xor-shift reads its input twice, so the key appears
    16 times in the expanded expression: keep keys simple (a column, `id * 4 + slot`).
    Keys are folded to 32 bits as (k + k / 2^32) mod 2^32: distinct below 2^32. -#}
{% macro define_random(seed) -%}
{{ dispatch('define_random')(seed) }}
{%- endmacro %}

{% macro duckdb__define_random(seed) -%}
CREATE OR REPLACE MACRO {{ P }}xorshift16(x) AS xor(x, x >> 16);
CREATE OR REPLACE MACRO {{ P }}xorshift15(x) AS xor(x, x >> 15);
-- the input is widened to BIGINT first: the multiplications need 63 bits
CREATE OR REPLACE MACRO {{ P }}mix32(x) AS
    {{ P }}xorshift16(({{ P }}xorshift15(({{ P }}xorshift16(CAST(x AS BIGINT)) * 2146121005) % 4294967296)
                      * 1540483477) % 4294967296);
-- the master seed, mixed once so that nearby seeds give unrelated streams
CREATE OR REPLACE MACRO {{ P }}seed_mix() AS {{ P }}mix32({{ seed }});
CREATE OR REPLACE MACRO {{ P }}rand(stream, k) AS
    {{ P }}mix32(xor((k + k // 4294967296) % 4294967296, xor(stream, {{ P }}seed_mix())));
{%- endmacro %}

{#- `CASE WHEN cond THEN a ELSE b END` with both sides computed for every row: for sides made
    of draws. DuckDB's common-subexpression pass does not look inside CASE branches, and each
    draw repeats its key 16 times (see define_random), so draws inside a branch cost about 4x;
    outside one the repeats are computed once (an event time inside a CASE: 1.27 s per 1.5M
    rows; computed both ways and one kept: 0.32 s). `cond` must not be NULL. -#}
{% macro either(cond, a, b) -%}
{{ dispatch('either')(cond, a, b) }}
{%- endmacro %}
{% macro duckdb__either(cond, a, b) -%}
[{{ b }}, {{ a }}][1 + CAST({{ cond }} AS INTEGER)]
{%- endmacro %}

{#- Draws of one key, one per part: `rand(stream ~ ':' ~ part, key) AS <name>_<part>`, as a
    comma-led list of columns. For values formatted under a CASE (a device id by platform, only
    the cards a person has): computed one projection below, each draw is shared and cheap;
    inside the CASE it would cost about 4x (see either). -#}
{% macro draw_columns(stream, key, name, parts) -%}
{%- for part in parts %}, {{ rand(stream ~ ':' ~ part, key) }} AS {{ name }}_{{ part }}{% endfor -%}
{%- endmacro %}

{#- A float in [0, 1). -#}
{% macro uniform(stream, key) -%}
({{ rand(stream, key) }} / 4294967296.0)
{%- endmacro %}

{#- A float in (0, 1): safe for ln() and pow() with negative exponents. -#}
{% macro uniform_open(stream, key) -%}
(({{ rand(stream, key) }} + 0.5) / 4294967296.0)
{%- endmacro %}

{#- An integer in [lo, hi], inclusive. The modulo bias is below 1e-6 for ranges under 4,000. -#}
{% macro between(stream, key, lo, hi) -%}
({{ lo }} + {{ rand(stream, key) }} % ({{ hi }} - ({{ lo }}) + 1))
{%- endmacro %}

{#- TRUE with probability p (a number known at render time or a SQL expression). -#}
{% macro chance(stream, key, p) -%}
({{ rand(stream, key) }} < ({{ p }}) * 4294967296)
{%- endmacro %}

{#- A weighted choice among literal values: `pick('t.c', key, {'a': 3, 'b': 1})`.
    Weights need not sum to 1; thresholds are exact integers, so the SQL is deterministic. -#}
{% macro pick(stream, key, weighted, quote=true) -%}
{%- set total = weighted.values() | sum -%}
{%- set items = weighted | list -%}
{%- set ns = namespace(acc=0) -%}
{%- set draw = rand(stream, key) ~ ' % 1000000' -%}
{%- if items | length == 1 -%}
{{ literal(items[0]) if quote else items[0] }}
{%- else -%}
CASE
{%- for value in items[:-1] %}
{%- set ns.acc = ns.acc + weighted[value] %}
 WHEN {{ draw }} < {{ ((ns.acc / total) * 1000000) | round | int }} THEN {{ literal(value) if quote else value }}
{%- endfor %}
 ELSE {{ literal(items[-1]) if quote else items[-1] }} END
{%- endif -%}
{%- endmacro %}

{#- A SQL literal for a Python value. -#}
{% macro literal(value) -%}
{%- if value is string -%}'{{ value | replace("'", "''") }}'
{%- elif value is none -%}NULL
{%- elif value is sameas true -%}TRUE
{%- elif value is sameas false -%}FALSE
{%- else -%}{{ value }}
{%- endif -%}
{%- endmacro %}

{#- A standard normal draw (Box-Muller over two streams of one key). -#}
{% macro normal(stream, key) -%}
(sqrt(-2 * ln({{ uniform_open(stream ~ ':u1', key) }})) * cos(2 * pi() * {{ uniform(stream ~ ':u2', key) }}))
{%- endmacro %}

{#- Log-normal amount with the given median and log-sd (prices, order values). -#}
{% macro lognormal(stream, key, median, sigma) -%}
(({{ median }}) * exp(({{ sigma }}) * {{ normal(stream, key) }}))
{%- endmacro %}

{#- Pareto-tailed activity weight >= 1, capped (a minority of people do most of the buying). -#}
{% macro pareto(stream, key, alpha, cap) -%}
least({{ cap }}, pow({{ uniform_open(stream, key) }}, -1.0 / {{ alpha }}))
{%- endmacro %}

{#- Index of a row of a bucketed lookup table (see seeds.sql): equal buckets, weighted rows. -#}
{% macro bucket(stream, key) -%}
({{ rand(stream, key) }} % {{ lookup_buckets() }})
{%- endmacro %}

{% macro lookup_buckets() -%}4096{%- endmacro %}
