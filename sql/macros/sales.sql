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
{{ event_time('ecom.order_date', order_no, r ~ '.customer_since') }}
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

{#- A work table of order (or basket) totals in cents: one narrow pass over the lines
    (record_no, group_no) in `lines_sql`, recomputing each line's product and quantity from
    the same streams as the table itself, so the output joins one number per group instead of
    running a window, and a sort, over the wide rows. -#}
{% macro create_group_totals(name, lines_sql, stream_prefix) -%}
{% set query %}
SELECT x.group_no, sum(x.quantity * pr.price_cents) AS total_cents
FROM (SELECT l.group_no,
             {{ line_product_no(stream_prefix ~ '.product_id', 'l.record_no') }} AS product_no,
             {{ line_quantity(stream_prefix ~ '.quantity', 'l.record_no') }} AS quantity
      FROM ({{ lines_sql }}) AS l) AS x
JOIN {{ P }}products AS pr ON pr.product_no = x.product_no
GROUP BY x.group_no
{% endset %}
{{ create_table('TEMP TABLE', P ~ name, query) }}
{%- endmacro %}
