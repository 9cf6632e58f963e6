-- pos_transactions: {{ records.pos }} line items in store. {{ plan.pos_attributable }} lines belong
-- to known persons (their baskets are consecutive lines, like e-commerce orders); the other
-- {{ records.pos - plan.pos_attributable }} are anonymous walk-ins whose truth person is NULL.
-- receipt_id (an added column) groups the lines of a basket.
{% set n_stores = [20, (plan.persons // 10000)] | max %}
{#- The anonymous lines: record numbers after the known ones, grouped into baskets. -#}
{% set anonymous_lines %}
SELECT {{ plan.pos_attributable }} + id AS record_no,
       {{ group_start('pos.anonymous_basket', plan.pos_attributable ~ ' + id',
                      {'0000': 10, '0003': 15, '0022': 15, '0023': 25, '0123': 35}) }} AS basket_no
FROM {{ P }}ids
WHERE id < {{ records.pos - plan.pos_attributable }}
{% endset %}
-- Basket totals first (see create_group_totals in sql/macros/sales.sql).
{{ create_group_totals('basket_totals',
                       'SELECT r.record_no, r.group_no FROM ' ~ source_rows('pos') ~ ' AS r UNION ALL '
                       ~ 'SELECT a.record_no, a.basket_no FROM (' ~ anonymous_lines ~ ') AS a', 'pos') }}

{% call joins_as_written() %}
{% call copy_parquet(out, 'pos_transactions', order_by='l.record_no') %}
WITH known AS (
    SELECT r.record_no, r.group_no AS basket_no,
           r.loyalty_id, r.payment_tokens, r.customer_since, r.payment_method, r.card_scanned,
           -- most visits are to the person's home store
           CASE WHEN {{ chance('pos.home_store', 'r.record_no', 0.8) }}
                THEN {{ imod(rand('pos.home_store_id', 'r.person_id'), n_stores) }} END AS home_store
    FROM {{ noisy_rows('pos') }} AS r
), anonymous AS (
    SELECT n.record_no, n.basket_no,
           CAST(NULL AS {{ text_type() }}) AS loyalty_id, {{ null_text_array() }} AS payment_tokens,
           {{ history_start_s }} AS customer_since,
           {{ pick('pos.anonymous_payment_method', 'n.basket_no', {'cash': 70, 'credit': 15, 'debit': 12, 'mobile_wallet': 3}) }}
               AS payment_method,
           FALSE AS card_scanned, CAST(NULL AS BIGINT) AS home_store
    FROM ({{ anonymous_lines }}) AS n
), lines AS (
    SELECT b.*,
           b.payment_tokens IS NULL AS is_anonymous,
           {{ line_product_no('pos.product_id', 'b.record_no') }} AS product_no,
           {{ line_quantity('pos.quantity', 'b.record_no') }} AS quantity
           {{ draw_columns('pos.anonymous_card', 'b.basket_no', 'walk_in_card', 'abc') }}
    FROM (SELECT * FROM known UNION ALL SELECT * FROM anonymous) AS b
)
SELECT {{ source_key('pos', 'l.record_no') }} AS pos_transaction_id,
       'ST' || {{ digits('coalesce(l.home_store, ' ~ imod(rand('pos.store_id', 'l.basket_no'), n_stores) ~ ')', 5) }} AS store_id,
       -- a member scans the card on most visits
       CASE WHEN l.card_scanned THEN l.loyalty_id END AS loyalty_id,
       pr.product_id,
       l.quantity,
       {{ cents_to_decimal('pr.price_cents') }} AS unit_price,
       CASE WHEN l.payment_method = 'cash' THEN NULL
            WHEN l.is_anonymous THEN {{ payment_token('l.walk_in_card') }}
            ELSE {{ array_item('l.payment_tokens', '1 + ' ~ imod(rand('pos.payment_card', 'l.basket_no'), array_size('l.payment_tokens'))) }}
       END AS payment_token,
       {{ cents_to_decimal('tot.total_cents') }} AS transaction_total,
       {{ timestamp_of(event_time('pos.transaction_date', 'l.basket_no', 'l.customer_since', 'store')) }}
           AS transaction_date,
       l.payment_method,
       {{ record_key('RCP-', 'l.basket_no', 'pos.receipt_id') }} AS receipt_id
FROM lines AS l
JOIN {{ P }}products AS pr ON pr.product_no = l.product_no
JOIN {{ P }}basket_totals AS tot ON tot.group_no = l.basket_no
{% endcall %}
{% endcall %}

{{ drop_table(P ~ 'basket_totals') }}
