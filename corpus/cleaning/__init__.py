"""Cleaning: Unicode repair, boilerplate and running heads removed, hyphenation joined, text reflowed."""
