"""``lstm-judge batch``: grade a folder of candidates' submissions, each in a
judge process of its own exactly as ``submit`` grades it, several at once,
into files that are written as results arrive and that a later
``--resume`` completes.

``candidates`` finds who submitted what, ``worker`` runs one judge process
and checks the document it prints, ``records`` turns what a worker brought
back into a results.jsonl record, ``results`` appends and reads
results.jsonl (what ``--resume`` keys on), ``tables`` writes results.csv
and junit.xml, ``finish`` the similarity files and report.html,
``progress`` shows the run, and ``run`` is the coordinator: the one process
that writes OUT and the gradebook.

The coordinator imports no grading, sandbox or child code: it runs judges
as processes (importing the sandbox would make it a subreaper, and the
orphans of a killed judge its zombies).
"""
