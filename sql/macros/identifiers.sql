{#-
  The identifiers a person owns, as canonical values. How each source writes them (formats,
  noise) is decided where the source is generated.
-#}

{#- ASCII letters only, lower case: the raw material of email local parts. A generational
    suffix (Jr., II, III) is part of a name but not of the address people choose. -#}
{% macro email_name(expr) -%}
coalesce(nullif({{ regex_replace_all(regex_replace_all('lower(' ~ expr ~ ')', ' (jr|sr|ii|iii|iv)\\.?$', ''), '[^a-z]', '') }}, ''), 'user')
{%- endmacro %}

{#- A family name as its bearer writes it. Polish adjectival surnames agree with the bearer's
    sex: the name lists hold the masculine form (Kowalski, Nowicki, Zawadzki) and a woman
    writes Kowalska, Nowicka, Zawadzka. Other Polish surnames (Nowak, Wójcik) do not change. -#}
{% macro surname_of(name, locale, gender) -%}
CASE WHEN {{ locale }} = 'pl_PL' AND {{ gender }} = 'F'
          AND ({{ name }} LIKE '%ski' OR {{ name }} LIKE '%cki' OR {{ name }} LIKE '%zki')
     THEN left({{ name }}, length({{ name }}) - 1) || 'a' ELSE {{ name }} END
{%- endmacro %}

{#- Local part of a personal address, from the romanised name, in the drawn pattern
    (plan.EMAIL_PATTERNS). qq.com users mostly keep their numeric QQ id. -#}
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

{#- Loyalty card number: '6' + 11 digits + Luhn check digit, 13 digits in all. `value` is a
    keyed permutation of the person id (column card_value of `permuted`), so cards are unique
    and look random. -#}
{% macro loyalty_card_number(value) -%}
{%- set payload = '(600000000000 + ' ~ value ~ ')' -%}
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

{#- A loyalty card issued again (re-enrolment): prefix 7 instead of 6, so it never equals a
    first card; `value` permutes the record number, so it is unique too. -#}
{% macro reissued_card_number(value) -%}
{%- set payload = '(700000000000 + ' ~ value ~ ')' -%}
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

{#- A second address at a global provider (not Gmail, whose dot rule would tie it to a
    first.lastYY address): 'first.last.YY', a form no personal pattern produces (those never
    put a dot before digits), so it never equals another person's first address. -#}
{% macro alternate_local(a) -%}
{{ email_name(a ~ '.first_name_latin') }} || '.' || {{ email_name(a ~ '.last_name_latin') }} || '.'
    || {{ digits(imod(a ~ '.birth_year', 100), 2) }}
{%- endmacro %}

{#- A provider's rules for the local part (realism.GMAIL_DOMAINS): Gmail allows letters,
    digits and dots, 6 to 30 characters, so 'first_last' is written with a dot and a short
    name takes the birth year. -#}
{% macro provider_local(local, domain, birth_year) -%}
CASE WHEN {{ domain }} IN ('gmail.com', 'googlemail.com')
     THEN CASE WHEN length({{ local }}) < 6 THEN replace({{ local }}, '_', '.') || {{ as_text(birth_year) }}
               ELSE left(replace({{ local }}, '_', '.'), 30) END
     ELSE {{ local }} END
{%- endmacro %}

{#- What the n-th person wanting an address already taken does (n = rank > 1): adds the
    birth year, then a number (john.smith1985, john.smith19852). Patterns never end in four
    digits (YY is two, NNN at most three), so the result is nobody's first choice. -#}
{% macro taken_suffix(rank, birth_year) -%}
CASE WHEN {{ rank }} > 1 THEN {{ as_text(birth_year) }} ELSE '' END
|| CASE WHEN {{ rank }} > 2 THEN {{ as_text(rank ~ ' - 1') }} ELSE '' END
{%- endmacro %}

{#- ==== phone numbers ========================================================================
    A number is a block of seeds/phone_blocks.csv (a prefix and a count of subscriber digits,
    every number of which libphonenumber accepts for the block's country and kind) plus a
    subscriber part: the owner's rank within the block, through a keyed permutation of the
    block's space. Each block also says how the country writes its numbers (layouts). -#}

{#- One row per block, its layouts cut into (literal, length, start) columns: a national
    layout '0|2| |4| |4|' writes '0', 2 digits, ' ', 4 digits, ' ', 4 digits and ''. A
    negative length skips digits; the literal of a group without a length is the trailer. -#}
{% macro phone_blocks_query(file) -%}
WITH parsed AS (
    SELECT DISTINCT CAST(block_id AS BIGINT) AS block_id, prefix,
           CAST(subscriber_digits AS INTEGER) AS subscriber_digits,
           CAST(skip_digits AS INTEGER) AS skip_digits, CAST(skip_value AS BIGINT) AS skip_value,
           CAST(space AS BIGINT) AS space, CAST(half AS BIGINT) AS half,
{% for form in ('national', 'international') %}
{% for j in range(1, 8) %}
           {{ split_field(form ~ '_layout', '|', 2 * j - 1) }} AS {{ form }}_lit_{{ j }},
           CAST(nullif({{ split_field(form ~ '_layout', '|', 2 * j) }}, '') AS INTEGER) AS {{ form }}_len_{{ j }}{{ ',' if not (loop.last and form == 'international') }}
{% endfor %}
{% endfor %}
    FROM {{ seed(file) }}
)
SELECT *,
{% for form in ('national', 'international') %}
{% for j in range(1, 8) %}
       1{% for k in range(1, j) %} + abs(coalesce({{ form }}_len_{{ k }}, 0)){% endfor %} AS {{ form }}_at_{{ j }}{{ ',' if not (loop.last and form == 'international') }}
{% endfor %}
{% endfor %}
FROM parsed
{%- endmacro %}

{#- The national significant number of the `value`-th number of block `b` (a phone_blocks
    alias): NANP blocks skip the exchange values N11 (skip_digits, skip_value). -#}
{% macro block_number(b, value) -%}
{%- set high = idiv(value, b ~ '.half') -%}
({{ b }}.prefix || CASE WHEN {{ b }}.skip_digits = 0 THEN {{ digits(value, b ~ '.subscriber_digits') }}
     ELSE {{ digits(high ~ ' + CASE WHEN ' ~ high ~ ' >= ' ~ b ~ '.skip_value THEN 1 ELSE 0 END', b ~ '.skip_digits') }}
          || {{ digits(imod(value, b ~ '.half'), b ~ '.subscriber_digits - ' ~ b ~ '.skip_digits') }} END)
{%- endmacro %}

{#- A national significant number written in block `b`'s national or international layout. -#}
{% macro phone_layout(b, form, nsn) -%}
(
{%- for j in range(1, 8) -%}
CASE WHEN {{ b }}.{{ form }}_len_{{ j }} IS NULL THEN {{ b }}.{{ form }}_lit_{{ j }}
     WHEN {{ b }}.{{ form }}_len_{{ j }} > 0
     THEN {{ b }}.{{ form }}_lit_{{ j }} || substr({{ nsn }}, {{ b }}.{{ form }}_at_{{ j }}, {{ b }}.{{ form }}_len_{{ j }})
     ELSE '' END{{ ' || ' if not loop.last }}
{%- endfor -%}
)
{%- endmacro %}

{#- A keyed permutation of [0, space): three Feistel rounds over the mixed radix
    (space / half) x half, each round adding a draw keyed by the other half. Distinct inputs
    give distinct outputs (each round is invertible), with no visible order: consecutive
    ranks land anywhere in the space. Wraps `relation` in one subquery per round (a draw's
    key must be a column), adding the column `name`; `x`, `space`, `half` and `key` (a key
    offset that tells blocks apart) are expressions over the relation's columns. -#}
{% macro permuted(relation, x, space, half, key, stream, name) -%}
{%- set a = idiv(space, half) -%}
(SELECT p3.*, {{ name }}_l3 * {{ a }} + {{ name }}_r3 AS {{ name }}
 FROM (SELECT p2.*, {{ name }}_r2 AS {{ name }}_l3,
              {{ imod(name ~ '_l2 + ' ~ imod(rand(stream ~ ':3', key ~ ' + ' ~ name ~ '_r2'), a), a) }} AS {{ name }}_r3
       FROM (SELECT p1.*, {{ name }}_r1 AS {{ name }}_l2,
                    {{ imod(name ~ '_l1 + ' ~ imod(rand(stream ~ ':2', key ~ ' + ' ~ name ~ '_r1'), half), half) }} AS {{ name }}_r2
             FROM (SELECT p0.*, {{ name }}_r0 AS {{ name }}_l1,
                          {{ imod(name ~ '_l0 + ' ~ imod(rand(stream ~ ':1', key ~ ' + ' ~ name ~ '_r0'), a), a) }} AS {{ name }}_r1
                   FROM (SELECT s.*, {{ idiv(x, half) }} AS {{ name }}_l0, {{ imod(x, half) }} AS {{ name }}_r0
                         FROM {{ relation }} AS s) AS p0) AS p1) AS p2) AS p3)
{%- endmacro %}

{#- A phone number written in one of the forms real systems hold; `which` is the person's
    'phone' (mobile), 'landline' or 'business' line. Styles: e164 (+33612345678), digits_cc
    (33612345678), national (the country's own layout: 06 12 34 56 78, 030 12345678,
    090-1234-5678, (11) 96123-4567, (202) 555-0123), international (+33 6 12 34 56 78),
    national_digits (0612345678) and dotted (06.12.34.56.78, 202.555.0123). -#}
{% macro phone_written(a, style, which='phone') -%}
{%- set national = a ~ '.' ~ which ~ '_national' -%}
CASE {{ style }}
    WHEN 'e164' THEN '+' || {{ a }}.calling_code || {{ a }}.{{ which }}_nsn
    WHEN 'digits_cc' THEN {{ a }}.calling_code || {{ a }}.{{ which }}_nsn
    WHEN 'international' THEN {{ a }}.{{ which }}_international
    WHEN 'national_digits' THEN {{ regex_replace_all(national, '[^0-9]', '') }}
    WHEN 'dotted' THEN {{ regex_replace_all(regex_replace_all(national, '[()]', ''), '[ -]+', '.') }}
    ELSE {{ national }}
END
{%- endmacro %}

{#- The IDR engine's normalisation of an identifier column `c` (idr_meta.identifier_mapping),
    in the dialect of the platform it runs on. NULLIF turns an empty result into NULL, which
    the engine drops ('' would be one giant group).
    EMAIL: trimmed, lower-cased, '+tag' sub-addresses removed (no generated address has a '+'
    of its own) and, at Gmail only, dots removed and googlemail.com read as gmail.com: the
    mailbox the address reaches. This undoes the email_case, email_whitespace, email_plus_tag
    and email_dot variations; typos, work and shared addresses stay apart.
    PHONE: digits only. A national form (07400 123456) and an international one (+44 7400
    123456) of one number stay different: most sources have no country column to rebuild
    E.164 from (tags phone_national_format etc.). Others: trimmed. -#}
{% macro identifier_value(kind, c) -%}
{%- set address = 'LOWER(TRIM(' ~ c ~ '))' -%}
{%- if kind == 'EMAIL' -%}
NULLIF(CASE WHEN {{ split_field(address, '@', 2) }} IN ('gmail.com', 'googlemail.com') THEN REPLACE({{ regex_replace_all(split_field(address, '@', 1), '[+].*$', '') }}, '.', '') || '@gmail.com' ELSE {{ regex_replace_all(address, '[+][^@]*@', '@') }} END, '')
{%- elif kind == 'PHONE' -%}
NULLIF({{ regex_replace_all(c, '[^0-9]', '') }}, '')
{%- else -%}
NULLIF(TRIM({{ c }}), '')
{%- endif -%}
{%- endmacro %}
