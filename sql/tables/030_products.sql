-- products: {{ plan.products }} products (the spec's ~50,000 at 50M, proportionally fewer
-- below, never under {{ 500 }}). Kept as a table too: sales lines look up their product's price.
CREATE OR REPLACE TABLE {{ P }}products AS
WITH base AS (
    SELECT id AS product_no,
           {{ pick('products.category', 'id',
                   {'Apparel': 30, 'Electronics': 20, 'Home': 22, 'Beauty': 15, 'Sports': 13}) }} AS category,
           {{ chance('products.is_private_label', 'id', 0.18) }} AS is_private_label
    FROM {{ P }}ids
    WHERE id < {{ plan.products }}
)
SELECT b.product_no,
       {{ product_id('b.product_no') }} AS product_id,
       br.brand || ' ' || adj.word || ' ' || noun.word AS product_name,
       b.category,
       sc.subcategory,
       br.brand,
       -- log-normal around the subcategory's median; most prices end in .99
       CAST(greatest(0.99, floor({{ lognormal('products.price', 'b.product_no', 'sc.price_median', 'sc.price_sigma') }})
                           + CASE WHEN {{ chance('products.price_ending', 'b.product_no', 0.7) }}
                                  THEN 0.99 ELSE 0.49 END) AS DECIMAL(10, 2)) AS price,
       CAST(least(80, greatest(3, sc.margin_pct_mean + sc.margin_pct_sd * {{ normal('products.margin_pct', 'b.product_no') }}
                               + CASE WHEN b.is_private_label THEN 12 ELSE 0 END)) AS DECIMAL(5, 2)) AS margin_pct,
       b.is_private_label,
       CAST({{ timestamp_between('products.launch_date', 'b.product_no',
                                 "TIMESTAMP '2015-01-01'", "TIMESTAMP '" ~ as_of ~ "' - INTERVAL 14 DAY") }} AS DATE)
           AS launch_date
FROM base AS b
{{ join_pick('subcategories', 'sc', 'b.category', 'products.subcategory', 'b.product_no') }}
{{ join_pick('brands', 'br', "b.category || ':' || CAST(b.is_private_label AS VARCHAR)", 'products.brand', 'b.product_no') }}
{{ join_pick('name_parts', 'adj', "sc.subcategory || ':adjective'", 'products.name_adjective', 'b.product_no') }}
{{ join_pick('name_parts', 'noun', "sc.subcategory || ':noun'", 'products.name_noun', 'b.product_no') }}
ORDER BY b.product_no;

{% call copy_parquet(out, 'products') %}
SELECT product_id, product_name, category, subcategory, brand, price, margin_pct, is_private_label,
       launch_date
FROM {{ P }}products
ORDER BY product_no
{% endcall %}
