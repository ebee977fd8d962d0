"""Participatory budgeting: read pabulib elections and count them with the standard rules, explained."""
