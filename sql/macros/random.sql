{#-
  All randomness of the generator comes from `rand(stream, key)`: an integer in [0, 2^32) that
  is a pure function of (master seed, stream, key). `stream` is a '<table>.<column>' literal
  (its CRC-32 is baked into the SQL at render time), `key` an integer expression (a row number,
  person id, or `id * 4 + slot` for several draws of one row). Nothing depends on thread
  scheduling or row order, so any slice of any table can be generated alone and in parallel.

  Every decision built on it is integer arithmetic: a pick compares the draw with integer
  thresholds computed at render time, a count divides integers. Continuous values (prices,
  amounts, activity weights) come from distribution tables that Python computes once at render
  time (idrgen_duck/distributions.py) and the SQL indexes with a draw: no engine's ln, exp or
  pow, whose last bits differ from engine to engine, ever decides a value.
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

{% macro spark__rand(stream, key) -%}
{{ P }}rand({{ stream_id(stream) }}, {{ key }})
{%- endmacro %}

{#- Snowflake: the mixer written out where it is used, over the key (the Snowflake emulator
    does not run SQL functions); the stream and the run's seed enter as one constant. -#}
{% macro snowflake__rand(stream, key) -%}{{ inline_rand(stream, key) }}{%- endmacro %}
{% macro bigquery__rand(stream, key) -%}
{{ P }}rand({{ stream_id(stream) }}, {{ key }})
{%- endmacro %}
{% macro inline_rand(stream, key) -%}
{%- set folded = imod('(' ~ key ~ ') + ' ~ shift_right(key, 32), 4294967296) -%}
CAST({{ mix32_expression(bit_xor(folded, xor(stream_id(stream), mixed_seed(plan.config.seed)))) }} AS BIGINT)
{%- endmacro %}

{#- The functions `rand` renders to, created once at the start of a run: DuckDB macros, Spark
    SQL functions (Spark 4), both expanded where they are called (xor-shift reads its input
    twice, so the key appears 16 times in the expanded expression: keep keys simple, a column
    or `id * 4 + slot`). The mixer is a 32-bit avalanche hash in plain integer arithmetic:
    stable across engine versions (unlike DuckDB's hash()), portable to any engine with 64-bit
    integers, about 60 M values/s per thread in DuckDB. Keys are folded to 32 bits as
    (k + k / 2^32) mod 2^32: distinct below 2^32. idrgen_duck/randomness.py is the reference
    the engine tests compare every engine's draws with. -#}
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
-- the master seed enters mixed (seed_mix, computed at render time), so nearby seeds give
-- unrelated streams
CREATE OR REPLACE MACRO {{ P }}rand(stream, k) AS
    {{ P }}mix32(xor((k + k // 4294967296) % 4294967296, xor(stream, {{ mixed_seed(seed) }})));
{%- endmacro %}

{#- Spark: one SQL function with the mixer written out over its parameters (nested function
    calls would each add a projection at every call site). -#}
{% macro spark__define_random(seed) -%}
CREATE OR REPLACE TEMPORARY FUNCTION {{ P }}rand(stream BIGINT, k BIGINT) RETURNS BIGINT RETURN
    {{ mix32_expression('(((k + k div 4294967296) % 4294967296) ^ (stream ^ ' ~ mixed_seed(seed) ~ '))') }};
{%- endmacro %}

{% macro snowflake__define_random(seed) -%}
-- the random function is written out where it is used (inline_rand in sql/macros/random.sql)
{%- endmacro %}
{#- BigQuery: a SQL function of the target dataset (dropped at the end of the run), as Spark's:
    the statements stay a tenth of their size written out. -#}
{% macro bigquery__define_random(seed) -%}
CREATE OR REPLACE FUNCTION {{ P }}rand(stream INT64, k INT64) RETURNS INT64 AS (
    {{ mix32_expression(bit_xor(imod('k + ' ~ shift_right('k', 32), 4294967296), bit_xor('stream', mixed_seed(seed)))) }});
{%- endmacro %}

{#- The mixer as one expression of `x`, in the engine's operators: x appears 8 times. -#}
{% macro mix32_expression(x) -%}
{%- set a = bit_xor(x, shift_right(x, 16)) -%}
{%- set b = imod(a ~ ' * 2146121005', 4294967296) -%}
{%- set c = bit_xor(b, shift_right(b, 15)) -%}
{%- set d = imod(c ~ ' * 1540483477', 4294967296) -%}
{{ bit_xor(d, shift_right(d, 16)) }}
{%- endmacro %}

{#- Draws of one key, one per part: `rand(stream ~ ':' ~ part, key) AS <name>_<part>`, as a
    comma-led list of columns. For values formatted under a CASE (a device id by platform, only
    the cards a person has): computed one projection below, each draw is shared and cheap;
    inside the CASE it would cost about 4x (see either). -#}
{% macro draw_columns(stream, key, name, parts) -%}
{%- for part in parts %}, {{ rand(stream ~ ':' ~ part, key) }} AS {{ name }}_{{ part }}{% endfor -%}
{%- endmacro %}

{#- An integer in [0, n) (n below 2^31, a number or a SQL expression): floor(draw * n / 2^32),
    exact in 63 bits. -#}
{% macro uniform_int(stream, key, n) -%}
{{ idiv(rand(stream, key) ~ ' * (' ~ n ~ ')', 4294967296) }}
{%- endmacro %}

{#- An integer in [lo, hi], inclusive. The modulo bias is below 1e-6 for ranges under 4,000. -#}
{% macro between(stream, key, lo, hi) -%}
({{ lo }} + {{ imod(rand(stream, key), hi ~ ' - (' ~ lo ~ ') + 1') }})
{%- endmacro %}

{#- TRUE with probability p, a number known at render time: the draw against an integer
    threshold. -#}
{% macro chance(stream, key, p) -%}
{%- if p is not number -%}{{ fail('chance(' ~ stream ~ '): p must be a number, not ' ~ p) }}{%- endif -%}
({{ rand(stream, key) }} < {{ (p * 4294967296) | round | int }})
{%- endmacro %}

{#- A weighted choice among literal values: `pick('t.c', key, {'a': 3, 'b': 1})`.
    Weights need not sum to 1; the thresholds are integers over the draw's 2^32 values, so
    every engine picks the same value. -#}
{% macro pick(stream, key, weighted, quote=true) -%}
{%- if weighted | length == 1 -%}
{{ pick_by(none, weighted, quote) }}
{%- else -%}
{{ pick_by(rand(stream, key), weighted, quote) }}
{%- endif -%}
{%- endmacro %}

{#- The same choice by a draw computed elsewhere (a column: DuckDB evaluates an expression
    again in every WHEN of a CASE, so a pick among many values reads its draw as a column). -#}
{% macro pick_by(draw, weighted, quote=true) -%}
{%- set total = weighted.values() | sum -%}
{%- set items = weighted | list -%}
{%- set ns = namespace(acc=0) -%}
{%- if items | length == 1 -%}
{{ literal(items[0]) if quote else items[0] }}
{%- else -%}
CASE
{%- for value in items[:-1] %}
{%- set ns.acc = ns.acc + weighted[value] %}
 WHEN {{ draw }} < {{ ((ns.acc / total) * 4294967296) | round | int }} THEN {{ literal(value) if quote else value }}
{%- endfor %}
 ELSE {{ literal(items[-1]) if quote else items[-1] }} END
{%- endif -%}
{%- endmacro %}

{#- A SQL literal for a Python value. -#}
{% macro literal(value) -%}
{%- if value is string -%}{{ string_literal(value) }}
{%- elif value is none -%}NULL
{%- elif value is sameas true -%}TRUE
{%- elif value is sameas false -%}FALSE
{%- else -%}{{ value }}
{%- endif -%}
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
{% macro spark__either(cond, a, b) -%}
CASE WHEN {{ cond }} THEN {{ a }} ELSE {{ b }} END
{%- endmacro %}
{% macro warehouse__either(cond, a, b) -%}{{ spark__either(cond, a, b) }}{%- endmacro %}

{#- ==== tabulated distributions (idrgen_duck/distributions.py) ============================
    Arrays of integer constants computed in Python and defined in the setup step
    (define_distribution in engine.sql): quantiles of the standard normal and exponential
    distributions (x 10^6, QUANTILES of them), and exp on a grid (x 10^6, EXP_STEPS steps per
    unit from EXP_LOW). A draw picks a quantile; integer arithmetic does the rest. -#}

{#- A draw of a tabulated distribution (x 10^6): one of its quantiles, picked by the draw. -#}
{% macro quantile_micro(distribution, stream, key) -%}
{{ distribution_item(distribution, '1 + ' ~ imod(rand(stream, key), quantiles)) }}
{%- endmacro %}

{#- z x 10^6 of a standard normal draw. -#}
{% macro normal_micro(stream, key) -%}{{ quantile_micro('normal', stream, key) }}{%- endmacro %}

{#- E x 10^6 of a standard exponential draw (-ln of a uniform). -#}
{% macro exponential_micro(stream, key) -%}{{ quantile_micro('exponential', stream, key) }}{%- endmacro %}

{#- exp(s) x 10^6 for s x 10^9 given as a non-negative offset integer: `shifted` is
    (s - exp_low) x 10^9, clamped to the grid. -#}
{% macro exp_micro(shifted) -%}
{{ distribution_item('exp', '1 + least(' ~ exp_cells ~ ', ' ~ idiv(shifted, (10 ** 9 // exp_steps)) ~ ')') }}
{%- endmacro %}

{#- A log-normal amount: median x exp(sigma x z), in the median's integer unit. `median`: an
    integer SQL expression; `sigma_milli`: sigma x 1000, an integer (literal or column). -#}
{% macro lognormal(stream, key, median, sigma_milli) -%}
{{ idiv('(' ~ median ~ ') * ' ~ exp_micro('(' ~ sigma_milli ~ ') * ' ~ normal_micro(stream, key)
                                          ~ ' + ' ~ (-exp_low * 10 ** 9)), 1000000) }}
{%- endmacro %}

{#- A Pareto(alpha)-tailed weight >= 1, capped, x 10^6 (a minority of people do most of the
    buying): exp(E / alpha) for an exponential E, which is U^(-1/alpha). -#}
{% macro pareto_micro(stream, key, alpha, cap) -%}
least({{ (cap * 10 ** 6) | round | int }},
      {{ exp_micro(idiv(exponential_micro(stream, key) ~ ' * 1000000', (alpha * 1000) | round | int)
                   ~ ' + ' ~ (-exp_low * 10 ** 9)) }})
{%- endmacro %}

{#- Index of a row of a bucketed lookup table (see lookup.sql): equal buckets, weighted rows. -#}
{% macro bucket(stream, key, table) -%}
{{ imod(rand(stream, key), lookup_buckets(table)) }}
{%- endmacro %}

{#- Buckets per group of a lookup table: a row owns a whole number of them, so 1/buckets is
    the smallest share a row can have. Names need far finer shares than the other tables:
    real surname and given-name distributions have long tails of rare names (a few persons in
    a million each), and with 4096 buckets every listed name would be at least 1/4096 of its
    group, far too common (seeds/README.md, "Measures and targets"). -#}
{% macro lookup_buckets(table) -%}
{{- name_buckets() if table in ('first_names', 'last_names') else 4096 -}}
{%- endmacro %}

{% macro name_buckets() -%}65536{%- endmacro %}
