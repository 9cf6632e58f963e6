-- ecom_transactions: {{ records.ecom }} line items. An order is a run of consecutive lines of
-- one customer (order_id, an added column, groups them; survey_responses.order_id refers to it).
-- A minority of customers place most orders (Pareto activity, see plan.ACTIVITY).
-- Order totals first (see create_group_totals in sql/macros/sales.sql).
{{ create_group_totals('order_totals', 'SELECT r.record_no, r.group_no FROM ' ~ source_rows('ecom') ~ ' AS r', 'ecom') }}

{% call joins_as_written() %}
{% call copy_parquet(out, 'ecom_transactions', order_by='l.record_no') %}
WITH lines AS (
    SELECT r.*,
           r.group_no AS order_no,
           {{ line_product_no('ecom.product_id', 'r.record_no') }} AS product_no,
           {{ line_quantity('ecom.quantity', 'r.record_no') }} AS quantity
    FROM {{ noisy_rows('ecom') }} AS r
)
SELECT {{ source_key('ecom', 'l.record_no') }} AS transaction_id,
       {{ ecom_user_id('l.person_id') }} AS user_id,
       {{ source_email('ecom', 'l') }} AS email,
       {{ source_phone('ecom', 'l') }} AS phone,
       pr.product_id,
       l.quantity,
       {{ cents_to_decimal('pr.price_cents') }} AS unit_price,
       {{ cents_to_decimal('tot.total_cents') }} AS order_total,
       l.currency,
       {{ source_address_hash('l') }} AS shipping_address_hash,
       {{ array_item('l.payment_tokens', '1 + ' ~ imod(rand('ecom.payment_card', 'l.order_no'), array_size('l.payment_tokens'))) }}
           AS payment_token,
       {{ with_defects('ecom', 'device_type',
            pick('ecom.device_type', 'l.order_no', {'mobile': 55, 'desktop': 38, 'tablet': 7}), 'l.order_no') }}
           AS device_type,
       {{ timestamp_of(ecom_order_date('l', 'l.order_no')) }} AS order_date,
       CASE WHEN {{ chance('ecom.promo_used', 'l.order_no', 0.14) }}
            THEN {{ pick('ecom.promo_code', 'l.order_no',
                     {'WELCOME10': 30, 'SAVE15': 20, 'FREESHIP': 25, 'BLACKFRIDAY': 10, 'VIP20': 5, 'SPRING5': 10}) }}
       END AS promo_code,
       {{ ecom_order_id('l.order_no') }} AS order_id
FROM lines AS l
JOIN {{ P }}products AS pr ON pr.product_no = l.product_no
JOIN {{ P }}order_totals AS tot ON tot.group_no = l.order_no
{% endcall %}
{% endcall %}

{{ drop_table(P ~ 'order_totals') }}
