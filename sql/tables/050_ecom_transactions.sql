-- ecom_transactions: {{ records.ecom }} line items. An order is a run of consecutive lines of
-- one customer (order_id, an added column, groups them; survey_responses.order_id refers to it).
-- A minority of customers place most orders (Pareto activity, see plan.ACTIVITY). Prices are
-- in the customer's currency, of products on sale at the time of the order.
-- Order totals first (see create_group_totals in sql/macros/sales.sql).
{{ create_group_totals('order_totals', 'SELECT r.record_no, r.group_no, r.currency, ' ~ ecom_order_date('r', 'r.group_no')
                       ~ ' AS sold_at FROM ' ~ source_rows('ecom') ~ ' AS r', 'ecom') }}

{% call joins_as_written() %}
{% call copy_parquet(out, 'ecom_transactions', order_by='l.record_no') %}
WITH drawn AS (
    SELECT r.*,
           r.group_no AS order_no,
           {{ line_product_no('ecom.product_id', 'r.record_no') }} AS drawn_product,
           {{ line_quantity('ecom.quantity', 'r.record_no') }} AS quantity,
           -- which of the person's cards pays the order
           {{ imod(rand('ecom.payment_card', 'r.group_no'), array_size('r.payment_tokens')) }} AS card_slot
    FROM {{ noisy_rows('ecom') }} AS r
), lines AS (
    -- the order's time and total come with the records (timed_rows: order_totals)
    SELECT d.*, d.record_second AS ordered_at,
           {{ product_on_sale('d.drawn_product', 'd.record_second') }} AS product_no
           {{ draw_columns('persons.rotated_token', 'd.person_id * 4 + d.card_slot', 'rotated_card', 'abc') }}
    FROM drawn AS d
    {{ join_drawn_product('d.drawn_product') }}
)
SELECT {{ source_key('ecom', 'l.record_no') }} AS transaction_id,
       {{ ecom_user_id('l.person_id') }} AS user_id,
       {{ source_email('ecom', 'l') }} AS email,
       {{ source_phone('ecom', 'l') }} AS phone,
       {{ product_id('l.product_no') }} AS product_id,
       l.quantity,
       {{ cents_to_decimal('pp.price_cents', 12) }} AS unit_price,
       {{ cents_to_decimal('l.order_total_cents', 14) }} AS order_total,
       l.currency,
       {{ source_address_hash('l') }} AS shipping_address_hash,
       CASE WHEN l.token_kind = 'payment_token_rotated' THEN {{ payment_token('l.rotated_card') }}
            ELSE {{ array_item('l.payment_tokens', '1 + l.card_slot') }} END AS payment_token,
       {{ with_defects('ecom', 'device_type',
            pick('ecom.device_type', 'l.order_no', {'mobile': 55, 'desktop': 38, 'tablet': 7}), 'l.order_no') }}
           AS device_type,
       {{ timestamp_of('l.ordered_at') }} AS order_date,
       CASE WHEN {{ chance('ecom.promo_used', 'l.order_no', 0.14) }}
            THEN {{ pick('ecom.promo_code', 'l.order_no',
                     {'WELCOME10': 30, 'SAVE15': 20, 'FREESHIP': 25, 'BLACKFRIDAY': 10, 'VIP20': 5, 'SPRING5': 10}) }}
       END AS promo_code,
       {{ ecom_order_id('l.order_no') }} AS order_id
FROM lines AS l
LEFT JOIN {{ P }}product_prices AS pp ON pp.product_no = l.product_no AND pp.currency = l.currency
{% endcall %}
{% endcall %}

-- order_totals stays: surveys, reviews and the truth read the orders' times (dropped there)
