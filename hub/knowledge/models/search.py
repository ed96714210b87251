"""Knowledge: search (models)."""
