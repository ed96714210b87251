"""Knowledge hub writes, one module per part: import `hub.knowledge.services.<part>`."""
