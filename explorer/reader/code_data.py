"""The code reader's data (issue 19): the arrays the training code makes, worked out as shapes and never allocated
(np.zeros((10**9, 10**9)) is a shape), and what `compile` and `fit` get, made into an explorer.training.TrainingSpec.

Read: Keras's datasets (explorer/datasets.py, never downloaded); numpy arrays of known shapes (zeros, ones, empty,
full, arange, eye, random.rand / randn / random / uniform / normal / randint, array of nested literals); what
changes shapes (reshape with -1, [..., None], np.newaxis, expand_dims, squeeze, transpose and .T, slicing, astype,
arithmetic with numbers and arrays, to_categorical, pad_sequences, stack, concatenate, train_test_split); tf.data's
from_tensor_slices(...).batch(n) and image_dataset_from_directory. Anything else that makes data (pandas, np.load,
a file) is unknown, with a note at its line; what follows from it is unknown too, except a reshape that gives every
axis but the first. numpy's own refusals (a reshape that does not divide) are notes in numpy's words.
"""
from .code_arrays import Arr, DataSet
from .code_array_values import ArrayValues
from .code_datasets import DATA_MODULES, Datasets
from .code_numpy import Numpy
from .code_training import TRAINING_METHODS, Training

__all__ = ["DATA_MODULES", "TRAINING_METHODS", "Arr", "ArrayValues", "Data", "DataSet", "Datasets", "Numpy",
           "Training"]


class Data(Datasets, Numpy, ArrayValues, Training):
    """The reader's data part: where data comes from (code_datasets.py), numpy's arrays and their shape changes
    (code_numpy.py), arrays as values (code_array_values.py), compile and fit (code_training.py); the values
    themselves in code_arrays.py."""
