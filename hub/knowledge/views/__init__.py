"""Knowledge hub pages, one module per part; each module ends with its `urlpatterns`."""
