"""Knowledge: consultations (models)."""
