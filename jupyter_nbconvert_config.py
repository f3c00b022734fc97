"""nbconvert config: plain `jupyter nbconvert --to slides` uses the showdeck template and inlines reveal.js.

`make setup` installs this file into .venv/etc/jupyter/, where nbconvert looks for config; run
it by hand with `jupyter nbconvert --config jupyter_nbconvert_config.py --to slides NOTEBOOK`.
"""

from showdeck.export import deck_config

c = get_config()  # noqa: F821 (traitlets provides get_config to config files)
c.merge(deck_config())
