"""Django configuration: settings per concern, URLs, WSGI."""
