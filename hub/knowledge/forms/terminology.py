"""Knowledge: terminology (forms)."""
