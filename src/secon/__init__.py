"""SECON Hub: run interregional cooperation projects on the social economy."""
