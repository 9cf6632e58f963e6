-- mobile_app_users: {{ records.mobile }} app registrations. A person has one per install: more
-- than one device, or a reinstall on the same device (same device_id, new app_user_id).
{% call copy_parquet(out, 'mobile_app_users') %}
WITH u AS (
    SELECT r.*,
           r.record_second AS first_open_date  -- installed at the record's moment (timed_rows)
           {{ draw_columns('mobile.push_token', 'r.record_no', 'push', 'abcdefgh') }}
           {{ device_id_draws('mobile.rotated_device', 'r.record_no', 'rotated') }}
    FROM {{ noisy_rows('mobile') }} AS r
), active AS (
    SELECT u.*,
           {{ moment_between('mobile.last_active_date', 'u.record_no', 'u.first_open_date', as_of_s) }}
               AS last_active_date
    FROM u
)
SELECT {{ source_key('mobile', 'u.record_no') }} AS app_user_id,
       CASE WHEN u.device_kind = 'device_rotated' THEN {{ device_id('u.os_type', 'u.rotated') }}
            ELSE {{ array_item('u.device_ids', '1 + ' ~ imod('u.nth', array_size('u.device_ids'))) }} END AS device_id,
       {{ source_email('mobile', 'u') }} AS email,
       {{ source_phone('mobile', 'u') }} AS phone,
       {{ push_token('u.os_type', 'u.push') }} AS push_token,
       u.os_type,
       {{ with_defects('mobile', 'app_version', pick('mobile.app_version', 'u.record_no',
               {'8.4.1': 34, '8.4.0': 18, '8.3.2': 15, '8.2.0': 10, '8.1.5': 8, '7.12.3': 7, '7.9.0': 5, '6.5.2': 3}),
               'u.record_no') }} AS app_version,
       {{ timestamp_of('u.first_open_date') }} AS first_open_date,
       {{ timestamp_of('u.last_active_date') }} AS last_active_date,
       -- sessions at the user's own pace (a log-normal weekly rate, in thousandths) over the
       -- days between the first and the last use (two at least when those differ): a
       -- year-long user has opened the app often
       CAST(1 + greatest(CASE WHEN u.last_active_date > u.first_open_date THEN 1 ELSE 0 END,
                         {{ idiv(idiv('u.last_active_date - u.first_open_date', 86400) ~ ' * '
                                 ~ lognormal('mobile.sessions_per_week', 'u.record_no', (app_sessions_median * 1000) | round | int,
                                             (app_sessions_sigma * 1000) | round | int), 7000) }}) AS INTEGER)
           AS total_sessions
FROM active AS u
{% endcall %}
