"""Knowledge: search (services)."""
