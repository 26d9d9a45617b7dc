"""Sub-commands of the ``curriculum`` command, one module each with ``register(subparsers)``."""
