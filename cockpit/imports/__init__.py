"""`cockpit import`: CRM exports (CSV, vCard) and whole books (JSON) into the book.

The public entry points; the modules behind them are one per job: options, columns and
vendor profiles (the header), csv_file (reading), values (cells), rows/deals/people/plan
(planning against the book), report, run (writing it as one undoable command).
"""

from cockpit.imports.book_json import BookReport, import_book
from cockpit.imports.options import ImportInputError, ImportOptions
from cockpit.imports.report import report_json, report_text
from cockpit.imports.run import ImportReport, import_file

__all__ = [
    "BookReport",
    "ImportInputError",
    "ImportOptions",
    "ImportReport",
    "import_book",
    "import_file",
    "report_json",
    "report_text",
]
