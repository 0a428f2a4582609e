"""What people take away from a Protocol: the console table (`console.render`), the corpus gold
format (`corpus.to_corpus`), the assignment register CSV/XLSX (`register`), the deadlines calendar
(`ics`), the references between protocols (`citations`). `writers.write_exports` writes them for
many protocols at once (bulk jobs and the API's /v1/export).
"""
