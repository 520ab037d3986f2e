"""Semantic comparisons: two charters, or two versions of a policy, as lists of changed agreements.

Each comparison is a list of `Change` values; nothing here reads files or prints.
"""
