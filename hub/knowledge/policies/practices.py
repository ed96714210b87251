"""Knowledge: practices (policies)."""
