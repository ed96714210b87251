"""Knowledge: documents (services)."""
