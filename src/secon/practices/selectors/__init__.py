"""Read good practices, by concept: ``library`` (search), ``practices`` (one practice), ``transfers``."""
