{#- The driver script for the DuckDB CLI, written by `idrgen-duck render` beside the numbered
    steps: the whole generation with no Python, under the same contract as `run`. It refuses
    an output folder that is not this product's, works in a staging folder beside it with its
    own work database, and renames the finished folder into place; a replaced output is
    removed file by file, by name. The CLI stops at the first failing SQL statement (.bail),
    but not at a failing .shell command: so each check is a SQL statement that raises. -#}
{% macro check_output_folder() -%}
SELECT CASE WHEN count(*) > 0 THEN error('--output-dir: {{ output }} is a file; name a folder')
            ELSE 'ok' END AS output_is_not_a_file
FROM glob('{{ output }}');
SELECT CASE
    WHEN count(*) = 0 THEN 'ok: new or empty'
    WHEN count(*) FILTER (WHERE file = '{{ output }}/{{ layout.marker }}') = 0
        THEN error('--output-dir: {{ output }} is not empty and is not an idrgen-duck output (it holds '
                   || string_agg(substr(file, {{ (output | length) + 2 }}), ', ' ORDER BY file) FILTER (WHERE NOT known)
                   || '); idrgen-duck never replaces it: choose a new folder')
    WHEN count(*) FILTER (WHERE NOT known) > 0
        THEN error('--output-dir: {{ output }} holds entries idrgen-duck did not write ('
                   || string_agg(substr(file, {{ (output | length) + 2 }}), ', ' ORDER BY file) FILTER (WHERE NOT known)
                   || '); move them out or choose a new folder')
{% if overwrite %}
    ELSE 'ok: an earlier output, replaced at the end'
{% else %}
    ELSE error('--output-dir: {{ output }} holds an earlier idrgen-duck output; render with --overwrite to let run.sql replace it')
{% endif %}
END AS output_folder
FROM (SELECT file, file IN ({% for f in layout.files | sort %}'{{ output }}/{{ f }}'{{ ', ' if not loop.last }}{% endfor %}) AS known
      FROM glob('{{ output }}/**'));
{%- endmacro %}
-- idrgen-duck {{ tool_version }}: {{ scale }} records, seed {{ seed }}, into {{ output }}
-- The whole generation in the DuckDB CLI, from any folder (it needs a POSIX shell for
-- .shell):
--     duckdb < '{{ sql_dir }}/{{ script }}'
.bail on

-- 1. The output folder must be new, empty, or an earlier idrgen-duck output.
{{ check_output_folder() }}

-- 2. A fresh staging folder and work database (what a killed earlier run left is removed).
.shell "rm -rf '{{ staging }}' '{{ work }}' && mkdir -p{% for f in layout.folders | sort %} '{{ staging }}/{{ f }}'{% endfor %} '{{ work }}'"
.open '{{ work }}/work.duckdb'

-- 3. The steps, in order.
{% for name in step_files %}
.read '{{ sql_dir }}/{{ name }}'
{% endfor %}
.shell "cp{% for name in metadata %} '{{ sql_dir }}/metadata/{{ name }}'{% endfor %} '{{ staging }}/metadata/'"

-- 4. Close and remove the work database, check the output folder again, publish.
.open :memory:
.shell "rm -rf '{{ work }}'"
{{ check_output_folder() }}
.shell "cd '{{ parent }}' && if [ -e '{{ name }}' ]; then mv '{{ name }}' '{{ previous }}'; fi && mv '{{ staging_name }}' '{{ name }}' && if [ -d '{{ previous }}' ]; then cd '{{ previous }}' && rm -f{% for f in layout.files | sort %} '{{ f }}'{% endfor %}; rmdir{% for f in layout.folders | sort %} '{{ f }}'{% endfor %} 2>/dev/null; cd .. && rmdir '{{ previous }}' 2>/dev/null; fi; true"
SELECT CASE WHEN count(*) = 0
            THEN error('publishing {{ output }} failed: the finished output is in {{ staging }}')
            ELSE 'wrote {{ output }}' END AS done
FROM glob('{{ output }}/{{ layout.marker }}');
