{#-
  Seed lookups. A seed CSV is loaded once into a "bucketed" table: each group (e.g. a locale
  and gender) is cut into `lookup_buckets()` equal buckets and every row owns a number of
  buckets proportional to its weight. A weighted draw is then one equality join on
  (grp, bucket): no range join, no per-row scan of the list, whatever its length. Rows whose
  weight is under 1/4096 of their group may own no bucket and are never drawn.
-#}

{#- Read a committed seed CSV; every column as text, so types never depend on sniffing. -#}
{% macro read_seed(file) -%}
read_csv('{{ seeds }}/{{ file }}', header = true, all_varchar = true)
{%- endmacro %}

{#- Create the bucketed table {{ P }}pick_<name> from a seed file.
    group_sql: the group key expression over the CSV's columns (a string);
    order_sql: a total order of the rows within a group (ties would make buckets ambiguous);
    columns: the CSV columns to keep. -#}
{% macro create_bucketed(name, file, group_sql, order_sql, columns, weight='weight') -%}
CREATE OR REPLACE TABLE {{ P }}pick_{{ name }} AS
WITH weighted AS (
    SELECT {{ columns | join(', ') }},
           {{ group_sql }} AS grp,
           -- integer weights: the running sums are then exact, whatever the thread count
           CAST(round(CAST({{ weight }} AS DOUBLE) * 1000000) AS BIGINT) AS w
    FROM {{ read_seed(file) }}
), cumulated AS (
    SELECT *,
           sum(w) OVER (PARTITION BY grp ORDER BY {{ order_sql }}
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           sum(w) OVER (PARTITION BY grp) AS total
    FROM weighted
)
SELECT {{ columns | join(', ') }}, grp, bucket
FROM cumulated,
     range(CAST(({{ lookup_buckets() }} * (cum - w)) // total AS BIGINT),
           CAST(({{ lookup_buckets() }} * cum) // total AS BIGINT)) AS buckets(bucket)
ORDER BY grp, bucket;
{%- endmacro %}

{#- LEFT JOIN one weighted draw from a bucketed table (LEFT, so a missing group shows up as
    NULLs that tests catch, never as silently lost rows). -#}
{% macro join_pick(name, alias, group_sql, stream, key) -%}
LEFT JOIN {{ P }}pick_{{ name }} AS {{ alias }}
       ON {{ alias }}.grp = {{ group_sql }} AND {{ alias }}.bucket = {{ bucket(stream, key) }}
{%- endmacro %}
