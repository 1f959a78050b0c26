"""Gauss–Legendre panels: the 16-node rule mapped to consecutive break points."""

from __future__ import annotations

import numpy as np

GL_NODES, GL_WEIGHTS = np.polynomial.legendre.leggauss(16)


def panel_nodes(breaks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre nodes and weights on the panels between consecutive ``breaks`` (last axis)."""
    half = np.diff(breaks, axis=-1) / 2
    mid = (breaks[..., 1:] + breaks[..., :-1]) / 2
    return (mid[..., None] + half[..., None] * GL_NODES, half[..., None] * GL_WEIGHTS)
