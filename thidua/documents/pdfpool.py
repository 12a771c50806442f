"""HTML to PDF with WeasyPrint, its font configuration made once per process (fontconfig is slow to ask). This
module needs no Django. (A decision's thousand certificates no longer need WeasyPrint's layout on several
processes: `documents.binder` draws them over one shared page.)"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def font_config():
    """WeasyPrint's font configuration, made once per process."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(font_config=font_config())
