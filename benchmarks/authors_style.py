"""The usual way of evaluating the HTMP density (as in the paper's code): mpmath ``hyperu`` on the
cut at 15 digits, one point at a time (wrapped in ``np.vectorize`` by the benchmarks).

Shared by ``bench_fast.py`` and ``bench_mixed_grid.py``; failures (mpmath's series not
converging, common at large κ) give NaN.
"""

import mpmath as mp
import numpy as np


def authors_style_pdf(x, gamma, kappa):
    mp.mp.dps = 15
    c = kappa / 2
    s = c / gamma
    alpha = c * (1 / gamma - 1) - 1
    y = s * x
    try:
        u = mp.hyperu(c, -alpha, -y)
        return float(
            s * mp.power(y, alpha) * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + alpha + 1) * abs(u) ** 2)
        )
    except (ValueError, ZeroDivisionError, mp.libmp.NoConvergence):
        return np.nan
