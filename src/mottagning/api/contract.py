"""What each kind of endpoint can answer besides success, for every router of the API, so the
OpenAPI schema lists every status code a client must handle (issue 9).

401: no or a bad token; 403: the role does not allow it; 422: a parameter or body that does not
match the schema (ninja's own check); 404: no such record among those the user may see (also
an id beyond 64 bits); 400: the register or the rules refuse the content.
"""

from mottagning.api.schemas import ErrorOut

AUTH_ERRORS = {401: ErrorOut}
READ_ERRORS = {**AUTH_ERRORS, 403: ErrorOut, 422: ErrorOut}
RECORD_ERRORS = {**READ_ERRORS, 404: ErrorOut}
WRITE_ERRORS = {**RECORD_ERRORS, 400: ErrorOut}
