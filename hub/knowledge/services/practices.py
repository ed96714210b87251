"""Knowledge: practices (services)."""
