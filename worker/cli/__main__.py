"""`python -m worker.cli …`: the same as the `shelfwriter` console script."""

from worker.cli import main

main()
