"""The demo's data: facts about SECON (public sources), its events and its good practices, as plain tables."""
