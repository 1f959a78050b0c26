r"""Tricomi's U on the negative real axis, rigorously (SPEC §1, §3, §8).

The HTMP law needs :math:`u(y) = U(c, -\alpha, y e^{i\pi})` for :math:`y > 0` (the value from
above the cut; the value from below is its conjugate).  :func:`u_on_cut` (:mod:`._policy`)
tries these rigorous routes in turn, each only where the ones before it fell short of the
accuracy contract (:func:`htmp_exact.exact._precision.meets_contract`):

* :mod:`._exponential_integral`: at exact integers ``c >= 1`` and ``alpha >= -1`` (an even κ
  with an integer ``b``), a closed form in the exponential integral;
* :mod:`._integer_b`: at another exact integer ``b``, Arb's U at the non-integer ``b + ε``
  with a rigorous bound on ``|∂U/∂b|``;
* :mod:`._direct`: Arb's ``acb_hypgeom_u`` at the exact point ``-y``, retried at the
  precision its own loss calls for;
* :mod:`._contour`: the saddle-point contour integral of DLMF 13.4.4 along a polygon
  planned in floats (:mod:`._planning`), integrated by Gauss–Legendre rules with rigorous
  error bounds (:mod:`._gauss_legendre`), its ends enclosed by explicit bounds (:mod:`._bounds`).

The imaginary parts needed near the ends of the support, where they are exponentially small,
come from exact connection formulas or from the part of the contour off the real axis
(:mod:`._imaginary`).
"""

from ._contour import tricomi_contour, u_contour
from ._direct import connection_bits, u_direct
from ._imaginary import im_rotated_u, im_u_lower_contour, im_u_small, rotated_u_contour
from ._policy import u_on_cut

__all__ = [
    "u_on_cut",
    "u_direct",
    "u_contour",
    "tricomi_contour",
    "connection_bits",
    "im_u_small",
    "im_rotated_u",
    "im_u_lower_contour",
    "rotated_u_contour",
]
