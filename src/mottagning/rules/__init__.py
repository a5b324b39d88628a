"""Rules as code: timelines, responsibility tables (gränsdragning) and dated parameters.

Pure Python and numpy; nothing here imports Django. The same functions answer for one
person in a web request (arrays of length one) and for a whole register in a batch.
"""
