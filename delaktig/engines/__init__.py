"""Pure computation engines (participatory budgeting, sortition, opinion maps).

Nothing under this package imports Django: files and plain data in, dataclasses out.
"""
