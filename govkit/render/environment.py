"""The Jinja environment: the charter repo's templates/ first, the built-in ones next.

HTML templates are autoescaped and Markdown ones escape Markdown syntax in every value,
so text from a charter or an activity log is always shown as text, never as markup.
Undefined names are errors (StrictUndefined), and templates run sandboxed: a template
from a pull request can place values, not reach into Python, nor build or loop without
limit (govkit.render.limits). Templates are read bounded, and never through a link leading
out of the charter repo.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any

from govkit.confine import FileProblem, link_out, link_out_message, read_limited
from govkit.dates import days_text
from govkit.errors import GovkitError
from govkit.markdown import markdown_code, markdown_text
from govkit.repo import CharterRepo, builtin_dir
from govkit.visible import visible_in_html
from govkit.wording import counted


def markdown_value(value: Any) -> Any:
    """A value placed in a Markdown template: text escaped as Markdown, markup and numbers as they are."""
    from markupsafe import Markup

    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return markdown_text(value)


WEEK_MARKS = {"red": "🔴", "amber": "🟠", "green": "🟢"}  # a week's status in Markdown, where colour is not at hand


def html_value(value: Any) -> Any:
    """A value placed in an HTML template: controls and bidi overrides shown as escapes; autoescape does the rest."""
    from markupsafe import Markup

    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return visible_in_html(value)


def markdown_code_span(value: Any) -> Any:
    """The `code` filter of Markdown templates: a value as one code span that no backtick in it can end."""
    from markupsafe import Markup

    return Markup(markdown_code(str(value)))


MAX_TEMPLATE_BYTES = 1024 * 1024


def template_folders(repo: CharterRepo) -> list[Path]:
    """The repo's templates/ (when it has one) and the built-in templates, in the order they are looked up."""
    own = repo.root / "templates"
    link = link_out(own, repo.root)
    if link is not None:
        raise GovkitError(link_out_message(link, "templates", "reads templates") + " No pages were written.")
    folders = [own] if own.is_dir() else []
    return [*folders, builtin_dir("templates")]


def make_environment(repo: CharterRepo, output_format: str) -> Any:
    from jinja2 import StrictUndefined, select_autoescape

    from govkit.render.limits import BoundedSandbox

    filters: dict[str, Any] = {
        "days": days_text,
        "counted": counted,
        "week_mark": lambda status: WEEK_MARKS.get(status, status),
    }
    if output_format == "md":
        filters["code"] = markdown_code_span
    return BoundedSandbox(
        loader=_templates_loader(repo),
        filters=filters,
        autoescape=select_autoescape(enabled_extensions=("html.j2", "svg.j2", "xml.j2"), default=False),
        undefined=StrictUndefined,
        finalize=markdown_value if output_format == "md" else html_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _templates_loader(repo: CharterRepo) -> Any:
    """A loader for template_folders(repo): the repo's own templates read bounded, never through a link out."""
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    folders = template_folders(repo)
    own = repo.root / "templates"

    class Templates(BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)  # refuses `..`
            for folder in folders:
                path = folder.joinpath(*pieces)
                if os.path.lexists(path):
                    text = _read_own(repo, path) if folder == own else path.read_text(encoding="utf-8")
                    return text, str(path), lambda: True
            raise TemplateNotFound(template)

    return Templates()


def _read_own(repo: CharterRepo, path: Path) -> str:
    name = repo.name(path)
    link = link_out(path, repo.root)
    if link is not None:
        raise GovkitError(link_out_message(link, repo.name(link), "reads templates") + " No pages were written.")
    try:
        raw = read_limited(path.resolve(), name, MAX_TEMPLATE_BYTES, follow_links=False)
        return raw.decode("utf-8")
    except FileProblem as problem:
        raise GovkitError(f"{name}: {problem} No pages were written.") from None
    except UnicodeDecodeError:
        raise GovkitError(f"{name} is not UTF-8 text; save it as UTF-8. No pages were written.") from None
    except OSError as exc:
        raise GovkitError(f"Cannot read the template {name}: {exc.strerror or exc}. No pages were written.") from None


def render_page(env: Any, repo: CharterRepo, name: str, context: dict[str, Any]) -> str:
    """One page from template `name`; any template problem is a GovkitError naming the place."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from govkit.render.sizes import TemplateLimit

    env.budget.start()
    try:
        return str(env.get_template(name).render(context))
    except GovkitError:
        raise
    except TemplateLimit as exc:
        raise GovkitError(f"{_where(repo, exc, name)}: {_plain(str(exc))}. No pages were written.") from None
    except TemplateNotFound as exc:
        raise GovkitError(
            f"The template `{exc.name}` is neither in the repo's templates/ nor built in; "
            "add it to templates/ or fix the name that includes it."
        ) from None
    except TemplateSyntaxError as exc:
        where = f"{_shown(repo, exc.filename or exc.name or name)}:{exc.lineno}"
        raise GovkitError(f"{where}: template syntax error: {_plain(exc.message)}. No pages were written.") from None
    except UndefinedError as exc:
        raise GovkitError(
            f"{_where(repo, exc, name)}: the template uses something that is not defined ({_plain(exc.message)}). "
            "Use only the names the README lists for templates; no pages were written."
        ) from None
    except SecurityError as exc:
        raise GovkitError(
            f"{_where(repo, exc, name)}: the template may not do this: {_plain(str(exc))}; no pages were written."
        ) from None
    except Exception as exc:  # a template is the repo's own code: say where it failed, never a traceback
        raise GovkitError(
            f"{_where(repo, exc, name)}: the template failed ({type(exc).__name__}: {_plain(str(exc))}); no pages were written."
        ) from None


def _plain(message: str | None) -> str:
    return (message or "").strip().rstrip(".")


def _where(repo: CharterRepo, exc: BaseException, name: str) -> str:
    """The template file and line where rendering failed, from the template's own frames."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return _shown(repo, name)
    return f"{_shown(repo, frames[-1].filename)}:{frames[-1].lineno}"


def _shown(repo: CharterRepo, filename: str) -> str:
    path = Path(filename)
    if not path.is_absolute():
        return filename
    builtin = builtin_dir("templates").resolve()
    if path.resolve().is_relative_to(builtin) and not path.is_relative_to(repo.root / "templates"):
        return f"<built-in>/{path.name}"
    return repo.name(path)
