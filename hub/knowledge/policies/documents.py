"""Knowledge: documents (policies)."""
