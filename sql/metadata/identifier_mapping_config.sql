-- idr_meta.identifier_mapping: which columns of each source carry which identifier, and the
-- SQL that normalises them (the engine itself only lower-cases). Every expression yields NULL,
-- never '', for "no value". Idempotent.
DELETE FROM idr_meta.identifier_mapping
WHERE table_id IN ({% for s in sources %}'{{ s.table_id }}'{{ ', ' if not loop.last }}{% endfor %});

INSERT INTO idr_meta.identifier_mapping (table_id, identifier_type, identifier_value_expr, is_hashed)
VALUES
{% set written_ids = sources | map(attribute='table_id') | list %}
{% for m in mappings if m.table_id in written_ids %}
    ('{{ m.table_id }}', '{{ m.identifier_type }}', {{ string_literal(identifier_value(m.identifier_type, m.column)) }}, {{ 'TRUE' if m.is_hashed else 'FALSE' }}){{ ',' if not loop.last else ';' }}
{% endfor %}
