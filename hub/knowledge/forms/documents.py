"""Knowledge: documents (forms)."""
