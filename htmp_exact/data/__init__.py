"""Certified reference tables shipped with the package (schema: docs/conformance.md).

File names: ``{law}_{preset}_{quantity}_{encoding}.csv`` (law ``htmp`` or ``mp``; presets ``paper``,
``standard`` and ``mp``; encoding ``binary64`` (20 digits) or ``decimal`` (30 digits)).  Each file's
header gives the command that regenerates it, byte for byte, e.g.::

    htmp-exact table --law htmp --preset standard --quantity cdf --encoding binary64 --digits 20

``tests/tables/test_shipped.py`` regenerates a sample of every file and compares the text.
"""
