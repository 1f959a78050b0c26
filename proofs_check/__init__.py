"""Machine checks of the paper's identities (issue 4: Proposition E.4, Weyl formulae (a)–(e)).

Not yet written; the exact moments it will check live in :mod:`htmp_exact.exact._moments`.
"""
