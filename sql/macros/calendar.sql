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
{% macro event_time(stream, key, since, profile='online') -%}
{%- set p = time_profiles[profile] -%}
{%- set since_day = idiv(since, 86400) -%}
{#- whole weeks only, from the Monday after `since` to the Monday of as_of's week, so no
    event falls outside [since, as_of] and none piles up at either end -#}
{%- set start_day = '(' ~ since_day ~ ' - ' ~ imod(since_day ~ ' + 3', 7) ~ ' + 7)' -%}
{%- set weeks = idiv('greatest(' ~ as_of_monday ~ ' - ' ~ start_day ~ ', 0)', 7) -%}
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
