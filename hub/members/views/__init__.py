"""Member pages: the directory and profiles, the secretariat's registry pages, joining."""
