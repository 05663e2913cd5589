"""The yearly hours report of one volunteer at one organisation, as a printable page and as CSV.

It supports the application for the Kompetenznachweis Ehrenamt Niedersachsen, which asks for at least 80 hours
of voluntary work a year. Only hours the organisation itself logged are counted: each organisation certifies
its own part, never another's.
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import formats
from django.utils.translation import gettext as _

from .models import HoursEntry

COMPETENCE_THRESHOLD = Decimal(80)  # hours a year for the Kompetenznachweis Ehrenamt Niedersachsen
EARLIEST_YEAR = 2000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class YearlyHours:
    volunteer: object
    organisation: object
    year: int
    entries: list = field(default_factory=list)
    total: Decimal = Decimal(0)

    @property
    def meets_threshold(self):
        return self.total >= COMPETENCE_THRESHOLD

    @property
    def missing(self):
        return max(COMPETENCE_THRESHOLD - self.total, Decimal(0))

    @property
    def threshold(self):
        return COMPETENCE_THRESHOLD


def yearly_hours(volunteer, organisation, year):
    """Every entry `organisation` logged for `volunteer` in `year` (oldest first) and their sum."""
    entries = list(
        HoursEntry.objects.filter(volunteer=volunteer, organisation=organisation, date__year=year)
        .select_related("opportunity").order_by("date", "pk")
    )
    total = sum((entry.hours for entry in entries), Decimal(0))
    return YearlyHours(volunteer=volunteer, organisation=organisation, year=year, entries=entries, total=total)


def yearly_totals(organisation, volunteer=None):
    """[{"volunteer": pk, "year": year, "total": Decimal}] for every person (or only `volunteer`) and year the
    organisation logged hours for, newest year first."""
    entries = HoursEntry.objects.filter(organisation=organisation)
    if volunteer is not None:
        entries = entries.filter(volunteer=volunteer)
    return list(
        entries.annotate(year=ExtractYear("date")).values("volunteer", "year").annotate(total=Sum("hours"))
        .order_by("-year", "volunteer")
    )


def years_with_hours(volunteer, organisation):
    return [row["year"] for row in yearly_totals(organisation, volunteer=volunteer)]


def format_hours(value):
    return formats.number_format(value, decimal_pos=2, use_l10n=True)


def _cell(value):
    """A value for a spreadsheet cell; text that a spreadsheet would run as a formula is kept as text."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(report, stream):
    """The report as semicolon-separated rows (what spreadsheets in German settings open directly): one row per
    entry and a final row with the total."""
    writer = csv.writer(stream, delimiter=";")
    name, organisation = report.volunteer.name, report.organisation.name
    writer.writerow([_("Ehrenamtliche Person"), _("Organisation"), _("Datum"), _("Stunden"), _("Tätigkeit"),
                     _("Ehrenamtsangebot")])
    for entry in report.entries:
        writer.writerow([_cell(name), _cell(organisation), formats.date_format(entry.date, "SHORT_DATE_FORMAT"),
                         format_hours(entry.hours), _cell(entry.activity),
                         _cell(entry.opportunity.title if entry.opportunity else "")])
    writer.writerow([_cell(name), _cell(organisation), _("Summe %(year)d") % {"year": report.year},
                     format_hours(report.total), "", ""])
