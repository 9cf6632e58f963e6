{#-
  Orders, baskets and the products on their lines. Each is a pure function of record numbers,
  so surveys and reviews can refer to a person's orders and products without joining the
  e-commerce table: the survey's order_id, and the order's date, are recomputed from the same
  (stream, key).
-#}

{#- Line items per order for this person (an order of n lines is n consecutive records). -#}
{% macro lines_per_order(person_id) -%}
{{ pick('ecom.lines_per_order', person_id, {1: 35, 2: 30, 3: 20, 4: 10, 5: 5}, quote=false) }}
{%- endmacro %}

{#- Record number of the first line of the order holding the person's nth e-commerce line:
    it identifies the order. -#}
{% macro ecom_order_no(r, nth) -%}
({{ r }}.first_ecom + {{ idiv(nth, lines_per_order(r ~ '.person_id')) }} * {{ lines_per_order(r ~ '.person_id') }})
{%- endmacro %}

{#- Number of orders of the person (the last one may have fewer lines). -#}
{% macro ecom_order_count(r) -%}
{{ idiv(r ~ '.n_ecom + ' ~ lines_per_order(r ~ '.person_id') ~ ' - 1', lines_per_order(r ~ '.person_id')) }}
{%- endmacro %}

{#- When an order was placed: between the person becoming a customer and the end of history,
    in the shape of online shopping time (calendar.sql). -#}
{% macro ecom_order_date(r, order_no) -%}
{{ event_time('ecom.order_date', order_no, active_since(r), first=first_event(r, order_no, 'ecom')) }}
{%- endmacro %}

{#- Product of a sales line: popularity is skewed, about products x u^k with k = 2 or 3 (even
    odds): the top 10% of products sell about 39% of units. In 63-bit integers: u is the
    draw's top 20 bits, and each factor u / 2^20 is applied with its own floor (a product count
    times 2^20 stays below 2^42; one wide multiplication per line cost ten times as much). -#}
{% macro line_product_no(stream, line_no) -%}
{%- set draw = rand(stream, line_no) -%}
{%- set u = shift_right(draw, 12) -%}
{%- set squared = idiv(idiv(plan.products ~ ' * ' ~ u, 2 ** 20) ~ ' * ' ~ u, 2 ** 20) -%}
CASE WHEN {{ imod(draw, 2) }} = 0 THEN {{ squared }} ELSE {{ idiv(squared ~ ' * ' ~ u, 2 ** 20) }} END
{%- endmacro %}

{#- When a product went on sale (epoch seconds): two products in five (product_no mod 5 < 2)
    are classics of the catalogue, on sale since before the history; the others launch during
    it, up to two weeks before its end (products.launch_second). -#}
{% macro product_launch(p) -%}
{%- set classic = imod(p, 5) ~ ' < 2' -%}
{%- set classic_start = epoch_of('2015-01-01 00:00:00') -%}
(CASE WHEN {{ classic }} THEN {{ classic_start }} ELSE {{ history_start_s }} END
 + {{ idiv(rand('products.launch_date', p) ~ ' * CASE WHEN ' ~ classic ~ ' THEN '
           ~ (history_start_s - classic_start) ~ ' ELSE ' ~ (as_of_s - 14 * 86400 - history_start_s) ~ ' END',
           4294967296) }})
{%- endmacro %}

{#- The product a line sells, from the drawn one (`drawn`, a column) and the time of the
    sale: a product not launched by then gives way to the classic of its group of five
    (drawn - drawn mod 5), so nothing sells before its launch, and the skew of the draw (low
    numbers sell most) holds. The drawn product's launch comes from a join
    (join_drawn_product), not from its draw recomputed: Spark inlines the sale time, a large
    expression, into a recomputed draw and runs out of memory compiling it. -#}
{% macro product_on_sale(drawn, sold_at, drawn_alias='drawn_row') -%}
CASE WHEN {{ drawn_alias }}.launch_second <= {{ sold_at }} THEN {{ drawn }} ELSE {{ drawn }} - {{ imod(drawn, 5) }} END
{%- endmacro %}

{#- The JOIN that product_on_sale reads: the drawn product's row. A LEFT JOIN (every drawn
    product exists): an inner join makes Spark infer a not-NULL filter on the drawn product and
    push it down through the projections, inlining the draws of the key into it until the
    query runs out of memory (the survey step at 20K records). -#}
{% macro join_drawn_product(drawn, drawn_alias='drawn_row') -%}
LEFT JOIN {{ P }}products AS {{ drawn_alias }} ON {{ drawn_alias }}.product_no = {{ drawn }}
{%- endmacro %}

{#- The e-commerce account id of a person (reviews link to it). -#}
{% macro ecom_user_id(person_id) -%}
('U' || {{ digits(scramble(person_id, 'ecom.user_id'), 10) }})
{%- endmacro %}

{% macro product_id(product_no) -%}
('PRD-' || {{ digits(product_no ~ ' + 1', 7) }})
{%- endmacro %}

{#- Quantity on a line: mostly one. -#}
{% macro line_quantity(stream, line_no) -%}
{{ pick(stream, line_no, {1: 75, 2: 17, 3: 5, 4: 3}, quote=false) }}
{%- endmacro %}

{#- order_id of the order whose first line is record `order_no`. -#}
{% macro ecom_order_id(order_no) -%}
{{ record_key('ORD-', order_no, 'ecom.order_id') }}
{%- endmacro %}

{#- A work table of order (or basket) totals in hundredths of their currency, with the time
    of the sale: one narrow pass over the lines (record_no, group_no, currency, sold_at) in
    `lines_sql`, recomputing each line's product and quantity from the same streams as the
    table itself, so the output joins one number per group instead of running a window, and
    a sort, over the wide rows. Surveys and reviews read the orders' times from it too. -#}
{% macro create_group_totals(name, lines_sql, stream_prefix) -%}
{% set query %}
SELECT x.group_no, min(x.sold_at) AS sold_at, sum(x.quantity * pp.price_cents) AS total_cents
FROM (SELECT d.group_no, d.currency, d.quantity, d.sold_at,
             {{ product_on_sale('d.drawn_product', 'd.sold_at') }} AS product_no
      FROM (SELECT l.group_no, l.currency, l.sold_at,
                   {{ line_product_no(stream_prefix ~ '.product_id', 'l.record_no') }} AS drawn_product,
                   {{ line_quantity(stream_prefix ~ '.quantity', 'l.record_no') }} AS quantity
            FROM ({{ lines_sql }}) AS l) AS d
      {{ join_drawn_product('d.drawn_product') }}) AS x
LEFT JOIN {{ P }}product_prices AS pp ON pp.product_no = x.product_no AND pp.currency = x.currency
GROUP BY x.group_no
{% endset %}
{{ create_table('TEMP TABLE', P ~ name, query) }}
{%- endmacro %}

{#- How a basket is paid: cash at the share of `country` (realism.CASH_SHARE; a SQL
    expression), else a card or a wallet. -#}
{% macro payment_method(stream, key, country) -%}
CASE WHEN {{ rand(stream ~ ':cash', key) }} < CASE {{ country }}
{%- for code, share in cash_share.items() %} WHEN '{{ code }}' THEN {{ (share * 4294967296) | round | int }}{% endfor %} END
     THEN 'cash'
     ELSE {{ pick(stream, key, {'credit': 45, 'debit': 30, 'mobile_wallet': 10}) }} END
{%- endmacro %}

{#- The anonymous POS lines (record numbers after the known ones) and their baskets. -#}
{% macro anonymous_pos_lines() -%}
SELECT {{ plan.pos_attributable }} + id AS record_no,
       {{ group_start('pos.anonymous_basket', plan.pos_attributable ~ ' + id',
                      {'0000': 10, '0003': 15, '0022': 15, '0023': 25, '0123': 35}) }} AS basket_no
FROM {{ P }}ids
WHERE id < {{ plan.records['pos'] - plan.pos_attributable }}
{%- endmacro %}

{#- receipt_id of the basket whose first line is record `basket_no`. -#}
{% macro receipt_id(basket_no) -%}
{{ record_key('RCP-', basket_no, 'pos.receipt_id') }}
{%- endmacro %}
