"""Optional conversion of .doc / .rtf / .odt to DOCX with LibreOffice, only when `soffice` is on PATH.

Never required: without LibreOffice these formats are refused with E010.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.readers.limits import Budget, Limits

_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}


def convert_to_docx(data: bytes, kind: str, limits: Limits, budget: Budget) -> bytes | None:
    """DOCX bytes converted by `soffice --headless --convert-to docx`, or None when not possible."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or budget.left() <= 1:
        return None
    with tempfile.TemporaryDirectory(prefix="protokol-") as tmp:
        src = Path(tmp) / ("input" + _SUFFIX.get(kind, ".bin"))
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
               "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=max(1.0, budget.left()), check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        out = Path(tmp) / "input.docx"
        if not out.is_file() or out.stat().st_size > limits.max_bytes:
            return None
        return out.read_bytes()
