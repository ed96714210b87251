"""Knowledge: search (forms)."""
