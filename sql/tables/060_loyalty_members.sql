-- loyalty_members: {{ records.loyalty }} memberships. A person's first membership carries the
-- card number the person uses in store; later ones are re-enrolments with a new card (lost
-- card, new sign-up), since loyalty_id is unique per membership.
{% call copy_parquet(out, 'loyalty_members') %}
WITH m AS (
    SELECT r.*,
           r.record_second AS enrollment_date,  -- timed_rows: loyalty_enrolled_at
           -- points grow with spending: high-value persons hold more
           {{ lognormal('loyalty.points_balance', 'r.record_no',
                        "CASE WHEN r.tier = 'high_value' THEN 6000 ELSE 1200 END", 1100) }} AS points_balance
    FROM {{ permuted(noisy_rows('loyalty'), 'record_no', 100000000000, 1000000, '0', 'loyalty.reissued_card', 'card_value') }} AS r
)
SELECT {{ source_key('loyalty', 'm.record_no') }} AS member_id,
       CASE WHEN m.nth = 0 THEN m.loyalty_id
            ELSE {{ reissued_card_number('m.card_value') }} END AS loyalty_id,
       {{ source_email('loyalty', 'm') }} AS email,
       {{ source_phone('loyalty', 'm') }} AS phone,
       {{ source_first_name('m') }} AS first_name,
       {{ with_defects('loyalty', 'last_name', source_last_name('m'), 'm.record_no') }} AS last_name,
       CASE WHEN m.points_balance >= 20000 THEN 'Platinum'
            WHEN m.points_balance >= 5000 THEN 'Gold'
            WHEN m.points_balance >= 1000 THEN 'Silver'
            ELSE 'Bronze' END AS tier,
       CAST(m.points_balance AS INTEGER) AS points_balance,
       {{ timestamp_of('m.enrollment_date') }} AS enrollment_date,
       {{ timestamp_of(moment_between('loyalty.last_activity_date', 'm.record_no', 'm.enrollment_date', as_of_s, 'store')) }}
           AS last_activity_date
FROM m
{% endcall %}
