"""Kernel config for the project's environment (`make setup` installs it into
.venv/etc/ipython/): a kernel started without CurveZMQ keys (papermill starts them so) does not
print ipykernel's plain-TCP warning. JupyterLab and nbconvert give their kernels keys."""

from showdeck.kernels import kernel_logging_config

c = get_config()  # noqa: F821 (traitlets provides get_config to config files)
c.IPKernelApp.logging_config = kernel_logging_config()
