-- crm_customers: {{ records.crm }} records, one per registration. Persons with more than one
-- record are duplicate registrations of the same person (the CRM's own dedup missed them).
{% call copy_parquet(out, 'crm_customers') %}
WITH c AS (
    -- registered at the record's moment (timed_rows in sql/macros/graph.sql)
    SELECT r.*, r.record_second AS created_second
    FROM {{ noisy_rows('crm') }} AS r
)
SELECT {{ source_key('crm', 'r.record_no') }} AS customer_id,
       {{ source_email('crm', 'r') }} AS email,
       {{ source_phone('crm', 'r') }} AS phone,
       {{ source_first_name('r') }} AS first_name,
       {{ source_last_name('r') }} AS last_name,
       CASE WHEN r.in_loyalty AND {{ chance('crm.loyalty_known', 'r.record_no', 0.85) }} THEN r.loyalty_id END AS loyalty_id,
       {{ with_defects('crm', 'address_line1', 'r.address_line1', 'r.record_no') }} AS address_line1,
       {{ with_defects('crm', 'city', 'r.city', 'r.record_no') }} AS city,
       r.country_code,
       {{ timestamp_of('r.created_second') }} AS created_at,
       {{ timestamp_of(moment_between('crm.updated_at', 'r.record_no', 'r.created_second', as_of_s)) }} AS updated_at,
       {{ chance('crm.opt_in_email', 'r.record_no', 0.62) }} AS opt_in_email,
       {{ chance('crm.opt_in_sms', 'r.record_no', 0.34) }} AS opt_in_sms,
       CASE WHEN r.tier = 'high_value' AND {{ chance('crm.vip', 'r.record_no', 0.8) }} THEN 'VIP'
            WHEN r.created_second >= {{ as_of_s - 180 * 86400 }} THEN 'New'
            ELSE 'Regular' END AS customer_segment
FROM c AS r
{% endcall %}
