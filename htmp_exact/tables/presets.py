r"""Preset grids of points, stratified by regime: ``paper``, ``standard`` (HTMP) and ``mp`` (MP).

Points are made by exact decimal arithmetic (:mod:`decimal`, deterministic on every
platform), so a preset and the table generated from it are the same everywhere.
A point's inputs are written in the requested encoding (:mod:`.encoding`): exact
decimals, or the nearest binary64 numbers.  Stieltjes points have binary64 parts in
both encodings (written as exact decimal expansions in the decimal encoding).

* ``paper`` (HTMP): the paper's regimes, 64 points for the real-argument quantities.
* ``standard`` (HTMP, ≥ 2,000 points per quantity, moments excepted): small and large κ,
  γ near 1, integer ``b = -α``, both far tails, γ > 1 with its atom, the MP edges at large κ
  (``x = λ±(1 ± δ)``, δ = 1e-8 … 1e-2), and points scattered by a Halton sequence.
* ``mp`` (MP, ≥ 500 points per quantity): the edges ``λ±(1 ± δ)``, the bulk, outside the
  support, γ > 1 (atom), γ near 1, scattered points.

Quantile points whose quantile would lie far below the binary64 range (a lower tail
``F(x) ≈ x^(α+1)`` with small ``α + 1``) are left out of the grids.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from fractions import Fraction

from .encoding import check_encoding, encode
from .generation import Point
from .rounding import short_repr
from .schema import QUANTILES, check_law, check_quantity, input_names

__all__ = ["PRESETS", "PAPER_PRESET", "preset_points"]

#: Presets and the law each belongs to.
PRESETS = {"paper": "htmp", "standard": "htmp", "mp": "mp"}

Pair = tuple[str, str]

#: The paper's regimes (preset "paper"): name -> (γ, κ, x) points as exact decimal strings.
PAPER_PRESET: dict[str, list[tuple[str, str, str]]] = {
    "small kappa": [(g, k, x) for g in ("0.25", "2") for k in ("0.1", "1") for x in ("0.001", "0.5", "3")],
    "moderate kappa": [
        (g, k, x) for g in ("0.1", "0.5", "4") for k in ("5", "20") for x in ("0.1", "1", "2.5")
    ],
    "large kappa (near MP)": [
        (g, k, x) for g in ("0.2", "0.5") for k in ("1000", "10000") for x in ("0.5", "1", "1.7")
    ],
    "gamma near 1": [(g, k, x) for g in ("0.999", "1", "1.001") for k in ("2", "100") for x in ("0.01", "1")],
    "integer b": [("0.5", "1500", "1"), ("0.2", "8000", "1.7"), ("0.25", "6", "1"), ("1", "10", "0.3")],
    "far tails": [
        ("0.5", "10", "1e-9"),
        ("0.5", "10", "40"),
        ("7", "10000", "60"),
        ("0.01", "10000", "1e-9"),
        ("3", "4", "1e-12"),
        ("0.3", "100", "20"),
    ],
}

_STANDARD_PAIRS: dict[str, list[Pair]] = {
    "small kappa": [(g, k) for g in ("0.1", "0.3", "0.5", "0.9") for k in ("0.01", "0.05", "0.2", "1")],
    "moderate kappa": [(g, k) for g in ("0.05", "0.2", "0.5", "0.75") for k in ("2", "5", "10", "30")],
    "large kappa": [(g, k) for g in ("0.1", "0.3", "0.5", "0.8") for k in ("100", "1000", "10000")],
    "gamma near 1": [
        (g, k)
        for g in ("0.99", "0.999", "0.9999", "1", "1.0001", "1.001", "1.01")
        for k in ("0.5", "2", "10", "100")
    ],
    # b = -α integer, with dyadic γ so that b stays an integer in the binary64 encoding too
    "integer b": [
        ("0.5", "2"),
        ("0.5", "10"),
        ("0.5", "100"),
        ("0.5", "1500"),
        ("0.25", "2"),
        ("0.25", "6"),
        ("0.25", "60"),
        ("0.125", "4"),
        ("0.125", "40"),
        ("2", "4"),
        ("4", "8"),
        ("1", "10"),
    ],
    "gamma > 1 (atom)": [(g, k) for g in ("1.5", "2", "4", "10", "100") for k in ("0.5", "3", "20", "300")],
}
_TAIL_PAIRS: list[Pair] = [
    ("0.1", "1"),
    ("0.5", "10"),
    ("0.9", "2"),
    ("0.3", "100"),
    ("2", "3"),
    ("0.99", "0.5"),
    ("0.5", "0.05"),
    ("1", "10"),
]
_EDGE_PAIRS: list[Pair] = [(g, k) for g in ("0.1", "0.25", "0.5", "2") for k in ("1000", "10000")]
_BULK_X = (
    "0.001",
    "0.05",
    "0.2",
    "0.4",
    "0.6",
    "0.8",
    "1",
    "1.2",
    "1.5",
    "2",
    "2.5",
    "3.5",
    "5",
    "10",
    "1e-6",
)
_LOWER_TAIL_X = ("1e-300", "1e-100", "1e-30", "1e-12", "1e-8")
_UPPER_TAIL_X = ("20", "50", "100", "300", "1000")
_EDGE_DELTAS = ("1e-8", "1e-6", "1e-4", "1e-2")
_Q = (
    "1e-12",
    "1e-8",
    "1e-4",
    "0.001",
    "0.01",
    "0.05",
    "0.1",
    "0.25",
    "0.4",
    "0.5",
    "0.6",
    "0.75",
    "0.9",
    "0.95",
    "0.99",
    "0.999",
)
_MOMENT_ORDERS = tuple(str(k) for k in range(9))
_MP_GAMMAS = ("0.01", "0.1", "0.25", "0.5", "0.9", "0.99", "1", "1.01", "1.5", "2", "4", "10", "100")
_MP_BULK = ("0.1", "0.3", "0.5", "0.7", "0.9")
_SCATTERED = 300
_MP_SCATTERED = 30


def _dec(value: Decimal, digits: int = 20) -> str:
    """A decimal rounded to ``digits`` significant digits, as a plain string."""
    with localcontext() as ctx:
        ctx.prec = digits
        text = format(+value, "g")
    return text.replace("E", "e")


def _times(x: str, factor: Fraction) -> str:
    return x if factor == 1 else _dec(Decimal(x) * Decimal(factor.numerator) / Decimal(factor.denominator))


def _edges(gamma: str) -> tuple[Decimal, Decimal]:
    with localcontext() as ctx:
        ctx.prec = 40
        root = Decimal(gamma).sqrt()
        return (1 - root) ** 2, (1 + root) ** 2


def _edge_points(gamma: str) -> Iterator[tuple[str, str]]:
    """``(position, x)`` at relative distances δ from both MP edges (no lower edge when λ- = 0)."""
    lower, upper = _edges(gamma)
    for name, edge in (("lower edge", lower), ("upper edge", upper)):
        if edge == 0:
            continue
        for delta in _EDGE_DELTAS:
            for sign in (-1, 1):
                yield name, _dec(edge * (1 + sign * Decimal(delta)))


def _halton(index: int, base: int) -> Fraction:
    """The radical inverse of ``index`` in ``base`` (an exact point of [0, 1))."""
    value, scale = Fraction(0), Fraction(1, base)
    while index:
        index, digit = divmod(index, base)
        value += digit * scale
        scale /= base
    return value


def _log_uniform(low: int, high: int, u: Fraction) -> str:
    """``10^(low + (high − low)·u)`` to 6 significant digits."""
    with localcontext() as ctx:
        ctx.prec = 30
        exponent = Decimal(low) + Decimal(high - low) * Decimal(u.numerator) / Decimal(u.denominator)
        return _dec(Decimal(10) ** exponent, 6)


def _scale(gamma: str) -> Fraction:
    """``max(1, γ)``: the continuous part of the law (mass 1/γ) has mean γ for γ > 1."""
    return max(Fraction(1), Fraction(gamma))


def _dyadic_scale(gamma: str) -> Fraction:
    """A power of two near ``max(1, γ)`` (keeps Stieltjes points binary64)."""
    scale = Fraction(1)
    while scale * 2 <= _scale(gamma) * Fraction(3, 2):
        scale *= 2
    return scale


def _lower_tail_power(gamma: str, kappa: str) -> Fraction:
    """``α + 1`` of the law's continuous part near 0 (``cdf ≈ C x^(α+1)``); 0 at γ = 1."""
    g, c = Fraction(gamma), Fraction(kappa) / 2
    return c * (1 / g - 1) if g <= 1 else c * (1 - 1 / g)


