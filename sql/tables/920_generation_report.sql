-- stats/generation_report.json: what is on disk, measured by SQL over the written files
-- (record counts, sizes, tiers and CRM overlaps against their targets, content checksums)
-- and the run's facts from the step log. `run` adds what only its process knows (peak
-- memory, the timing of this step and of the reference). DuckDB runs this step whatever engine
-- wrote the files.
{{ define_checksum() }}

{#- the sources written (--sources: a part of the whole identity graph); CRM overlaps need
    CRM's records, tier targets every source's -#}
{% set written_ids = written_sources | map(attribute='table_id') | list %}
{% set overlap_sources = (written_sources | rejectattr('table_id', 'equalto', 'crm') | list) if 'crm' in written_ids else [] %}
{% call copy_json(out, 'generation_report') %}
WITH counts AS (
{% for s in written_sources %}
    SELECT '{{ s.table_id }}' AS table_id, '{{ s.table }}' AS "table", {{ records[s.table_id] }} AS target,
           count(*) AS records
    FROM {{ written(out, s.table) }}
    {{ 'UNION ALL' if not loop.last }}
{% endfor %}
), step_seconds AS (
    SELECT substr(step, 5) AS "table", step,
           epoch(finished_at - lag(finished_at) OVER (ORDER BY rowid)) AS seconds
    FROM {{ P }}steps
), truth AS (
    SELECT table_id, person_id FROM {{ written(out, 'record_person', 'truth') }}
), per_person AS MATERIALIZED (
    -- the one pass over the truth everything below reads: which sources each person appears
    -- in (as bits, in the order of plan.SOURCES) and their records, in all and per source
    SELECT person_id,
           bit_or(CASE table_id {% for s in written_sources %}WHEN '{{ s.table_id }}' THEN {{ 2 ** loop.index0 }} {% endfor %}END)
               AS mask,
           count(*) AS n,
{% for s in written_sources %}
           count(*) FILTER (WHERE table_id = '{{ s.table_id }}') AS n_{{ s.table_id }}{{ ',' if not loop.last }}
{% endfor %}
    FROM truth WHERE person_id IS NOT NULL GROUP BY person_id
), person_sources AS (
    SELECT *, bit_count(mask) AS n_sources,
           {{ ('mask & ' ~ 2 ** written_ids.index('crm') ~ ' <> 0') if 'crm' in written_ids else 'false' }} AS in_crm
    FROM per_person
), mask_counts AS (
    SELECT mask, count(*) AS persons FROM per_person GROUP BY mask
), matrix AS (
    SELECT a.table_id AS source, b.table_id AS other,
           (SELECT coalesce(sum(persons), 0) FROM mask_counts
            WHERE mask & a.bit <> 0 AND mask & b.bit <> 0) AS persons
    FROM (VALUES {% for s in written_sources %}('{{ s.table_id }}', {{ 2 ** loop.index0 }}){{ ', ' if not loop.last }}{% endfor %}) a(table_id, bit),
         (VALUES {% for s in written_sources %}('{{ s.table_id }}', {{ 2 ** loop.index0 }}){{ ', ' if not loop.last }}{% endfor %}) b(table_id, bit)
), cluster_sizes AS (
    SELECT CASE WHEN n = 1 THEN '1' WHEN n = 2 THEN '2' WHEN n = 3 THEN '3' WHEN n <= 5 THEN '4-5'
                WHEN n <= 10 THEN '6-10' WHEN n <= 20 THEN '11-20' WHEN n <= 50 THEN '21-50'
                ELSE '51+' END AS records, count(*) AS persons, min(n) AS low
    FROM per_person
    GROUP BY 1
), tags AS (
    SELECT table_id, tag, count(*) AS records
    FROM (SELECT table_id, unnest(noise) AS tag FROM {{ written(out, 'record_person', 'truth') }})
    GROUP BY ALL
), regions AS (
    SELECT region, country_code, count(*) AS persons
    FROM {{ written(out, 'persons', 'truth') }} GROUP BY ALL
), tiers AS (
    SELECT {{ tier_of('n_sources') }} AS tier,
           count(*) AS persons
    FROM person_sources
    GROUP BY ALL
), overlap AS (
    -- records of the source whose person has a CRM record (anonymous POS lines count as not),
    -- and persons of the source who have one
{% for s in overlap_sources %}
    SELECT '{{ s.table_id }}' AS table_id,
           coalesce(sum(p.n_{{ s.table_id }}) FILTER (WHERE p.in_crm), 0)
               / (SELECT greatest(records, 1) FROM counts WHERE table_id = '{{ s.table_id }}') AS record_share,
           count(*) FILTER (WHERE p.in_crm AND p.n_{{ s.table_id }} > 0)
               / greatest(count(*) FILTER (WHERE p.n_{{ s.table_id }} > 0), 1) AS person_share
    FROM person_sources AS p
    {{ 'UNION ALL' if not loop.last }}
{% else %}
    SELECT CAST(NULL AS VARCHAR) AS table_id, CAST(NULL AS DOUBLE) AS record_share,
           CAST(NULL AS DOUBLE) AS person_share WHERE false
{% endfor %}
)
SELECT {{ plan.config.scale }} AS scale,
       {{ plan.config.seed }} AS seed,
       '{{ plan.config.difficulty }}' AS difficulty,
       [{% for s in written_sources %}'{{ s.table_id }}'{{ ', ' if not loop.last }}{% endfor %}] AS sources,
       {{ plan.config.threads }} AS workers,
       (SELECT sum(records) FROM counts) AS total_records,
       {{ plan.persons }} AS persons_planned,
       (SELECT count(*) FROM person_sources) AS persons_with_records,
       -- the sources, then products (no table_id: not a source of the identity graph)
       (SELECT list({'table': c."table", 'table_id': c.table_id, 'records': c.records,
                     'target': c.target, 'bytes': b.bytes, 'seconds': round(t.seconds, 3)}
                    ORDER BY c.table_id NULLS LAST)
        FROM (SELECT * FROM counts
              UNION ALL
              SELECT NULL, 'products', {{ plan.products }}, count(*) FROM {{ written(out, 'products') }}) AS c
        JOIN (VALUES {% for name in ['products'] + (written_sources | map(attribute='table') | list) %}('{{ name }}', {{ file_bytes(out ~ '/parquet/' ~ name ~ '.parquet') }}){{ ', ' if not loop.last }}{% endfor %}) AS b("table", bytes)
            USING ("table")
        LEFT JOIN step_seconds AS t USING ("table")) AS tables,
       (SELECT list({'tier': tier, 'persons': persons,
                     'share': round(persons / (SELECT count(*) FROM person_sources), 4),
                     'target': {% if plan.writes_all_sources %}CASE tier {% for t, v in tier_targets.items() %}WHEN '{{ t }}' THEN {{ v }} {% endfor %}END{% else %}CAST(NULL AS DOUBLE){% endif %}}
                    ORDER BY tier) FROM tiers) AS tiers,
       (SELECT list({'table_id': table_id, 'record_share': round(record_share, 4),
                     'person_share': round(person_share, 4),
                     'target': CASE table_id {% for t, v in crm_overlap_targets.items() %}WHEN '{{ t }}' THEN {{ v }} {% endfor %}END}
                    ORDER BY table_id) FROM overlap) AS crm_overlap,
       -- persons in both sources (the diagonal: persons in the source)
       (SELECT list({'source': source, 'other': other, 'persons': persons} ORDER BY source, other)
        FROM matrix) AS source_overlap_matrix,
       (SELECT list({'records': records, 'persons': persons} ORDER BY low) FROM cluster_sizes)
           AS records_per_person,
       (SELECT list({'region': region, 'country_code': country_code, 'persons': persons}
                    ORDER BY region, country_code) FROM regions) AS regions,
       (SELECT list({'table_id': t.table_id, 'tag': t.tag, 'records': t.records,
                     'rate': round(t.records / c.records, 5)} ORDER BY t.table_id, t.tag)
        FROM tags AS t JOIN counts AS c USING (table_id)) AS noise_tags,
       -- per table written (the catalog's, render.parquet_files): every column's type, NULL
       -- share, min / max, and mean of numeric columns
       {
{% for name in checksummed if name.startswith('parquet/') %}
{% set name = name.split('/')[1] %}
           '{{ name }}': (SELECT list({'column': column_name, 'type': column_type,
                                      'null_percentage': null_percentage,
                                      'min': min, 'max': max, 'mean': mean} ORDER BY position)
                          FROM {{ column_stats(out, name) }}){{ ',' if not loop.last }}
{% endfor %}
       } AS schemas,
       {
           'giant_cluster_records': {% if 'ecom' in written_ids %}(SELECT count(*) FROM {{ written(out, 'ecom_transactions') }}
                                     WHERE email = '{{ giant_cluster_email }}'){% else %}0{% endif %},
           'disjoint_identity_persons': (SELECT count(DISTINCT person_id) FROM {{ written(out, 'record_person', 'truth') }}
                                         WHERE list_contains(noise, 'disjoint_identity')),
           'junk_email_records': (SELECT coalesce(sum(records), 0) FROM tags WHERE tag = 'email_junk'),
           'junk_phone_records': (SELECT coalesce(sum(records), 0) FROM tags WHERE tag = 'phone_junk'),
           'shared_family_email_records': (SELECT coalesce(sum(records), 0) FROM tags WHERE tag = 'email_shared_family'),
           'shared_company_email_records': (SELECT coalesce(sum(records), 0) FROM tags WHERE tag = 'email_shared_company'),
           'shared_household_phone_records': (SELECT coalesce(sum(records), 0) FROM tags WHERE tag = 'phone_shared_household'),
           'shared_business_phone_records': (SELECT coalesce(sum(records), 0) FROM tags WHERE tag = 'phone_shared_business')
       } AS edge_cases,
       -- every Parquet file's content checksum, which `validate` recomputes
       {
{% for name in checksummed %}
           '{{ name }}': {{ content_checksum(out ~ '/' ~ name ~ '.parquet') }}{{ ',' if not loop.last }}
{% endfor %}
       } AS checksums,
       {
           'tool_version': '{{ tool_version }}',
           'duckdb_version': ltrim(version(), 'v'),
           -- who ran the SQL; `run` writes its name and its measured peak memory over these
           'runner': 'sql',
           'started_at': (SELECT {{ utc_text('finished_at') }} FROM {{ P }}steps WHERE step = 'start'),
           'finished_at': {{ utc_text('now()') }},
           'wall_seconds': round(epoch(now() - (SELECT finished_at FROM {{ P }}steps WHERE step = 'start')), 3),
           'peak_rss_bytes': CAST(NULL AS BIGINT),
           'memory_limit': '{{ cfg.memory_limit }}',
           -- every effective profile value (idrgen_duck/profile.py), for run --from-report
           'profile': {'hash': '{{ profile.digest() }}',
                       'values': { {%- for key, value in profile.values().items() %}'{{ key }}': {{ "'%s'" % value if value is string else value }}{{ ', ' if not loop.last }}{% endfor -%} }},
           'steps': (SELECT list({'step': step, 'seconds': round(seconds, 3)} ORDER BY step)
                     FROM step_seconds WHERE step <> 'start')
       } AS run
{% endcall %}

{{ write_marker(out, output_marker, 'output') }}
