"""Writes of the governance app: committees and seats, meetings and their agenda (one module each)."""
