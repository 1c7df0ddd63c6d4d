"""Lets `python -m vendorgate` run the command line."""

from vendorgate.cli import main

main()
