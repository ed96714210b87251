"""Knowledge: search (selectors)."""
