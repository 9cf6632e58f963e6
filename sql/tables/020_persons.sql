-- The true identities: one row per person, {{ plan.persons }} persons. Every source record is
-- derived from a person's row, so the ground truth is known by construction.
--
-- Stage 1 draws who each person is, where they live, what they own and which sources they
-- appear in. Stage 2 makes identifiers unique across persons (two persons never share an
-- email, phone or address by accident: shared identifiers are planted on purpose, with their
-- own truth) and shares each source's exact record count among its members.
{% set non_crm = sources | rejectattr('table_id', 'equalto', 'crm') | list %}
{# in memory when they fit, else compressed in the work file (see Plan.persons_in_memory) #}
{% set work_table = 'TEMP TABLE' if plan.persons_in_memory else 'TABLE' %}
{% set stage1 %}
WITH base AS (
    SELECT id AS person_id,
           -- households: consecutive person ids living together (shared address, country,
           -- usually the family name)
{% set households = {'0000': 5, '0003': 10, '0022': 15, '0023': 30, '0123': 40} %}
           {{ group_start('persons.household_id', 'id', households) }} AS household_id,
           {{ group_size('persons.household_id', 'id', households) }} AS household_size,
           {{ pick('persons.gender', 'id', {'F': 51, 'M': 49}) }} AS gender,
           -- 2 of 5 persons is the most common source count; see plan.SOURCE_COUNT_SHARES
           {{ pick('persons.source_count', 'id', source_count_shares, quote=false) }} AS source_count,
           {{ imod(rand('persons.company_no', 'id'), n_companies) }} AS company_no
    FROM {{ P }}ids
    WHERE id < {{ plan.persons }}
), placed AS (
    SELECT b.*,
           c.country_code, c.region, c.calling_code, c.trunk_prefix, c.currency,
           c.utc_offset_hours, c.name_order, c.street_format,
           l.locale,
           -- 85% carry the household's family name (drawn with the household's key); a
           -- column, not a join key expression: DuckDB would expand the draw into the key
           CASE WHEN {{ chance('persons.own_last_name', 'b.person_id', 0.15) }}
                THEN 2 * b.person_id + 1 ELSE 2 * b.household_id END AS last_name_key
    FROM base AS b
    {{ join_pick('countries', 'c', "'all'", 'persons.country_code', 'b.household_id') }}
    {{ join_pick('locales', 'l', 'c.country_code', 'persons.locale', 'b.household_id') }}
), named AS (
    SELECT p.*,
           fn.name AS first_name, fn.name_latin AS first_name_latin,
           {{ surname_of('ln.name', 'p.locale', 'p.gender') }} AS last_name,
           {{ surname_of('ln.name_latin', 'p.locale', 'p.gender') }} AS last_name_latin,
           ci.city, ci.region_name, ci.postcode,
           st.street_name,
           pm.block_id AS mobile_block, pl.block_id AS landline_block, pb.block_id AS business_block,
           ed.domain AS email_domain
    FROM placed AS p
    {{ join_pick('first_names', 'fn', "p.locale || ':' || p.gender", 'persons.first_name', 'p.person_id') }}
    {{ join_pick('last_names', 'ln', 'p.locale', 'persons.last_name', 'p.last_name_key') }}
    {{ join_pick('cities', 'ci', 'p.country_code', 'persons.city', 'p.household_id') }}
    {{ join_pick('streets', 'st', 'p.country_code', 'persons.street', 'p.household_id') }}
    {{ join_pick('phone_blocks', 'pm', "p.country_code || ':mobile'", 'persons.mobile_block', 'p.person_id') }}
    {{ join_pick('phone_blocks', 'pl', "p.country_code || ':fixed'", 'persons.landline_block', 'p.household_id') }}
    {{ join_pick('phone_blocks', 'pb', "p.country_code || ':fixed'", 'persons.business_block', 'p.company_no') }}
    {{ join_pick('email_domains', 'ed', 'p.country_code', 'persons.email_domain', 'p.person_id') }}
), extras AS (
    SELECT n.*,
           nn.nickname,
           -- a family account: named after the household's family name, at a household provider
           {{ email_name('hs.name_latin') }} AS household_surname,
           fd.domain AS family_domain,
           co.name_latin AS company_name
    FROM named AS n
    {{ join_pick('nicknames', 'nn', "left(n.locale, 2) || ':' || n.first_name", 'persons.nickname', 'n.person_id') }}
    {{ join_pick('last_names', 'hs', 'n.locale', 'persons.last_name', '2 * n.household_id') }}
    {{ join_pick('email_domains', 'fd', 'n.country_code', 'persons.family_domain', 'n.household_id') }}
    {{ join_pick('last_names', 'co', "'en_US'", 'persons.company_name', 'n.company_no') }}
), drawn AS (
    SELECT n.*,
           -- the mean of two uniform draws over 62 years: a triangular age profile
           1945 + {{ idiv('(' ~ rand('persons.birth_year:a', 'n.person_id') ~ ' + '
                          ~ rand('persons.birth_year:b', 'n.person_id') ~ ') * 62', 2 * 4294967296) }}
               AS birth_year,
           -- customers who were already there when the history starts (a customer base, not
           -- a shop opening on its first day)
           {{ chance('persons.established', 'n.person_id', established_share) }} AS established,
           {{ pick('persons.os_type', 'n.person_id', {'iOS': 45, 'Android': 55}) }} AS os_type,
           {{ pick('persons.n_devices', 'n.person_id', {1: 60, 2: 30, 3: 10}, quote=false) }} AS n_devices,
           {{ pick('persons.n_cards', 'n.person_id', {1: 50, 2: 35, 3: 15}, quote=false) }} AS n_cards,
           {{ pick('persons.email_pattern', 'n.person_id', email_patterns) }} AS email_pattern,
           -- small numbers are commonest: 1 + 400 u^2, u the draw's top 16 bits
{% set u = shift_right(rand('persons.house_number', 'n.household_id'), 16) %}
           1 + {{ idiv(u ~ ' * ' ~ u ~ ' * 400', 4294967296) }} AS house_number,
           -- membership: CRM first (its chance depends on the source count), then the set of
           -- other sources (its chance depends on the CRM flag and the count)
           {{ rand('persons.in_crm', 'n.person_id') }} < CASE n.source_count
           {% for k, p in calibration.crm_probability.items() %}
               WHEN {{ k }} THEN {{ (p * 4294967296) | round | int }}
           {% endfor %}
           END AS in_crm,
           -- edge cases: employees of small companies (work address, shared inbox, business
           -- line), households with a landline or a family email account
           {{ chance('persons.employed', 'n.person_id', edge.employed_share) }} AS employed,
           {{ chance('persons.landline', 'n.household_id', edge.landline_share) }} AS has_landline,
           {{ chance('persons.family_email', 'n.household_id', edge.family_email_share) }} AS wants_family_email,
           -- identities that change during the history (realism.DIFFICULTY)
           {{ chance('persons.phone_changed', 'n.person_id', changes.phone_changed) }} AS phone_changed,
           n.gender = 'F' AND n.country_code IN ('{{ surname_taking | join("', '") }}') AND n.locale <> 'fr_CA'
               AND {{ chance('persons.surname_changed', 'n.person_id', changes.surname_changed) }} AS surname_changed,
           {{ rand('persons.sources', 'n.person_id') }} AS sources_draw
    FROM extras AS n
), masked AS (
    SELECT d.*,
           {{ source_mask('d.sources_draw', 'd.in_crm', 'd.source_count') }} AS source_mask,
           -- the maiden name of a woman who took a spouse's surname during the history (the
           -- join looks up only theirs: a NULL group matches nothing)
           {{ surname_of('mn.name', 'd.locale', 'd.gender') }} AS previous_last_name,
           -- signed up (below) before the history for the established customers, during it
           -- (up to a month before its end) for the others
           CASE WHEN d.established THEN {{ established_since_s }} ELSE {{ history_start_s }} END AS since_lo,
           CASE WHEN d.established THEN {{ history_start_s - 1 }} ELSE {{ as_of_s - 30 * 86400 }} END AS since_hi,
           {{ email_local_part('d') }} AS raw_local
    FROM drawn AS d
    {{ join_pick('last_names', 'mn', 'CASE WHEN d.surname_changed THEN d.locale END', 'persons.maiden_name', 'd.person_id') }}
), sourced AS (
    SELECT m.*,
           -- at the hours people sign up online
           {{ moment_between('persons.customer_since', 'm.person_id', 'm.since_lo', 'm.since_hi') }} AS customer_since
{%- for s in non_crm %},
           {{ has_bit('m.source_mask', loop.index0) }} AS in_{{ s.table_id }}
{%- endfor %}
    FROM masked AS m
)
-- Only what later stages read is stored: writing a file work table compresses every column
-- (~0.1 s of CPU per string column and million persons), so the inputs of the email and
-- street address built below stay behind.
SELECT k.person_id, k.household_id, k.household_size, k.gender, k.source_count, k.company_no,
       k.country_code, k.region, k.calling_code, k.trunk_prefix, k.currency, k.utc_offset_hours,
       k.name_order, k.locale, k.first_name, k.first_name_latin, k.last_name, k.last_name_latin,
       k.city, k.region_name, k.postcode, k.mobile_block, k.landline_block, k.business_block,
       k.email_domain, k.nickname, k.household_surname, k.family_domain, k.birth_year,
       k.customer_since, k.os_type, k.n_devices, k.n_cards, k.in_crm, k.employed,
       k.has_landline, k.wants_family_email, k.phone_changed, k.previous_last_name,
{% for s in non_crm %}
       k.in_{{ s.table_id }},
{% endfor %}
       -- a few persons use a second, unrelated identity in one source (another address, no
       -- phone): the truth says same person, no exact-match engine can know
{% set disjoint = 'k.source_count >= 2 AND ' ~ chance('persons.disjoint', 'k.person_id', edge.disjoint_share) %}
       CASE WHEN {{ disjoint }}
            THEN CASE WHEN k.in_mobile THEN 'mobile' WHEN k.in_review THEN 'review'
                      WHEN k.in_survey THEN 'survey' END
       END AS disjoint_table,
       -- others moved to a new personal address during the history; their old one is the
       -- alternate address (never both: a disjoint identity's address is used nowhere else)
       {{ chance('persons.email_changed', 'k.person_id', changes.email_changed) }} AND NOT ({{ disjoint }})
           AS email_changed,
       -- when a person's identifiers changed (email, phone and surname at one moment): within
       -- the middle three fifths of their time as a customer; records made before it show the
       -- old ones (noise_decisions)
       k.customer_since + {{ idiv('(' ~ as_of_s ~ ' - k.customer_since) * '
                                  ~ between('persons.changed_at', 'k.person_id', 200, 800), 1000) }} AS changed_second,
       {{ alternate_local('k') }} AS alternate_local,
       {{ pick('persons.alternate_domain', 'k.person_id',
               {'outlook.com': 4, 'yahoo.com': 3, 'icloud.com': 2, 'hotmail.com': 1}) }} AS alternate_domain,
       {{ tier_of('k.source_count') }} AS tier,
       -- local part of the personal email from the romanised name, by the provider's rules
       {{ provider_local('k.raw_local', 'k.email_domain', 'k.birth_year') }} AS email_local,
       {{ street_address('k') }} AS street_address,
       {{ pick('persons.family_pattern', 'k.household_id', {'family': 1, 'the': 1, 'fam': 1}) }} AS family_pattern,
       {{ email_name('k.first_name_latin') }} || '.' || {{ email_name('k.last_name_latin') }} AS work_local,
       lower(k.company_name) || {{ pick('persons.company_suffix', 'k.company_no',
            {'group': 3, 'logistics': 2, 'partners': 2, 'consulting': 2, 'labs': 1, 'industries': 1,
             'solutions': 2, 'holdings': 1, 'systems': 1, 'media': 1}) }} || '.com' AS company_domain
FROM sourced AS k
{% endset %}
{{ create_table(work_table, P ~ 'person_draws', stage1) }}

-- Stage 2, on narrow projections (a window sorts every column it is given, so each one gets
-- only its keys): ranks that make identifiers unique, and each source's record allocation.
{% set stage2 %}
WITH activity AS (
    -- Activity weights decide who gets a source's extra records: Pareto-tailed, so a
    -- minority of customers place most orders; high-value persons buy more. Integers:
    -- 1000 x the weight. Purchases, visits and reviews happen at a steady pace: a weight
    -- grows with the days the person has been active in the history (a customer who signed
    -- up last month has not bought as much as one who was there all along).
    SELECT d.person_id,
{% for s in sources %}
{% set a = activity[s.table_id] %}
{% set pace = ' * (' ~ idiv(as_of_s ~ ' - ' ~ active_since('d'), 86400) ~ ' + 1)' if a.steady_pace else '' %}
           d.in_{{ s.table_id }},
           CASE WHEN d.in_{{ s.table_id }}
                THEN {{ idiv(pareto_micro('persons.activity_' ~ s.table_id, 'd.person_id', a.alpha, a.cap)
                             ~ " * CASE WHEN d.tier = 'high_value' THEN " ~ (a.high_value_factor * 1000) | round | int
                             ~ ' ELSE 1000 END' ~ pace, 1000000 * (history_days if a.steady_pace else 1)) }}
                ELSE 0 END AS w_{{ s.table_id }}{{ ',' if not loop.last }}
{% endfor %}
    FROM {{ P }}person_draws AS d
), allocated AS (
    SELECT person_id,
{% for s in sources %}
           {{ allocate(s.table_id, records[s.table_id] if s.table_id != 'pos' else plan.pos_attributable) }}{{ ',' if not loop.last }}
{% endfor %}
    FROM (SELECT a.*,
{% for s in sources %}
                 {{ allocation_windows(s.table_id) }}{{ ',' if not loop.last }}
{% endfor %}
          FROM activity AS a
          WINDOW by_person AS (ORDER BY a.person_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS a
), ranks AS (
    -- the n-th person drawing the same email / address / family or work address
    SELECT person_id,
           -- Gmail ignores dots and treats googlemail.com as gmail.com: so does uniqueness
           row_number() OVER (PARTITION BY {{ mailbox('email_local', 'email_domain') }}
                              ORDER BY person_id) AS email_rank,
           CAST(NULL AS BIGINT) AS address_rank,
           CAST(NULL AS BIGINT) AS family_rank, CAST(NULL AS BIGINT) AS work_rank,
           CAST(NULL AS BIGINT) AS alternate_rank
    FROM {{ P }}person_draws
    UNION ALL
    SELECT person_id, NULL,
           dense_rank() OVER (PARTITION BY country_code, postcode, city, street_address
                              ORDER BY household_id), NULL, NULL, NULL
    FROM {{ P }}person_draws
    UNION ALL
    SELECT person_id, NULL, NULL,
           dense_rank() OVER (PARTITION BY household_surname, family_pattern, family_domain
                              ORDER BY household_id), NULL, NULL
    FROM {{ P }}person_draws
    WHERE wants_family_email AND household_size > 1
    UNION ALL
    SELECT person_id, NULL, NULL, NULL,
           row_number() OVER (PARTITION BY work_local, company_domain ORDER BY person_id), NULL
    FROM {{ P }}person_draws
    WHERE employed
    UNION ALL
    SELECT person_id, NULL, NULL, NULL, NULL,
           row_number() OVER (PARTITION BY alternate_local, alternate_domain ORDER BY person_id)
    FROM {{ P }}person_draws
    WHERE disjoint_table IS NOT NULL OR email_changed
), ranked AS (
    SELECT person_id, max(email_rank) AS email_rank, max(address_rank) AS address_rank,
           max(family_rank) AS family_rank, max(work_rank) AS work_rank,
           max(alternate_rank) AS alternate_rank
    FROM ranks
    GROUP BY person_id
), number_owners AS (
    -- who needs a phone number in which block: every person a mobile, a household with a
    -- landline one line, a company one main line per country it employs people in
    SELECT 0 AS owner_kind, person_id AS owner, mobile_block AS block_id
    FROM {{ P }}person_draws
    UNION ALL
    SELECT DISTINCT 1, household_id, landline_block
    FROM {{ P }}person_draws
    WHERE has_landline
    UNION ALL
    SELECT DISTINCT 2, company_no, business_block
    FROM {{ P }}person_draws
    WHERE employed
    UNION ALL
    -- the mobile number a person had before a change, in the same block
    SELECT 3, person_id, mobile_block
    FROM {{ P }}person_draws
    WHERE phone_changed
), owner_ranks AS (
    -- owners of a block numbered from 0 (mobiles and landlines share NANP blocks, so the
    -- rank runs over both): numbers repeat only once a block's space is used up
    SELECT o.owner_kind, o.owner, o.block_id, b.space, b.half,
           {{ imod('row_number() OVER (PARTITION BY o.block_id ORDER BY o.owner_kind, o.owner) - 1', 'b.space') }}
               AS number_rank
    FROM number_owners AS o
    JOIN {{ P }}phone_blocks AS b ON b.block_id = o.block_id
), phone_numbers AS (
    SELECT n.owner_kind, n.owner, n.block_id, n.number_value
    FROM {{ permuted('owner_ranks', 'number_rank', 'space', 'half', 'block_id * 131072',
                     'persons.phone_number', 'number_value') }} AS n
), numbers AS (
    SELECT d.person_id, m.number_value AS mobile_number, l.number_value AS landline_number,
           b.number_value AS business_number, v.number_value AS previous_number
    FROM {{ P }}person_draws AS d
    LEFT JOIN phone_numbers AS m ON m.owner_kind = 0 AND m.owner = d.person_id
    LEFT JOIN phone_numbers AS v ON d.phone_changed AND v.owner_kind = 3 AND v.owner = d.person_id
    LEFT JOIN phone_numbers AS l ON d.has_landline AND l.owner_kind = 1 AND l.owner = d.household_id
    LEFT JOIN phone_numbers AS b
           ON d.employed AND b.owner_kind = 2 AND b.owner = d.company_no AND b.block_id = d.business_block
)
SELECT a.*, r.email_rank, r.address_rank, r.family_rank, r.work_rank, r.alternate_rank,
       n.mobile_number, n.landline_number, n.business_number, n.previous_number
FROM allocated AS a
JOIN ranked AS r ON r.person_id = a.person_id
JOIN numbers AS n ON n.person_id = a.person_id
{% endset %}
{{ create_table(work_table, P ~ 'person_ranks', stage2) }}

-- Stage 3: the persons table every source reads, built range by range of person ids when
-- it is too large to sort in memory at once (Plan.person_ranges); the ranges are appended in
-- order, so the table is stored in person order either way.
{% set ranges = [] %}
{% for lo, hi in plan.person_ranges %}
{% set query %}
WITH identified AS (
    SELECT d.*,
{% for s in sources %}
           r.n_{{ s.table_id }}, r.first_{{ s.table_id }},
{% endfor %}
           r.family_rank, r.work_rank,
           -- national significant numbers: each block's prefix and the permuted rank
           {{ block_number('bm', 'r.mobile_number') }} AS phone_nsn,
           CASE WHEN d.has_landline THEN {{ block_number('bl', 'r.landline_number') }} END AS landline_nsn,
           CASE WHEN d.employed THEN {{ block_number('bb', 'r.business_number') }} END AS business_nsn,
           CASE WHEN d.phone_changed THEN {{ block_number('bm', 'r.previous_number') }} END AS previous_nsn,
           -- an address already taken gets the birth year (and a number); a street address
           -- already taken, a flat number
           d.email_local || {{ taken_suffix('r.email_rank', 'd.birth_year') }} || '@' || d.email_domain AS email,
           CASE WHEN d.disjoint_table IS NOT NULL OR d.email_changed
                THEN d.alternate_local || CASE WHEN r.alternate_rank > 1 THEN {{ as_text('r.alternate_rank') }} ELSE '' END
                     || '@' || d.alternate_domain END AS alternate_email,
           d.street_address || CASE WHEN r.address_rank > 1 THEN ' Apt ' || {{ as_text('r.address_rank') }} ELSE '' END
               AS address_line1
    FROM {{ P }}person_draws AS d
    JOIN {{ P }}person_ranks AS r ON r.person_id = d.person_id
    LEFT JOIN {{ P }}phone_blocks AS bm ON bm.block_id = d.mobile_block
    LEFT JOIN {{ P }}phone_blocks AS bl ON bl.block_id = d.landline_block
    LEFT JOIN {{ P }}phone_blocks AS bb ON bb.block_id = d.business_block
    WHERE d.person_id >= {{ lo }} AND d.person_id < {{ hi }}
), formatted AS (
    -- each phone in its country's national and international layouts
    SELECT i.*,
{% for which, b in (('phone', 'bm'), ('landline', 'bl'), ('business', 'bb'), ('previous', 'bm')) %}
{# only the persons who have the number pay for its layouts (a CASE skips the other rows) #}
{% set has = 'TRUE' if which == 'phone' else 'i.' ~ which ~ '_nsn IS NOT NULL' %}
           CASE WHEN {{ has }} THEN {{ phone_layout(b, 'national', 'i.' ~ which ~ '_nsn') }} END AS {{ which }}_national,
           CASE WHEN {{ has }} THEN '+' || i.calling_code || ' ' || {{ phone_layout(b, 'international', 'i.' ~ which ~ '_nsn') }} END
               AS {{ which }}_international{{ ',' if not loop.last }}
{% endfor %}
    FROM identified AS i
    LEFT JOIN {{ P }}phone_blocks AS bm ON bm.block_id = i.mobile_block
    LEFT JOIN {{ P }}phone_blocks AS bl ON bl.block_id = i.landline_block
    LEFT JOIN {{ P }}phone_blocks AS bb ON bb.block_id = i.business_block
    -- stored in person order: joins deliver rows in thread order, and every scan of this
    -- table (the sources without joins, truth persons) keeps the order it is stored in.
    -- Sorted here, before the draws and lists below exist: 7% faster than sorting the
    -- finished rows; the projections below keep the order.
    ORDER BY i.person_id
), numbered AS (
    SELECT i.*
           -- the draws of every device and card slot, read by the lists below (draw_columns)
{% for slot in range(3) %}
           {{ device_id_draws('persons.device_id', 'i.person_id * 4 + ' ~ slot, 'device_' ~ slot) }}
           {{ draw_columns('persons.payment_token', 'i.person_id * 4 + ' ~ slot, 'card_' ~ slot, 'abc') }}
{% endfor %}
    FROM {{ permuted('formatted', 'person_id', 100000000000, 1000000, '0', 'persons.loyalty_card', 'card_value') }} AS i
)
SELECT i.person_id, i.household_id, i.region, i.country_code, i.locale, i.gender,
       i.first_name, i.last_name, i.first_name_latin, i.last_name_latin, i.name_order,
       i.birth_year, i.customer_since, i.tier, i.source_count,
       i.email,
       '+' || i.calling_code || i.phone_nsn AS phone_e164,
       i.phone_nsn, i.phone_national, i.phone_international, i.calling_code, i.trunk_prefix,
       CASE WHEN i.in_loyalty THEN {{ loyalty_card_number('i.card_value') }} END AS loyalty_id,
       i.os_type,
       {{ array_prefix([device_id('i.os_type', 'i.device_0'), device_id('i.os_type', 'i.device_1'),
                        device_id('i.os_type', 'i.device_2')], 'i.n_devices') }} AS device_ids,
       {{ array_prefix([payment_token('i.card_0'), payment_token('i.card_1'), payment_token('i.card_2')],
                       'i.n_cards') }} AS payment_tokens,
       i.address_line1, i.city, i.region_name, i.postcode,
       {{ address_hash('i.address_line1', 'i.postcode', 'i.city', 'i.country_code') }} AS address_hash,
       i.currency, i.utc_offset_hours, i.nickname,
       CASE WHEN i.employed THEN i.work_local
            || CASE WHEN i.work_rank > 1 THEN {{ as_text('i.work_rank') }} ELSE '' END
            || '@' || i.company_domain END AS work_email,
       CASE WHEN i.employed THEN {{ pick('persons.company_inbox', 'i.company_no',
            {'orders': 4, 'purchasing': 2, 'accounts': 1, 'office': 2}) }} || '@' || i.company_domain END
           AS company_email,
       i.business_nsn, i.business_national, i.business_international,
       i.landline_nsn, i.landline_national, i.landline_international,
       CASE WHEN i.wants_family_email AND i.household_size > 1
            THEN CASE i.family_pattern WHEN 'family' THEN i.household_surname || 'family'
                                       WHEN 'the' THEN 'the' || i.household_surname || 's'
                                       ELSE 'fam.' || i.household_surname END
                 || CASE WHEN i.family_rank > 1 THEN {{ as_text('i.family_rank') }} ELSE '' END
                 || '@' || i.family_domain END AS family_email,
       i.disjoint_table, i.alternate_email, i.email_changed, i.phone_changed, i.changed_second,
       -- identifiers from before a change (NULL for persons who kept theirs)
       i.previous_nsn, i.previous_national, i.previous_international, i.previous_last_name,
{% for s in sources %}
       i.in_{{ s.table_id }}, i.n_{{ s.table_id }}, i.first_{{ s.table_id }}{{ ',' if not loop.last }}
{% endfor %}
FROM numbered AS i
{% endset %}
{% set _ = ranges.append(query) %}
{% endfor %}
{{ create_table_appended(work_table, P ~ 'persons', ranges) }}

{{ drop_table(P ~ 'person_draws') }}
{{ drop_table(P ~ 'person_ranks') }}
