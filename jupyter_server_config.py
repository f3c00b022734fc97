"""Jupyter server config for the project's environment (`make setup` installs it into
.venv/etc/jupyter/): JupyterLab starts kernels with CurveZMQ transport encryption, so the
kernel neither talks in plain text nor warns that it does."""

from showdeck.kernels import kernel_config

c = get_config()  # noqa: F821 (traitlets provides get_config to config files)
c.merge(kernel_config())
