"""Knowledge: consultations (selectors)."""
