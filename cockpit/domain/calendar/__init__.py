"""The one calendar: dates, times, working days, weeks, fiscal quarters and years.

Every date rule in cockpit is answered here, on pendulum: month and year boundaries
(`start_of`/`end_of`), `add(months=)` clamped to the month's end, ISO weeks, times of
day that are valid wall-clock readings across daylight saving, elapsed-time shifts, and
"3d ago"/"in 2w". Quarters and fiscal years stay cockpit's rules: a fiscal year is named
by the calendar year it ends in, Q1 starts in `fiscal_start`; they are computed on
pendulum dates. Weeks for plans and reviews are ISO weeks (Monday to Sunday) whatever
the week start; the week start only shapes sow/eow.

Plain `datetime.date` stays the representation everywhere else: pendulum values never
leave this package, and the periods a hot loop asks for (a day's week or quarter) are
computed once and remembered. Stepping a plain date by days (`add_days`) is a thin
wrapper, as is the time-zone lookup (`zone`): both are on every `cockpit log`, which
imports pendulum only when a line holds a date word (DESIGN §9.7; ~25 ms to import).
"""

from .days import add_days, add_months, each_day, for_humans
from .periods import Calendar, Quarter, Week, iso_weeks_in
from .times import at_time, local_zone, seconds_between, shift_time, zone

__all__ = [
    "Calendar",
    "Quarter",
    "Week",
    "add_days",
    "add_months",
    "at_time",
    "each_day",
    "for_humans",
    "iso_weeks_in",
    "local_zone",
    "seconds_between",
    "shift_time",
    "zone",
]