def _quantile_levels(gamma: str, kappa: str, quantity: str) -> list[str]:
    """Levels q whose quantile stays within the binary64 range: in the lower tail the continuous
    part's cdf behaves like ``x^(α+1)``, so a level ``m`` puts the quantile near ``m^(1/(α+1))``
    (γ = 1: like ``1/|log x|``, kept only for ``m ≥ 0.01``).  Levels inside the atom are kept:
    they check the convention ``ppf = 0`` there.  A level at the atom's edge (``m = 0`` exactly)
    is left out: its binary64 neighbour lies a rounding error inside or outside the atom, where
    the quantile is 0 or astronomically small, which no float implementation can resolve."""
    power = _lower_tail_power(gamma, kappa)
    g = Fraction(gamma)
    atom = max(Fraction(0), 1 - 1 / g)
    kept = []
    for q in _Q:
        mass = ((Fraction(q) if quantity == "ppf" else 1 - Fraction(q)) - atom) * max(Fraction(1), g)
        if mass == 0:
            continue
        if 0 < mass < Fraction(1, 2):
            if power == 0:
                if mass < Fraction(1, 100):
                    continue
            else:
                log_mass = Decimal(mass.numerator).log10() - Decimal(mass.denominator).log10()
                if log_mass * Decimal(power.denominator) / Decimal(power.numerator) < -250:
                    continue
        kept.append(q)
    return kept


