"""Knowledge: practices (models)."""
