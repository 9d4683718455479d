"""`python -m stemhulp` runs the command line."""

from .cli import main

main()
