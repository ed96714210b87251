"""Knowledge: documents (selectors)."""
