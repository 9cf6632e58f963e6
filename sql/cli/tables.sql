{#- Written by `render --dialect spark` beside run.sql: the Parquet folders that run.sql
    writes, registered as tables of the target (CATALOG.SCHEMA), where the IDR engine's
    Databricks flavour finds them by the three-part names of its table_fqn. Tables that
    exist already are left as they are (a table of the user's is never dropped). -#}
-- idrgen-duck {{ tool_version }}: the tables of {{ output }} as tables of {{ target }}, for
-- sql-identity-resolution (metadata/ names them). Run after run.sql: spark-sql -f tables.sql
-- An existing table of one of these names is kept: drop it first to register the new data.
CREATE SCHEMA IF NOT EXISTS {{ target }};
{% for file, table in tables %}
CREATE TABLE IF NOT EXISTS {{ target }}.{{ table }} USING parquet LOCATION '{{ output }}/{{ file }}.parquet';
REFRESH TABLE {{ target }}.{{ table }};
{% endfor %}
