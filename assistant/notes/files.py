"""Writing an exported note to a file without leaking it.

A note holds sensitive personal data, so its file is created readable by its owner only
(0600), never through a symbolic link (someone could point one at a file of theirs, or at a
shared folder), and never over an existing file unless the caller says so. Overwriting
writes a new 0600 file next to the old one and renames it into place, so the old file is
replaced whole, a link put there meanwhile is replaced rather than followed, and a failure
leaves the old file as it was. Every operating-system error becomes one Danish sentence.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from assistant.notes.errors import StoreError

MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)

# errno -> why, in Danish; {folder} is the folder the file was to be written in.
_REASONS = {
    errno.ENOENT: "mappen {folder} findes ikke",
    errno.ENOTDIR: "{folder} er ikke en mappe",
    errno.EACCES: "du har ikke adgang til at skrive i mappen {folder}",
    errno.EPERM: "du har ikke adgang til at skrive i mappen {folder}",
    errno.ENOSPC: "disken er fuld",
    getattr(errno, "EDQUOT", errno.ENOSPC): "der er ikke mere plads til dig på disken",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.EISDIR: "der er en mappe med det navn",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.ELOOP: "navnet er en genvej (et symbolsk link), og Samtale skriver aldrig gennem en genvej",
    errno.EIO: "disken gav en fejl under skrivningen",
}


class ExportError(StoreError):
    """The note could not be written to the file; the message is one Danish sentence."""


class FileExists(ExportError):
    """There is a file of that name already; ask before overwriting it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Filen {path} findes allerede.")


def write_private(path: Path, text: str, *, overwrite: bool = False, what: str = "Noten") -> None:
    """Write ``text`` (UTF-8) to a new file ``path`` with mode 0600; ``what`` is written (the
    subject of the messages: "Noten", "Spørgeskemaet").

    Raises FileExists if a file of that name exists (unless ``overwrite``), and ExportError if
    the name is a symbolic link, a folder or something else that is not a plain file, or if
    the system refused the write.
    """
    data = text.encode("utf-8")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(path, exc, what) from None
    if st is None:
        _create(path, data, what)
        return
    if stat.S_ISLNK(st.st_mode):
        raise _link(path, what)
    if stat.S_ISDIR(st.st_mode):
        raise _refused(path, _REASONS[errno.EISDIR], what)
    if not stat.S_ISREG(st.st_mode):
        raise _refused(path, "det er ikke en almindelig fil", what)
    if not overwrite:
        raise FileExists(path)
    _replace(path, data, what)


def _create(path: Path, data: bytes, what: str) -> None:
    try:
        fd = os.open(path, _CREATE, MODE)
    except FileExistsError:  # made since we looked (a file, or a link: O_EXCL never follows)
        if os.path.islink(path):
            raise _link(path, what) from None
        raise FileExists(path) from None
    except OSError as exc:
        raise _error(path, exc, what) from None
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, MODE)  # the mode given to open is filtered by the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        _remove(path)  # nothing half-written is left behind
        raise _error(path, exc, what) from None


def _replace(path: Path, data: bytes, what: str) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    _create(temporary, data, what)
    try:
        if os.path.islink(path):  # put there since we looked: replace nothing, follow nothing
            raise _link(path, what)
        os.replace(temporary, path)  # a rename never follows a link at the target
    except OSError as exc:
        _remove(temporary)
        raise _error(path, exc, what) from None
    except ExportError:
        _remove(temporary)
        raise


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _link(path: Path, what: str) -> ExportError:
    return ExportError(
        f"{what} er ikke eksporteret: {path} er en genvej (et symbolsk link), og Samtale "
        "skriver aldrig gennem en genvej. Vælg et andet filnavn."
    )


def why(path: Path, exc: OSError) -> str:
    """Why the system refused to write ``path``, in Danish (no full stop)."""
    folder = path.parent if str(path.parent) else Path(".")
    reason = _REASONS.get(exc.errno or 0)
    if exc.errno == errno.ENOENT and folder.is_dir():  # the folder is there: not the reason
        reason = None
    if reason is None:
        reason = f"systemet afviste det ({exc.strerror or exc})"
    return reason.format(folder=folder)


def _error(path: Path, exc: OSError, what: str) -> ExportError:
    return _refused(path, why(path, exc), what)


def _refused(path: Path, reason: str, what: str) -> ExportError:
    return ExportError(f"{what} kunne ikke skrives til {path}: {reason}.")
