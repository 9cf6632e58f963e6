-- products: {{ plan.products }} products (the spec's ~50,000 at 50M, proportionally fewer
-- below, never under {{ 500 }}), priced in US dollars. Kept as a table too, with the prices in
-- every currency, which sales lines look up.
{% set query %}
WITH base AS (
    SELECT id AS product_no,
           {{ pick('products.category', 'id',
                   {'Apparel': 30, 'Electronics': 20, 'Home': 22, 'Beauty': 15, 'Sports': 13}) }} AS category,
           {{ chance('products.is_private_label', 'id', 0.18) }} AS is_private_label
    FROM {{ P }}ids
    WHERE id < {{ plan.products }}
), priced AS (
    SELECT b.*,
           br.brand || ' ' || adj.word || ' ' || noun.word AS product_name,
           sc.subcategory,
           br.brand,
           -- log-normal around the subcategory's median, in cents; most prices end in .99
           {{ lognormal('products.price', 'b.product_no', 'sc.price_median_cents', 'sc.price_sigma_milli') }}
               AS lognormal_cents,
           -- the subcategory's margin, give or take its spread (a normal draw), in hundredths
           -- of a percent; private labels earn 12 points more
           sc.margin_pct_mean_centi
               + {{ idiv('sc.margin_pct_sd_centi * (' ~ normal_micro('products.margin_pct', 'b.product_no') ~ ' + 8000000)', 1000000) }}
               - 8 * sc.margin_pct_sd_centi
               + CASE WHEN b.is_private_label THEN 1200 ELSE 0 END AS margin_centi
    FROM base AS b
    {{ join_pick('subcategories', 'sc', 'b.category', 'products.subcategory', 'b.product_no') }}
    {{ join_pick('brands', 'br', "b.category || ':' || " ~ as_text('b.is_private_label'), 'products.brand', 'b.product_no') }}
    {{ join_pick('name_parts', 'adj', "sc.subcategory || ':adjective'", 'products.name_adjective', 'b.product_no') }}
    {{ join_pick('name_parts', 'noun', "sc.subcategory || ':noun'", 'products.name_noun', 'b.product_no') }}
)
SELECT product_no,
       {{ product_id('product_no') }} AS product_id,
       product_name, category, subcategory, brand,
       greatest(99, {{ idiv('lognormal_cents', 100) }} * 100
                    + CASE WHEN {{ chance('products.price_ending', 'product_no', 0.7) }} THEN 99 ELSE 49 END)
           AS price_cents,
       least(8000, greatest(300, margin_centi)) AS margin_centi,
       is_private_label,
       {{ product_launch('product_no') }} AS launch_second
FROM priced
ORDER BY product_no
{% endset %}
{{ create_table('TABLE', P ~ 'products', query) }}

-- The price of each product in each currency, in hundredths of the currency's unit: the US
-- dollar list price at the fixed rate (seeds/currencies.csv), rounded up to the next price
-- point shops use there (USD 12.49, JPY 1,980, KRW 12,900).
{% set prices %}
SELECT p.product_no, c.currency,
       greatest(c.step_cents - c.charm_cents,
                {{ idiv(idiv('p.price_cents * c.usd_rate_micro', 1000000) ~ ' + c.step_cents - 1', 'c.step_cents') }}
                    * c.step_cents - c.charm_cents) AS price_cents
FROM {{ P }}products AS p
CROSS JOIN {{ P }}currencies AS c
{% endset %}
{{ create_table('TABLE', P ~ 'product_prices', prices) }}

{% call copy_parquet(out, 'products') %}
SELECT product_id, product_name, category, subcategory, brand,
       {{ cents_to_decimal('price_cents') }} AS price,
       {{ cents_to_decimal('margin_centi', 5) }} AS margin_pct,
       is_private_label,
       {{ date_of('launch_second') }} AS launch_date
FROM {{ P }}products
ORDER BY product_no
{% endcall %}
