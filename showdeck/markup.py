"""The slides' markup: the Jinja environment of `templates/slides` (autoescaped, so data is
never markup) and the compiled-template cache every environment of the package uses, the
stylesheet, links that are only ever http(s), citations by Sources-slide number, the anchors
every view links to, and the labels of verdicts and confidence."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache

from showdeck import fonts, geometry
from showdeck.article_record import ArticleSection
from showdeck.lang import lang_runs
from showdeck.pages import page_mark
from showdeck.source_record import Source

TEMPLATES = Path(__file__).resolve().parent / "templates" / "slides"

VERDICT_LABELS = {
    "correct": "✓ Correct",
    "partly correct": "◐ Partly correct",
    "incorrect": "✗ Incorrect",
    "unverifiable": "? Unverifiable",
}

CONFIDENCE_LABELS = {"high": "●●● high", "medium": "●●○ medium", "low": "●○○ low"}


@lru_cache(maxsize=1)
def template_cache_folder() -> Path | None:
    """Where compiled templates are kept between runs: $XDG_CACHE_HOME/showdeck/templates, or
    None where that folder cannot be made or written (templates are then compiled each run)."""
    folder = fonts.cache_home() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own file cache, which never fails a render: code it cannot read is compiled
    again, code it cannot write (the folder gone, the disk full) is simply not kept."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compile_settings(env: jinja2.Environment) -> str:
    """What compiling a template depends on besides its source: Jinja's version and the
    environment's syntax, options, extensions, filters and tests."""
    def named(functions: dict) -> list[tuple[str, str]]:
        return sorted((name, str(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items())

    autoescape = env.autoescape
    if callable(autoescape):
        autoescape = getattr(autoescape, "__qualname__", type(autoescape).__qualname__)
    return repr((
        jinja2.__version__, autoescape, env.trim_blocks, env.lstrip_blocks,
        env.keep_trailing_newline, env.newline_sequence, env.block_start_string,
        env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.optimized, env.is_async, sorted(env.extensions),
        named(env.filters), named(env.tests),
    ))


def use_template_cache(env: jinja2.Environment) -> jinja2.Environment:
    """Keep env's compiled templates between runs (a kernel or a build then compiles only the
    templates that changed). Each is kept under a key of its path, used only while its source
    is unchanged, and its file is named by a digest of the environment's compile settings, so
    an environment set up differently never loads another's code. Call it once the environment
    has its filters and tests."""
    folder = template_cache_folder()
    if folder is None:
        env.bytecode_cache = None
        return env
    digest = hashlib.sha256(_compile_settings(env).encode()).hexdigest()[:16]
    env.bytecode_cache = _TemplateCache(str(folder), f"__jinja2_{digest}_%s.cache")
    return env


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(page_mark=page_mark, lang_runs=lang_runs)
    return use_template_cache(env)


def compile_templates() -> None:
    """Compile the slides' templates and render the stylesheet now, not at first use (the build
    does it on a thread while the kernel runs)."""
    environment().get_template("slides.html.j2")
    stylesheet()


def render(macro: str, view: object) -> str:
    """One macro of slides.html.j2 applied to a view object."""
    module = environment().get_template("slides.html.j2").module
    return str(getattr(module, macro)(view)).strip()


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The slides' own CSS (sizes from showdeck.geometry), for the notebook and any viewer."""
    # CSS, not HTML: rendered without HTML escaping (its values are our constants, not data).
    css = environment().overlay(autoescape=False).get_template("slides.css.j2")
    return css.render(L=geometry).strip()


# Links.


@dataclass(frozen=True)
class Link:
    """A link's text and its href; href None when the URL is not http(s) (shown as text)."""

    text: str
    href: str | None
    label: str | None = None


def safe_url(url: str) -> str | None:
    """The URL, or None unless it is http(s) with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()


def source_link(source: Source, text: str | None = None, label: str | None = None) -> Link:
    shown = text if text is not None else f"{source.publisher}: {source.title}"
    return Link(shown, safe_url(source.link), label)


def cite_links(sources: Iterable[Source], numbers: dict[str, int]) -> list[Link]:
    """Citations as the slides show them: each source's number on the Sources slide, linked to
    the source and named by it (sources without a number are not cited)."""
    return [source_link(s, str(numbers[s.id]), f"Source {numbers[s.id]}: {s.publisher}, "
                        f"{s.title}")
            for s in sources if s.id in numbers]


def cites_text(links: list[Link]) -> str:
    """The citations' text as measured: " [3, 12]", or nothing."""
    return " [" + ", ".join(link.text for link in links) + "]" if links else ""


def section_anchor(section_id: str) -> str:
    """The element id where an article section starts, in every view of the notebook."""
    return f"sd-sec-{section_id}"


def slide_anchor(kind: str) -> str:
    """The element id of one of our slides (its `data-sd-slide` kind)."""
    return f"sd-slide-{kind}"


def section_heading(section: ArticleSection) -> str:
    """The section's own heading, or one made from its id where the article had none."""
    return section.heading or section.id.replace("-", " ").capitalize()


def claim_anchor(number: int) -> str:
    return f"sd-claim-{number}"
