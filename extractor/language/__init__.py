"""The language toolbox every later stage uses; it knows Russian, not protocols.

- `morph`: pymorphy3 parses with caches; `lexicon`: tokens with offsets (quotes and brackets atomic)
  and the word lists of `extractor/data`; `dates`: our date grammar; `names`: surname, first name
  and patronymic morphology; `nominative`: a phrase with its head put in the nominative;
  `ner`: natasha's NER adapted into our `Entity` records.
Nothing here imports structure, persons or linking (the dependency runs from them to here).
"""
