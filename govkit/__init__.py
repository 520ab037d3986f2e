"""govkit: governance as code for firewalled pilot teams."""

__version__ = "0.1.0"
