"""cockpit: a personal sales cockpit for the terminal."""

__version__ = "0.1.0"
