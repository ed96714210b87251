"""Knowledge: practices (demo)."""
