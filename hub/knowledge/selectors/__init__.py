"""Knowledge hub reads, one module per part: import `hub.knowledge.selectors.<part>`."""
