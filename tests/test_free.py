"""Free multiplicative convolution μ ⊠ ν (htmp_exact.free), each checked against an independent route.

* μ ⊠ δ_a is μ scaled by a: the fast path (Riccati solution) at x/a;
* MP(γ) ⊠ ν for discrete ν: Silverstein's equation, a polynomial in m solved by numpy.roots;
* moments: non-crossing-partition sums (Kreweras counts) for MP ⊠ ν; the free product formula
  for m₂; quadrature of the computed density for HTMP ⊠ ν;
* a law given by its pdf: the Pareto Stieltjes transform ``b/(b+1)·₂F₁(1, b+1; b+2; z)`` (mpmath);
* Monte Carlo: eigenvalues of Σ^{1/2} O H Oᵀ Σ^{1/2}, O Haar, H an HTMP spectrum (Kolmogorov distance).
"""

from fractions import Fraction
from math import factorial

import mpmath
import numpy as np
import pytest
import scipy.stats
from scipy.integrate import quad

from htmp_exact import exact, fast, htmp, inverse_htmp, marchenko_pastur, sample_htmp_spectrum
from htmp_exact.ensembles import kolmogorov_distance
from htmp_exact.free import FreeMultiplicativeConvolution, multiplicative_convolution

LAWS = [(0.5, 10.0), (0.1, 1.0), (1.0, 2.0), (2.0, 5.0), (0.2, 1000.0), (5.0, 100.0)]


@pytest.mark.parametrize("gamma, kappa", LAWS)
def test_convolution_with_a_point_mass_is_a_scaling(gamma, kappa):
    a = 1.7
    d = multiplicative_convolution(htmp(gamma, kappa), atoms=[a], weights=[1.0])
    x = np.geomspace(1e-3, 30, 200)
    ref = fast.pdf(x / a, gamma, kappa) / a
    q = ref * x
    resolved = q > 1e-10 * q.max()
    assert np.max(np.abs(d.pdf(x) - ref)[resolved] / ref[resolved]) < 1e-12  # measured ≤ 8e-14
    assert np.max(np.abs(d.cdf(x) - fast.cdf(x / a, gamma, kappa))) < 1e-13
    sf = fast.sf(x / a, gamma, kappa)
    tail = sf > 1e-12
    assert np.max(np.abs(d.sf(x[tail]) / sf[tail] - 1)) < 1e-11  # measured ≤ 4e-14
    z = np.array([1 + 1j, -2.0, 0.5 + 1e-6j, 3 - 0.1j])
    ref_s = fast.stieltjes(z / a, gamma, kappa) / a
    assert np.max(np.abs(d.stieltjes(z) / ref_s - 1)) < 1e-11
    assert d.atom == max(0.0, 1 - 1 / gamma)


