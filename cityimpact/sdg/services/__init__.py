"""Writes of the SDG app."""
