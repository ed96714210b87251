"""Knowledge: search (policies)."""
