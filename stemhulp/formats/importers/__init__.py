"""Importers for published voting-advice data: Wahl-O-Mat (qual-o-mat-data) and StemWijzer.

Each turns its layout into a `Quiz` through `build.assemble`, so imported data gets the same
cross-checks as a native quiz; `stemhulp.load` picks the importer from what a path contains.
"""
