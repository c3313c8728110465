"""Readers turn what a learner sends into a ModelSpec, as data: Python source read with `ast`
(code.py, with its parts in code_*.py) and Keras JSON configs or .keras archives read with `json`
(keras_json.py and keras_file.py, with their parts in json_*.py). Nothing is executed, imported or
deserialized by Keras. validate.py checks every argument against the kinds."""
