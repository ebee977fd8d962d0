"""Delaktig: a platform for local and digital democracy."""

__version__ = "0.1.0"
