{#-
  The engine layer: every construct that differs between SQL engines, in one place.

  Each public macro dispatches on the dialect (`dispatch('x')` finds `duckdb__x` or
  `spark__x`, and fails loudly, naming what it searched, for a dialect that has none). The
  table templates and the other macro files use only these macros and a portable subset of
  SQL: SELECT with CTEs, joins, CASE, window functions, UNION ALL, + - * on integers,
  comparisons, ||, coalesce, nullif, greatest, least, substr, left, length, lpad, replace,
  trim, md5 (through md5_hex), CAST to BIGINT, INTEGER, BOOLEAN and DECIMAL(p, s).

  Adding an engine means writing `<engine>__x` for every macro below (tests/test_engine.py
  runs each one's golden vectors on every engine).
-#}

{#- ==== integers =========================================================================
    All discrete decisions are integer arithmetic on non-negative BIGINTs. Division and
    modulo are only ever applied to non-negative operands, where every engine agrees
    (truncation and floor are the same there). -#}

{#- a DIV b: the integer quotient. -#}
{% macro idiv(a, b) -%}{{ dispatch('idiv')(a, b) }}{%- endmacro %}
{% macro duckdb__idiv(a, b) -%}(({{ a }}) // ({{ b }})){%- endmacro %}
{% macro spark__idiv(a, b) -%}(({{ a }}) div ({{ b }})){%- endmacro %}

{#- a MOD b. -#}
{% macro imod(a, b) -%}{{ dispatch('imod')(a, b) }}{%- endmacro %}
{% macro duckdb__imod(a, b) -%}(({{ a }}) % ({{ b }})){%- endmacro %}
{% macro spark__imod(a, b) -%}(({{ a }}) % ({{ b }})){%- endmacro %}

{#- floor(a * b / c) for non-negative integers whose product may exceed 2^63 (the record
    allocation multiplies a record count by a running sum of weights). -#}
{% macro muldiv(a, b, c) -%}{{ dispatch('muldiv')(a, b, c) }}{%- endmacro %}
{% macro duckdb__muldiv(a, b, c) -%}
CAST(CAST({{ a }} AS HUGEINT) * ({{ b }}) // ({{ c }}) AS BIGINT)
{%- endmacro %}
{% macro spark__muldiv(a, b, c) -%}
CAST(CAST({{ a }} AS DECIMAL(38, 0)) * CAST({{ b }} AS DECIMAL(38, 0)) div ({{ c }}) AS BIGINT)
{%- endmacro %}

{#- Bitwise xor, and a right shift by n bits, of non-negative BIGINTs. -#}
{% macro bit_xor(a, b) -%}{{ dispatch('bit_xor')(a, b) }}{%- endmacro %}
{% macro duckdb__bit_xor(a, b) -%}xor({{ a }}, {{ b }}){%- endmacro %}
{% macro spark__bit_xor(a, b) -%}(({{ a }}) ^ ({{ b }})){%- endmacro %}

{% macro shift_right(a, n) -%}{{ dispatch('shift_right')(a, n) }}{%- endmacro %}
{% macro duckdb__shift_right(a, n) -%}(({{ a }}) >> {{ n }}){%- endmacro %}
{% macro spark__shift_right(a, n) -%}shiftright({{ a }}, {{ n }}){%- endmacro %}

{#- ==== text =============================================================================== -#}

{#- The type name of text, and a value as text (integers as plain decimal digits). -#}
{% macro text_type() -%}{{ dispatch('text_type')() }}{%- endmacro %}
{% macro duckdb__text_type() -%}VARCHAR{%- endmacro %}
{% macro spark__text_type() -%}STRING{%- endmacro %}

{% macro as_text(expr) -%}CAST({{ expr }} AS {{ text_type() }}){%- endmacro %}

{#- Zero-padded decimal of a non-negative integer. -#}
{% macro digits(expr, width) -%}lpad({{ as_text(expr) }}, {{ width }}, '0'){%- endmacro %}

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

{#- The n-th field (1-based) of text split at `sep`. -#}
{% macro split_field(text, sep, n) -%}{{ dispatch('split_field')(text, sep, n) }}{%- endmacro %}
{% macro duckdb__split_field(text, sep, n) -%}split_part({{ text }}, '{{ sep }}', {{ n }}){%- endmacro %}
{% macro spark__split_field(text, sep, n) -%}split_part({{ text }}, '{{ sep }}', {{ n }}){%- endmacro %}

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

{#- Whether a regular expression matches anywhere in the text. -#}
{% macro regex_found(text, pattern) -%}{{ dispatch('regex_found')(text, pattern) }}{%- endmacro %}
{% macro duckdb__regex_found(text, pattern) -%}regexp_matches({{ text }}, '{{ pattern }}'){%- endmacro %}
{% macro spark__regex_found(text, pattern) -%}
({{ text }} RLIKE '{{ pattern | replace('\\', '\\\\') }}')
{%- endmacro %}

{#- Upper case. DuckDB maps 'ß' to 'ẞ' (U+1E9E), Java to 'SS': Spark maps it to 'ẞ' first,
    so both write 'STRAẞE'. -#}
{% macro upper_text(text) -%}{{ dispatch('upper_text')(text) }}{%- endmacro %}
{% macro duckdb__upper_text(text) -%}upper({{ text }}){%- endmacro %}
{% macro spark__upper_text(text) -%}upper(replace({{ text }}, 'ß', 'ẞ')){%- endmacro %}

{#- A hex string of at most 15 digits as a BIGINT. -#}
{% macro hex_to_int(hex) -%}{{ dispatch('hex_to_int')(hex) }}{%- endmacro %}
{% macro duckdb__hex_to_int(hex) -%}CAST('0x' || ({{ hex }}) AS BIGINT){%- endmacro %}
{% macro spark__hex_to_int(hex) -%}CAST(conv({{ hex }}, 16, 10) AS BIGINT){%- endmacro %}

{#- Lower-case hex md5 of text (its UTF-8 bytes). -#}
{% macro md5_hex(expr) -%}{{ dispatch('md5_hex')(expr) }}{%- endmacro %}
{% macro duckdb__md5_hex(expr) -%}md5({{ expr }}){%- endmacro %}
{% macro spark__md5_hex(expr) -%}md5({{ expr }}){%- endmacro %}

{#- ==== arrays (1-based) ====================================================================== -#}

{% macro array_of(items) -%}{{ dispatch('array_of')(items) }}{%- endmacro %}
{% macro duckdb__array_of(items) -%}[{{ items | join(', ') }}]{%- endmacro %}
{% macro spark__array_of(items) -%}array({{ items | join(', ') }}){%- endmacro %}

{#- The i-th item, from 1. -#}
{% macro array_item(array, i) -%}{{ dispatch('array_item')(array, i) }}{%- endmacro %}
{% macro duckdb__array_item(array, i) -%}({{ array }})[{{ i }}]{%- endmacro %}
{% macro spark__array_item(array, i) -%}element_at({{ array }}, CAST({{ i }} AS INTEGER)){%- endmacro %}

{% macro array_size(array) -%}{{ dispatch('array_size')(array) }}{%- endmacro %}
{% macro duckdb__array_size(array) -%}len({{ array }}){%- endmacro %}
{% macro spark__array_size(array) -%}size({{ array }}){%- endmacro %}

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

{% macro empty_text_array() -%}{{ dispatch('empty_text_array')() }}{%- endmacro %}
{% macro duckdb__empty_text_array() -%}CAST([] AS VARCHAR[]){%- endmacro %}
{% macro spark__empty_text_array() -%}CAST(array() AS ARRAY<STRING>){%- endmacro %}

{% macro null_text_array() -%}CAST(NULL AS {{ dispatch('text_array_type')() }}){%- endmacro %}
{% macro duckdb__text_array_type() -%}VARCHAR[]{%- endmacro %}
{% macro spark__text_array_type() -%}ARRAY<STRING>{%- endmacro %}

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

{% macro distribution_item(name, i) -%}{{ dispatch('distribution_item')(name, i) }}{%- endmacro %}
{% macro duckdb__distribution_item(name, i) -%}{{ P }}{{ name }}_at({{ i }}){%- endmacro %}
{% macro spark__distribution_item(name, i) -%}
element_at((SELECT v FROM {{ P }}{{ name }}), CAST({{ i }} AS INTEGER))
{%- endmacro %}

{#- ==== row sources ============================================================================ -#}

{#- A SELECT-list item that repeats the row n times (n >= 1), numbering the copies 0..n-1:
    the expansion of a person into the person's records. -#}
{% macro repeat_rows(n) -%}{{ dispatch('repeat_rows')(n) }}{%- endmacro %}
{% macro duckdb__repeat_rows(n) -%}unnest(range(CAST({{ n }} AS BIGINT))){%- endmacro %}
{% macro spark__repeat_rows(n) -%}explode(sequence(CAST(0 AS BIGINT), ({{ n }}) - 1)){%- endmacro %}

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

{% macro drop_table(name) -%}{{ dispatch('drop_table')(name) }}{%- endmacro %}
{% macro duckdb__drop_table(name) -%}DROP TABLE {{ name }};{%- endmacro %}
{% macro spark__drop_table(name) -%}DROP TABLE IF EXISTS {{ name }};{%- endmacro %}

{#- ==== seeds =================================================================================== -#}

{#- A committed seed CSV, every column as text (types never depend on sniffing): a relation
    to select from. Spark reads it through a view made by `load_seed`. -#}
{% macro seed(file) -%}{{ dispatch('seed')(file) }}{%- endmacro %}
{% macro duckdb__seed(file) -%}
read_csv('{{ seeds }}/{{ file }}', header = true, all_varchar = true)
{%- endmacro %}
{% macro spark__seed(file) -%}{{ P }}seed_{{ file | replace('.csv', '') }}{%- endmacro %}

{% macro load_seed(file) -%}{{ dispatch('load_seed')(file) }}{%- endmacro %}
{% macro duckdb__load_seed(file) -%}{%- endmacro %}
{% macro spark__load_seed(file) -%}
CREATE OR REPLACE TEMPORARY VIEW {{ P }}seed_{{ file | replace('.csv', '') }}
USING csv OPTIONS (path '{{ seeds }}/{{ file }}', header 'true', escape '"', encoding 'UTF-8');
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

{#- A DATE from epoch seconds. -#}
{% macro date_of(seconds) -%}{{ dispatch('date_of')(seconds) }}{%- endmacro %}
{% macro duckdb__date_of(seconds) -%}CAST({{ duckdb__timestamp_of(seconds) }} AS DATE){%- endmacro %}
{% macro spark__date_of(seconds) -%}date_from_unix_date(CAST(({{ seconds }}) div 86400 AS INTEGER)){%- endmacro %}

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

{#- The step log (output.sql): DuckDB notes each step's end in a table the report reads;
    a Spark run's steps are timed by the process that runs them. -#}
{% macro log_step(name) -%}{{ dispatch('log_step')(name) }}{%- endmacro %}
{% macro duckdb__log_step(name) -%}INSERT INTO {{ P }}steps VALUES ('{{ name }}', now());{%- endmacro %}
{% macro spark__log_step(name) -%}-- end of {{ name }}{%- endmacro %}

{% macro start_step_log() -%}{{ dispatch('start_step_log')() }}{%- endmacro %}
{% macro duckdb__start_step_log() -%}
CREATE OR REPLACE TEMP TABLE {{ P }}steps AS SELECT 'start' AS step, now() AS finished_at;
{%- endmacro %}
{% macro spark__start_step_log() -%}{%- endmacro %}
