"""Knowledge: practices (forms)."""
