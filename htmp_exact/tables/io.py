r"""Reading and writing tables (CSV with a metadata header), and the tables shipped in the package.

File layout (schema documented in ``docs/conformance.md``)::

    # htmp_exact certified reference table
    # law: htmp
    # quantity: pdf
    # preset: standard
    # encoding: binary64
    # digits: 20
    # rows: 2008
    # regenerate: htmp-exact table --law htmp --preset standard --quantity pdf --encoding binary64 --digits 20
    regime,x,gamma,kappa,x_hex,gamma_hex,kappa_hex,value
    small kappa,0.001,0.1,0.01,0x1.0624dd2f1a9fcp-10,...,39.19...

Columns: ``regime``; the inputs in calling order (:func:`~.schema.input_names`), readable;
for binary64 tables the same inputs as exact ``float.hex()`` strings (``<name>_hex``; the
order ``k`` of a moment is an integer and has none); ``value`` correctly rounded to
``digits`` significant digits (round-half-even; ``0``, ``inf``, ``-inf`` exactly);
``value_imag`` for Stieltjes transforms (see :mod:`.rounding`); ``exact`` (``p/q``) for moments.
Lines starting with ``#`` are comments (``pandas.read_csv(path, comment="#")`` reads the file).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from importlib import resources

from .encoding import check_encoding, is_hex, readable
from .generation import Row
from .rounding import check_digits, short_repr
from .schema import check_law, check_quantity, input_names

__all__ = [
    "Table",
    "table_name",
    "to_csv",
    "read_csv",
    "to_json",
    "shipped_table",
    "shipped_tables",
    "load_table",
]

HEADER = "htmp_exact certified reference table"


@dataclass
class Table:
    """A certified table: what it holds (law, quantity, preset, encoding, digits) and its rows."""

    law: str
    quantity: str
    encoding: str
    digits: int
    preset: str = ""
    rows: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.law, self.quantity = check_law(self.law), check_quantity(self.quantity)
        self.encoding = check_encoding(self.encoding)
        self.digits = check_digits(self.digits)

    @property
    def input_names(self) -> tuple[str, ...]:
        return input_names(self.law, self.quantity)

    def command(self) -> str:
        """The command line that regenerates a preset table."""
        return (
            f"htmp-exact table --law {self.law} --preset {self.preset} --quantity {self.quantity} "
            f"--encoding {self.encoding} --digits {self.digits}"
        )


def table_name(law: str, preset: str, quantity: str, encoding: str) -> str:
    """File name of a shipped table, e.g. ``htmp_standard_pdf_binary64.csv``."""
    return f"{law}_{preset}_{quantity}_{encoding}.csv"


def _columns(table: Table) -> list[str]:
    names = list(table.input_names)
    hexes = [f"{n}_hex" for n in names if n != "k"] if table.encoding == "binary64" else []
    values = ["value", "value_imag"] if table.quantity == "stieltjes" else ["value"]
    return ["regime"] + names + hexes + values + (["exact"] if table.quantity == "moment" else [])


def to_csv(table: Table) -> str:
    """The table as CSV text with its metadata header."""
    out = io.StringIO()
    meta = {
        "law": table.law,
        "quantity": table.quantity,
        "preset": table.preset or "-",
        "encoding": table.encoding,
        "digits": table.digits,
        "rows": len(table.rows),
    }
    out.write(f"# {HEADER}\n")
    out.writelines(f"# {key}: {value}\n" for key, value in meta.items())
    if table.preset:
        out.write(f"# regenerate: {table.command()}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_columns(table))
    names = table.input_names
    for row in table.rows:
        shown = [readable(t) if n != "k" else t for n, t in zip(names, row.inputs)]
        hexes = [t for n, t in zip(names, row.inputs) if n != "k"] if table.encoding == "binary64" else []
        values = [row.value, row.value_imag] if table.quantity == "stieltjes" else [row.value]
        writer.writerow(
            [row.regime] + shown + hexes + values + ([row.exact] if table.quantity == "moment" else [])
        )
    return out.getvalue()


def read_csv(text: str) -> Table:
    """A table from CSV text written by :func:`to_csv`."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    meta: dict[str, str] = {}
    body = []
    for line in text.splitlines():
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep:
                meta[key.strip()] = value.strip()
        elif line.strip():
            body.append(line)
    missing = [k for k in ("law", "quantity", "encoding", "digits") if k not in meta]
    if missing:
        raise ValueError(f"not a table written by htmp_exact.tables: header lines {missing} are missing")
    table = Table(
        meta["law"],
        meta["quantity"],
        meta["encoding"],
        int(meta["digits"]),
        "" if meta.get("preset", "-") == "-" else meta["preset"],
    )
    reader = csv.DictReader(body)
    expected = _columns(table)
    if reader.fieldnames != expected:
        raise ValueError(f"table columns {reader.fieldnames} differ from the schema {expected}")
    names = table.input_names
    for record in reader:
        texts = tuple(
            record[f"{n}_hex"] if table.encoding == "binary64" and n != "k" else record[n] for n in names
        )
        if table.encoding == "decimal" and any(is_hex(t) for t in texts):
            raise ValueError(f"hex input in a decimal table: {texts}")
        table.rows.append(
            Row(
                record["regime"],
                texts,
                record["value"],
                record.get("value_imag", ""),
                record.get("exact", ""),
            )
        )
    return table


def to_json(table: Table) -> str:
    """The table as JSON: its metadata and a list of rows (inputs by name)."""
    names = table.input_names
    rows = [
        {**{k: v for k, v in asdict(r).items() if k != "inputs"}, "inputs": dict(zip(names, r.inputs))}
        for r in table.rows
    ]
    meta = {
        "law": table.law,
        "quantity": table.quantity,
        "preset": table.preset,
        "encoding": table.encoding,
        "digits": table.digits,
    }
    return json.dumps({**meta, "rows": rows}, indent=1)


def load_table(path: str) -> Table:
    """Read a table file (CSV with the header of :func:`to_csv`)."""
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, got {type(path).__name__} {short_repr(path)}")
    with open(path, encoding="utf-8") as handle:
        return read_csv(handle.read())


def shipped_tables() -> list[str]:
    """Names of the table files shipped in :mod:`htmp_exact.data`."""
    return sorted(p.name for p in resources.files("htmp_exact.data").iterdir() if p.name.endswith(".csv"))


def shipped_table(quantity: str, law: str = "htmp", preset: str = "", encoding: str = "binary64") -> Table:
    """A table shipped with the package.

    ``preset`` defaults to ``standard`` for HTMP and ``mp`` for MP; ``encoding`` is
    ``binary64`` (what a float64 implementation receives) or ``decimal``.
    """
    law, quantity = check_law(law), check_quantity(quantity)
    encoding = check_encoding(encoding)
    preset = preset or ("standard" if law == "htmp" else "mp")
    name = table_name(law, preset, quantity, encoding)
    if name not in shipped_tables():
        available = [n for n in shipped_tables() if n.startswith(f"{law}_")]
        raise ValueError(
            f"no shipped table {name!r} (law={law!r}, preset={preset!r}, quantity={quantity!r}, "
            f"encoding={encoding!r}); available: {available}"
        )
    return read_csv(resources.files("htmp_exact.data").joinpath(name).read_text(encoding="utf-8"))
