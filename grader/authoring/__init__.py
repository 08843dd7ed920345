"""For problem authors: ``validate`` (is a problem sound?) and the header
grammar of declared solutions (``headers``)."""
