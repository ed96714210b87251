"""Knowledge: terminology (selectors)."""
