"""What each part of the knowledge hub registers with the core registries."""
