{#-
  The identity graph: which sources a person appears in, and how a source's exact record count
  is shared among its persons. Python calibrates the probabilities (plan.py); these macros
  apply them with hash draws and integer arithmetic.
-#}

{#- The set of non-CRM sources a person joins, as a bit mask (bit i: plan.NON_CRM[i]).
    Plackett-Luce sampling without replacement by the calibrated weights (which depend on
    the CRM flag) gives each set of `draws` sources a probability that plan.py computes
    exactly (Calibration.subsets); one weighted pick over those sets draws it, by `draw` (a
    column: the pick is a CASE of up to 20 sets). -#}
{% macro source_mask(draw, in_crm, source_count) -%}
CASE WHEN {{ in_crm }} THEN
    CASE {{ source_count }}
{% for k in source_count_shares %}
        WHEN {{ k }} THEN {{ pick_by(draw, calibration.subsets[1][k - 1], quote=false) }}
{% endfor %}
    END
ELSE
    CASE {{ source_count }}
{% for k in source_count_shares if k < 7 %}
        WHEN {{ k }} THEN {{ pick_by(draw, calibration.subsets[0][k], quote=false) }}
{% endfor %}
    END
END
{%- endmacro %}

{#- Whether bit `i` of a mask is set. -#}
{% macro has_bit(mask, i) -%}
({{ imod(idiv(mask, 2 ** i), 2) }} = 1)
{%- endmacro %}

{#- Groups of consecutive numbers: each block of 4 is split into groups (4 | 3+1 | 2+2 |
    2+1+1 | 1+1+1+1) and the expression gives the first number of the group `no` is in.
    Used for households (persons living together) and for anonymous POS baskets. -#}
{% macro group_start(stream, no, weights) -%}
{%- set offset = imod(no, 4) -%}
(({{ no }}) - {{ offset }} + CAST(substr({{ pick(stream, idiv(no, 4), weights) }}, CAST({{ offset }} AS INTEGER) + 1, 1) AS INTEGER))
{%- endmacro %}

{#- How many numbers share the group of `no` (same stream, key and weights as group_start). -#}
{% macro group_size(stream, no, weights) -%}
{%- set pattern = pick(stream, idiv(no, 4), weights) -%}
(4 - length(replace({{ pattern }}, substr({{ pattern }}, CAST({{ imod(no, 4) }} AS INTEGER) + 1, 1), '')))
{%- endmacro %}

{#- Records of person p in a source: one each for the source's members, and the rest
    (extra = records - members) shared in proportion to the integer activity weight w_<t>.
    With cw = running sum of w by person_id, a member gets
        1 + floor(extra * cw / W) - floor(extra * (cw - w) / W)
    records, which sums to exactly `records` over all members, and its first record number
    is its rank + floor(extra * (cw - w) / W). All integer arithmetic: exact and deterministic
    whatever the thread count. If a tiny scale draws more members than records, members past
    the count get none. -#}
{% macro allocate(table_id, records) -%}
{%- set t = table_id -%}
{%- set extra = 'greatest(' ~ records ~ ' - members_' ~ t ~ ', 0)' -%}
{%- set before = muldiv(extra, 'cw_' ~ t ~ ' - w_' ~ t, 'total_w_' ~ t) -%}
{%- set upto = muldiv(extra, 'cw_' ~ t, 'total_w_' ~ t) -%}
CASE WHEN in_{{ t }} AND rank_{{ t }} < {{ records }}
     THEN 1 + {{ upto }} - {{ before }} ELSE 0 END AS n_{{ t }},
CASE WHEN in_{{ t }} AND rank_{{ t }} < {{ records }}
     THEN rank_{{ t }} + {{ before }} END AS first_{{ t }}
{%- endmacro %}

{#- The running sums `allocate` needs, as window columns over the persons table. -#}
{% macro allocation_windows(table_id) -%}
{%- set t = table_id -%}
{#- sums as BIGINT: DuckDB widens a sum of BIGINTs to HUGEINT, Spark keeps BIGINT -#}
CAST(sum(CAST(in_{{ t }} AS BIGINT)) OVER by_person AS BIGINT) - 1 AS rank_{{ t }},
CAST(sum(w_{{ t }}) OVER by_person AS BIGINT) AS cw_{{ t }},
CAST(sum(CAST(in_{{ t }} AS BIGINT)) OVER () AS BIGINT) AS members_{{ t }},
greatest(CAST(sum(w_{{ t }}) OVER () AS BIGINT), 1) AS total_w_{{ t }}
{%- endmacro %}

{#- One row per record of a source, from the persons table: `record_no` numbers the source's
    records 0..n-1, `nth` is the record's index within its person; for e-commerce and POS,
    `group_no` identifies the order or basket (a run of consecutive lines of one person).
    Reads the materialised persons table, so DuckDB scans it with every thread. The expansion
    sits in a SELECT list, not in a LATERAL subquery: DuckDB 1.5 (the CLI) plans the LATERAL
    form as a join, which writes the rows in thread order; both plan this form as an unnest,
    which keeps the persons table's order. -#}
{% macro source_rows(table_id) -%}
(SELECT r.*, r.first_{{ table_id }} + r.nth AS record_no
        {%- if table_id in ('ecom', 'pos') %},
        -- the order / basket: its first line's record number
        r.first_{{ table_id }} + {{ idiv('r.nth', lines_per_order('r.person_id')) }} * {{ lines_per_order('r.person_id') }} AS group_no
        {%- endif %}
 FROM ({{ repeated('p.*', P ~ 'persons AS p', 'p.n_' ~ table_id, 'nth', 'p.n_' ~ table_id ~ ' > 0') | indent(7) }}) AS r)
{%- endmacro %}

{#- The records of source `t` (source_rows) with the moment each was made, `record_second`:
    a record shows its person's identifiers as they were then, so one made before the
    person's change shows the old ones (noise_decisions). A CRM registration, a loyalty
    enrolment and an app install are made when they happen; an order line when its order is
    placed; a survey or a review about an order some time after the order, the others while
    the person is a customer. Surveys and reviews also get the order they are about
    (order_no, linked_order_no or verified_purchase, ordered_at).
    The sources read an order's time (and total) from order_totals (050). The truth of a
    large run passes in_order: its work table keeps the order rows come in, and a join would
    deliver them in thread order (900_truth_record_person.sql), so it computes the time again
    from the person's row (ecom_order_date, the value order_totals holds; for every row: a
    CASE that skips the persons who did not change costs more than it saves). -#}
{% macro timed_rows(t, in_order=false) -%}
{%- if t == 'crm' -%}
(SELECT r.*,
        -- the first registration is when the person became a customer; duplicates come later
        CASE WHEN r.nth = 0 THEN r.customer_since
             ELSE {{ moment_between('crm.created_at', 'r.record_no', 'r.customer_since', as_of_s) }} END
            AS record_second
 FROM {{ source_rows(t) }} AS r)
{%- elif t == 'ecom' and in_order -%}
(SELECT r.*, {{ ecom_order_date('r', 'r.group_no') }} AS record_second
 FROM {{ source_rows(t) }} AS r)
{%- elif t == 'ecom' -%}
(SELECT r.*, o.sold_at AS record_second, o.total_cents AS order_total_cents
 FROM {{ source_rows(t) }} AS r
 LEFT JOIN {{ P }}order_totals AS o ON o.group_no = r.group_no)
{%- elif t == 'loyalty' -%}
(SELECT r.*, {{ loyalty_enrolled_at('r', 'r.record_no') }} AS record_second
 FROM {{ source_rows(t) }} AS r)
{%- elif t == 'mobile' -%}
(SELECT r.*, {{ moment_between('mobile.first_open_date', 'r.record_no', 'r.customer_since', as_of_s - 86400) }}
                 AS record_second
 FROM {{ source_rows(t) }} AS r)
{%- elif t in ('survey', 'review') -%}
{%- if t == 'survey' -%}
{%- set about_order = 'r.linked_order_no IS NOT NULL' -%}
{%- set delay = between('survey.delay_seconds', 'r.record_no', 3600, 14 * 86400) -%}
{%- set rows -%}
(SELECT s.*,
        CASE WHEN s.survey_type = 'nps' THEN NULL
             WHEN s.survey_type = 'post_purchase' THEN s.order_no
             ELSE CASE WHEN s.n_ecom > 0 THEN s.order_no END END AS linked_order_no
 FROM (SELECT r.*,
              CASE WHEN r.n_ecom > 0
                   THEN {{ pick('survey.survey_type', 'r.record_no', {'post_purchase': 55, 'nps': 25, 'product_feedback': 20}) }}
                   ELSE {{ pick('survey.survey_type', 'r.record_no', {'nps': 60, 'product_feedback': 40}) }}
              END AS survey_type,
              -- one of the person's orders (only used when the person has some)
              r.first_ecom + {{ imod(rand('survey.order', 'r.record_no'), 'greatest(' ~ ecom_order_count('r') ~ ', 1)') }}
                  * {{ lines_per_order('r.person_id') }} AS order_no
       FROM {{ source_rows(t) }} AS r) AS s)
{%- endset -%}
{%- else -%}
{%- set about_order = 'r.verified_purchase' -%}
{%- set delay = between('review.delay_seconds', 'r.record_no', 3 * 86400, 60 * 86400) -%}
{%- set rows -%}
(SELECT l.*, {{ ecom_order_no('l', 'l.line_no - l.first_ecom') }} AS order_no
 FROM (SELECT r.*,
              r.n_ecom > 0 AND {{ chance('review.verified', 'r.record_no', 0.85) }} AS verified_purchase,
              -- a line of one of the person's orders
              r.first_ecom + {{ imod(rand('review.line', 'r.record_no'), 'greatest(r.n_ecom, 1)') }} AS line_no
       FROM {{ source_rows(t) }} AS r) AS l)
{%- endset -%}
{%- endif -%}
{#- about an order: some time after it; else while the person is a customer -#}
{%- set submitted -%}
CASE WHEN {{ about_order }} THEN least({{ as_of_s }}, r.ordered_at + {{ delay }})
     ELSE {{ moment_between(t ~ '.submitted_at', 'r.record_no', active_since('r'), as_of_s) }} END
{%- endset -%}
{%- if in_order -%}
(SELECT r.*, {{ submitted }} AS record_second
 FROM (SELECT r.*,
              CASE WHEN {{ about_order }} THEN {{ ecom_order_date('r', 'r.order_no') }} END AS ordered_at
       FROM {{ rows }} AS r) AS r)
{%- else -%}
(SELECT r.*, {{ submitted }} AS record_second
 FROM (SELECT r.*, o.sold_at AS ordered_at
       FROM {{ rows }} AS r
       LEFT JOIN {{ P }}order_totals AS o ON o.group_no = r.order_no) AS r)
{%- endif -%}
{%- else -%}
{{ source_rows(t) }}
{%- endif -%}
{%- endmacro %}

{#- The spec's tier of a person from the number of sources that hold them: the rule of
    plan.TIER_MINIMUMS (high_value from 5 sources, regular from 2, else one_time). -#}
{% macro tier_of(source_count) -%}
CASE {% for tier, least in tier_minimums %}{% if not loop.last %}WHEN {{ source_count }} >= {{ least }} THEN '{{ tier }}' {% else %}ELSE '{{ tier }}' {% endif %}{% endfor %}END
{%- endmacro %}
