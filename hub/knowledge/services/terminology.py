"""Knowledge: terminology (services)."""
