"""Many HTML documents to PDF with WeasyPrint, on several processes: WeasyPrint lays out one page after another on
one core, and a decision's thousand certificates are a thousand pages. The worker processes start fresh
(forkserver, never a fork of a threaded web process) and import only WeasyPrint: this module needs no Django.

`to_pdfs(htmls, workers)` yields the PDFs in the order of `htmls`; with one worker (or one document) it runs in the
calling process."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(font_config=_font_config())


def to_pdfs(htmls: Iterable[str], *, workers: int = 1, base_url: str | None = None) -> Iterator[bytes]:
    """The PDF of each HTML document, in order. At most `workers` documents are laid out at once, and at most
    twice as many wait: memory stays bounded whatever the number of documents."""
    if workers <= 1:
        for html in htmls:
            yield html_to_pdf(html, base_url)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque = deque()
        for html in htmls:
            pending.append(pool.submit(html_to_pdf, html, base_url))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
