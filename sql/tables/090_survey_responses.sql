-- survey_responses: {{ records.survey }} responses. Customers with online orders mostly answer
-- post-purchase surveys about one of their own orders (order_id refers to ecom_transactions,
-- submitted after the order); others answer NPS and product-feedback surveys.
{% call copy_parquet(out, 'survey_responses', order_by='x.record_no') %}
WITH timed AS (
    -- the survey's type, the order it is about and when it was submitted come with the
    -- records (timed_rows in sql/macros/graph.sql)
    SELECT r.*, r.record_second AS submitted_second,
           -- promoters dominate; scores cluster high (NPS-style distribution)
           {{ pick('survey.nps_score', 'r.record_no',
                   {10: 22, 9: 20, 8: 17, 7: 11, 6: 7, 5: 7, 4: 4, 3: 4, 2: 3, 1: 2, 0: 3}, quote=false) }} AS nps_score,
           -- the product of the order's first line, as drawn
           {{ line_product_no('ecom.product_id', 'r.order_no') }} AS drawn_order_product,
           {{ line_product_no('survey.product_id', 'r.record_no') }} AS drawn_product
    FROM {{ noisy_rows('survey') }} AS r
), candidate AS (
    -- the order's product when linked to an order, else one of the survey's own drawing
    SELECT t.*,
           CASE WHEN t.linked_order_no IS NOT NULL THEN t.drawn_order_product ELSE t.drawn_product END
               AS candidate_product,
           CASE WHEN t.linked_order_no IS NOT NULL THEN t.ordered_at ELSE t.submitted_second END AS candidate_at
    FROM timed AS t
), scored AS (
    SELECT s.*,
           {{ product_on_sale('s.candidate_product', 's.candidate_at') }} AS product_no,
           CASE WHEN s.nps_score >= 9 THEN 'positive' WHEN s.nps_score >= 7 THEN 'neutral' ELSE 'negative' END
               AS sentiment,
           -- satisfaction follows the NPS score, give or take one point: round(nps / 2.5 + 0.6)
           -- is (4 nps + 11) div 10 for scores 0..10 (no halves to round)
           CAST(least(5, greatest(1, {{ idiv('4 * s.nps_score + 11', 10) }}
                + {{ pick('survey.satisfaction_jitter', 's.record_no', {0: 70, 1: 15, -1: 15}, quote=false) }})) AS INTEGER)
               AS satisfaction_rating
    FROM candidate AS s
    {{ join_drawn_product('s.candidate_product') }}
)
SELECT {{ source_key('survey', 'x.record_no') }} AS response_id,
       x.survey_type,
       {{ source_email('survey', 'x') }} AS email,
       CASE WHEN x.linked_order_no IS NOT NULL THEN {{ ecom_order_id('x.linked_order_no') }} END
           AS order_id,
       CASE WHEN x.survey_type <> 'nps' THEN {{ product_id('x.product_no') }} END AS product_id,
       CASE WHEN x.survey_type = 'product_feedback' THEN NULL ELSE x.nps_score END AS nps_score,
       x.satisfaction_rating,
       CASE WHEN {{ chance('survey.feedback_given', 'x.record_no', 0.6) }} THEN ph.phrase END AS feedback_text,
       {{ timestamp_of('x.submitted_second') }} AS submitted_at,
       {{ with_defects('survey', 'completion_time_seconds',
            'CAST(greatest(15, ' ~ lognormal('survey.completion_time_seconds', 'x.record_no', 95, 600) ~ ') AS INTEGER)',
            'x.record_no') }} AS completion_time_seconds
FROM scored AS x
{{ join_pick('survey_phrases', 'ph', "left(x.locale, 2) || ':' || x.sentiment", 'survey.feedback_text', 'x.record_no') }}
{% endcall %}
