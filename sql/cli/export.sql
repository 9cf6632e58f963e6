{#- Written by `render --dialect snowflake|bigquery --export-to URI` beside run.sql: every
    table run.sql created, unloaded as Parquet under URI in an output folder's layout, for
    `idrgen-duck import` (importer.py) to make a complete output of them. -#}
-- idrgen-duck {{ tool_version }}: the tables of {{ target }} as Parquet under {{ uri }}.
-- Run after run.sql. Then copy {{ uri }} to a local folder DIR and make an output folder of it:
--   idrgen-duck import --from DIR --scale {{ scale }} --seed {{ seed }} --difficulty {{ difficulty }} --output-dir OUT
{% for file, table in tables %}
{{ export_parquet(target ~ '.' ~ table, uri ~ '/' ~ file ~ '.parquet') }}
{% endfor %}
