#!/usr/bin/env python
"""Django's command-line utility; the `cityimpact` console script does the same."""

from cityimpact.cli import main

if __name__ == "__main__":
    main()
