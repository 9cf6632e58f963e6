-- product_reviews: {{ records.review }} reviews. Online customers mostly review something they
-- bought (verified purchase, after the order); ratings are J-shaped and the text agrees with
-- the rating.
{% call copy_parquet(out, 'product_reviews', order_by='x.record_no') %}
WITH dated AS (
    -- whether the review is of a purchase, the line bought, its order and when the review
    -- was submitted come with the records (timed_rows in sql/macros/graph.sql)
    SELECT r.*, r.record_second AS submitted_second,
           {{ pick('review.rating', 'r.record_no', {5: 52, 4: 18, 3: 9, 2: 7, 1: 14}, quote=false) }} AS rating,
           {{ line_product_no('ecom.product_id', 'r.line_no') }} AS drawn_line_product,
           {{ line_product_no('review.product_id', 'r.record_no') }} AS drawn_product
    FROM {{ noisy_rows('review') }} AS r
), candidate AS (
    -- the bought line's product for a verified purchase, else one of the review's own drawing
    SELECT d.*,
           CASE WHEN d.verified_purchase THEN d.drawn_line_product ELSE d.drawn_product END AS candidate_product,
           CASE WHEN d.verified_purchase THEN d.ordered_at ELSE d.submitted_second END AS candidate_at
    FROM dated AS d
), placed AS (
    SELECT c.*, {{ product_on_sale('c.candidate_product', 'c.candidate_at') }} AS product_no
    FROM candidate AS c
    {{ join_drawn_product('c.candidate_product') }}
)
SELECT {{ source_key('review', 'x.record_no') }} AS review_id,
       {{ product_id('x.product_no') }} AS product_id,
       CASE WHEN x.n_ecom > 0 AND {{ chance('review.user_linked', 'x.record_no', 0.8) }}
            THEN {{ ecom_user_id('x.person_id') }} END AS reviewer_user_id,
       {{ source_email('review', 'x') }} AS reviewer_email,
       CASE {{ pick('review.display_style', 'x.record_no', {'first_initial': 45, 'first': 22, 'handle': 23, 'last_comma_first': 10}) }}
            WHEN 'first_initial' THEN x.first_name_latin || ' ' || left(x.last_name_latin, 1) || '.'
            WHEN 'last_comma_first' THEN x.last_name_latin || ', ' || x.first_name_latin
            WHEN 'first' THEN x.first_name_latin
            ELSE lower(x.first_name_latin) || {{ as_text(between('review.handle_number', 'x.record_no', 1, 999)) }}
       END AS reviewer_display_name,
       x.rating,
       title.phrase AS review_title,
       body.phrase AS review_text,
       x.verified_purchase,
       -- heavy-tailed: most reviews get no votes, a few get hundreds
       CAST(least(2000, {{ idiv(pareto_micro('review.helpful_votes', 'x.record_no', 1.1, 5000), 1000000) }} - 1) AS INTEGER)
           AS helpful_votes,
       {{ timestamp_of('x.submitted_second') }} AS submitted_at
FROM placed AS x
{{ join_pick('review_phrases', 'title', "left(x.locale, 2) || ':' || " ~ as_text('x.rating') ~ " || ':title'", 'review.review_title', 'x.record_no') }}
{{ join_pick('review_phrases', 'body', "left(x.locale, 2) || ':' || " ~ as_text('x.rating') ~ " || ':body'", 'review.review_text', 'x.record_no') }}
{% endcall %}

