"""HTML views, templates and static files: thin over the services and selectors."""
