"""Knowledge hub demo data, one module per part."""
