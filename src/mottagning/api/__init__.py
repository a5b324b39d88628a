"""REST API (django-ninja): thin over the services and selectors, same permissions as the pages."""
