"""Knowledge: terminology (demo)."""
