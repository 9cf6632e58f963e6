-- pos_transactions: {{ records.pos }} line items in store. {{ plan.pos_attributable }} lines belong
-- to known persons (their baskets are consecutive lines, like e-commerce orders); the other
-- {{ records.pos - plan.pos_attributable }} are anonymous walk-ins whose truth person is NULL.
-- receipt_id (an added column) groups the lines of a basket. Stores belong to countries and
-- sell in their currency; people shop in their own country, a few while travelling abroad.
{% set n_stores = [20, (plan.persons // 10000)] | max %}
-- Stores: each country has stores in proportion to its customers (at least one), numbered
-- country by country.
{{ load_seed('countries.csv') }}
{% set store_countries %}
SELECT c.country_code, c.currency, c.n_stores,
       CAST(sum(c.n_stores) OVER (ORDER BY c.country_code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS BIGINT) - c.n_stores AS first_store
FROM (SELECT country_code, currency,
             greatest(1, {{ idiv(n_stores ~ ' * ' ~ scaled_integer('weight', 1000000), 1000000) }})
                 AS n_stores
      FROM {{ seed('countries.csv') }}) AS c
{% endset %}
{{ create_table('TEMP TABLE', P ~ 'store_countries', store_countries) }}

{#- Every line with its basket: when and where it was bought, and how it was paid. Known lines
    come with their noise decisions (noisy_rows), anonymous ones are numbered after them. -#}
{% set baskets %}
SELECT b.*, sc.currency,
       CASE WHEN b.at_home_store THEN {{ imod(rand('pos.home_store_id', 'b.person_id'), 'sc.n_stores') }}
            ELSE {{ imod(rand('pos.store_id', 'b.basket_no'), 'sc.n_stores') }} END AS store_no
FROM (SELECT k.record_no, k.basket_no, k.person_id, k.loyalty_id, k.payment_tokens, k.payment_method,
             k.card_scanned, k.token_kind, k.sold_at,
             CASE WHEN k.travelling THEN k.travel_country ELSE k.country_code END AS store_country,
             -- at home, most visits are to the person's home store
             NOT k.travelling AND {{ chance('pos.home_store', 'k.basket_no', 0.8) }} AS at_home_store
      FROM (SELECT r.record_no, r.group_no AS basket_no, r.person_id, r.loyalty_id, r.payment_tokens,
                   r.payment_method, r.card_scanned, r.token_kind, r.basket_time AS sold_at, r.country_code,
                   {{ chance('pos.travel', 'r.group_no', travel_share) }} AS travelling,
                   tc.country_code AS travel_country
            FROM {{ noisy_rows('pos') }} AS r
            {{ join_pick('countries', 'tc', "'all'", 'pos.travel_country', 'r.group_no') }}) AS k
      UNION ALL
      SELECT a.record_no, a.basket_no, CAST(NULL AS BIGINT), CAST(NULL AS {{ text_type() }}),
             {{ null_text_array() }},
             {{ payment_method('pos.anonymous_payment_method', 'a.basket_no', 'ac.country_code') }},
             FALSE, 'none',
             {{ event_time('pos.transaction_date', 'a.basket_no', history_start_s, 'store') }},
             ac.country_code, FALSE
      FROM ({{ anonymous_pos_lines() }}) AS a
      {{ join_pick('countries', 'ac', "'all'", 'pos.anonymous_country', 'a.basket_no') }}) AS b
LEFT JOIN {{ P }}store_countries AS sc ON sc.country_code = b.store_country
{% endset %}
-- Basket totals first (see create_group_totals in sql/macros/sales.sql).
{{ create_group_totals('basket_totals',
                       'SELECT b.record_no, b.basket_no AS group_no, b.currency, b.sold_at FROM (' ~ baskets ~ ') AS b',
                       'pos') }}

{% call joins_as_written() %}
{% call copy_parquet(out, 'pos_transactions', order_by='l.record_no') %}
WITH drawn AS (
    SELECT b.*,
           b.payment_tokens IS NULL AS is_anonymous,
           {{ line_product_no('pos.product_id', 'b.record_no') }} AS drawn_product,
           {{ line_quantity('pos.quantity', 'b.record_no') }} AS quantity
           {{ draw_columns('pos.anonymous_card', 'b.basket_no', 'walk_in_card', 'abc') }},
           -- which of the member's cards pays the basket
           {{ imod(rand('pos.payment_card', 'b.basket_no'), 'coalesce(' ~ array_size('b.payment_tokens') ~ ', 1)') }} AS card_slot
    FROM ({{ baskets }}) AS b
), lines AS (
    SELECT d.*, {{ product_on_sale('d.drawn_product', 'd.sold_at') }} AS product_no
           {{ draw_columns('persons.rotated_token', 'd.person_id * 4 + d.card_slot', 'rotated_card', 'abc') }}
    FROM drawn AS d
    {{ join_drawn_product('d.drawn_product') }}
)
SELECT {{ source_key('pos', 'l.record_no') }} AS pos_transaction_id,
       'ST-' || l.store_country || '-' || {{ digits('l.store_no + 1', 4) }} AS store_id,
       -- a member scans the card on most visits
       CASE WHEN l.card_scanned THEN l.loyalty_id END AS loyalty_id,
       {{ product_id('l.product_no') }} AS product_id,
       l.quantity,
       {{ cents_to_decimal('pp.price_cents', 12) }} AS unit_price,
       CASE WHEN l.payment_method = 'cash' THEN NULL
            WHEN l.is_anonymous THEN {{ payment_token('l.walk_in_card') }}
            WHEN l.token_kind = 'payment_token_rotated' THEN {{ payment_token('l.rotated_card') }}
            ELSE {{ array_item('l.payment_tokens', '1 + l.card_slot') }}
       END AS payment_token,
       {{ cents_to_decimal('tot.total_cents', 14) }} AS transaction_total,
       l.currency,
       {{ timestamp_of('l.sold_at') }} AS transaction_date,
       l.payment_method,
       {{ receipt_id('l.basket_no') }} AS receipt_id
FROM lines AS l
LEFT JOIN {{ P }}product_prices AS pp ON pp.product_no = l.product_no AND pp.currency = l.currency
LEFT JOIN {{ P }}basket_totals AS tot ON tot.group_no = l.basket_no
{% endcall %}
{% endcall %}

{{ drop_table(P ~ 'basket_totals') }}
{{ drop_table(P ~ 'store_countries') }}
