{#- Writing output files. One place for the file options, so every table is written alike. -#}

{#- COPY the query in the call block to <out>/<folder>/<name>.parquet. -#}
{% macro copy_parquet(out, name, folder='parquet') -%}
COPY (
{{ caller() }}
) TO '{{ out }}/{{ folder }}/{{ name }}.parquet' (FORMAT parquet, COMPRESSION zstd);
{%- endmacro %}

{#- COPY a one-row query to <out>/<folder>/<name>.json as a single JSON object. -#}
{% macro copy_json(out, name, folder='stats') -%}
COPY (
{{ caller() }}
) TO '{{ out }}/{{ folder }}/{{ name }}.json' (FORMAT json);
{%- endmacro %}

{#- Read back a file this run wrote. -#}
{% macro written(out, name, folder='parquet') -%}
read_parquet('{{ out }}/{{ folder }}/{{ name }}.parquet')
{%- endmacro %}
