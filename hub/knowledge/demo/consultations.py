"""Knowledge: consultations (demo)."""
