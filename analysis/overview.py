"""The national overview's paragraphs and tables: see :mod:`analysis.story.overview` (kept for old imports)."""
from .story.overview import (  # noqa: F401
    access_paragraph,
    besieged_batches,
    destinations_paragraph,
    distinct_totals,
    evacuations_chart_text,
    evacuations_paragraph,
    largest_evacuations,
    map_paragraph,
    national_paragraph,
    sieges_chart_text,
    sieges_paragraph,
)
