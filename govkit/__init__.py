"""govkit: governance as code for firewalled pilot teams."""

__version__ = "0.1.0"

# What `pip install` names: `govkit` on the public package index is an unrelated project.
DISTRIBUTION = "govkit-pilots"
# The project's home: releases are tagged there as v<version>.
REPOSITORY = "https://github.com/govkit/govkit"
