r"""The HTMP distribution function as a phase (SPEC §3; derivation below).

Let :math:`u(y) = U(c, -\alpha, y e^{i\pi})` and :math:`\theta(y)` its
continuous argument with :math:`\theta(0^+) = 0` (γ ≤ 1).  The real and
imaginary parts of ``u`` are real solutions of Kummer's equation in the
variable ``z = -y`` (DLMF 13.2.1), so their Wronskian is
:math:`\operatorname{Im}(\bar u u') = C y^{\alpha} e^{-y}` (Abel), and

.. math:: \theta'(y) = \frac{\operatorname{Im}(\bar u u')}{|u|^2}
          = -\frac{\pi c\, y^\alpha e^{-y}}{\Gamma(c+1)\Gamma(c+\alpha+1)|u|^2}
          = -\pi c\, \frac{p(x)}{s},

the constant following from the small-``y`` behaviour of DLMF 13.2.42 (and
checked in the tests against quadrature of the density).  Hence

.. math:: F(x) = -\theta(s x) / (\pi c),

and ``θ`` falls from 0 to ``-πc`` (``U ~ z^{-c}``, DLMF 13.7.3).  The argument is
known modulo ``2π`` from ``u``; the number of half-turns is the number ``N``
of zeros of :math:`\operatorname{Im} u` on ``(0, y)``.  Since
:math:`\operatorname{Im} u = -\pi y^{1+\alpha} e^{-y} M(1-c, 2+\alpha, y)/(\Gamma(c)\Gamma(2+\alpha))`
(DLMF 13.2.39, 13.2.42), ``N`` counts the positive zeros below ``y`` of the
Laguerre function :math:`L_\nu^{(\beta)}(y)`, ``ν = c-1``, ``β = 1+α``, which
:func:`laguerre_zero_count` finds exactly by a Sturm sequence.
"""

from __future__ import annotations

import math

from flint import acb, arb, fmpq

from ._kummer import regularized_m
from ._precision import MAX_PREC, check_time, workprec
from .tricomi import u_on_cut


def _certain_sign(x: arb) -> int:
    if x > 0:
        return 1
    if x < 0:
        return -1
    return 0


