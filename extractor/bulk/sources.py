"""What a bulk run reads: the documents of a folder (recursive), a glob or a zip archive.

    for source in enumerate_input("protocols.zip"):
        data = source.read()          # bytes, or raises a coded ProtokolError
        print(source.name, sha256(data))

Sources are listed first (cheap: names only) and read one at a time, so memory stays bounded
whatever the size of the input. A zip member is unpacked with the reader limits (`readers.Limits`):
its declared size, its compression ratio and the bytes actually unpacked are all checked, so a zip
bomb member becomes a coded error for that one document, never a crash of the run.
"""
from __future__ import annotations

import glob
import hashlib
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from extractor import errors
from extractor.errors import ProtokolError
from extractor.readers import Limits

# files of a folder or an archive that are read; anything else (gold JSON, READMEs, images) is not
EXTENSIONS = frozenset({"txt", "pdf", "docx", "doc", "rtf", "odt", "html", "htm", "eml"})
_GLOB_CHARS = set("*?[")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Source:
    """One document of the input: a display name (its path, or `archive.zip!member`) and a reader."""

    name: str
    read: Callable[[], bytes]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _wanted(name: str, extensions: frozenset[str] | None) -> bool:
    if extensions is None:
        return True
    base = name.rsplit("/", 1)[-1]
    return "." in base and base.rsplit(".", 1)[1].lower() in extensions and not base.startswith("~$")


def _file_reader(path: str, limits: Limits) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            size = os.path.getsize(path)
            if size > limits.max_bytes:
                raise errors.too_large(size, limits.max_bytes)
            with open(path, "rb") as f:
                return f.read()
        except FileNotFoundError:
            raise errors.file_not_found(path) from None
        except OSError as exc:
            raise errors.unreadable_file(path, exc.strerror or type(exc).__name__) from None
    return read


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """The bytes of one archive member, refused (E015/E017/E019) when it is too big or damaged."""
    label = f"{Path(zf.filename or '').name}!{info.filename}"
    if info.file_size > limits.max_bytes:
        raise errors.too_large(info.file_size, limits.max_bytes, f"the archive member {info.filename}")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
        raise errors.archive_member_too_large(label, f"compression ratio {ratio:.0f}:1")
    chunks, total = [], 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):   # the declared size may lie: count what comes out
                total += len(chunk)
                if total > limits.max_bytes:
                    raise errors.archive_member_too_large(label, f"more than {limits.max_bytes / 1e6:.1f} MB")
                chunks.append(chunk)
    except ProtokolError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError,
            OSError, ValueError) as exc:   # bad CRC, unknown compression, encrypted member, truncated
        raise errors.corrupt_archive_member(label, str(exc) or type(exc).__name__) from None
    return b"".join(chunks)


def _zip_sources(archive: str, limits: Limits, extensions: frozenset[str] | None) -> list[Source]:
    try:
        zf = zipfile.ZipFile(archive)   # kept open for the run: the central directory is read once
        infos = [i for i in zf.infolist() if not i.is_dir() and _wanted(i.filename, extensions)
                 and not i.filename.startswith("__MACOSX/")]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ProtokolError("E019", f"the archive {archive} cannot be opened ({exc})") from None
    return [Source(f"{archive}!{i.filename}", (lambda i=i: read_member(zf, i, limits)))
            for i in sorted(infos, key=lambda i: i.filename)]


def enumerate_input(spec: str, limits: Limits | None = None,
                    extensions: frozenset[str] | None = EXTENSIONS) -> list[Source]:
    """The documents of INPUT, sorted by name: a folder (recursive, by extension), a glob (every file
    it matches; `**` recurses) or a .zip archive (its members, by extension).

    Raises ProtokolError E004 when INPUT matches nothing that exists."""
    limits = limits or Limits()
    path = Path(spec)
    if path.is_dir():
        files = sorted(str(p) for p in path.rglob("*") if p.is_file() and _wanted(p.name, extensions))
        return [Source(f, _file_reader(f, limits)) for f in files]
    if path.is_file() and zipfile.is_zipfile(spec) and path.suffix.lower() == ".zip":
        return _zip_sources(spec, limits, extensions)
    if path.is_file():
        return [Source(spec, _file_reader(spec, limits))]
    if _GLOB_CHARS & set(spec):
        files = sorted(f for f in glob.glob(spec, recursive=True) if os.path.isfile(f))
        if files:
            return [Source(f, _file_reader(f, limits)) for f in files]
    raise errors.file_not_found(spec)
