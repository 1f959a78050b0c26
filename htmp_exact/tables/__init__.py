r"""Certified, correctly rounded reference tables of HTMP(γ, κ) and MP(γ) quantities.

Every value in a table is the true value rounded half-even to ``digits`` significant
digits, decided from certified balls (:mod:`htmp_exact.exact`).  Modules:

* :mod:`.rounding` — correct rounding of rationals and balls;
* :mod:`.encoding` — inputs as exact decimals or binary64 numbers (``float.hex()``);
* :mod:`.schema` — laws, quantities and their inputs;
* :mod:`.quantiles` — certified quantiles (ppf, isf);
* :mod:`.generation` — certified rows, tables over any ``concurrent.futures.Executor``;
* :mod:`.presets` — the ``paper``, ``standard`` and ``mp`` grids;
* :mod:`.io` — CSV/JSON with a metadata header, the tables shipped in :mod:`htmp_exact.data`.

>>> from htmp_exact import tables
>>> row = tables.certified_row("cdf", "0.5", "4", "1", 20)
>>> row.value
'0.60120639019137920261'
"""

from .encoding import ENCODINGS, as_float, parse_input
from .generation import EXTRA_DIGITS_TRIES, Point, Row, certified_row, compute_table
from .io import Table, load_table, read_csv, shipped_table, shipped_tables, table_name, to_csv, to_json
from .presets import PAPER_PRESET, PRESETS, preset_points
from .rounding import MAX_DIGITS, round_significant, rounded, rounded_complex
from .schema import LAWS, QUANTITIES, input_names

__all__ = [
    "ENCODINGS",
    "LAWS",
    "QUANTITIES",
    "PRESETS",
    "PAPER_PRESET",
    "MAX_DIGITS",
    "EXTRA_DIGITS_TRIES",
    "Point",
    "Row",
    "Table",
    "certified_row",
    "compute_table",
    "preset_points",
    "input_names",
    "round_significant",
    "rounded",
    "rounded_complex",
    "parse_input",
    "as_float",
    "to_csv",
    "to_json",
    "read_csv",
    "load_table",
    "shipped_table",
    "shipped_tables",
    "table_name",
]
