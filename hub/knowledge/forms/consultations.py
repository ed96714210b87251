"""Knowledge: consultations (forms)."""
