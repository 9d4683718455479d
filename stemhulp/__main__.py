"""`python -m stemhulp` runs the command line."""

from .cli.app import main

main()
