-- mobile_app_users: {{ records.mobile }} app registrations. A person has one per install: more
-- than one device, or a reinstall on the same device (same device_id, new app_user_id).
{% call copy_parquet(out, 'mobile_app_users') %}
WITH u AS (
    SELECT r.*,
           {{ timestamp_between('mobile.first_open_date', 'r.record_no', 'r.customer_since',
                                as_of_s - 86400) }} AS first_open_date
           {{ draw_columns('mobile.push_token', 'r.record_no', 'push', 'abcdefgh') }}
    FROM {{ noisy_rows('mobile') }} AS r
)
SELECT {{ source_key('mobile', 'u.record_no') }} AS app_user_id,
       {{ array_item('u.device_ids', '1 + ' ~ imod('u.nth', array_size('u.device_ids'))) }} AS device_id,
       {{ source_email('mobile', 'u') }} AS email,
       {{ source_phone('mobile', 'u') }} AS phone,
       {{ push_token('u.os_type', 'u.push') }} AS push_token,
       u.os_type,
       {{ with_defects('mobile', 'app_version', pick('mobile.app_version', 'u.record_no',
               {'8.4.1': 34, '8.4.0': 18, '8.3.2': 15, '8.2.0': 10, '8.1.5': 8, '7.12.3': 7, '7.9.0': 5, '6.5.2': 3}),
               'u.record_no') }} AS app_version,
       {{ timestamp_of('u.first_open_date') }} AS first_open_date,
       {{ timestamp_of(timestamp_between('mobile.last_active_date', 'u.record_no', 'u.first_open_date', as_of_s)) }}
           AS last_active_date,
       CAST({{ idiv(pareto_micro('mobile.total_sessions', 'u.record_no', 0.9, 5000), 1000000) }} AS INTEGER)
           AS total_sessions
FROM u
{% endcall %}
