{#-
  The identifiers a person owns, as canonical values. How each source writes them (formats,
  noise) is decided where the source is generated.
-#}

{#- ASCII letters only, lower case: the raw material of email local parts. -#}
{% macro email_name(expr) -%}
coalesce(nullif({{ regex_replace_all('lower(' ~ expr ~ ')', '[^a-z]', '') }}, ''), 'user')
{%- endmacro %}

{#- Local part of a personal address, from the romanised name, in the drawn pattern
    (plan.EMAIL_PATTERNS). qq.com users mostly keep their numeric QQ id. A suffix '_<n>'
    (added later for the n-th person drawing the same address) never arises from a pattern. -#}
{% macro email_local_part(a) -%}
{%- set f = email_name(a ~ '.first_name_latin') -%}
{%- set l = email_name(a ~ '.last_name_latin') -%}
{%- set yy = digits(imod(a ~ '.birth_year', 100), 2) -%}
CASE
    WHEN {{ a }}.email_domain = 'qq.com' AND {{ chance('persons.qq_numeric', a ~ '.person_id', 0.6) }}
        THEN {{ as_text(between('persons.qq_number', a ~ '.person_id', 10000, 3999999999)) }}
    WHEN {{ a }}.email_pattern = 'first.last' THEN {{ f }} || '.' || {{ l }}
    WHEN {{ a }}.email_pattern = 'firstlast' THEN {{ f }} || {{ l }}
    WHEN {{ a }}.email_pattern = 'f.last' THEN left({{ f }}, 1) || '.' || {{ l }}
    WHEN {{ a }}.email_pattern = 'flast' THEN left({{ f }}, 1) || {{ l }}
    WHEN {{ a }}.email_pattern = 'first_last' THEN {{ f }} || '_' || {{ l }}
    WHEN {{ a }}.email_pattern = 'last.first' THEN {{ l }} || '.' || {{ f }}
    WHEN {{ a }}.email_pattern = 'firstYY' THEN {{ f }} || {{ yy }}
    WHEN {{ a }}.email_pattern = 'first.lastYY' THEN {{ f }} || '.' || {{ l }} || {{ yy }}
    WHEN {{ a }}.email_pattern = 'firstlastNNN'
        THEN {{ f }} || {{ l }} || {{ as_text(between('persons.email_number', a ~ '.person_id', 1, 999)) }}
    ELSE {{ l }} || {{ f }}
END
{%- endmacro %}

{#- The mailbox an address reaches: at Gmail, dots in the local part do not count and
    googlemail.com is gmail.com. Two persons never share a mailbox by accident. -#}
{% macro mailbox(local, domain) -%}
CASE WHEN {{ domain }} IN ('gmail.com', 'googlemail.com') THEN replace({{ local }}, '.', '') || '@gmail.com'
     ELSE {{ local }} || '@' || {{ domain }} END
{%- endmacro %}

{#- Street line in the country's order ('12 High Street' or 'Hauptstraße 12'). -#}
{% macro street_address(a) -%}
CASE WHEN {{ a }}.street_format = 'number_street'
     THEN {{ as_text(a ~ '.house_number') }} || ' ' || {{ a }}.street_name
     ELSE {{ a }}.street_name || ' ' || {{ as_text(a ~ '.house_number') }} END
{%- endmacro %}

{#- National significant number of a mobile phone: the plan's prefix plus subscriber digits.
    The subscriber part is an affine bijection of the person's rank within (country, prefix),
    so numbers are unique until a prefix's range is exhausted (10^digits persons). NANP
    numbers get an exchange NXX whose second digit is never 1 (no N11 service codes). The
    multiplier 7777777 is coprime to 2, 3 and 5, hence to every range size used here. -#}
{% macro mobile_nsn(a) -%}
{%- set x = '(' ~ a ~ '.phone_rank * 7777777 + 1234567)' -%}
{%- set nanp = imod(x, 7200000) -%}
CASE WHEN {{ a }}.country_code IN ('US', 'CA') THEN
    {{ a }}.phone_prefix
    || {{ as_text('(2 + ' ~ idiv(idiv(nanp, 10000), 90) ~ ') * 100'
                  ~ ' + CASE WHEN ' ~ imod(idiv(nanp, 100000), 9) ~ ' = 0 THEN 0'
                  ~ ' ELSE ' ~ imod(idiv(nanp, 100000), 9) ~ ' + 1 END * 10'
                  ~ ' + ' ~ imod(idiv(nanp, 10000), 10)) }}
    || {{ digits(imod(x, 10000), 4) }}
ELSE
    {{ a }}.phone_prefix || {{ digits(imod(x, a ~ '.subscriber_space'), a ~ '.subscriber_digits') }}
END
{%- endmacro %}

{#- Loyalty card number: '6' + 11 digits (a bijection of the person id, so unique) + Luhn
    check digit; 13 digits in all. -#}
{% macro loyalty_card_number(person_id) -%}
{%- set payload = '(600000000000 + ' ~ imod('(' ~ person_id ~ ') * 987654321 + 12345', 100000000000) ~ ')' -%}
({{ as_text(payload) }} || {{ as_text(luhn_check_digit(payload, 12)) }})
{%- endmacro %}

{#- A payment-processor token for one card: 'tok_' + 24 hex digits, from the draws `d`_a,
    `d`_b, `d`_c (see draw_columns; parts 'abc'). -#}
{% macro payment_token(d) -%}
{{ hex_join(['tok_', (d ~ '_a', 8), (d ~ '_b', 8), (d ~ '_c', 8)]) }}
{%- endmacro %}

{#- Hash of the normalised shipping address (lower case, single spaces, postcode without
    spaces): what a retailer stores to match addresses without keeping them. -#}
{% macro address_hash(line1, postcode, city, country) -%}
{{ md5_hex("lower(" ~ regex_replace_all('trim(' ~ line1 ~ ')', '\\s+', ' ') ~ ") || '|' || "
           ~ "lower(replace(" ~ postcode ~ ", ' ', '')) || '|' || lower(" ~ city ~ ") || '|' || "
           ~ country) }}
{%- endmacro %}

{#- A phone number written in one of the forms real systems hold. `nsn` is the national
    significant number (default: the person's mobile). All forms keep the same digits after
    the country code / trunk prefix, so only the country code or trunk prefix tells them
    apart. Styles: e164 (+447400123456), digits_cc (447400123456), national (07400123456;
    NANP 2015550123), spaced (+44 740 012 3456; NANP +1 201-555-0123), dashed
    (0740-012-3456), paren (NANP (201) 555-0123, else national). -#}
{% macro phone_written(a, style, nsn=none) -%}
{%- set mobile = nsn is none -%}
{%- set nsn = a ~ '.phone_nsn' if mobile else nsn -%}
{%- set nanp = a ~ ".calling_code = '1'" -%}
{%- set e164 = a ~ '.phone_e164' if mobile else "('+' || " ~ a ~ ".calling_code || " ~ nsn ~ ")" -%}
CASE {{ style }}
    WHEN 'e164' THEN {{ e164 }}
    WHEN 'digits_cc' THEN substr({{ e164 }}, 2)
    WHEN 'national' THEN CASE WHEN {{ nanp }} THEN {{ nsn }} ELSE {{ a }}.trunk_prefix || {{ nsn }} END
    WHEN 'spaced' THEN CASE WHEN {{ nanp }}
        THEN '+1 ' || substr({{ nsn }}, 1, 3) || '-' || substr({{ nsn }}, 4, 3) || '-' || substr({{ nsn }}, 7)
        ELSE '+' || {{ a }}.calling_code || ' ' || substr({{ nsn }}, 1, 3) || ' ' || substr({{ nsn }}, 4, 3)
             || ' ' || substr({{ nsn }}, 7) END
    WHEN 'dashed' THEN CASE WHEN {{ nanp }} THEN '' ELSE {{ a }}.trunk_prefix END || substr({{ nsn }}, 1, 3)
        || '-' || substr({{ nsn }}, 4, 3) || '-' || substr({{ nsn }}, 7)
    ELSE CASE WHEN {{ nanp }}
        THEN '(' || substr({{ nsn }}, 1, 3) || ') ' || substr({{ nsn }}, 4, 3) || '-' || substr({{ nsn }}, 7)
        ELSE {{ a }}.trunk_prefix || {{ nsn }} END
END
{%- endmacro %}

{#- A loyalty card issued again (re-enrolment): prefix 7 instead of 6, so it never equals a
    first card; a bijection of the record number keeps it unique. -#}
{% macro reissued_card_number(record_no) -%}
{%- set payload = '(700000000000 + ' ~ imod('(' ~ record_no ~ ') * 987654321 + 54321', 100000000000) ~ ')' -%}
({{ as_text(payload) }} || {{ as_text(luhn_check_digit(payload, 12)) }})
{%- endmacro %}

{#- Push token in the platform's shape: APNs 64 hex digits; FCM '<11 chars>:APA91b<hex>'.
    From the draws `d`_a ... `d`_h (see draw_columns; parts 'abcdefgh'). -#}
{% macro push_token(os_type, d) -%}
{%- set pieces = {} -%}
{%- for part in 'abcdefgh' %}{% set _ = pieces.update({part: (d ~ '_' ~ part, 8)}) %}{% endfor -%}
CASE WHEN {{ os_type }} = 'iOS'
     THEN {{ hex_join(pieces.values() | list) }}
     ELSE substr({{ hex_join([pieces.a, pieces.b]) }}, 1, 11)
          || {{ hex_join([':APA91b'] + [pieces.c, pieces.d, pieces.e, pieces.f, pieces.g, pieces.h]) }}
END
{%- endmacro %}

{#- A device id in its platform's shape: iOS identifierForVendor (upper-case UUID) or
    Android ID (16 hex digits), from the draws of device_id_draws(stream, key, name) (`d` is
    the qualified name). -#}
{% macro device_id(os_type, d) -%}
CASE WHEN {{ os_type }} = 'iOS' THEN {{ uuid_upper(d ~ '_ios') }} ELSE {{ hex16(d ~ '_android') }} END
{%- endmacro %}
{% macro device_id_draws(stream, key, name) -%}
{{ draw_columns(stream ~ ':ios', key, name ~ '_ios', 'abcde') }}
{{- draw_columns(stream ~ ':android', key, name ~ '_android', ['hi', 'lo']) }}
{%- endmacro %}

{#- E.164 form of the person's mobile ('+' country code, number). Argentine mobiles carry
    the 9 that E.164 inserts after +54. -#}
{% macro e164(a) -%}
('+' || {{ a }}.calling_code || CASE WHEN {{ a }}.country_code = 'AR' THEN '9' ELSE '' END || {{ a }}.phone_nsn)
{%- endmacro %}

{#- A number from a fixed (prefix, digits) plan: an affine bijection of `rank`, so distinct
    ranks give distinct numbers within the plan. -#}
{% macro planned_number(prefix, digits_count, rank) -%}
('{{ prefix }}' || {{ digits(imod('(' ~ rank ~ ') * 7777777 + 1234567', 10 ** digits_count), digits_count) }})
{%- endmacro %}

{#- A household landline in the country's fixed-line plan (realism.LANDLINE_PLANS), an affine
    bijection of the household id: unique while household ids stay below the plan's size
    (10^7 or more; NANP 720,000 numbers per area code). NANP: area code, exchange N1X, line. -#}
{% macro landline_nsn(a) -%}
{%- set x = '(' ~ a ~ '.household_id * 7777777 + 1234567)' -%}
CASE {{ a }}.country_code
{% for country, areas in nanp_landline_areas.items() %}
{% set space = 720000 * (areas | length) %}
{% set line = imod(imod(x, space), 720000) %}
    WHEN '{{ country }}' THEN
        CASE {{ idiv(imod(x, space), 720000) }}
        {% for area in areas %}WHEN {{ loop.index0 }} THEN '{{ area }}' {% endfor %}END
        || {{ as_text('2 + ' ~ idiv(idiv(line, 10000), 9)) }} || '1'
        || {{ as_text('CASE WHEN ' ~ imod(idiv(line, 10000), 9) ~ ' = 0 THEN 0 ELSE ' ~ imod(idiv(line, 10000), 9) ~ ' + 1 END') }}
        || {{ digits(imod(line, 10000), 4) }}
{% endfor %}
{% for country, (prefix, n) in landline_plans.items() %}
    WHEN '{{ country }}' THEN {{ planned_number(prefix, n, a ~ '.household_id') }}
{% endfor %}
END
{%- endmacro %}

{#- A company's main line, in a freephone range of the employee's country. -#}
{% macro business_nsn(a) -%}
CASE {{ a }}.country_code
{% for country, (prefix, n) in business_plans.items() %}
    WHEN '{{ country }}' THEN {{ planned_number(prefix, n, a ~ '.company_no') }}
{% endfor %}
    ELSE {{ planned_number(default_business_plan[0], default_business_plan[1], a ~ '.company_no') }}
END
{%- endmacro %}

{#- A second, unrelated address (a numeric handle at a global provider, unique per person):
    what a person uses to stay apart in one source. -#}
{% macro alternate_email(a) -%}
('8' || {{ digits(imod(a ~ '.person_id * 7777777 + 4242', 100000000), 8) }} || '@'
 || {{ pick('persons.alternate_domain', a ~ '.person_id',
            {'gmail.com': 5, 'outlook.com': 2, 'yahoo.com': 2, 'icloud.com': 1}) }})
{%- endmacro %}
