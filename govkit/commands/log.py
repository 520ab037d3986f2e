"""`govkit log`: append one event to a team's activity log, safely.

The event is validated before anything is written. The new text is the old text with the
event appended as YAML lines, so comments and layout stay as the team wrote them. Writers
take a lock beside the log, re-read it under the lock, write a temporary file in the same
folder, flush it to disk and rename it over the log: a crash leaves the old log or the new
one, never half of one, and concurrent writers never lose each other's events. Within a charter
repo, the log, its lock and its temporary file stay inside it: links leading out are refused.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from govkit.confine import FileProblem, read_limited, writable_inside
from govkit.errors import GovkitError
from govkit.evidence.activity import BUILTIN_EVENT_TYPES
from govkit.evidence.charter import Charter
from govkit.evidence.files import activity_findings, document_findings
from govkit.load import MAX_BYTES, Document, load_bytes
from govkit.model import Finding
from govkit.wording import TYPO_LETTERS

EVENT_TYPES = BUILTIN_EVENT_TYPES
NEW_LOG = "# What the team did, oldest first. Add events with `govkit log TEAM TYPE`.\ngovkit: 1\nevents: []\n"


@dataclass(frozen=True, slots=True)
class NewEvent:
    day: dt.date
    type: str
    summary: str | None = None
    by: str | None = None
    metric: str | None = None
    value: float | None = None
    ref: str | None = None

    def fields(self) -> list[tuple[str, object]]:
        pairs: list[tuple[str, object]] = [("date", self.day.isoformat()), ("type", self.type)]
        for key in ("metric", "value", "ref", "summary", "by"):
            if getattr(self, key) is not None:
                pairs.append((key, getattr(self, key)))
        return pairs


def append_event(
    charter: Charter,
    log: Path,
    event: NewEvent,
    shown_as: str,
    event_types: Sequence[str] = EVENT_TYPES,
    *,
    root: Path | None = None,
) -> None:
    """Validate `event` against the charter, its policy's `event_types` and the log as it is, then append it atomically.

    With `root` (the charter repo), nothing is read or written through a link leading out of it."""
    if root is not None:
        log = writable_inside(log, root)
    if log.is_dir():
        raise GovkitError(f"{shown_as} is a folder; the activity log must be a file. Move the folder away.")
    with _locked(log, root, shown_as):
        original = _read(log, shown_as, follow_links=root is None)
        doc = _sound(original, log, shown_as, charter, event_types)
        _check(event, charter, doc.data["events"], event_types)
        written = _check_alone(event)
        updated = _appended(original.decode("utf-8-sig"), doc, event)
        _check_reads_back(updated, [*doc.data["events"], written], log, shown_as)
        bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""  # kept as the editor wrote it
        _replace(log, bom + updated.encode())


def event_warnings(charter: Charter, event: NewEvent, shown_as: str) -> list[str]:
    """What to tell the person who recorded `event`, which was recorded all the same."""
    warnings = []
    if event.by is not None and charter.member(event.by) is None:
        text = f"--by {event.by} is not a member of {charter.team}; the event is recorded as given."
        close = charter.closest_member(event.by)
        if close is not None and close[2] <= TYPO_LETTERS:
            text += f" Did you mean {close[1]} ({close[0].name})? To correct it, change its `by:` line at the end of {shown_as}."
        elif close is not None:
            text += f" The closest member is {close[1]} ({close[0].name}); check the email, or leave it for someone outside the team."
        warnings.append(text)
    start = charter.timebox.start
    if event.day < start:
        warnings.append(
            f"{event.day} is before the time box starts on {start}, so this {event.type} will not count towards "
            "any agreement; it is recorded as history."
        )
    return warnings


def _read(log: Path, shown_as: str, *, follow_links: bool) -> bytes:
    """The log as it is (a new one when there is none yet), bounded like every governance file."""
    if not os.path.lexists(log):
        return NEW_LOG.encode()
    try:
        return read_limited(log, shown_as, MAX_BYTES, follow_links=follow_links)
    except FileProblem as problem:
        raise GovkitError(f"{problem} Nothing was written.") from None
    except OSError as exc:
        raise GovkitError(f"Cannot read {shown_as}: {exc.strerror or exc}. Nothing was written.") from None


def _check_reads_back(updated: str, expected: list[object], log: Path, shown_as: str) -> None:
    """Never write what does not read back as exactly the old events and the new one."""
    try:
        same = _sound(updated.encode(), log, shown_as, None).data["events"] == expected
    except GovkitError:
        same = False
    if not same:
        raise GovkitError(
            f"{shown_as} is laid out in a way govkit cannot append to safely; nothing was written. "
            "Write its events one per line (`- date: ...`) and try again."
        )


def _alone(event: NewEvent) -> bytes:
    """A log holding just `event`, as govkit would write it."""
    return ("govkit: 1\nevents:\n" + _event_block(event, "  ", "\n")).encode()


def _check_alone(event: NewEvent) -> object:
    """The event's own values, checked before the log is touched; problems named by their option.

    Returns the event as it reads back from what govkit writes."""
    for key, value in event.fields():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise GovkitError(
                    f"--{key} holds bytes that are not UTF-8 text; type it again in a UTF-8 terminal."
                ) from None
    loaded = load_bytes(_alone(event), Path("activity.yaml"), "the new event")
    problems = [loaded] if isinstance(loaded, Finding) else document_findings(loaded, "activity", name=_option)
    if problems:
        raise GovkitError(f"{problems[0].message} Nothing was written.")
    assert isinstance(loaded, Document)
    return loaded.data["events"][0]


def _option(path: tuple[object, ...]) -> str:
    """A value of the new event, named by the option that gave it: `--summary`."""
    return f"--{path[2]}" if len(path) > 2 else "the new event"


def _sound(
    raw: bytes, path: Path, shown_as: str, charter: Charter | None, event_types: Sequence[str] | None = None
) -> Document:
    """The log, when govkit can use it as `check` decides (with `charter`: its references too)."""
    loaded = load_bytes(raw, path, shown_as)
    if isinstance(loaded, Finding):
        problems = [loaded]
    elif charter is None:
        problems = document_findings(loaded, "activity")
    else:
        problems = activity_findings(loaded, charter, None, event_types)
    if problems:
        first = problems[0]
        raise GovkitError(f"{first.location}: {first.message} Fix the activity log first; nothing was written.")
    assert isinstance(loaded, Document)
    return loaded


def _check(event: NewEvent, charter: Charter, events: list[dict[str, object]], event_types: Sequence[str]) -> None:
    if event.type not in event_types:
        raise GovkitError(
            f"`{event.type}` is not an event type of policy {charter.policy}; use one of {', '.join(event_types)}."
        )
    if event.by is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", event.by):
        raise GovkitError(f"--by `{event.by}` is not an email address.")
    if event.type == "metric":
        metric_ids = [metric.id for metric in charter.metrics]
        if event.metric is None or event.value is None:
            raise GovkitError(f"A metric reading needs --metric (one of {', '.join(metric_ids)}) and --value.")
        if event.metric not in metric_ids:
            raise GovkitError(
                f"The charter has no metric `{event.metric}`; use one of {', '.join(metric_ids) or 'none yet'}."
            )
    elif event.metric is not None or event.value is not None:
        raise GovkitError("--metric and --value belong to `metric` events only.")
    if event.ref is not None and not event.type.startswith("escalation"):
        raise GovkitError("--ref belongs to `escalation` and `escalation-resolved` events only.")
    opened = {str(e["ref"]): str(e["date"]) for e in events if e["type"] == "escalation"}
    resolved = {e["ref"] for e in events if e["type"] == "escalation-resolved"}
    if event.type == "escalation":
        if event.ref is None or event.ref in opened:
            raise GovkitError("An escalation needs a new --ref, such as esc-3, to resolve it by later.")
    elif event.type == "escalation-resolved":
        still_open = [ref for ref in opened if ref not in resolved]
        if event.ref not in still_open:
            listed = ", ".join(still_open) or "none"
            raise GovkitError(f"--ref must name an open escalation to resolve; open ones: {listed}.")
        if event.day.isoformat() < opened[event.ref]:
            raise GovkitError(
                f"Escalation `{event.ref}` was raised on {opened[event.ref]}; it cannot be resolved before that, "
                f"on {event.day}. Check --date."
            )


def _appended(text: str, doc: Document, event: NewEvent) -> str:
    """The log's text with the event added at the end of `events`, in the file's own layout."""
    lines = text.splitlines(keepends=True)
    ending = lines[0][len(lines[0].rstrip("\r\n")) :] if lines else ""
    newline = ending or "\n"  # the file's own: \n, \r\n or an old Mac's \r
    events_line = doc.where(("events",), key=True).line or 1
    events = doc.data["events"]
    line = lines[events_line - 1]
    empty_flow = re.search(r"\[\s*\]", line)
    if re.search(r"events\s*:\s*\[", line) and not (not events and empty_flow):
        raise GovkitError("The events are written as a [flow, list]; write them one per line (`- date: ...`) first.")
    if events:
        dash_column = (doc.where(("events", 0)).column or 5) - 3  # 1-based key column, less "- "
    else:
        # `events: []`: turn the empty flow list into a block the event can follow.
        dash_column = 2
        lines[events_line - 1] = re.sub(r"\[\s*\]", "", line, count=1).rstrip() + newline
    block = _event_block(event, " " * dash_column, newline)
    insert_at = _end_of_block(lines, events_line)
    if insert_at > 0 and not lines[insert_at - 1].endswith(("\n", "\r")):
        lines[insert_at - 1] += newline
    return "".join(lines[:insert_at]) + block + "".join(lines[insert_at:])


def _end_of_block(lines: list[str], events_line: int) -> int:
    """Index of the first line after the `events:` block: the next top-level key, or the end."""
    for index in range(events_line, len(lines)):
        if re.match(r"[^\s#-]", lines[index]):
            return index
    return len(lines)


def _event_block(event: NewEvent, indent: str, newline: str) -> str:
    rows = []
    for position, (key, value) in enumerate(event.fields()):
        lead = f"{indent}- " if position == 0 else f"{indent}  "
        rows.append(f"{lead}{key}: {_scalar(value)}{newline}")
    return "".join(rows)


def _scalar(value: object) -> str:
    """Numbers as numbers; text quoted, so `yes`, `12` or `a: b` stay the text the user typed."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|[a-z]+(-[a-z]+)*", text) and text not in _YAML_WORDS:
        return text
    # JSON's quoting is YAML's; characters YAML reads as line breaks or refuses raw are escaped too.
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(text, ensure_ascii=False))


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@contextmanager
def _locked(log: Path, root: Path | None, shown_as: str) -> Iterator[None]:
    import fcntl

    lock_path = log.parent / f".{log.name}.lock"
    lock_shown = Path(shown_as).with_name(lock_path.name).as_posix()
    if root is not None:
        lock_path = writable_inside(lock_path, root)
    log.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if root is not None:
        flags |= os.O_NOFOLLOW  # the path is resolved: a link swapped in since is not followed
    try:
        descriptor = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        raise GovkitError(
            f"Cannot use the lock file {lock_shown}: {exc.strerror or exc}. Remove it if it is not a plain file; "
            "nothing was written."
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise GovkitError(f"The lock file {lock_shown} is not a plain file; remove it and try again.")
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _replace(path: Path, content: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
