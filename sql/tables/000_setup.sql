-- idrgen-duck: setup of a run (scale {{ cfg.scale }}, seed {{ cfg.seed }}).
-- Engine settings, the step log, the random-number function, the distribution tables, and
-- the id table every generator reads.
{{ start_step_log() }}

{{ session_settings(cfg, temp_dir) }}

{{ define_random(cfg.seed) }}

-- Distribution tables (sql/macros/random.sql): quantiles and an exp grid, x 10^6, computed
-- at render time so that every engine reads the same numbers.
{% for name, values in distribution_tables.items() %}
{{ define_distribution(name, values) }}

{% endfor %}
-- The row source of every generator query. range() feeds a single thread; a materialised table
-- is scanned by all of them, which is what makes --workers matter.
{{ create_ids(P ~ 'ids', plan.id_rows) }}
