"""nbconvert config for the project's environment: `jupyter nbconvert --to slides` of the
presentation notebook gives the same deck as `make slides`.

`make setup` installs this file into .venv/etc/jupyter/. It only points the slides exporter at
the showdeck template, which acts on notebooks marked "showdeck" in their metadata and renders
every other notebook exactly as nbconvert's own reveal template does.
"""

from showdeck.export import environment_config

c = get_config()  # noqa: F821 (traitlets provides get_config to config files)
c.merge(environment_config())