def _silverstein(z: complex, gamma: float, t: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Roots m of ``m = Σ_i w_i / (t_i (1 − γ − γ z m) − z)`` (Silverstein–Bai 1995): with
    ``D_i = t_i(1 − γ) − z − t_i γ z m``, the polynomial ``m Π D_i − Σ_i w_i Π_{j≠i} D_j``,
    solved by mpmath at 30 digits."""
    with mpmath.workdps(30):
        z = mpmath.mpc(z)
        factors = [[ti * (1 - gamma) - z, -ti * gamma * z] for ti in map(mpmath.mpf, t)]

        def product(polys):
            out = [mpmath.mpc(1)]
            for p in polys:
                out = [
                    sum(out[i] * p[k - i] for i in range(len(out)) if 0 <= k - i < len(p))
                    for k in range(len(out) + len(p) - 1)
                ]
            return out

        whole = [mpmath.mpc(0)] + product(factors)
        for i, wi in enumerate(map(mpmath.mpf, w)):
            for k, c in enumerate(product(factors[:i] + factors[i + 1 :])):
                whole[k] -= wi * c
        return np.array([complex(r) for r in mpmath.polyroots(whole[::-1], maxsteps=200, extraprec=60)])


@pytest.mark.parametrize("gamma", [0.3, 2.5])
def test_marchenko_pastur_case_solves_silverstein_equation(gamma):
    t, w = np.array([1.0, 4.0, 9.0]), np.array([0.5, 0.3, 0.2])
    d = multiplicative_convolution(marchenko_pastur(gamma), atoms=t, weights=w)
    x = np.linspace(0.05, 60, 120)
    ref = np.array([max(_silverstein(v, gamma, t, w).imag.max(), 0) / np.pi for v in x])
    assert np.max(np.abs(d.pdf(x) - ref)) < 1e-12 * ref.max()
    for z in (1 + 1j, 10 + 0.5j, -3 + 0j):
        roots = _silverstein(z, gamma, t, w)
        target = d.stieltjes(z)  # the root that is a Stieltjes transform
        assert np.min(np.abs(roots - target)) < 1e-12 * abs(target)
        assert target.imag >= 0
    assert d.atom == max(0.0, 1 - 1 / gamma)


def _nc_moment(n: int, gamma: Fraction, nu: list) -> Fraction:
    """``m_n(MP(γ) ⊠ ν) = Σ_{π ∈ NC(n)} γ^{|π|−1} Π_B m_{|B|}(ν)``, summed over block-size types
    with Kreweras' count ``n!/((n − b + 1)! Π r_i!)`` of non-crossing partitions of each type."""

    def types(rest, largest):
        if rest == 0:
            yield []
            return
        for size in range(min(rest, largest), 0, -1):
            for tail in types(rest - size, size):
                yield [size] + tail

    total = Fraction(0)
    for sizes in types(n, n):
        counts = [sizes.count(s) for s in set(sizes)]
        b = len(sizes)
        number = Fraction(factorial(n), factorial(n - b + 1))
        for r in counts:
            number /= factorial(r)
        term = number * gamma ** (b - 1)
        for s in sizes:
            term *= nu[s]
        total += term
    return total


def test_exact_moments_match_non_crossing_partitions():
    atoms = [Fraction(1), Fraction(3), Fraction(1, 2)]
    weights = [Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)]
    nu = [sum(w * a**k for a, w in zip(atoms, weights)) for k in range(9)]
    d = multiplicative_convolution(marchenko_pastur(0.25), atoms=atoms, weights=weights)
    moments = d.moments(8)
    assert all(isinstance(m, Fraction) for m in moments)
    assert moments == [Fraction(1)] + [_nc_moment(n, Fraction(1, 4), nu) for n in range(1, 9)]


def test_second_moment_matches_the_free_product_formula():
    atoms, weights = ["1/3", 2, "5/2"], ["0.2", "0.5", "0.3"]
    d = multiplicative_convolution(htmp(0.5, 7.0), atoms=atoms, weights=weights)
    mu = [exact.moment(k, "1/2", 7) for k in range(3)]
    mu = [Fraction(int(m.p), int(m.q)) for m in mu]
    a, w = [Fraction(v) for v in atoms], [Fraction(v) for v in weights]
    nu = [sum(wi * ai**k for ai, wi in zip(a, w)) for k in range(3)]
    # φ(abab) = φ(a²)φ(b)² + φ(a)²φ(b²) − φ(a)²φ(b)² for free a, b
    assert d.moment(2) == mu[2] * nu[1] ** 2 + mu[1] ** 2 * nu[2] - mu[1] ** 2 * nu[1] ** 2
    assert d.moment(1) == mu[1] * nu[1] and isinstance(d.moment(3), Fraction)


def test_moments_agree_with_the_integrated_density():
    """``∫ x^k p(x) dx`` by 16-point Gauss–Legendre on 200 panels equal in log x over [1e-8, 1e3]."""
    d = multiplicative_convolution(htmp(0.5, 6.0), atoms=[0.5, 1.0, 3.0], weights=[0.25, 0.5, 0.25])
    nodes, weights = np.polynomial.legendre.leggauss(16)
    ends = np.linspace(np.log(1e-8), np.log(1e3), 201)
    x = np.exp((ends[:-1, None] + ends[1:, None]) / 2 + np.diff(ends)[:, None] / 2 * nodes)
    mass = d.pdf(x) * x * np.diff(ends)[:, None] / 2 * weights
    assert abs(mass.sum() - 1) < 1e-11
    for k in range(1, 5):
        assert abs((mass * x**k).sum() / float(d.moment(k)) - 1) < 1e-11


