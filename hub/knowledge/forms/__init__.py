"""Knowledge hub forms, one module per part."""
