"""Knowledge: terminology (models)."""
