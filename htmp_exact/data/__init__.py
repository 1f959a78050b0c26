"""Certified reference tables shipped with the package (preset "paper", 30 digits).

Regenerate with::

    for q in pdf logpdf cdf sf; do
        htmp-exact table --preset paper --quantity $q --digits 30 --jobs 2 --output htmp_exact/data/paper_$q.csv
    done

A test regenerates a sample of rows and compares them character for character.
"""
