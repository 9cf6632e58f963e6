{#-
  How a source writes a person's identifiers, record by record: noise, edge cases, junk.
  Each record first gets *decisions* (noise_decisions: email_kind, phone_kind, phone_style,
  name_kind), pure functions of (stream, record number) and the person's attributes. The
  source's columns are built from the decisions (source_email, source_phone, source_*_name),
  and the truth lists them as tags (noise_tags). Both read the records from noisy_rows, so
  what a record shows and what the truth says about it cannot drift apart. Rates:
  idrgen_duck/realism.py.
-#}

{#- The decision columns of a record of source `t` (a comma-led list to append to a SELECT);
    the draws they test go into `draws` (see noisy_rows). -#}
{% macro noise_decisions(t, r, draws) -%}
{%- set n = noise[t] -%}
{%- set key = r ~ '.record_no' -%}
{#- whether the record was made before its person's change (email, phone and surname change
    at one moment, changed_second; the record's moment: timed_rows) -#}
{%- set before = '(' ~ r ~ '.record_second < ' ~ r ~ '.changed_second)' -%}
{%- set withheld = hoisted(draws, r, 'draw_name_address_only', chance(t ~ '.name_address_only', key, changes.name_address_only))
                   if n.name_variations else 'FALSE' -%}
{%- if n.name_variations %},
{{ withheld }} AS name_address_only
{%- endif %}
{%- if n.has_email %},
CASE
    WHEN {{ r }}.disjoint_table = '{{ t }}' THEN 'disjoint_identity'
    WHEN {{ withheld }} THEN 'email_missing'
    WHEN NOT {{ hoisted(draws, r, 'draw_email_present', chance(t ~ '.email_present', key, n.email_present)) }} THEN 'email_missing'
    WHEN {{ hoisted(draws, r, 'draw_email_junk', chance(t ~ '.email_junk', key, n.junk_email)) }} THEN 'email_junk'
    {% if t == 'ecom' %}
    WHEN {{ hoisted(draws, r, 'draw_giant_cluster', chance(t ~ '.giant_cluster', key, giant_cluster_rate)) }} THEN 'email_giant_cluster'
    {% endif %}
    {{ shared_use(t, r, shared_emails, draws) }}
    WHEN {{ r }}.email_changed AND {{ before }} THEN 'email_previous'
    WHEN {{ hoisted(draws, r, 'draw_email_variation', chance(t ~ '.email_variation', key, email_variation_rate)) }} THEN
        CASE WHEN {{ hoisted(draws, r, 'draw_email_variation_kind', pick(t ~ '.email_variation_kind', key, email_variations)) }} = 'email_dot'
                  AND {{ r }}.email NOT LIKE '%@gmail.com' AND {{ r }}.email NOT LIKE '%@googlemail.com'
             THEN 'email_case'  -- dots only count as "the same" at Gmail
             WHEN {{ hoisted(draws, r, 'draw_email_variation_kind', pick(t ~ '.email_variation_kind', key, email_variations)) }} = 'email_plus_tag'
                  AND {{ split_field(r ~ '.email', '@', 2) }} NOT IN ('{{ plus_addressing | join("', '") }}')
             THEN 'email_case'  -- +tags only where the provider delivers them
             ELSE {{ hoisted(draws, r, 'draw_email_variation_kind', pick(t ~ '.email_variation_kind', key, email_variations)) }} END
    ELSE 'none'
END AS email_kind
{%- endif %}
{%- if n.phone_styles %},
CASE
    WHEN {{ r }}.disjoint_table = '{{ t }}' THEN 'disjoint_identity'
    WHEN {{ withheld }} THEN 'phone_missing'
    WHEN NOT {{ hoisted(draws, r, 'draw_phone_present', chance(t ~ '.phone_present', key, n.phone_present)) }} THEN 'phone_missing'
    WHEN {{ hoisted(draws, r, 'draw_phone_junk', chance(t ~ '.phone_junk', key, n.junk_phone)) }} THEN 'phone_junk'
    {{ shared_use(t, r, shared_phones, draws) }}
    WHEN {{ r }}.phone_changed AND {{ before }} THEN 'phone_previous'
    {% if n.phone_typed %}
    WHEN {{ hoisted(draws, r, 'draw_phone_typo', chance(t ~ '.phone_typo', key, changes.phone_typo)) }} THEN 'phone_typo'
    {% endif %}
    ELSE 'personal'
END AS phone_kind,
{{ pick(t ~ '.phone_style', key, n.phone_styles) }} AS phone_style
{%- endif %}
{%- if t == 'ecom' %},
CASE WHEN {{ hoisted(draws, r, 'draw_moved', chance('persons.moved', r ~ '.person_id', moved_share)) }}
          AND 2 * {{ r }}.nth >= {{ r }}.n_ecom THEN 'address_moved'
     WHEN {{ hoisted(draws, r, 'draw_second_address', chance('persons.second_address', r ~ '.person_id', changes.second_address)) }}
          AND {{ hoisted(draws, r, 'draw_second_address_use', chance('ecom.second_address_use', r ~ '.group_no', changes.second_address_use)) }}
          THEN 'address_second'
     WHEN {{ hoisted(draws, r, 'draw_address_variation', chance('ecom.address_variation', r ~ '.group_no', address_variation_rate)) }}
          THEN {{ hoisted(draws, r, 'draw_address_variation_kind', pick('ecom.address_variation_kind', r ~ '.group_no', address_variations)) }}
     ELSE 'none' END AS address_kind
{%- endif %}
{%- if t in ('ecom', 'pos') %},
-- paid with a card reissued under a new number: the processor's token is new too
CASE WHEN {{ hoisted(draws, r, 'draw_token_rotated', chance(t ~ '.token_rotated', r ~ '.group_no', changes.token_rotated)) }}
     THEN 'payment_token_rotated' ELSE 'none' END AS token_kind
{%- endif %}
{%- if t == 'mobile' %},
-- installed again after all the vendor's apps were removed: a new identifierForVendor (iOS),
-- or on a factory-reset phone (Android ID)
CASE WHEN {{ hoisted(draws, r, 'draw_device_rotated', chance('mobile.device_rotated', key, changes.device_rotated)) }}
     THEN 'device_rotated' ELSE 'none' END AS device_kind
{%- endif %}
{%- if t == 'pos' %},
{{ payment_method('pos.payment_method', r ~ '.group_no', r ~ '.country_code') }} AS payment_method,
-- a member scans the card on most visits, once the card is issued (the visit's time,
-- basket_time, is a column of the records from here on)
-- (the card's issue time is computed for members only: a CASE skips the other rows)
CASE WHEN {{ r }}.in_loyalty AND {{ hoisted(draws, r, 'draw_card_scanned', chance('pos.card_scanned', r ~ '.group_no', 0.8)) }}
     THEN {{ hoisted(draws, r, 'basket_time', event_time('pos.transaction_date', r ~ '.group_no', active_since(r), 'store', first_event(r, r ~ '.group_no', 'pos'))) }}
          >= {{ loyalty_enrolled_at(r, r ~ '.first_loyalty') }}
     ELSE FALSE END AS card_scanned
{%- endif %}
{%- if n.name_variations %},
CASE WHEN {{ r }}.previous_last_name IS NOT NULL AND {{ before }} THEN 'name_previous_surname'
     WHEN {{ hoisted(draws, r, 'draw_name_variation', chance(t ~ '.name_variation', key, name_variation_rate)) }} THEN
    CASE {{ hoisted(draws, r, 'draw_name_variation_kind', pick(t ~ '.name_variation_kind', key, name_variations)) }}
        WHEN 'name_nickname' THEN CASE WHEN {{ r }}.nickname IS NOT NULL THEN 'name_nickname' ELSE 'none' END
        WHEN 'name_ascii_folded' THEN
            CASE WHEN {{ r }}.first_name <> {{ r }}.first_name_latin OR {{ r }}.last_name <> {{ r }}.last_name_latin
                 THEN 'name_ascii_folded' ELSE 'none' END
        ELSE {{ hoisted(draws, r, 'draw_name_variation_kind', pick(t ~ '.name_variation_kind', key, name_variations)) }}
    END
ELSE 'none' END AS name_kind
{%- endif %}
{%- endmacro %}

{#- A draw behind a decision or a written value, read as column `name` of the records of
    noisy_rows, which computes it one projection below. noisy_rows renders the macros that
    use draws once with its `draws` dict to collect them; other calls pass none. -#}
{% macro hoisted(draws, r, name, expr) -%}
{%- if draws is not none %}{% set _ = draws.update({name: expr}) %}{% endif -%}
{{ r }}.{{ name }}
{%- endmacro %}

{#- The records of source t (timed_rows) with their noise decisions, in two projections:
    first the draws (those the decisions test and, unless values=false, those source_email
    and source_phone use), then the decisions. Inside a CASE, a draw costs about 4x what it
    costs at the top of a SELECT (see `either` in random.sql): the truth step at 5M took
    4.9 s with the draws in the CASEs, 3.5 s with them below. The truth, which writes only
    the decisions, passes values=false, and in_order (see timed_rows). -#}
{% macro noisy_rows(t, values=true, in_order=false) -%}
{%- set draws = {} -%}
{%- set decisions = noise_decisions(t, 'r', draws) -%}
{%- if values and noise[t].has_email %}{% set _ = source_email(t, 'r', draws) %}{% endif -%}
{%- if values and noise[t].phone_styles %}{% set _ = source_phone(t, 'r', draws) %}{% endif -%}
(SELECT r.* {{ decisions }}
 FROM (SELECT r.*{% for name, expr in draws.items() %}, {{ expr }} AS {{ name }}{% endfor %}
       FROM {{ timed_rows(t, in_order) }} AS r) AS r)
{%- endmacro %}

{#- WHEN branches: the record carries a shared identifier of its person (family account,
    company inbox, landline...) at the rate of realism.EdgeCases, in the sources that use it
    (realism.SHARED_EMAILS / SHARED_PHONES). -#}
{% macro shared_use(t, r, kinds, draws) -%}
{%- for kind, (tables, column, rate, stream) in kinds.items() if t in tables %}
WHEN {{ r }}.{{ column }} IS NOT NULL AND {{ hoisted(draws, r, 'draw_' ~ stream, chance(t ~ '.' ~ stream, r ~ '.record_no', edge[rate])) }} THEN '{{ kind }}'
{%- endfor %}
{%- endmacro %}

{#- How a source writes "no value": NULL, '' or 'N/A' (realism.SourceNoise.missing_as). -#}
{% macro missing_value(t) -%}
{{ {'null': 'CAST(NULL AS ' ~ text_type() ~ ')', 'empty': "''", 'n/a': "'N/A'"}[noise[t].missing_as] }}
{%- endmacro %}

{#- One typo in a string, at a place chosen by `draw` (an integer in [0, 2^32)): two
    neighbouring characters swapped, or (when that changes nothing, e.g. 'oo') one character
    dropped. -#}
{% macro typo(text, draw) -%}
{%- set at = '(1 + ' ~ imod(draw, 'greatest(length(' ~ text ~ ') - 1, 1)') ~ ')' -%}
CASE WHEN substr({{ text }}, {{ at }}, 1) <> substr({{ text }}, {{ at }} + 1, 1)
     THEN substr({{ text }}, 1, {{ at }} - 1) || substr({{ text }}, {{ at }} + 1, 1)
          || substr({{ text }}, {{ at }}, 1) || substr({{ text }}, {{ at }} + 2)
     ELSE substr({{ text }}, 1, {{ at }} - 1) || substr({{ text }}, {{ at }} + 1) END
{%- endmacro %}

{#- The email column of a record of noisy_rows. -#}
{% macro source_email(t, d, draws=none) -%}
{%- set key = d ~ '.record_no' -%}
{%- set local = split_field(d ~ '.email', '@', 1) -%}
{%- set domain = split_field(d ~ '.email', '@', 2) -%}
CASE {{ d }}.email_kind
    WHEN 'disjoint_identity' THEN {{ d }}.alternate_email
    WHEN 'email_missing' THEN {{ missing_value(t) }}
    WHEN 'email_junk' THEN {{ hoisted(draws, d, 'draw_junk_email_value', pick(t ~ '.junk_email_value', key, junk_emails)) }}
    WHEN 'email_giant_cluster' THEN '{{ giant_cluster_email }}'
    WHEN 'email_shared_family' THEN {{ d }}.family_email
    WHEN 'email_shared_company' THEN {{ d }}.company_email
    WHEN 'email_work' THEN {{ d }}.work_email
    WHEN 'email_previous' THEN {{ d }}.alternate_email
    WHEN 'email_case' THEN CASE WHEN {{ hoisted(draws, d, 'draw_email_case_style', chance(t ~ '.email_case_style', key, 0.5)) }}
                                THEN {{ upper_text(d ~ '.email') }}
                                ELSE {{ upper_text('left(' ~ d ~ '.email, 1)') }} || substr({{ d }}.email, 2) END
    WHEN 'email_plus_tag' THEN {{ local }} || '+'
        || {{ hoisted(draws, d, 'draw_email_plus_tag', pick(t ~ '.email_plus_tag', key, {'shop': 4, 'orders': 2, 'promo': 2, 'news': 1, 'retail': 1})) }}
        || '@' || {{ domain }}
    WHEN 'email_dot' THEN CASE WHEN {{ local }} LIKE '%.%' THEN replace({{ local }}, '.', '')
                               ELSE left({{ local }}, 1) || '.' || substr({{ local }}, 2) END
        || '@' || {{ domain }}
    WHEN 'email_typo_domain' THEN {{ local }} || '@' || CASE WHEN {{ domain }} LIKE '%.com'
                                                              AND {{ hoisted(draws, d, 'draw_email_typo_tld', chance(t ~ '.email_typo_tld', key, 0.3)) }}
        THEN left({{ domain }}, length({{ domain }}) - 1) || 'n'  -- .con
        ELSE {{ typo(domain, hoisted(draws, d, 'draw_email_typo_domain', rand(t ~ '.email_typo_domain', key))) }} END
    WHEN 'email_typo_local' THEN {{ typo(local, hoisted(draws, d, 'draw_email_typo_local', rand(t ~ '.email_typo_local', key))) }} || '@' || {{ domain }}
    WHEN 'email_whitespace' THEN ' ' || {{ d }}.email || CASE WHEN {{ hoisted(draws, d, 'draw_email_trailing', chance(t ~ '.email_trailing', key, 0.5)) }} THEN ' ' ELSE '' END
    ELSE {{ d }}.email
END
{%- endmacro %}

{#- The phone column of a record of noisy_rows. -#}
{% macro source_phone(t, d, draws=none) -%}
CASE {{ d }}.phone_kind
    WHEN 'disjoint_identity' THEN CAST(NULL AS {{ text_type() }})
    WHEN 'phone_missing' THEN {{ missing_value(t) }}
    WHEN 'phone_junk' THEN {{ hoisted(draws, d, 'draw_junk_phone_value', pick(t ~ '.junk_phone_value', d ~ '.record_no', junk_phones)) }}
    WHEN 'phone_shared_household' THEN {{ phone_written(d, d ~ '.phone_style', 'landline') }}
    WHEN 'phone_shared_business' THEN {{ phone_written(d, d ~ '.phone_style', 'business') }}
    WHEN 'phone_previous' THEN {{ phone_written(d, d ~ '.phone_style', 'previous') }}
    -- typed in with two digits swapped (or one lost): the digits of the country's national
    -- form (trunk prefix, AR's 15, none before CN mobiles)
    WHEN 'phone_typo' THEN {{ typo(regex_replace_all(d ~ '.phone_national', '[^0-9]', ''),
                                  hoisted(draws, d, 'draw_phone_typo_at', rand(t ~ '.phone_typo_at', d ~ '.record_no'))) }}
    ELSE {{ phone_written(d, d ~ '.phone_style') }}
END
{%- endmacro %}

{#- The shipping address hash of an order (after noise_decisions; e-commerce). A gift goes to
    someone who is not a customer (a new address of its own): gifts to other customers would
    need a lookup of their address per order, and a few recipients receiving many gifts chain
    unrelated buyers into one false cluster. -#}
{% macro source_address_hash(d) -%}
CASE {{ d }}.address_kind
    WHEN 'address_variant' THEN {{ address_hash(street_swapped(d ~ '.address_line1'), d ~ '.postcode', d ~ '.city', d ~ '.country_code') }}
    WHEN 'address_moved' THEN {{ md5_hex("'moved:' || " ~ as_text(d ~ '.person_id') ~ " || ':' || " ~ d ~ ".address_hash") }}
    WHEN 'address_gift' THEN {{ md5_hex("'gift:' || " ~ as_text(d ~ '.record_no')) }}
    WHEN 'address_second' THEN {{ md5_hex("'second:' || " ~ as_text(d ~ '.person_id') ~ " || ':' || " ~ d ~ ".address_hash") }}
    ELSE {{ d }}.address_hash
END
{%- endmacro %}

{#- '12 Main St' -> 'Main St 12' and back: one address, written the other way round. -#}
{% macro street_swapped(line) -%}
CASE WHEN {{ regex_found(line, '^[0-9]+ ') }}
     THEN {{ regex_replace_all(line, '^([0-9]+) (.*)$', '\\2 \\1') }}
     ELSE {{ regex_replace_all(line, '^(.*) ([0-9]+)$', '\\2 \\1') }} || CASE WHEN {{ regex_found(line, ' [0-9]+$') }} THEN '' ELSE ' 1' END
END
{%- endmacro %}

{#- A non-key field with the data-quality defects of realism.FIELD_DEFECTS[(t, column)]. -#}
{% macro with_defects(t, column, value, key) -%}
{%- set weights = field_defects[(t, column)] -%}
{%- set kind = pick(t ~ '.' ~ column ~ ':defect', key, weights) -%}
CASE {{ kind }}
    {%- if 'null' in weights %} WHEN 'null' THEN NULL {% endif %}
    {%- if 'upper' in weights %} WHEN 'upper' THEN {{ upper_text(value) }} {% endif %}
    {%- if 'spaces' in weights %} WHEN 'spaces' THEN '  ' || {{ value }} || ' ' {% endif %}
    ELSE {{ value }}
END
{%- endmacro %}

{% macro source_first_name(d) -%}
CASE {{ d }}.name_kind
    WHEN 'name_nickname' THEN {{ d }}.nickname
    WHEN 'name_initial' THEN left({{ d }}.first_name, 1) || CASE WHEN {{ d }}.name_order = 'given_first' THEN '.' ELSE '' END
    WHEN 'name_upper' THEN {{ upper_text(d ~ '.first_name') }}
    WHEN 'name_lower' THEN lower({{ d }}.first_name)
    WHEN 'name_ascii_folded' THEN {{ d }}.first_name_latin
    WHEN 'name_swapped' THEN {{ d }}.last_name
    ELSE {{ d }}.first_name
END
{%- endmacro %}

{% macro source_last_name(d) -%}
CASE {{ d }}.name_kind
    WHEN 'name_previous_surname' THEN {{ d }}.previous_last_name
    WHEN 'name_upper' THEN {{ upper_text(d ~ '.last_name') }}
    WHEN 'name_lower' THEN lower({{ d }}.last_name)
    WHEN 'name_ascii_folded' THEN {{ d }}.last_name_latin
    WHEN 'name_swapped' THEN {{ d }}.first_name
    ELSE {{ d }}.last_name
END
{%- endmacro %}

{#- The noise a record carries, as a list of tags for truth/record_person.parquet: sorted and
    without repeats. Both by construction, so no row sorts its list (that cost a quarter of
    the truth step at 20M): the kinds are listed in alphabetical order of their tags'
    prefixes (address_, device_, disjoint_identity / email_, name_address_only, name_,
    payment_, phone_, pos_), a kind's placeholder
    tag sorts after the only tag it comes with (email_missing < email_placeholder), and a
    disjoint identity, decided for email and phone together, is tagged once, by the email. -#}
{% macro noise_tags(t, d) -%}
{%- set n = noise[t] -%}
{%- set placeholder = n.missing_as != 'null' -%}
{%- set tags = [] -%}
{%- if t == 'ecom' -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".address_kind <> 'none' THEN " ~ d ~ ".address_kind END") -%}
{%- endif -%}
{%- if t == 'mobile' -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".device_kind <> 'none' THEN " ~ d ~ ".device_kind END") -%}
{%- endif -%}
{%- if n.has_email -%}
{%- set _ = tags.append("CASE " ~ d ~ ".email_kind WHEN 'none' THEN NULL ELSE " ~ d ~ ".email_kind END") -%}
{%- if placeholder -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".email_kind = 'email_missing' THEN 'email_placeholder' END") -%}
{%- endif -%}
{%- endif -%}
{%- if n.name_variations -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".name_address_only THEN 'name_address_only' END") -%}
{%- set _ = tags.append("CASE " ~ d ~ ".name_kind WHEN 'none' THEN NULL ELSE " ~ d ~ ".name_kind END") -%}
{%- endif -%}
{%- if t == 'ecom' -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".token_kind <> 'none' THEN " ~ d ~ ".token_kind END") -%}
{%- elif t == 'pos' -%}
{#- no token at all on a cash basket -#}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".token_kind <> 'none' AND " ~ d ~ ".payment_method <> 'cash' THEN "
                        ~ d ~ ".token_kind END") -%}
{%- endif -%}
{%- if n.phone_styles -%}
{#- the style of a number written with phone_written (the person's, a shared or a previous
    one), then the kind unless the person's own: style tags (phone_d..., i..., n...) sort
    before the kinds they come with (phone_previous, phone_shared_...) -#}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".phone_kind IN ('personal', 'phone_shared_household', 'phone_shared_business', "
                        ~ "'phone_previous') AND " ~ d ~ ".phone_style <> 'e164' THEN 'phone_' || " ~ d ~ ".phone_style || '_format' END") -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".phone_kind NOT IN ('personal', 'disjoint_identity') THEN " ~ d ~ ".phone_kind END") -%}
{%- if placeholder -%}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".phone_kind = 'phone_missing' THEN 'phone_placeholder' END") -%}
{%- endif -%}
{%- endif -%}
{%- if t == 'pos' -%}
{#- a cash basket without the loyalty card scanned carries no identifier at all -#}
{%- set _ = tags.append("CASE WHEN " ~ d ~ ".payment_method = 'cash' AND NOT (" ~ d ~ ".card_scanned AND "
                        ~ d ~ ".loyalty_id IS NOT NULL) THEN 'pos_no_identifier' END") -%}
{%- endif -%}
{{ compact_list(tags) }}
{%- endmacro %}
