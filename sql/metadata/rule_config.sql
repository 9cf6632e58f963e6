-- idr_meta.rule: one active rule per identifier type (the engine refuses to start without
-- them). Idempotent.
DELETE FROM idr_meta.rule
WHERE rule_id IN ({% for r in rules %}'{{ r.rule_id }}'{{ ', ' if not loop.last }}{% endfor %});

INSERT INTO idr_meta.rule
    (rule_id, rule_name, is_active, priority, identifier_type, canonicalize, allow_hashed,
     require_non_null, max_group_size)
VALUES
{% for r in rules %}
    ('{{ r.rule_id }}', '{{ r.rule_name }}', TRUE, {{ loop.index }}, '{{ r.identifier_type }}', '{{ r.canonicalize }}', {{ 'TRUE' if r.allow_hashed else 'FALSE' }}, TRUE, {{ r.max_group_size }}){{ ',' if not loop.last else ';' }}
{% endfor %}
