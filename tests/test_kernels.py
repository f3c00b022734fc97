"""How kernels start and stay quiet: CurveZMQ keys where supported, one warning filtered."""

from __future__ import annotations

import logging
import logging.config

from showdeck.kernels import (
    TRANSPORT_WARNING,
    TransportWarningFilter,
    kernel_config,
    kernel_logging_config,
)


def record(message: str) -> logging.LogRecord:
    return logging.LogRecord("ipykernel", logging.WARNING, __file__, 1, message, None, None)


def test_kernel_managers_ask_for_transport_encryption_when_available():
    assert dict(kernel_config().KernelManager) == {"transport_encryption": "auto"}


def test_the_filter_drops_the_plain_tcp_warning_and_nothing_else():
    drop = TransportWarningFilter()
    assert not drop.filter(record(TRANSPORT_WARNING + " Any other process can connect."))
    assert drop.filter(record("Kernel started"))
    assert drop.filter(record("Warning: " + TRANSPORT_WARNING))  # only at the start


def test_the_logging_config_puts_the_filter_on_the_console_handler():
    config = kernel_logging_config()
    assert config["handlers"]["console"]["filters"] == ["showdeck_transport"]
    factory = config["filters"]["showdeck_transport"]["()"]
    # The dotted path is what logging.config imports in the kernel's process.
    assert logging.config.BaseConfigurator({}).resolve(factory) is TransportWarningFilter
