"""Administrative documents laid out by Nghị định 30/2020/NĐ-CP (DOCX and PDF), shared by every domain.

A domain turns its object into a neutral :class:`~thidua.documents.nd30.AdminDocument` (see
:mod:`thidua.movements.document` for a movement's Kế hoạch); :func:`~thidua.documents.nd30.build_docx` and
:func:`~thidua.documents.nd30.build_pdf` lay it out.
"""
