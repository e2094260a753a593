"""The ``safehouse`` command, one module per command group."""
