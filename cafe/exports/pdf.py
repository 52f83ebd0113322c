"""A summary as an A4 PDF, rendered by WeasyPrint from an HTML template."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import CSS, HTML

from .charts import bar_chart
from .tables import Summary, display

MEDIA_TYPE = "application/pdf"
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates" / "exports"
_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["display"] = display
_environment.globals["bar_chart"] = bar_chart


def render_html(summary: Summary) -> str:
    return _environment.get_template("summary.html").render(summary=summary)


def encode(summary: Summary) -> bytes:
    """A tagged PDF (PDF/UA where WeasyPrint allows) with title and language set."""
    html = HTML(string=render_html(summary), base_url=str(TEMPLATES))
    return html.write_pdf(
        stylesheets=[CSS(filename=str(TEMPLATES / "summary.css"))],
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )
