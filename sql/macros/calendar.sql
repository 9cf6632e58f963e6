{#-
  When things happen: the shape of retail time. An event is drawn as (week, weekday, time of
  day) so that each piece is one draw:
  - the week uniformly within the allowed span, except that a share `season_share` of events
    move to a November-December week (realism.TIME: about +30% per day in those months);
  - the weekday with weekday/weekend weights (online orders: about 60/40);
  - the time of day from dayparts with peaks around 12-14h and 18-20h, in the customer's
    local time (timestamps are stored as local times).
  Events never fall before `since` or after `until`.
-#}
{% macro event_time(stream, key, since, until, profile='online') -%}
{%- set p = time_profiles[profile] -%}
{#- whole weeks only, from the Monday after `since` to the Monday of `until`'s week, so no
    event falls outside [since, until] and none piles up at either end -#}
{%- set start = "(date_trunc('week', CAST(" ~ since ~ " AS TIMESTAMP)) + INTERVAL 7 DAY)" -%}
{%- set weeks = "date_diff('week', " ~ start ~ ", CAST(" ~ until ~ " AS TIMESTAMP))" -%}
{%- set season_year = "year(CAST(" ~ until ~ " AS TIMESTAMP)) - " ~ rand(stream ~ ':season_year', key)
      ~ " % (year(CAST(" ~ until ~ " AS TIMESTAMP)) - year(CAST(" ~ since ~ " AS TIMESTAMP)) + 1)" -%}
{%- set season_week = "(date_diff('week', " ~ start ~ ", CAST(make_date(" ~ season_year ~ ", 11, 1) AS TIMESTAMP)) + "
      ~ rand(stream ~ ':season_week', key) ~ " % 9)" -%}
{%- set uniform_week = 'CAST(floor(' ~ uniform(stream ~ ':week', key) ~ ' * (' ~ weeks ~ ')) AS BIGINT)' -%}
{%- set week = 'CASE WHEN ' ~ chance(stream ~ ':season', key, p.season_share) ~ ' AND ' ~ season_week
      ~ ' BETWEEN 0 AND ' ~ weeks ~ ' - 1 THEN ' ~ season_week ~ ' ELSE ' ~ uniform_week ~ ' END' -%}
{%- set day = pick(stream ~ ':weekday', key, p.weekdays, quote=false) -%}
{%- set hour = pick(stream ~ ':daypart', key, p.dayparts, quote=false) -%}
{%- set seconds = '(7 * (' ~ week ~ ') + ' ~ day ~ ') * 86400 + (' ~ hour ~ ') * 3600 + '
      ~ rand(stream ~ ':second', key) ~ ' % ' ~ (p.daypart_hours * 3600) -%}
{{ either(weeks ~ ' >= 1', add_seconds(start, seconds), timestamp_between(stream ~ ':short', key, since, until)) }}
{%- endmacro %}
