-- truth/record_person: one row per source record, the true person behind it (NULL for
-- anonymous POS walk-ins) and the noise the record carries (tags, see README). entity_key is
-- '<table_id>:<primary key>', as the IDR engine builds it, so an engine's output joins to it
-- directly. Rebuilt from the persons table with the same key and noise macros as the sources,
-- instead of re-reading the written files. Rows in source order, then record number.
{% set source_no = {} %}
{% for s in sources %}{% set _ = source_no.update({s.table_id: loop.index}) %}{% endfor %}
{% set rows %}
{% for s in sources %}
    SELECT '{{ s.table_id }}:' || {{ source_key(s.table_id, 'd.record_no') }} AS entity_key,
           '{{ s.table_id }}' AS table_id,
           {{ source_key(s.table_id, 'd.record_no') }} AS record_key,
           d.person_id,
           {{ noise_tags(s.table_id, 'd') }} AS noise,
           {{ source_no[s.table_id] }} AS source_no, d.record_no
    FROM {{ noisy_rows(s.table_id, values=false) }} AS d
    UNION ALL
{% endfor %}
    -- the anonymous walk-ins: POS records after the known persons' ones
    SELECT 'pos:' || {{ source_key('pos', 'a.record_no') }}, 'pos', {{ source_key('pos', 'a.record_no') }},
           CAST(NULL AS BIGINT), CAST([] AS VARCHAR[]),
           {{ source_no['pos'] }}, a.record_no
    FROM (SELECT {{ plan.pos_attributable }} + id AS record_no
          FROM {{ P }}ids
          WHERE id < {{ records.pos - plan.pos_attributable }}) AS a
{% endset %}
{% if plan.persons_in_memory %}
{% set ordered_from = '(' ~ (rows | trim) ~ ')' %}
{% else %}
-- A large run builds the rows in a work table and then writes it in order: sorting this UNION
-- on its way to Parquet runs out of memory at 20M records under the default limit.
CREATE OR REPLACE TABLE {{ P }}record_person AS
{{ rows | trim }};

{% set ordered_from = P ~ 'record_person' %}
{% endif %}
{% call copy_parquet(out, 'record_person', folder='truth', order_by='t.source_no, t.record_no') %}
SELECT t.* EXCLUDE (source_no, record_no)
FROM {{ ordered_from }} AS t
{% endcall %}
{% if not plan.persons_in_memory %}

DROP TABLE {{ P }}record_person;
{% endif %}