def _z_points(gamma: str) -> list[tuple[str, str]]:
    """Stieltjes points (binary64 parts): the negative axis, near the support from both sides, far away."""
    scale = _dyadic_scale(gamma)
    points = [("-0.001", "0"), ("-1", "0"), ("-100", "0"), ("1024", "1024"), ("-0.5", "0.5")]
    for x in ("0.5", "1", "2"):
        for eta in ("1", "0.125", "0.0009765625", "9.5367431640625e-7"):
            points.append((_times(x, scale), eta))
    points += [(_times("1", scale), "-0.125"), (_times("2", scale), "-0.0009765625")]
    return points


def _standard_real(points: list[tuple[str, str, str, str]]) -> None:
    for regime, pairs in _STANDARD_PAIRS.items():
        for g, k in pairs:
            points += [(regime, g, k, _times(x, _scale(g))) for x in _BULK_X]
    for g, k in _TAIL_PAIRS:
        points += [("far lower tail", g, k, x) for x in _LOWER_TAIL_X]
        points += [("far upper tail", g, k, _times(x, _scale(g))) for x in _UPPER_TAIL_X]
    for g, k in _EDGE_PAIRS:
        points += [(f"MP {position} (large kappa)", g, k, x) for position, x in _edge_points(g)]


def _scattered_pairs(count: int) -> list[Pair]:
    return [
        (_log_uniform(-2, 1, _halton(i, 2)), _log_uniform(-1, 4, _halton(i, 3))) for i in range(1, count + 1)
    ]


def _standard(quantity: str) -> list[tuple[str, ...]]:
    """``(regime, γ, κ, argument...)`` of the standard preset (argument texts as decimals)."""
    pairs = [(r, g, k) for r, ps in _STANDARD_PAIRS.items() for g, k in ps] + [
        ("MP edges (large kappa)", g, k) for g, k in _EDGE_PAIRS
    ]
    scattered = _scattered_pairs(_SCATTERED)
    points: list[tuple[str, ...]] = []
    if quantity in ("pdf", "logpdf", "cdf", "sf"):
        _standard_real(points)  # type: ignore[arg-type]
        for i, (g, k) in enumerate(scattered, 1):
            points.append(("scattered", g, k, _times(_log_uniform(-1, 1, _halton(i, 5)), _scale(g))))
    elif quantity in QUANTILES:
        for regime, g, k in pairs:
            points += [(regime, g, k, q) for q in _quantile_levels(g, k, quantity)]
        for i, (g, k) in enumerate(scattered, 1):
            levels = _quantile_levels(g, k, quantity)
            points += [("scattered", g, k, levels[j % len(levels)]) for j in (i, i + 7)]
    elif quantity == "stieltjes":
        for regime, g, k in pairs:
            points += [(regime, g, k, re, im) for re, im in _z_points(g)]
        for i, (g, k) in enumerate(scattered, 1):
            re, im = _z_points(g)[i % 19]
            points.append(("scattered", g, k, re, im))
    else:
        points = [(regime, g, k, order) for regime, g, k in pairs for order in _MOMENT_ORDERS]
    return points


