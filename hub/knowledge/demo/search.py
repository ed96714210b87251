"""Knowledge: search (demo)."""
