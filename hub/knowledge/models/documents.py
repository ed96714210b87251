"""Knowledge: documents (models)."""
