-- truth/persons: the true persons, their tier and canonical attributes, the identifiers they
-- own, and their record count per source.
{% call copy_parquet(out, 'persons', folder='truth') %}
SELECT person_id, household_id, region, country_code, locale, gender,
       first_name, last_name, first_name_latin, last_name_latin, name_order, birth_year,
       {{ timestamp_of('customer_since') }} AS customer_since, tier, source_count,
       email, phone_e164, loyalty_id, os_type, device_ids, payment_tokens,
       address_line1, city, region_name, postcode, address_hash, currency,
       -- identifiers shared on purpose (edge cases) and the second identity of disjoint persons
       nickname, work_email, company_email, family_email, landline_nsn, business_nsn,
       disjoint_table, alternate_email,
       -- what a person's records showed before a change during the history (NULL for the
       -- persons who kept theirs; --difficulty): the old address, mobile and surname
       CASE WHEN email_changed THEN alternate_email END AS previous_email,
       CASE WHEN phone_changed THEN '+' || calling_code || previous_nsn END AS previous_phone_e164,
       previous_last_name,
       CASE WHEN email_changed OR phone_changed OR previous_last_name IS NOT NULL
            THEN {{ timestamp_of('changed_second') }} END AS identity_changed_at,
       {% for s in sources %}n_{{ s.table_id }} AS records_{{ s.table_id }}{{ ',' if not loop.last }}
       {% endfor %}
-- stored in person order (020_persons.sql)
FROM {{ P }}persons
{% if not plan.writes_all_sources %}
-- --sources: the persons with a record in a source written (tier, source_count and the
-- records_ columns describe the whole identity graph)
WHERE {% for s in written_sources %}n_{{ s.table_id }} > 0{{ ' OR ' if not loop.last }}{% endfor %}
{% endif %}
{% endcall %}
