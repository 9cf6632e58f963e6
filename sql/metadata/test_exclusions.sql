-- idr_meta.identifier_exclusion: placeholder and junk values that must never link records.
-- Patterns match the normalised values (lower-case emails, digits-only phones). Idempotent.
DELETE FROM idr_meta.identifier_exclusion
WHERE reason LIKE 'idrgen-duck:%';

INSERT INTO idr_meta.identifier_exclusion (identifier_type, identifier_value_pattern, match_type, reason)
VALUES
{% for e in exclusions %}
    ('{{ e.identifier_type }}', '{{ e.pattern }}', '{{ e.match_type }}', 'idrgen-duck: {{ e.reason }}'){{ ',' if not loop.last else ';' }}
{% endfor %}
