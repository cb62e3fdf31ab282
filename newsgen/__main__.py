"""`python -m newsgen`."""

from newsgen.cli import main

main()