def zero_total(c) -> int:
    """Number of positive zeros of the Laguerre function L_{c-1}: ceil(c - 1) if c > 1, else 0
    (DLMF 13.9.1)."""
    nu = c - 1
    if nu <= 0:
        return 0
    if isinstance(nu, fmpq):
        return int(-((-nu.p) // nu.q))
    lo, hi = nu.lower(), nu.upper()
    if lo.floor() != hi.floor() or (lo.ceil() != hi.ceil()):
        raise ValueError(f"kappa/2 - 1 = {nu} is a ball containing an integer; give kappa exactly")
    return int(hi.ceil().unique_fmpz())


def laguerre_zero_count(c, alpha, y, prec: int) -> tuple[int, int] | None:
    """Sturm count (see :func:`_sturm_signs`) at ``prec`` bits, raised internally until the
    inner signs are decided (the count itself does not depend on the precision).

    Below about the first zero the count is 0 if one enclosure says so (:func:`_no_zero_below`).
    Otherwise the sequence runs forward, then backward, at each precision; far beyond the
    zeros of ``f_m`` (``y`` above twice ``(√(ν+β+1) + √(ν+1))²``, about the largest zero,
    DLMF 18.16(iv)) backward first: there the sequence is the recurrence's minimal solution,
    which decays like ``e^y y^(-j)/Γ(-δ-j)``, and the forward recurrence loses ~log2(y/j) bits
    a step while the backward one is stable.  The same holds for the first ``j <~ y/4`` steps
    when ``δ`` is not 0 (then the backward start may come from U, :func:`_top_pair_from_u`).
    """
    nu, beta = float(c) - 1, float(alpha) + 1
    if _no_zero_below(c, alpha, y, prec):
        return 0, 1
    edge = (math.sqrt(max(nu + beta + 1, 0.0)) + math.sqrt(max(nu + 1, 0.0))) ** 2
    directions = (True, False) if float(arb(y).mid()) > 2 * edge else (False, True)
    p = prec
    while p <= MAX_PREC:
        check_time("HTMP cdf/sf (Sturm count)")
        for backward in directions:
            count = _sturm_signs(c, alpha, y, p, backward)
            if count is not None:
                return count
        p *= 2
    return None


def _top_pair_from_u(c, alpha, y, prec: int) -> tuple[arb, arb]:
    r"""``(f_m, f_(m-1))`` up to a common positive factor, from the imaginary parts of
    ``U(c, -α, y e^{iπ})`` and ``U(c-1, -α, y e^{iπ})`` (:func:`.tricomi.u_on_cut`), for where
    Arb's 1F1 with the large negative parameter ``1 - c`` gives up.

    By the connection formula of :func:`.tricomi.im_u_small`,
    :math:`\operatorname{Im} U(a, -\alpha, y e^{i\pi}) = -\pi y^{1+\alpha} e^{-y}
    \tilde M(1-a, 2+\alpha, y)/\Gamma(a)`, and
    :math:`L_n^{(\beta)}(y) = \Gamma(n+\beta+1)/\Gamma(n+1)\, \tilde M(-n, \beta+1, y)`,
    so with ``n = c-1, c-2`` (``β + 1 = α + 2``, ``n + β + 1 = s, s - 1``):
    ``f_m = -K (s-1) Im U(c)``, ``f_(m-1) = -K Im U(c-1)``, ``K = Γ(s-1) e^y/(π y^(1+α)) > 0``.
    Non-finite unless ``c > 2`` and ``s > 2``.
    """
    nan = arb.nan()
    s = c + alpha + 1
    if not (c > 2 and s > 2):
        return nan, nan
    with workprec(prec):
        top = -(arb(s) - 1) * u_on_cut(c, alpha, y, prec).imag
        below = -u_on_cut(c - 1, alpha, y, prec).imag
    return top, below


def _no_zero_below(c, alpha, y, prec: int) -> bool:
    """Whether ``f_m`` (:func:`_sturm_signs`) certainly has no zero on ``(0, y]``.

    ``f_m = L_ν^(β)`` is a positive multiple of ``M(-ν, β+1, t)``, which is ``1`` at ``t = 0``;
    if Arb's enclosure of it over the whole ball ``t ∈ [0, y]`` is positive, there is no zero
    (one 1F1 evaluation instead of ~c recurrence steps, which at κ ~ 10⁵ can stay undecided).
    Tried only below about the first zero, ``j²/(4ν + 2β + 2)`` with
    ``j = β + 3(β+1)^(1/3) + 2.5`` above the first zero of ``J_β`` (Tricomi's estimate; the
    test is rigorous whatever the estimate).
    """
    nu, beta = float(c) - 1, float(alpha) + 1
    j = beta + 3 * (beta + 1) ** (1 / 3) + 2.5
    if zero_total(c) == 0 or not float(arb(y).mid()) < j * j / (4 * nu + 2 * beta + 2):
        return False
    with workprec(prec):
        ball = arb(0).union(arb(y))
        return bool(regularized_m(-arb(nu), arb(alpha) + 2, ball, prec) > 0)


def _sturm_signs(c, alpha, y, prec: int, backward: bool = False) -> tuple[int, int] | None:
    r"""Sturm count of the zeros of :math:`L_{c-1}^{(1+\alpha)}` on ``(0, y)``.

    With ``ν = c-1 = δ + m``, ``δ ∈ (-1, 0]``, the sequence
    :math:`f_j = L^{(\beta)}_{\delta+j}(y)`, ``j = 0..m``, obeys
    :math:`(n+1) L_{n+1} = (2n+\beta+1-y) L_n - (n+\beta) L_{n-1}` (DLMF 18.9.13,
    a contiguous relation of 1F1 valid for real ``n``).  Here ``f_0 > 0`` on
    ``(0, ∞)`` (a Kummer function with parameter ``-δ ≥ 0``), at a zero of an
    inner ``f_j`` its neighbours have opposite signs (``n+β > 0``), and at a
    zero of ``f_m`` the identity :math:`y L_n' = n L_n - (n+\beta) L_{n-1}`
    gives :math:`f_m' f_{m-1} < 0`: the number ``V(y)`` of sign changes grows
    by exactly one at each zero of ``f_m`` and ``V(0^+) = 0``.

    The sequence starts from ``f_0, f_1`` (Arb's 1F1) and runs forward, or with
    ``backward`` from ``f_m, f_{m-1}`` and runs down, as a cone recurrence
    (:func:`_recurrence_signs`).

    Returns ``(V_inner, sign_last)``: the sign changes among ``f_0..f_{m-1}``
    and ``sign(f_m f_{m-1})`` (``0`` if undecided at this precision; for
    ``m = 0``, ``(0, 1)``).  ``None`` if an inner sign is undecided.
    """
    m = zero_total(c)
    if m == 0:
        return 0, 1
    nu = c - 1
    with workprec(prec):
        beta = arb(alpha) + 1
        delta = arb(nu - m)
        yb = arb(y)

        def laguerre(n: arb) -> arb:
            # L_n^(beta)(y) = Gamma(n+beta+1)/(Gamma(n+1)Gamma(beta+1)) M(-n, beta+1, y)
            return (n + beta + 1).gamma() * (n + 1).rgamma() * regularized_m(-n, beta + 1, yb, prec)

        if backward:  # g_k = f_(m-k): f_(j-1) from f_j, f_(j+1), n = δ + j, j = m - k

            def step(k: int):
                n = delta + (m - k)
                return (2 * n + beta + 1 - yb) / (n + beta), -(n + 1) / (n + beta)

            top, below = laguerre(delta + m), laguerre(delta + m - 1)
            if not (_certain_sign(top) and _certain_sign(below)):  # Arb's 1F1 gave up
                top, below = _top_pair_from_u(c, alpha, y, prec)
            signs = _recurrence_signs(top, below, step, m, prec)
            signs = signs[::-1] if signs is not None else None
        else:  # g_k = f_k: f_(j+1) from f_j, f_(j-1), n = δ + j

            def step(k: int):
                n = delta + k
                return (2 * n + beta + 1 - yb) / (n + 1), -(n + beta) / (n + 1)

            signs = _recurrence_signs(laguerre(delta), laguerre(delta + 1), step, m, prec)
    if signs is None or 0 in signs[:-1]:
        return None
    inner = sum(1 for a, b in zip(signs[:-2], signs[1:-1]) if a != b)
    return inner, signs[-1] * signs[-2]


#: The cone of :func:`_recurrence_signs` is re-spanned by exact generators every this many steps.
CONE_RESET_STEPS = 8


def _cross(u, v) -> arb:
    return u[0] * v[1] - u[1] * v[0]


def _respan(p, q, prec: int):
    """Exact generators ``(p', q')`` of a cone containing the two ball vectors ``p``, ``q``
    (``q`` counter-clockwise of ``p``), or ``None``: the midpoints turned outwards by
    ``atan(t)``, ``t = 2^-k`` a few times the balls' relative radius, checked by cross
    products (linear in each ball, so their balls are the exact ranges over the balls)."""
    size = sum(abs(x.mid()) for x in p + q)
    radius = sum(x.rad() for x in p + q)
    k = max(2, prec - 2) if radius == 0 else int(-float((radius / size).log()) / math.log(2)) - 2
    with workprec(2 * prec + 64):
        mp, mq = [x.mid() for x in p], [x.mid() for x in q]
        while k >= 8:
            t = arb(2) ** -k
            p2 = (mp[0] + t * mp[1], mp[1] - t * mp[0])  # exact: dyadic, within 2 prec + 64 bits
            q2 = (mq[0] - t * mq[1], mq[1] + t * mq[0])
            if (
                _cross(p2, q2) > 0
                and _cross(p2, p) >= 0
                and _cross(p2, q) >= 0
                and _cross(p, q2) >= 0
                and _cross(q, q2) >= 0
            ):
                return p2, q2
            k -= 4
    return None


def _recurrence_signs(g0: arb, g1: arb, step, count: int, prec: int) -> list | None:
    """Signs (1, -1, or 0 where undecided) of ``g_0..g_count``, ``g_(k+1) = a_k g_k + b_k g_(k-1)``
    with ``(a_k, b_k) = step(k)``, ``b_k < 0``; ``None`` where an inner sign is undecided.

    Plain ball arithmetic on the vector ``(g_(k-1), g_k)`` loses ~0.2 bits a step to the
    wrapping effect where the recurrence rotates it (the bulk at κ ~ 10⁵: 5·10⁴ steps).
    Instead the vector is kept in a cone spanned by two generators ``p``, ``q``: each step maps
    the cone onto the cone of the images (a linear map, orientation kept since
    ``det = -b_k > 0``), and every :data:`CONE_RESET_STEPS` steps the generators' balls are
    replaced by exact vectors spanning a slightly wider cone (:func:`_respan`), so the width
    grows by rounding alone.  ``g_(k)`` has the sign shared by both generators' components.
    """
    signs = [_certain_sign(g0), _certain_sign(g1)]
    if 0 in signs:
        return None
    # the box (g0, g1) lies in an open quadrant: its cone is spanned by its extreme corners,
    # the one with every other corner counter-clockwise of it and the one with none
    corners = [(x, y) for x in (g0.lower(), g0.upper()) for y in (g1.lower(), g1.upper())]
    with workprec(2 * prec + 64):  # exact cross products of the corners
        p = next((u for u in corners if all(_cross(u, v) >= 0 for v in corners)), None)
        q = next((u for u in corners if all(_cross(v, u) >= 0 for v in corners)), None)
    if p is None or q is None:
        return None
    for k in range(1, count):
        if k % 1024 == 0:
            check_time("HTMP cdf/sf (Sturm count)")
        a, b = step(k)
        p = (p[1], a * p[1] + b * p[0])
        q = (q[1], a * q[1] + b * q[0])
        sp, sq = _certain_sign(p[1]), _certain_sign(q[1])
        sign = sp if sp == sq else 0
        if sign == 0 and k + 1 < count:
            return None
        signs.append(sign)
        if k % CONE_RESET_STEPS == 0 and k + 1 < count:
            spanned = _respan(p, q, prec)
            if spanned is None:
                return None
            p, q = spanned
    return signs


def _angle(height: arb, x: arb) -> arb:
    """The angle of the point ``(x, height)`` with ``height >= 0`` known, in ``[0, π]``.

    Unlike ``atan2`` on a ball whose height touches 0, this stays continuous at the
    negative real axis (angle π), so a tiny height ball near it gives a tight result.
    """
    if x > 0:
        return (height / x).atan()
    if x < 0:
        return arb.pi() - (height / -x).atan()
    return arb.atan2(height, x)


def distribution_phase(u: acb, im_u: arb, count: tuple[int, int]) -> arb:
    r"""``-θ/π`` (the number of half-turns of ``u``), from ``u``, a sharp ``Im u`` and the count.

    Regular case (the last Sturm sign decided): ``N`` = sign changes,
    ``v = (-1)^N u = |u| e^{-iπφ}``, ``φ ∈ [0, 1)``, ``-θ/π = N + φ``; as
    ``Im v ≤ 0`` is known, ``φ = atan2(|Im v|, Re v)/π``.  Near a zero of
    ``Im u`` (last sign undecided) ``-θ/π = K + ε`` with ``K = V_inner + 1`` and
    ``ε = atan2(-Im w, Re w)/π``, ``w = (-1)^K u``, ``|ε| < 1/2``.
    """
    inner, last = count
    pi = arb.pi()
    if last == 0:
        k = inner + 1
        sign = -1 if k % 2 else 1
        re_w = sign * u.real
        if re_w > 0:
            return k + (-sign * im_u / re_w).atan() / pi
        return k + arb.atan2(-sign * im_u, re_w) / pi
    n = inner + (1 if last < 0 else 0)
    sign = -1 if n % 2 else 1
    return n + _angle(abs(im_u), sign * u.real) / pi


def tail_phase(u: acb, im_rot: arb, c) -> arb:
    r"""``c + θ/π`` in the upper tail (past the last zero of Im u), = ``arg(e^{iπc} u)/π ∈ (0, 1]``.

    ``im_rot`` is a sharp enclosure of :math:`\operatorname{Im}(e^{i\pi c}u) > 0`.
    """
    sin_pc, cos_pc = arb(c).sin_cos_pi()
    re_w = u.real * cos_pc - u.imag * sin_pc
    return _angle(abs(im_rot), re_w) / arb.pi()
