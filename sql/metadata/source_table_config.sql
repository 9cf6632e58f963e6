-- idr_meta.source_table: the sources written (all 7 unless --sources), keyed by their primary keys. Idempotent: loading this
-- file twice leaves the same rows. table_fqn names the tables `idrgen-duck load` creates
-- (a warehouse render: the tables run.sql creates in its target).
DELETE FROM idr_meta.source_table
WHERE table_id IN ({% for s in sources %}'{{ s.table_id }}'{{ ', ' if not loop.last }}{% endfor %});

INSERT INTO idr_meta.source_table
    (table_id, table_fqn, entity_type, entity_key_expr, watermark_column,
     watermark_lookback_minutes, is_active)
VALUES
{% for s in sources %}
    ('{{ s.table_id }}', '{{ table_prefix }}{{ s.table }}', 'PERSON', '{{ s.key_column }}', '{{ watermarks[s.table_id] }}', 0, TRUE){{ ',' if not loop.last else ';' }}
{% endfor %}
