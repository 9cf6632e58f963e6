-- Lookup tables from the committed seed CSVs (seeds/), bucketed for weighted draws. Money
-- and rates become integers here (cents, thousandths), so no later step divides a float.
{# a profile's [regions] / [countries] replace the seeds' weights (plan.Shape) #}
{% set country_weight = 'weight' if country_weights is none else
   'CASE country_code ' ~ (country_weights.items() | map('country_weight_case') | join(' ')) ~ ' ELSE 0 END' %}
{{ create_bucketed('countries', 'countries.csv', "'all'", 'country_code',
   ['country_code', 'region', 'calling_code', 'trunk_prefix', 'currency',
    'CAST(utc_offset_hours AS INTEGER) AS utc_offset_hours', 'name_order', 'street_format'],
   weight=country_weight) }}

{{ create_bucketed('locales', 'country_locales.csv', 'country_code', 'locale', ['locale']) }}

-- currencies: the fixed rate to the US dollar (x 10^6) and the price points shops use, in
-- hundredths of the currency's unit whatever its minor units (a yen price of 1,980 is 198000)
{{ load_seed('currencies.csv') }}
{% set currencies %}
SELECT currency,
       {{ scaled_integer('usd_rate', 1000000) }} AS usd_rate_micro,
       CAST(price_step AS BIGINT) * CASE minor_units WHEN '0' THEN 100 ELSE 1 END AS step_cents,
       CAST(price_charm AS BIGINT) * CASE minor_units WHEN '0' THEN 100 ELSE 1 END AS charm_cents
FROM {{ seed('currencies.csv') }}
{% endset %}
{{ create_table('TABLE', P ~ 'currencies', currencies) }}

{{ create_bucketed('first_names', 'first_names.csv', "locale || ':' || gender", 'name, name_latin',
   ['name', 'name_latin']) }}

{{ create_bucketed('last_names', 'last_names.csv', 'locale', 'name, name_latin',
   ['name', 'name_latin']) }}

{{ create_bucketed('cities', 'cities.csv', 'country_code', 'city, postcode, region_name',
   ['city', 'region_name', 'postcode']) }}

{{ create_bucketed('streets', 'streets.csv', 'country_code', 'street_name', ['street_name'],
   weight='1') }}

{{ create_bucketed('email_domains', 'email_domains.csv', 'country_code', 'domain', ['domain']) }}

-- phone number blocks: drawn per country and kind (mobile, fixed), then described by id
{{ create_bucketed('phone_blocks', 'phone_blocks.csv', "country_code || ':' || kind",
   'prefix, subscriber_digits', ['CAST(block_id AS BIGINT) AS block_id']) }}
{{ create_table('TABLE', P ~ 'phone_blocks', phone_blocks_query('phone_blocks.csv')) }}

{{ create_bucketed('subcategories', 'product_taxonomy.csv', 'category', 'subcategory',
   ['subcategory',
    scaled_integer('price_median', 100) ~ ' AS price_median_cents',
    scaled_integer('price_sigma', 1000) ~ ' AS price_sigma_milli',
    scaled_integer('margin_pct_mean', 100) ~ ' AS margin_pct_mean_centi',
    scaled_integer('margin_pct_sd', 100) ~ ' AS margin_pct_sd_centi']) }}

{{ create_bucketed('brands', 'brands.csv', "category || ':' || is_private_label", 'brand',
   ['brand']) }}

{{ create_bucketed('name_parts', 'product_name_parts.csv', "subcategory || ':' || part", 'word',
   ['word'], weight='1') }}

-- review and survey texts in the customer's language (the locale's first two letters)
{{ create_bucketed('review_phrases', 'review_phrases.csv', "language || ':' || rating || ':' || kind", 'phrase',
   ['phrase'], weight='1') }}

{{ create_bucketed('survey_phrases', 'survey_phrases.csv', "language || ':' || sentiment", 'phrase', ['phrase'],
   weight='1') }}

{{ create_bucketed('nicknames', 'nicknames.csv', "locale_group || ':' || name", 'nickname',
   ['nickname'], weight='1') }}
