"""Knowledge: consultations (services)."""