def test_inverse_law_scaled_and_its_exact_moments():
    law = inverse_htmp(0.5, 10.0)
    d = multiplicative_convolution(law, atoms=[0.7])
    x = np.geomspace(0.2, 1e4, 100)
    ref = law.pdf(x / 0.7) / 0.7
    assert np.max(np.abs(d.pdf(x) / ref - 1)) < 1e-9
    assert np.max(np.abs(d.cdf(x) - law.cdf(x / 0.7))) < 1e-13
    for k in (1, 2, 3):  # E[λ^k] is finite for k < α + 1 = 5
        value = quad(lambda v, k=k: v**k * law.pdf(v), 0, np.inf, limit=400, epsrel=1e-12)[0]
        assert abs(float(d.moment(k)) / (value * 0.7**k) - 1) < 1e-9
    assert d.moment(5) == np.inf
    assert multiplicative_convolution(inverse_htmp(0.5, 4.0), atoms=[1.0]).moment(2) == np.inf  # α + 1 = 2


def test_law_given_by_a_pdf_matches_the_pareto_stieltjes_transform():
    b = 1.5
    pareto = multiplicative_convolution(scipy.stats.pareto(b), atoms=[1.0])  # ν ⊠ δ_1 = ν
    for z in (2 + 1j, 0.5 + 1e-3j, 30 + 1e-3j, -4 + 0j, 3e4 + 1j):
        ref = complex(b / (b + 1) * mpmath.hyp2f1(1, b + 1, b + 2, z))
        assert abs(pareto.stieltjes(z) - ref) < 1e-12 * abs(ref)
    x = np.array([0.5, 1.5, 3.0, 1e3])
    assert np.max(np.abs(pareto.pdf(x) - scipy.stats.pareto(b).pdf(x))) < 1e-12


@pytest.mark.parametrize("gamma, nu_atom", [(0.5, 0.3), (2.0, 0.2), (4.0, 0.4)])
def test_atom_at_zero_is_the_larger_of_the_two(gamma, nu_atom):
    d = multiplicative_convolution(
        htmp(gamma, 4.0), atoms=[0.0, 1.0, 2.0], weights=[nu_atom, (1 - nu_atom) / 2, (1 - nu_atom) / 2]
    )
    expected = max(0.0, 1 - 1 / gamma, nu_atom)
    assert abs(d.atom - expected) < 1e-15
    assert abs(float(d.cdf(1e-12)) - expected) < 1e-12  # the semicircle integral of g
    # the kernel of Σ^{1/2} O H Oᵀ Σ^{1/2} has dimension max(dim ker H, dim ker Σ)
    n = 400
    zeros = round(n * nu_atom)
    counts = [zeros, (n - zeros) // 2, n - zeros - (n - zeros) // 2]
    ev = _monte_carlo(n, gamma, 4.0, [0.0, 1.0, 2.0], counts, np.random.default_rng(3))
    assert abs(np.mean(ev < 1e-8) - expected) <= 1.5 / n


def _haar(n: int, rng: np.random.Generator) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))  # the sign fix makes Q Haar-distributed (Mezzadri 2007)


def _monte_carlo(n, gamma, kappa, atoms, counts, rng):
    """Eigenvalues of Σ^{1/2} O H Oᵀ Σ^{1/2}: H an HTMP(γ, κ) spectrum, Σ with ``counts`` of each atom."""
    sigma = np.sqrt(np.repeat(np.asarray(atoms, float), counts))
    o = _haar(n, rng)
    h = sample_htmp_spectrum(n, gamma, kappa, rng)
    return np.linalg.eigvalsh(sigma[:, None] * ((o * h) @ o.T) * sigma[None, :])


