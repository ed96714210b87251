"""Knowledge: consultations (policies)."""
