"""``python -m proofs_check``: run every check script, print the tables, exit 1 on any failure."""

import sys

from . import identities, moments, variational, weyl
from ._report import exit_status, run_and_report


def main() -> int:
    """Run all scripts in turn; the exit status is 0 only if every check passed."""
    print("# proofs_check: machine checks of the paper's identities\n")
    results = run_and_report("Proposition E.4: moments of HTMP(γ, κ)", moments.checks())
    print(
        "## Remark F.6: repulsion counts\n\n"
        + weyl.repulsion_table(weyl.EXACT_CASES + weyl.FLOAT_CASES)
        + "\n"
    )
    results += run_and_report("Weyl formulae (Table F.1)", weyl.checks())
    results += run_and_report("SPEC §3–§4 identities (numeric, 30+ digits)", identities.checks())
    results += run_and_report("Variational β of product-form structures (Appendix G)", variational.checks())
    return exit_status(results)


if __name__ == "__main__":
    sys.exit(main())