def test_monte_carlo_kolmogorov_distance_falls_with_n():
    atoms, counts = [0.5, 1.0, 3.0], lambda n: [n // 4, n // 2, n // 4]
    d = multiplicative_convolution(htmp(0.5, 6.0), atoms=atoms, weights=[0.25, 0.5, 0.25])
    rng = np.random.default_rng(2024)
    small = np.mean(
        [
            kolmogorov_distance(_monte_carlo(128, 0.5, 6.0, atoms, counts(128), rng), d.cdf)[1]
            for _ in range(4)
        ]
    )
    large = kolmogorov_distance(_monte_carlo(2048, 0.5, 6.0, atoms, counts(2048), rng), d.cdf)[1]
    # measured: n = 128 about 0.04 (6 seeds 0.023–0.057), n = 2048 about 0.007 (3 seeds 0.006–0.010);
    # the law with κ = 12 instead of 6 is at 0.025–0.033 from the n = 2048 samples, MP at 0.05
    assert large < 0.02 and large < small / 2


@pytest.mark.parametrize("b", [1.5, 6.0])
def test_power_law_tail_of_nu_passes_to_the_product(b):
    """Proposition 4.2 measured: ν Pareto(b), μ = 2·HTMP(1/2, 10) (exponential upper tail, mean 2):
    the log-log slope of the product's density over [1e3, 1e6] is −(b + 1), and p/p_ν → m₁(μ)^b = 2^b
    (the classical Breiman constant E[X^b] would be 3.44 for b = 1.5)."""
    nu = scipy.stats.pareto(b)
    d = multiplicative_convolution(htmp(0.5, 10.0, scale=2.0), nu=nu)
    x = np.geomspace(1e3, 1e6, 7)
    assert d.resolved_range()[1] > 1e6
    slope = np.polyfit(np.log(x), np.log(d.pdf(x)), 1)[0]
    assert abs(slope + (b + 1)) < 2e-3
    assert abs(d.pdf(1e6) / nu.pdf(1e6) / 2**b - 1) < 2e-5  # measured 9e-6 (b = 1.5): about 9/x
    if b == 1.5:  # far out (Im Ω₁ ~ 1e-6 |Ω₁|): 9e-12
        assert abs(d.pdf(1e12) / nu.pdf(1e12) / 2**b - 1) < 1e-9


def test_direct_method_agrees_with_panels():
    law = htmp(0.5, 10.0)
    z = np.array([1 + 0.5j, 4 + 1e-3j, -1 + 0j])
    panels = multiplicative_convolution(law, atoms=[1.0, 2.0], weights=[0.5, 0.5])
    direct = multiplicative_convolution(law, atoms=[1.0, 2.0], weights=[0.5, 0.5], method="direct")
    assert np.max(np.abs(direct.stieltjes(z) / panels.stieltjes(z) - 1)) < 1e-10
    assert abs(direct.pdf(1.5) / panels.pdf(1.5) - 1) < 1e-7  # direct stops 1e-9 rad off the axis


def test_broadcasting_scalars_and_conventions():
    d = multiplicative_convolution(htmp(0.5, 10.0), atoms=[1.0])
    assert isinstance(d.pdf(1.0), float) and isinstance(d.cdf(1.0), float)
    assert isinstance(d.stieltjes(1j), complex)
    x = np.array([[0.5, 1.0], [-1.0, np.inf]])
    assert d.pdf(x).shape == (2, 2) and d.cdf(x)[1, 0] == 0.0 and d.cdf(x)[1, 1] == 1.0
    assert d.sf(np.inf) == 0.0 and d.pdf(-1.0) == 0.0
    assert d.pdf(0.0) == 0.0  # p ~ x^α with α = 4
    assert multiplicative_convolution(htmp(0.5, 1.0), atoms=[1.0]).pdf(0.0) == np.inf  # α = −1/2
    assert d.support() == (0.0, np.inf) and float(d.mean()) == 1.0
    assert isinstance(d, FreeMultiplicativeConvolution)
    assert multiplicative_convolution(marchenko_pastur(0.25), atoms=[1, 2]).support() == (0.25, 4.5)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(atoms=[1.0, 2.0], weights=[0.5, 0.6]), ValueError, "weights must sum to 1"),
        (dict(atoms=[-1.0], weights=[1.0]), ValueError, "atoms must be >= 0"),
        (dict(atoms=[1.0, 2.0], weights=[1.0]), ValueError, "equal length"),
        (dict(atoms=[0.0]), ValueError, "delta_0"),
        (dict(atoms=[1.0], weights=[0.0]), ValueError, "weights must be > 0"),
        (dict(atoms=[1.0], nu=htmp(0.5, 1.0)), ValueError, "exactly one"),
        (dict(), ValueError, "exactly one"),
        (dict(atoms=[1.0], method="fast"), ValueError, "method"),
        (dict(nu=object()), TypeError, "pdf"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    with pytest.raises(error, match=words):
        multiplicative_convolution(htmp(0.5, 10.0), **kwargs)


def test_bad_points_are_named():
    d = multiplicative_convolution(htmp(0.5, 10.0), atoms=[1.0])
    with pytest.raises(ValueError, match="z must be finite and off the support"):
        d.stieltjes(1.0)
    with pytest.raises(ValueError, match="x must not be NaN"):
        d.pdf([1.0, np.nan])
    with pytest.raises(TypeError, match="x must be real"):
        d.cdf(1j)
    with pytest.raises(ValueError, match="k must be an integer"):
        d.moment(-1)
    with pytest.raises(ValueError, match="gamma = 2.0 > 1"):
        multiplicative_convolution(inverse_htmp(2.0, 4.0), atoms=[1.0])
