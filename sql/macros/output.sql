{#- The report's SQL: the report (sql/tables/920_generation_report.sql) is always computed by
    DuckDB over the written files, whatever engine wrote them, so these macros are DuckDB's.
    Writing the data files is the engine layer's (copy_parquet in engine.sql). -#}

{#- COPY a one-row query to <out>/<folder>/<name>.json as a single JSON object. -#}
{% macro copy_json(out, name, folder='stats') -%}
COPY (
{{ caller() }}
) TO '{{ out }}/{{ folder }}/{{ name }}.json' (FORMAT json);
{%- endmacro %}

{#- Read back a file this run wrote. -#}
{% macro written(out, name, folder='parquet') -%}
read_parquet('{{ parquet_files(out ~ '/' ~ folder ~ '/' ~ name ~ '.parquet') }}')
{%- endmacro %}

{#- The Parquet files behind an output table: the file DuckDB writes, or the part files in the
    folder Spark writes. -#}
{% macro parquet_files(path) -%}
{{ path }}{{ '/*.parquet' if written_as_folders else '' }}
{%- endmacro %}

{#- One row per column of a written file, in file order: name, type, NULL share (percent),
    min, max, and the mean of numeric and temporal columns. What SUMMARIZE reports for
    these, without its scan of every column: NULL counts, min and max come from the
    Parquet footer's statistics (per row group, combined here; by value for numbers, by
    text otherwise, which orders ISO timestamps and dates correctly), and only the numeric
    and temporal columns are read for the means (typeof() is a constant per column, so the
    other columns' branches fold away and are never scanned). -#}
{% macro column_stats(out, name, folder='parquet') -%}
{%- set file = "'" ~ parquet_files(out ~ "/" ~ folder ~ "/" ~ name ~ ".parquet") ~ "'" -%}
(WITH described AS (
     SELECT column_name, column_type, {{ is_number_type('column_type') }} AS is_number
     FROM (DESCRIBE SELECT * FROM read_parquet({{ file }}))
 ), footer AS (
     SELECT path_in_schema AS column_name, min(column_id) AS position,
            arg_min(stats_min_value, TRY_CAST(stats_min_value AS DOUBLE)) AS number_min,
            arg_max(stats_max_value, TRY_CAST(stats_max_value AS DOUBLE)) AS number_max,
            min(stats_min_value) AS text_min, max(stats_max_value) AS text_max,
            100.0 * sum(stats_null_count) / greatest(sum(num_values), 1) AS null_percentage
     FROM parquet_metadata({{ file }})
     GROUP BY ALL
 ), means AS (
     UNPIVOT (SELECT coalesce(
                  CAST(avg(CASE WHEN {{ is_number_type('typeof(COLUMNS(*))') }} THEN TRY_CAST(COLUMNS(*) AS DOUBLE) END) AS VARCHAR),
                  CAST(avg(CASE WHEN typeof(COLUMNS(*)) IN ('TIMESTAMP', 'DATE')
                                THEN TRY_CAST(COLUMNS(*) AS TIMESTAMP) END) AS VARCHAR))
              FROM read_parquet({{ file }}))
     ON COLUMNS(*) INTO NAME column_name VALUE mean
 )
 SELECT d.column_name, d.column_type, f.position, round(f.null_percentage, 2) AS null_percentage,
        CASE WHEN d.is_number THEN f.number_min ELSE f.text_min END AS min,
        CASE WHEN d.is_number THEN f.number_max ELSE f.text_max END AS max,
        m.mean
 FROM described AS d
 JOIN footer AS f USING (column_name)
 LEFT JOIN means AS m USING (column_name))
{%- endmacro %}

{#- Whether a DuckDB type name (a SQL string expression) is a number type. -#}
{% macro is_number_type(type_sql) -%}
({{ type_sql }} IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'FLOAT', 'DOUBLE')
 OR {{ type_sql }} LIKE 'DECIMAL%')
{%- endmacro %}

{#- The content checksum of a written file: '<rows>:<xor of the first 64 bits of each row's
    md5>', where a row is its fields as text in file order, separated by chr(31), NULL
    written as \N (a marker no generated value equals, so NULL and '' differ). Independent
    of row order and of the Parquet layout (row groups differ with the thread count), so
    two runs agree exactly when their rows do. md5 and a hex cast, not
    md5_number_lower(), which is several times slower. Defined once per connection by
    define_checksum; the report (every run) and `validate` call it. -#}
{% macro define_checksum() -%}
{{ dispatch('define_checksum')() }}
{%- endmacro %}
{% macro duckdb__define_checksum() -%}
CREATE OR REPLACE MACRO {{ P }}content_checksum(path) AS TABLE
SELECT printf('%d:%016x', count(*),
              coalesce(bit_xor(CAST('0x' || left(md5(concat_ws(chr(31), *COLUMNS(*))), 16) AS UBIGINT)), 0))
           AS checksum
FROM (SELECT coalesce(CAST(COLUMNS(*) AS VARCHAR), '\N') FROM read_parquet(path));
{%- endmacro %}

{% macro content_checksum(path) -%}
(SELECT checksum FROM {{ P }}content_checksum('{{ parquet_files(path) }}'))
{%- endmacro %}

{#- The conformance checksum of a table, written the same way in every engine, so that a
    warehouse's tables can be compared with DuckDB's files (kit.py, `render --kit`):
    '<rows>:<16 hex digits>', the XOR over rows of the first 64 bits of the md5 of each row's
    canonical text (two 32-bit halves, so no engine needs an unsigned 64-bit integer). The
    canonical text is each column in `columns` ((name, DuckDB type) pairs, DuckDB's file
    order) as <length>:<text>, or '-' for NULL, one after another: no separator character,
    which the BigQuery emulator cannot write. The text of a value does not depend on how an
    engine prints its type: integers and booleans as written, timestamps as epoch
    microseconds, dates as epoch days, DECIMAL(p, s) as an integer times 10^s, text arrays
    as their items joined by ',' with an empty array the same as NULL (BigQuery cannot store
    a NULL array). -#}
{% macro portable_checksum(relation, columns) -%}
{%- set ns = namespace(fields=[]) -%}
{%- for column in columns %}{% set ns.fields = ns.fields + ['f' ~ loop.index] %}{% endfor -%}
{#- fields are joined 8 at a time, then the groups: the BigQuery emulator nests every piece
    of one concat a level deeper, and its parser gives up past about 40 fields -#}
{%- set ns.groups = [] -%}
{%- for fields in ns.fields | batch(8) %}{% set ns.groups = ns.groups + ['g' ~ loop.index] %}{% endfor -%}
SELECT {{ as_text('folded.n') }} || ':' || {{ hex_join([('folded.hi', 8), ('folded.lo', 8)]) }} AS checksum
FROM (
    SELECT count(*) AS n,
           coalesce({{ xor_aggregate(hex_to_int('substr(hashed.h, 1, 8)', 8)) }}, 0) AS hi,
           coalesce({{ xor_aggregate(hex_to_int('substr(hashed.h, 9, 8)', 8)) }}, 0) AS lo
    FROM (
        SELECT {{ md5_hex('concat(' ~ ns.groups | join(', ') ~ ')') }} AS h
        FROM (
            SELECT {% for fields in ns.fields | batch(8) %}{{ length_prefixed(fields) }} AS {{ ns.groups[loop.index0] }}{{ ',\n                   ' if not loop.last }}{% endfor %}

            FROM (
                SELECT {% for column in columns %}{{ canonical_text(column) }} AS {{ ns.fields[loop.index0] }}{{ ',\n                       ' if not loop.last }}{% endfor %}

                FROM {{ relation }}
            ) AS canonical
        ) AS grouped
    ) AS hashed
) AS folded
{%- endmacro %}
{#- Each text as <length>:<text>, or '-' for NULL, one after another. -#}
{% macro length_prefixed(texts) -%}
concat(
{%- for text in texts %}coalesce({{ as_text('length(' ~ text ~ ')') }} || ':' || {{ text }}, '-'){{ ',\n               ' if not loop.last }}{% endfor -%}
)
{%- endmacro %}
{#- A column's value as the same text in every engine (NULL stays NULL). -#}
{% macro canonical_text(column) -%}
{%- set name, kind = column -%}
{%- if kind in ('VARCHAR',) -%}{%- set text = name -%}
{%- elif kind in ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT') -%}{%- set text = as_text(name) -%}
{%- elif kind == 'BOOLEAN' -%}{%- set text = "CASE WHEN " ~ name ~ " THEN 'true' WHEN NOT " ~ name ~ " THEN 'false' END" -%}
{%- elif kind == 'TIMESTAMP' -%}{%- set text = as_text(epoch_microseconds(name)) -%}
{%- elif kind == 'DATE' -%}{%- set text = as_text(epoch_days(name)) -%}
{%- elif kind.startswith('DECIMAL(') -%}
{%- set scale = kind[:-1].split(',')[1] | int -%}
{%- set text = as_text('CAST(' ~ name ~ ' * ' ~ 10 ** scale ~ ' AS BIGINT)') -%}
{%- elif kind == 'VARCHAR[]' -%}
{%- set text = 'CASE WHEN coalesce(' ~ array_size(name) ~ ', 0) > 0 THEN ' ~ array_text(name, ',') ~ ' END' -%}
{%- else -%}{{ fail('portable_checksum: no canonical text for a ' ~ kind ~ ' column (' ~ name ~ ')') }}
{%- endif -%}
{{ text }}
{%- endmacro %}

{#- Size in bytes of a written file, or of its part files (read_blob reads no content when
    only the size is asked). -#}
{% macro file_bytes(path) -%}
(SELECT sum(size) FROM read_blob('{{ parquet_files(path) }}'))
{%- endmacro %}

{#- The step log filled with the (step, epoch seconds) pairs another process measured. -#}
{% macro recorded_step_log(rows) -%}
CREATE OR REPLACE TEMP TABLE {{ P }}steps AS
SELECT step, to_timestamp(seconds) AS finished_at
FROM (VALUES {% for name, seconds in rows %}('{{ name }}', {{ '%.6f' | format(seconds) }}){{ ', ' if not loop.last }}{% endfor %}) AS t(step, seconds)
{%- endmacro %}

{#- A timestamp with time zone as ISO 8601 text in UTC, e.g. 2026-11-30T06:55:36+00:00. -#}
{% macro utc_text(ts) -%}
strftime(make_timestamp(epoch_us({{ ts }})), '%Y-%m-%dT%H:%M:%S+00:00')
{%- endmacro %}

{#- The marker that identifies a folder as this product's output (folders.py reads it): only
    a folder carrying it is ever replaced by a later run. Written last, after the report. -#}
{% macro write_marker(out, path, kind) -%}
COPY (SELECT 'idrgen-duck' AS tool, '{{ kind }}' AS kind, '{{ tool_version }}' AS version)
TO '{{ out }}/{{ path }}' (FORMAT json);
{%- endmacro %}
