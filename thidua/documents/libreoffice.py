"""DOCX → PDF with LibreOffice headless (``soffice``), for files officials edited in Word.

Each call runs its own ``soffice`` with a private, throw-away profile, so concurrent calls never share a
profile lock; the price is LibreOffice's start-up time (one to a few seconds). Debian: ``apt-get install
libreoffice-writer-nogui fonts-liberation2`` (Liberation Serif 2.x has Times New Roman's metrics and the
Vietnamese letters; Liberation 1.x lacks them and LibreOffice would fall back to DejaVu for ộ, ậ, ự …).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = "install LibreOffice: apt-get install -y libreoffice-writer-nogui fonts-liberation2"
_CANDIDATES = ["soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice",
               "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]


class ConversionError(RuntimeError):
    pass


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when LibreOffice is not installed."""
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def docx_to_pdf(data: bytes, *, timeout: float = 180) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes); raises :class:`ConversionError` with LibreOffice's output."""
    soffice = soffice_path()
    if soffice is None:
        raise ConversionError(f"LibreOffice (soffice) was not found: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="thidua-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(data)
        out = folder / "out"
        out.mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), str(source),
        ]
        env = {**os.environ, "HOME": str(folder), "SAL_USE_VCLPLUGIN": "svp"}
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice did not finish within {timeout:g} s") from exc
        pdf = out / "document.pdf"
        if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            detail = (result.stdout + result.stderr).decode("utf-8", "replace").strip()
            raise ConversionError(
                f"LibreOffice could not convert the document (exit {result.returncode}): {detail}")
        return pdf.read_bytes()