def _paper(quantity: str) -> list[tuple[str, ...]]:
    if quantity in ("pdf", "logpdf", "cdf", "sf"):
        return [(regime, g, k, x) for regime, pts in PAPER_PRESET.items() for g, k, x in pts]
    pairs = list(dict.fromkeys((regime, g, k) for regime, pts in PAPER_PRESET.items() for g, k, _ in pts))
    if quantity in QUANTILES:
        return [(r, g, k, q) for r, g, k in pairs for q in ("0.001", "0.1", "0.5", "0.9", "0.999")]
    if quantity == "stieltjes":
        return [
            (r, g, k, re, im)
            for r, g, k in pairs
            for re, im in (("-1", "0"), ("1", "0.125"), ("0.5", "-0.0009765625"))
        ]
    return [(r, g, k, order) for r, g, k in pairs for order in _MOMENT_ORDERS[:7]]


def _mp_position(gamma: str, x: str) -> str:
    lower, upper = _edges(gamma)
    value = Decimal(x)
    position = "bulk" if lower < value < upper else "outside the support"
    return position + (", gamma > 1 (atom)" if Decimal(gamma) > 1 else "")


def _mp(quantity: str) -> list[tuple[str, ...]]:
    scattered = [_log_uniform(-2, 2, _halton(i, 2)) for i in range(1, _MP_SCATTERED + 1)]
    points: list[tuple[str, ...]] = []
    for g in _MP_GAMMAS + tuple(scattered):
        lower, upper = _edges(g)
        atom = ", gamma > 1 (atom)" if Decimal(g) > 1 else ""
        grid = g in _MP_GAMMAS
        if quantity in ("pdf", "logpdf", "cdf", "sf"):
            xs = [(f"{p}{atom}", x) for p, x in _edge_points(g)] if grid else []
            us = _MP_BULK if grid else tuple(_dec(Decimal(float(_halton(i, 3))), 6) for i in range(1, 9))
            xs += [(f"bulk{atom}", _dec(lower + (upper - lower) * Decimal(u))) for u in us]
            if grid:
                xs += [(f"outside the support{atom}", _dec(v)) for v in (lower / 2, upper * 2) if v > 0]
            points += [(r, g, x) for r, x in xs]
        elif quantity in QUANTILES:
            levels = _Q if grid else _Q[2:14]
            points += [(f"{'grid' if grid else 'scattered'}{atom}", g, q) for q in levels]
        elif quantity == "stieltjes":
            zs = _z_points(g) if grid else _z_points(g)[5:15]
            points += [(f"{'grid' if grid else 'scattered'}{atom}", g, re, im) for re, im in zs]
        else:
            points += [(f"{'grid' if grid else 'scattered'}{atom}", g, k) for k in _MOMENT_ORDERS]
    return points


def _to_point(law: str, quantity: str, raw: Sequence[str], encoding: str) -> Point:
    """``(regime, params..., args...)`` decimals -> a :class:`Point` in ``encoding``
    (inputs argument-first)."""
    n_params = 2 if law == "htmp" else 1
    regime, params, args = raw[0], raw[1 : 1 + n_params], raw[1 + n_params :]
    names = input_names(law, quantity)
    texts = list(args) + list(params)
    out = []
    for name, text in zip(names, texts):
        if name == "k":
            out.append(text)
        elif name.startswith("z_") and encoding == "decimal":
            out.append(str(Decimal(float(text))))  # the exact expansion of the binary64 part
        else:
            out.append(encode(text, "binary64" if name.startswith("z_") else encoding, name))
    return Point(regime, tuple(out))


def preset_points(name: str, quantity: str = "pdf", encoding: str = "decimal") -> list[Point]:
    """The points of preset ``name`` for ``quantity``, inputs written in ``encoding``.

    >>> len(preset_points("paper", "pdf")), preset_points("paper", "pdf")[0].inputs
    (64, ('0.001', '0.25', '0.1'))
    """
    if name not in PRESETS:
        raise ValueError(f"preset must be one of {tuple(PRESETS)}, got {short_repr(name)}")
    quantity, encoding = check_quantity(quantity), check_encoding(encoding)
    law = check_law(PRESETS[name])
    raw = {"paper": _paper, "standard": _standard, "mp": _mp}[name](quantity)
    points, seen = [], set()
    for point in (_to_point(law, quantity, r, encoding) for r in raw):
        if point.inputs not in seen:  # a point listed in two regimes stays in the first
            seen.add(point.inputs)
            points.append(point)
    return points
