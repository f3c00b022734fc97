"""nbconvert config for the project's environment: `jupyter nbconvert --to slides` of the
presentation notebook gives the same deck as `make slides`; `--to html` and `--to webpdf` give
its reading view, `--to markdown` its Markdown.

`make setup` installs this file into .venv/etc/jupyter/. It points the exporters at the showdeck
templates, which act on notebooks marked "showdeck" in their metadata and render every other
notebook exactly as nbconvert's own templates do, and lets `--to webpdf` launch Debian's
Chromium (nbconvert would look for Playwright's own download).
"""

from showdeck.export import environment_config
from showdeck.webpdf import use_system_chromium

c = get_config()  # noqa: F821 (traitlets provides get_config to config files)
c.merge(environment_config())
use_system_chromium()
