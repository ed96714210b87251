"""Knowledge: documents (demo)."""
