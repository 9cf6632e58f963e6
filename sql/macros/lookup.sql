{#-
  Seed lookups. A seed CSV is loaded once into a "bucketed" table: each group (e.g. a locale
  and gender) is cut into `lookup_buckets(table)` equal buckets and every row owns a number of
  buckets proportional to its weight. A weighted draw is then one equality join on
  (grp, bucket): no range join, no per-row scan of the list, whatever its length. Rows whose
  weight is under 1/buckets of their group may own no bucket and are never drawn.
-#}

{#- Create the bucketed table {{ P }}pick_<name> from a seed file.
    group_sql: the group key expression over the CSV's columns (a string);
    order_sql: the columns ("a, b") that tell the rows of a group apart. Rows are ordered by
    the md5 of those values read as two 48-bit integers, not by the text itself: an integer
    order is the same in every engine, whatever its collation;
    columns: the CSV columns to keep. -#}
{% macro create_bucketed(name, file, group_sql, order_sql, columns, weight='weight') -%}
{%- set content = order_sql.split(',') | map('trim') | map('coalesced') | join(" || '|' || ") -%}
{{ load_seed(file) }}
{% set query %}
WITH weighted AS (
    SELECT {{ columns | join(', ') }},
           {{ group_sql }} AS grp,
           -- integer weights: the running sums are then exact, whatever the thread count
           {{ scaled_integer(weight, 1000000) }} AS w,
           {{ md5_hex(content) }} AS row_hash
    FROM {{ seed(file) }}
), cumulated AS (
    SELECT *,
           CAST(sum(w) OVER (PARTITION BY grp
                             ORDER BY {{ hex_to_int('substr(row_hash, 1, 12)', 12) }}, {{ hex_to_int('substr(row_hash, 13, 12)', 12) }}
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS cum,
           CAST(sum(w) OVER (PARTITION BY grp) AS BIGINT) AS total
    FROM weighted
), owned AS (
    -- the buckets [first, after) of each row
    SELECT *, {{ idiv(lookup_buckets(name) ~ ' * (cum - w)', 'total') }} AS first_bucket,
              {{ idiv(lookup_buckets(name) ~ ' * cum', 'total') }} AS after_bucket
    FROM cumulated
), expanded AS (
    {{ repeated((columns | map('column_name') | map('qualified', 'o') | list + ['o.grp', 'o.first_bucket']) | join(', '),
                'owned AS o', 'o.after_bucket - o.first_bucket', 'k', 'o.after_bucket > o.first_bucket') | indent(4) }}
)
-- Not sorted: a draw is an equality join on the unique (grp, bucket), so the rows' order
-- changes nothing, and sorting the name tables (4M rows) cost about a second per run.
SELECT {{ columns | map('column_name') | join(', ') }}, grp, first_bucket + k AS bucket
FROM expanded
{% endset %}
{{ create_table('TABLE', P ~ 'pick_' ~ name, query) }}
{%- endmacro %}

{#- LEFT JOIN one weighted draw from a bucketed table (LEFT, so a missing group shows up as
    NULLs that tests catch, never as silently lost rows). -#}
{% macro join_pick(name, alias, group_sql, stream, key) -%}
LEFT JOIN {{ P }}pick_{{ name }} AS {{ alias }}
       ON {{ alias }}.grp = {{ group_sql }} AND {{ alias }}.bucket = {{ bucket(stream, key, name) }}
{%- endmacro %}
