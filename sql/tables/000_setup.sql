-- idrgen-duck: setup of a run (scale {{ cfg.scale }}, seed {{ cfg.seed }}).
-- Engine settings, the step log, the random-number and checksum functions, and the id table
-- every generator reads.
{{ start_step_log() }}

SET threads = {{ cfg.threads }};
SET memory_limit = '{{ cfg.memory_limit }}';
{% if temp_dir %}
-- where DuckDB spills what does not fit under the memory limit
SET temp_directory = '{{ temp_dir }}';
{% endif %}
-- Keep each COPY's rows in the order of its ORDER BY, so files list rows in key order.
SET preserve_insertion_order = true;

{{ define_random(cfg.seed) }}

{{ define_checksum() }}

-- The row source of every generator query. range() feeds a single thread; a materialised table
-- is scanned by all of them, which is what makes --workers matter.
CREATE OR REPLACE TABLE {{ P }}ids AS
SELECT range AS id FROM range({{ plan.id_rows }});
