"""Samtale: a terminal conversation assistant for Danish elder-care staff."""
