-- truth/record_person: one row per source record, the true person behind it (NULL for
-- anonymous POS walk-ins, whose lines of one basket are one unknown person: anonymous_basket
-- is the basket's receipt_id) and the noise the record carries (tags, see README). entity_key is
-- '<table_id>:<primary key>', as the IDR engine builds it, so an engine's output joins to it
-- directly. Rebuilt from the persons table with the same key and noise macros as the sources,
-- instead of re-reading the written files. Rows in source order, then record number (POS's
-- anonymous walk-ins after its known records): one SELECT per source.
{% set branches = [] %}
{% for s in written_sources %}
{% set branch %}
SELECT '{{ s.table_id }}:' || {{ source_key(s.table_id, 'd.record_no') }} AS entity_key,
       '{{ s.table_id }}' AS table_id,
       {{ source_key(s.table_id, 'd.record_no') }} AS record_key,
       d.person_id,
       CAST(NULL AS {{ text_type() }}) AS anonymous_basket,
       {{ noise_tags(s.table_id, 'd') }} AS noise,
       {{ loop.index }} AS source_no, d.record_no
FROM {{ noisy_rows(s.table_id, values=false, in_order=not plan.persons_in_memory) }} AS d
{% endset %}
{% set _ = branches.append(branch) %}
{% if s.table_id == 'pos' %}
{% set walk_ins %}
SELECT 'pos:' || {{ source_key('pos', 'a.record_no') }}, 'pos', {{ source_key('pos', 'a.record_no') }},
       CAST(NULL AS BIGINT), {{ receipt_id('a.basket_no') }}, {{ empty_text_array() }}, {{ loop.index }}, a.record_no
FROM ({{ anonymous_pos_lines() }}) AS a
{% endset %}
{% set _ = branches.append(walk_ins) %}
{% endif %}
{% endfor %}
{% set columns = 't.entity_key, t.table_id, t.record_key, t.person_id, t.anonymous_basket, t.noise' %}
{% if plan.persons_in_memory %}
{% call copy_parquet(out, 'record_person', folder='truth', order_by='t.source_no, t.record_no') %}
SELECT {{ columns }}
FROM ({{ branches | map('trim') | join('\nUNION ALL\n') }}) AS t
{% endcall %}
{% else %}
-- A large run appends the branches to a work table one by one, in order (each is a scan of
-- persons, whose order an INSERT keeps), and writes the table as it is stored: sorting the
-- UNION on its way to Parquet ran out of memory at 20M records under the default limit, and
-- sorting the staged table took 23.5 s at 20M against 18.8 s for this. A TEMP table: stored
-- in the work file, every row would be compressed only to be read once (16.3 s against
-- 12.0 s at 20M; still 13.4 s when a 1GB limit makes the TEMP table spill).
{{ create_table_appended('TEMP TABLE', P ~ 'record_person', branches) }}

{% call copy_parquet(out, 'record_person', folder='truth') %}
SELECT {{ columns }}
FROM {{ P }}record_person AS t
{% endcall %}

{{ drop_table(P ~ 'record_person') }}
{% endif %}

-- read by the sources after e-commerce and, in a run held in memory, by the branches above
{{ drop_table(P ~ 'order_totals') }}
