"""Write good practices: each concept in its module (drafts, workflow, notifications, attachments,
indexing, transfers). Callers import the module: ``from secon.practices.services import workflow``."""
