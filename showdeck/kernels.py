"""How the project's environment starts and quiets kernels, for every Jupyter route.

ipykernel warns on stderr when a kernel talks over TCP in plain text. JupyterLab, nbconvert
and the build can give it CurveZMQ keys (`kernel_config`); papermill cannot be configured to,
so the environment's kernel config drops that one warning (`TransportWarningFilter`).
"""

from __future__ import annotations

import logging

from traitlets.config import Config

#: The start of ipykernel's warning about an unencrypted TCP transport.
TRANSPORT_WARNING = "Kernel is running over TCP without encryption."


def kernel_config() -> Config:
    """Kernel managers provision CurveZMQ keys when the kernelspec supports them (ipykernel's
    does), and start as before when it does not."""
    c = Config()
    c.KernelManager.transport_encryption = "auto"
    return c


class TransportWarningFilter(logging.Filter):
    """Drops ipykernel's plain-TCP warning, and nothing else, from a kernel's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(TRANSPORT_WARNING)


def kernel_logging_config() -> dict:
    """IPKernelApp.logging_config (merged into the app's own): the console handler filters
    the transport warning."""
    return {
        "version": 1,
        "filters": {"showdeck_transport": {"()": f"{__name__}.TransportWarningFilter"}},
        "handlers": {"console": {"filters": ["showdeck_transport"]}},
    }
