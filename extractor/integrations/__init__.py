"""protokol inside other tools, on top of the pipeline: a spaCy component (`spacy_component`, an
optional extra registered through spaCy's entry points) and the correction loop through Label Studio
(`labelstudio`: tasks with our output as pre-annotations, and an export back to gold). Nothing here
is imported by the pipeline itself, so spaCy is loaded only when asked for."""
