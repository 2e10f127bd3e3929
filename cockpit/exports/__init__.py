"""`cockpit export`: the whole book as JSON, one CSV per table, or an iCalendar feed."""

from cockpit.exports.book_json import export_json
from cockpit.exports.common import ExportError
from cockpit.exports.csv_tables import CSV_TABLES, export_csv
from cockpit.exports.ics import export_ics, fold
from cockpit.exports.run import FORMATS, run_export

__all__ = [
    "CSV_TABLES",
    "FORMATS",
    "ExportError",
    "export_csv",
    "export_ics",
    "export_json",
    "fold",
    "run_export",
]
