"""Knowledge: practices (selectors)."""
