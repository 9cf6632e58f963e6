{#-
  When things happen: the shape of retail time, in integer epoch seconds. An event is drawn as
  (week, weekday, time of day) so that each piece is one draw:
  - the week uniformly within the allowed span, except that a share `season_share` of events
    move to a November-December week (realism.TIME: about +30% per day in those months);
  - the weekday with weekday/weekend weights (online orders: about 60/40);
  - the time of day from dayparts with peaks around 12-14h and 18-20h, in the customer's
    local time (timestamps are stored as local times).
  Events never fall before `since` or after the end of history (as_of). Weeks start on
  Monday, counted on integer days: 1970-01-01, day 0, was a Thursday, so day d is a Monday
  when (d + 3) mod 7 = 0.
-#}
{% macro event_time(stream, key, since, profile='online', first=none) -%}
{%- set p = time_profiles[profile] -%}
{%- set since_day = idiv(since, 86400) -%}
{#- whole weeks only, from the Monday after `since` to the Monday of as_of's week, so no
    event falls outside [since, as_of] and none piles up at either end -#}
{%- set start_day = '(' ~ since_day ~ ' - ' ~ imod(since_day ~ ' + 3', 7) ~ ' + 7)' -%}
{%- set weeks = idiv('greatest(' ~ as_of_monday ~ ' - ' ~ start_day ~ ', 0)', 7) -%}
{#- `first`: a condition marking the first event of a customer who signed up during the
    history, which falls in the first four weeks (people sign up when they first buy; spread
    over the rest of the history, the first events of late sign-ups would pile up at its end) -#}
{%- if first is not none -%}
{%- set weeks = '(CASE WHEN ' ~ first ~ ' THEN least(' ~ weeks ~ ', 4) ELSE ' ~ weeks ~ ' END)' -%}
{%- endif -%}
{%- set season_year = '(' ~ as_of_year ~ ' - ' ~ imod(rand(stream ~ ':season_year', key),
                                                     as_of_year ~ ' - ' ~ year_of(since) ~ ' + 1') ~ ')' -%}
{%- set season_days = '(' ~ november_first(season_year) ~ ' - ' ~ start_day ~ ')' -%}
{%- set season_week = '(' ~ idiv('greatest(' ~ season_days ~ ', 0)', 7) ~ ' + '
      ~ imod(rand(stream ~ ':season_week', key), 9) ~ ')' -%}
{%- set week = 'CASE WHEN ' ~ chance(stream ~ ':season', key, p.season_share) ~ ' AND ' ~ season_days
      ~ ' >= 0 AND ' ~ season_week ~ ' < ' ~ weeks ~ ' THEN ' ~ season_week
      ~ ' ELSE ' ~ uniform_int(stream ~ ':week', key, weeks) ~ ' END' -%}
{%- set day = pick(stream ~ ':weekday', key, p.weekdays, quote=false) -%}
{%- set hour = pick(stream ~ ':daypart', key, p.dayparts, quote=false) -%}
{%- set seconds = '((' ~ start_day ~ ' + 7 * (' ~ week ~ ') + ' ~ day ~ ') * 86400 + (' ~ hour ~ ') * 3600 + '
      ~ imod(rand(stream ~ ':second', key), p.daypart_hours * 3600) ~ ')' -%}
{{ either(weeks ~ ' >= 1', seconds, timestamp_between(stream ~ ':short', key, since, as_of_s)) }}
{%- endmacro %}

{#- The calendar year of a time in epoch seconds, within the generated history (the years'
    first seconds are computed at render time). -#}
{% macro year_of(seconds) -%}
CASE{% for y in calendar_years[1:] %} WHEN {{ seconds }} < {{ y.first_second }} THEN {{ y.year - 1 }}{% endfor %} ELSE {{ calendar_years[-1].year }} END
{%- endmacro %}

{#- The epoch day of November 1st of a year of the history. -#}
{% macro november_first(year) -%}
CASE {{ year }}{% for y in calendar_years %} WHEN {{ y.year }} THEN {{ y.november_first_day }}{% endfor %} END
{%- endmacro %}

{#- A time in [lo, hi] (epoch seconds) at the hours people do things: the day uniformly among
    the whole days strictly inside the span, the time of day from `profile`'s dayparts (local
    time; sign-ups, enrolments and app installs follow the online shape). Spans of under three
    days fall back to a uniform time. -#}
{% macro moment_between(stream, key, lo, hi, profile='online') -%}
{%- set p = time_profiles[profile] -%}
{%- set first_day = '(' ~ idiv(lo, 86400) ~ ' + 1)' -%}
{%- set days = '(' ~ idiv(hi, 86400) ~ ' - ' ~ first_day ~ ')' -%}
{%- set hour = pick(stream ~ ':daypart', key, p.dayparts, quote=false) -%}
{%- set seconds = '((' ~ first_day ~ ' + ' ~ uniform_int(stream ~ ':day', key, 'greatest(' ~ days ~ ', 1)')
      ~ ') * 86400 + (' ~ hour ~ ') * 3600 + ' ~ imod(rand(stream ~ ':second', key), p.daypart_hours * 3600) ~ ')' -%}
{{ either(days ~ ' >= 1', seconds, timestamp_between(stream, key, lo, hi)) }}
{%- endmacro %}

{#- From when a person's purchases, visits and reviews fall in the generated history: the
    sign-up, or the history's start for the customers who were already there. -#}
{% macro active_since(r) -%}
greatest({{ r }}.customer_since, {{ history_start_s }})
{%- endmacro %}

{#- When a loyalty membership began (record `key` of loyalty_members): at a store visit after
    the person became a customer. The card of the first membership is the one scanned in
    store, from that day on. -#}
{% macro loyalty_enrolled_at(r, key) -%}
{{ moment_between('loyalty.enrollment_date', key, r ~ '.customer_since', as_of_s - 86400, 'store') }}
{%- endmacro %}

{#- Whether order or basket `group_no` is the first of its person in source `t`, for a
    person who signed up during the history (see event_time's `first`). -#}
{% macro first_event(r, group_no, t) -%}
({{ group_no }} = {{ r }}.first_{{ t }} AND {{ r }}.customer_since >= {{ history_start_s }})
{%- endmacro %}
