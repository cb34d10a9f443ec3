"""The ``pokin`` command line."""
