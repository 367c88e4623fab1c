"""Natter: the domain, configuration, command line and application wiring."""

__version__ = "0.1.0"
