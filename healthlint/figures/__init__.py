"""Quantities in health articles and the arithmetic that checks them (the ``figures`` rules).

``quantities`` finds numbers with their units, ranges, qualifiers and the thing they measure;
``arithmetic`` holds the checks; ``units`` reads the unit table precomputed from pint.
"""
