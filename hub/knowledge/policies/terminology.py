"""Knowledge: terminology (policies)."""
