-- stats/generation_report.json: what is on disk, measured by SQL over the written files
-- (record counts, tiers and CRM overlaps against their targets). `run` adds the run's
-- timings and versions to it.
{% call copy_json(out, 'generation_report') %}
WITH counts AS (
{% for s in sources %}
    SELECT '{{ s.table_id }}' AS table_id, '{{ s.table }}' AS "table", {{ records[s.table_id] }} AS target,
           count(*) AS records
    FROM {{ written(out, s.table) }}
    {{ 'UNION ALL' if not loop.last }}
{% endfor %}
), truth AS (
    SELECT table_id, person_id FROM {{ written(out, 'record_person', 'truth') }}
), person_sources AS (
    SELECT person_id, count(DISTINCT table_id) AS n_sources, bool_or(table_id = 'crm') AS in_crm
    FROM truth
    WHERE person_id IS NOT NULL
    GROUP BY person_id
), tiers AS (
    SELECT CASE WHEN n_sources >= 5 THEN 'high_value' WHEN n_sources >= 2 THEN 'regular'
                ELSE 'one_time' END AS tier,
           count(*) AS persons
    FROM person_sources
    GROUP BY ALL
), overlap AS (
    SELECT t.table_id,
           avg(CASE WHEN ps.in_crm THEN 1.0 ELSE 0.0 END) AS record_share,
           count(DISTINCT t.person_id) FILTER (WHERE ps.in_crm) / greatest(count(DISTINCT t.person_id), 1)
               AS person_share
    FROM truth AS t
    LEFT JOIN person_sources AS ps USING (person_id)
    WHERE t.table_id <> 'crm'
    GROUP BY t.table_id
)
SELECT {{ plan.config.scale }} AS scale,
       {{ plan.config.seed }} AS seed,
       {{ plan.config.threads }} AS workers,
       (SELECT sum(records) FROM counts) AS total_records,
       {{ plan.persons }} AS persons_planned,
       (SELECT count(*) FROM person_sources) AS persons_with_records,
       (SELECT list({'table': "table", 'table_id': table_id, 'records': records, 'target': target}
                    ORDER BY table_id) FROM counts) AS tables,
       (SELECT list({'tier': tier, 'persons': persons,
                     'share': round(persons / (SELECT count(*) FROM person_sources), 4),
                     'target': CASE tier {% for t, v in tier_targets.items() %}WHEN '{{ t }}' THEN {{ v }} {% endfor %}END}
                    ORDER BY tier) FROM tiers) AS tiers,
       (SELECT list({'table_id': table_id, 'record_share': round(record_share, 4),
                     'person_share': round(person_share, 4),
                     'target': CASE table_id {% for s in sources if s.crm_overlap is not none %}WHEN '{{ s.table_id }}' THEN {{ s.crm_overlap }} {% endfor %}END}
                    ORDER BY table_id) FROM overlap) AS crm_overlap
{% endcall %}
