{#- `--scale 0`: the schema only. Every table of an output written empty, with the exact
    column names and types of a full run (idrgen_duck/catalog.py, which the schema tests hold
    to the generated files), so a pipeline can be set up before any data exists. The setup
    and report steps are the usual ones. -#}
-- idrgen-duck: the schema only (--scale 0): every table empty, with its exact types.
{% for table in catalog_tables %}
{% set folder, name = table.file.split('/') %}
{% call copy_parquet(out, name, folder) %}
SELECT {% for c in table.columns %}CAST(NULL AS {{ c.type }}) AS {{ c.name }}{{ ',\n       ' if not loop.last }}{% endfor %}

WHERE 1 = 0
{% endcall %}

{% endfor %}
