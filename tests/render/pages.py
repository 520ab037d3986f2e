"""Rendering a test repo through the real CLI, and reading the pages back with the stdlib parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import Repo, Run, govkit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def render(repo: Repo, *args: str, out: Path | None = None) -> Run:
    target = out if out is not None else site(repo)
    return govkit("render", "--root", str(repo.root), "--out", str(target), *args)


def site(repo: Repo) -> Path:
    return repo.root.parent / "site"


class Page(HTMLParser):
    """Links, tags and text of one HTML page; fails on a closing tag that does not match."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links.extend(value for name, value in attrs if name in ("href", "src") and value)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.open == [], f"{path.name}: unclosed {page.open}"
    return page


def local_targets(page: Page, folder: Path) -> list[Path]:
    """The files the page's relative links point to (fragments and other sites left aside)."""
    targets = []
    for link in page.links:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        targets.append(folder / unquote(parts.path))
    return targets
