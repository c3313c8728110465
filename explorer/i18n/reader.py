"""Messages of the pasted-code reader (explorer/reader/code*.py) and of the argument checks every reader shares
(explorer/reader/validate.py). Each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # the text itself, before anything is read
    "read.not_text": ("Expected Python code as text.", "需要以文本形式提供的 Python 代码。"),
    "read.empty": (
        "There is no code yet. Paste a Keras model (for example a Sequential with a keras.Input first).",
        "还没有代码。请粘贴一个 Keras 模型（例如第一项是 keras.Input 的 Sequential）。",
    ),
    "read.too_long": (
        "The code is longer than {limit} characters; only models up to that size are read.",
        "代码超过 {limit} 个字符；只读取不超过这个大小的模型。",
    ),
    "read.too_many_lines": (
        "The code has more than {limit} lines; only models up to that size are read.",
        "代码超过 {limit} 行；只读取不超过这个大小的模型。",
    ),
    "read.syntax": ("This is not valid Python: {reason}.", "这不是有效的 Python：{reason}。"),
    "read.too_complex": (
        "This code is nested too deeply for the reader to follow.",
        "这段代码嵌套太深，读取器无法跟踪。",
    ),
    "read.too_many_nodes": (
        "The code has more than {limit} syntax elements; only models up to that size are read.",
        "代码的语法元素超过 {limit} 个；只读取不超过这个大小的模型。",
    ),
    "read.too_deep": (
        "This line is nested more than {limit} levels deep; it is not read.",
        "这一行嵌套超过 {limit} 层，不予读取。",
    ),
    "read.too_much_work": (
        "Reading this code takes more than {limit} steps (defs calling defs many times); "
        "the reader stopped here.",
        "读取这段代码需要超过 {limit} 步（def 多次调用 def）；读取器在这里停止。",
    ),
    "read.internal": (
        "The reader stopped on an unexpected problem ({error}). Nothing was run.",
        "读取器遇到意外问题（{error}）而停止。没有运行任何代码。",
    ),
    # values
    "read.int_too_big": (
        "This number is too large: whole numbers are read up to ±{limit}.",
        "这个数太大：整数最多读取到 ±{limit}。",
    ),
    "read.float_bad": ("This number is infinite or not a number.", "这个数是无穷大或不是数。"),
    "read.str_too_long": ("This string is longer than {limit} characters.", "这个字符串超过 {limit} 个字符。"),
    "read.ellipsis": (
        "`...` is a placeholder the code leaves for you to fill (Python's Ellipsis), not a tensor: Keras stops at "
        "the first layer called on it (\"Only input tensors may be passed as positional arguments\"). Put the "
        "tensor it stands for here, such as `keras.Input(shape=(32, 32, 128))`, and the page reads the rest.",
        "`...` 是代码留给你填写的占位符（Python 的 Ellipsis），不是张量：Keras 会在第一个作用于它的层上停下"
        "（\"Only input tensors may be passed as positional arguments\"）。把它代表的张量写在这里，"
        "例如 `keras.Input(shape=(32, 32, 128))`，页面就会读取其余部分。",
    ),
    "read.literal_kind": ("A {kind} value cannot be an argument of a layer.", "{kind} 类型的值不能作为层的参数。"),
    "read.operator": (
        "The operator {op} is not worked out here; +, -, *, /, //, % and ** are.",
        "这里不计算运算符 {op}；读取器计算 +、-、*、/、//、% 和 **。",
    ),
    "read.arith_not_number": (
        "'{op}' is worked out on numbers, and + and * on strings and tuples; not on these values.",
        "读取器对数计算 '{op}'，对字符串和元组计算 + 和 *；这些值不行。",
    ),
    "read.compare": (
        "This comparison ('{op}') is not between values the reader knows.",
        "这个比较（'{op}'）的两边不是读取器知道的值。",
    ),
    "read.condition_unknown": (
        "This condition depends on something the reader cannot know without running the code, so the whole "
        "statement is skipped.",
        "这个条件取决于不运行代码就无法知道的东西，所以整条语句被跳过。",
    ),
    "read.not_iterable": (
        "A loop here walks over something the reader does not know item by item: a range, a list or a tuple "
        "of known values is read.",
        "这里的循环遍历的东西读取器无法逐项知道：可以读取 range、列表或由已知值组成的元组。",
    ),
    "read.builtin_args": ("{name}(...) is called here in a way the reader does not work out.",
                          "这里调用 {name}(...) 的方式读取器无法计算。"),
    "read.builtin_arg": (
        "This builtin is given a value the reader cannot work out with it.",
        "这个内置函数得到的值读取器无法用它来计算。",
    ),
    "read.format_spec": (
        "This string formatting ({spec}) is not worked out: plain fields such as {{}}, {{0}}, {{name}} or %d are.",
        "不计算这种字符串格式（{spec}）：只计算 {{}}、{{0}}、{{name}} 或 %d 这样的简单字段。",
    ),
    "read.index_range": (
        "Index {index} is outside a sequence of {size} items.",
        "下标 {index} 超出了 {size} 项的序列。",
    ),
    "read.dict_key": ("This dict key is not known here.", "这里不知道这个 dict 键。"),
    "read.partial": (
        "partial(...) is read for a Keras layer class or a def of this code, with known arguments.",
        "只读取对 Keras 层类或本代码中 def 的 partial(...)，且参数已知。",
    ),
    "read.tensor_operator": (
        "{code}: this operator on a tensor is not read (+, -, *, / and ** between tensors, or between a tensor and "
        "a number, are).",
        "{code}：不读取张量上的这个运算符（张量之间、或张量与数之间的 +、-、*、/ 和 ** 可以读取）。",
    ),
    "read.op_unsupported": (
        "{call}: this operation on tensors is not among those the explorer reads (keras.ops: arithmetic, "
        "activations, reshape, expand_dims, squeeze, transpose, concatenate, matmul, mean, sum, max, arange, "
        "random normal, extract_patches; and their tf. and K. spellings).",
        "{call}：探索器不读取这个张量运算（可读取 keras.ops 的算术、激活函数、reshape、expand_dims、squeeze、"
        "transpose、concatenate、matmul、mean、sum、max、arange、随机正态、extract_patches，以及它们的 tf. 和 K. "
        "写法）。",
    ),
    "read.tf_on_keras_tensor": (
        "{call} on a symbolic tensor: Keras 3 stops here (\"A KerasTensor cannot be used as input to a TensorFlow "
        "function\"). Between layers, use keras.ops.{op}; TensorFlow functions run only inside a layer's call.",
        "{call} 作用在符号张量上：Keras 3 在这里停下（“A KerasTensor cannot be used as input to a TensorFlow "
        "function”）。在层与层之间请用 keras.ops.{op}；TensorFlow 函数只能在层的 call 里运行。",
    ),
    "read.op_constant": (
        "{call} makes a tensor from numbers alone, outside any layer's call: the explorer reads such constants "
        "only inside a layer's call (where Keras makes them at each call).",
        "{call} 只由数字生成张量，而且不在任何层的 call 里：探索器只在层的 call 里读取这种常量（Keras 每次调用时生成它们）。",
    ),
    "read.preprocess_mode": (
        "{call}: the explorer does not know which operations this preprocess_input records in Keras 3 (it reads "
        "those of the keras.applications modules); the layers after it are not shown.",
        "{call}：探索器不知道这个 preprocess_input 在 Keras 3 中记录哪些运算（可读取 keras.applications 各模块的"
        "版本）；之后的层不显示。",
    ),
    "read.lambda_identity": (
        "The Lambda layer {name} gives back its input unchanged: it adds nothing to read.",
        "Lambda 层 {name} 原样返回输入：没有可读取的内容。",
    ),
    "read.class_not_read": (
        "The class {name} derives from {base}, which is not read (only subclasses of keras.Model and "
        "keras.layers.Layer are); a line that uses it is refused there.",
        "类 {name} 继承自 {base}，不读取它（只读取 keras.Model 和 keras.layers.Layer 的子类）；用到它的行会在那里被拒绝。",
    ),
    "read.assert_unknown": (
        "This assert is not checked: its values are known only when the code runs.",
        "这个 assert 没有检查：它的值只有在代码运行时才知道。",
    ),
    "read.assert_fails": (
        "This assert fails for the values in the code: Python would stop here.",
        "按代码中的值，这个 assert 不成立：Python 会在这里停止。",
    ),
    "read.with_body": (
        "The with block's body is read; the with itself does not change the model's shapes.",
        "读取了 with 块里的代码；with 本身不改变模型的形状。",
    ),
    "read.zero_division": ("Division by zero.", "除数为零。"),
    "read.pow_too_big": (
        "'**' is worked out for exponents from 0 to {limit} only.",
        "'**' 只计算 0 到 {limit} 之间的指数。",
    ),
    "read.seq_too_long": ("This list or tuple has more than {limit} entries.", "这个列表或元组超过 {limit} 项。"),
    "read.not_a_value": (
        "{code} is not a number or a string, so it cannot be used here.",
        "{code} 不是数或字符串，不能用在这里。",
    ),
    "read.undefined_name": (
        "The name {name} is not defined (Python would stop here with NameError).",
        "名称 {name} 没有定义（Python 会在这里因 NameError 停止）。",
    ),
    "read.undefined_name_guess": (
        "The name {name} is not defined (Python would stop here with NameError: "
        "name '{name}' is not defined). The explorer continues as if you meant "
        "{guess}; define {name} or use {guess} to make the code run.",
        "名称 {name} 没有定义（Python 会在这里停止：NameError: name '{name}' is not "
        "defined）。探索器按你想写的是 {guess} 继续；请定义 {name} 或改用 {guess}，代码才能运行。",
    ),
    "read.implicit_import": (
        "{name} is used without being imported; the explorer takes it as {path}. "
        "Add the import to make the code run.",
        "{name} 没有导入就被使用；探索器把它当作 {path}。请加上导入语句，代码才能运行。",
    ),
    "read.name_unreadable": (
        "{name} could not be read (line {line}), so what uses it here is not read either.",
        "{name} 无法读取（第 {line} 行），所以这里用到它的内容也无法读取。",
    ),
    "read.subscript": (
        "Only a single whole-number index into a list or into a layer's outputs is read here.",
        "这里只读取对列表或层的多个输出使用单个整数下标。",
    ),
    "read.attribute": (
        "{code}: reading attributes of models, layers or tensors is not supported.",
        "{code}：不支持读取模型、层或张量的属性。",
    ),
    # statements
    "read.statement": (
        "A '{what}' statement is not read: only imports, assignments, layer and model calls and "
        "a def that builds the model are.",
        "不读取 '{what}' 语句：只读取导入、赋值、层和模型的调用，以及构建模型的 def。",
    ),
    "read.class_form": (
        "The class {name} is not read in this form: one base class (a Keras Layer or Model), no metaclass and no "
        "decorator other than register_keras_serializable.",
        "不读取这种形式的类 {name}：只读取一个基类（Keras 的 Layer 或 Model）、没有元类、除 "
        "register_keras_serializable 外没有装饰器的类。",
    ),
    "read.class_base": (
        "The class {name} derives from {base}: only subclasses of keras.Model and keras.layers.Layer are read.",
        "类 {name} 继承自 {base}：只读取 keras.Model 和 keras.layers.Layer 的子类。",
    ),
    "read.class_item_ignored": (
        "This part of the class {name} is not read: its methods and simple class attributes are.",
        "不读取类 {name} 的这一部分：只读取它的方法和简单的类属性。",
    ),
    "read.class_no_call": (
        "The class {name} has no call method, so calling it shows nothing.",
        "类 {name} 没有 call 方法，调用它不会得到任何结果。",
    ),
    "read.custom_weights": (
        "{name} makes its own weights (add_weight): what they compute is known only when the code runs. Custom "
        "layers built from Keras layers are read.",
        "{name} 自己创建权重（add_weight）：它们计算什么只有运行代码才知道。由 Keras 层搭成的自定义层可以读取。",
    ),
    "read.subclassed_no_input": (
        "{model} is a subclassed model, and the code never gives its input shape: type it in the sidebar "
        "(Input shape), or call model.build((None, ...)) or call it on a keras.Input in the code. If its call takes "
        "several inputs (input_a, input_b = inputs), type one shape each, separated by semicolons: 5; 6.",
        "{model} 是子类化模型，而代码没有给出它的输入形状：请在侧栏（输入形状）里输入，或在代码里调用 "
        "model.build((None, ...))，或在 keras.Input 上调用它。如果它的 call 接受多个输入（input_a, input_b = inputs），"
        "请每个输入填一个形状，用分号隔开：5; 6。",
    ),
    "read.lambda": (
        "The page reads a Lambda whose function is a `lambda` or a `def` of this code (without default "
        "arguments); this one is not, and code from the page is never run. With `output_shape=` the page shows "
        "the model as Keras builds it, with that shape unchecked.",
        "页面能读取的 Lambda,其函数须是这段代码里的 `lambda` 或 `def`(不带默认参数);这个不是,而页面上的代码从不运行。"
        "加上 `output_shape=` 后,页面会像 Keras 构建模型那样显示模型,这个形状不做检查。",
    ),
    "read.lambda_given": (
        "{name}: the page cannot read its function (line {line}: {code}). Keras does not run the function to build "
        "the model either: it takes output_shape={given} as it is, and so does the page: {shape}, a shape given, "
        "not checked. If the function gives another shape, Keras fails only when the model runs.",
        "{name}:页面读不懂它的函数(第 {line} 行:{code})。Keras 构建模型时也不运行这个函数,而是直接采用 "
        "output_shape={given},页面也这样做:{shape},这是给定的形状,未经检查。如果函数实际给出别的形状,"
        "Keras 要到模型运行时才会出错。",
    ),
    "read.backend_default": (
        "{call} is {value} in Keras's default configuration; a keras.json file on your machine can change it, and "
        "the page reads the code with the default.",
        "在 Keras 的默认配置中，{call} 的值是 {value}；你机器上的 keras.json 文件可以改变它，页面按默认值读取代码。",
    ),
    "read.compute_mask_tf": (
        "{name} ({cls}): Keras 3 runs its compute_mask on the model's symbolic tensors while it builds the model, "
        "outside the layer's call, and {call} there (line {line}) cannot take them: Keras stops at this layer "
        "with \"A KerasTensor cannot be used as input to a TensorFlow function\". Write it with keras.ops "
        "(keras.ops.not_equal(inputs, 0)), which works on both.",
        "{name}（{cls}）：Keras 3 在构建模型时，会在层的 call 之外用模型的符号张量运行它的 compute_mask，"
        "而那里（第 {line} 行）的 {call} 不能接受它们：Keras 在这一层停下，报错“A KerasTensor cannot be used as input "
        "to a TensorFlow function”。请改用 keras.ops 来写（keras.ops.not_equal(inputs, 0)），两种情况都能用。",
    ),
    "read.custom_build": (
        "{name} ({cls}): the page cannot read its build (line {line}), so it cannot count the weights build makes; "
        "the model is shown up to this layer.",
        "{name}（{cls}）：页面读不懂它的 build（第 {line} 行），所以无法统计 build 创建的权重；模型只显示到这一层之前。",
    ),
    "read.custom_given": (
        "{name} ({cls}): the page cannot read its call (line {line}: {code}). Keras does not run call to build the "
        "model either: a layer with its own compute_output_shape is built with the shape that method gives, and "
        "so does the page: {shape}, a shape given, not checked. Its weights are those its build makes with "
        "add_weight: {params} parameters, as Keras counts them.",
        "{name}（{cls}）：页面读不懂它的 call（第 {line} 行：{code}）。Keras 构建模型时也不运行 call：带有自己的 "
        "compute_output_shape 的层按这个方法给出的形状构建，页面也这样做：{shape}，这是给定的形状，未经检查。"
        "它的权重就是它的 build 用 add_weight 创建的那些：{params} 个参数，与 Keras 的计数相同。",
    ),
    "read.lambda_add_shape": (
        "{name}: if you know the shape its function gives, add output_shape=(…) to this Lambda in the code box (the "
        "sizes after the batch axis, such as `output_shape=(51,)`). Keras builds the model with that shape without "
        "running the function, and the page will show the rest of the model with this layer as a box marked "
        "\"shape given, not checked\".",
        "{name}：如果你知道它的函数给出的形状，请在代码框里给这个 Lambda 加上 output_shape=(…)（批次轴之后的各维大小，"
        "例如 `output_shape=(51,)`）。Keras 会按这个形状构建模型而不运行函数，页面也会把这一层显示为标着"
        "“给定的形状，未经检查”的方框，并显示模型的其余部分。",
    ),
    "read.custom_add_shape": (
        "{name} ({cls}): if you know the shape its call gives, add a compute_output_shape(self, input_shape) method "
        "to {cls} that returns it, batch axis first (such as `return (input_shape[0], 51)`). Keras builds the model "
        "with that shape without running call, and the page will show the rest of the model with this layer as a "
        "box marked \"shape given, not checked\".",
        "{name}（{cls}）：如果你知道它的 call 给出的形状，请给 {cls} 加一个返回该形状的 "
        "compute_output_shape(self, input_shape) 方法，批次轴在前（例如 `return (input_shape[0], 51)`）。Keras 会按这个形状"
        "构建模型而不运行 call，页面也会把这一层显示为标着“给定的形状，未经检查”的方框，并显示模型的其余部分。",
    ),
    "read.lambda_shape_differs": (
        "{name}: its function gives {computed}, but output_shape={given} says {keras}. Keras builds the model with "
        "output_shape and does not check it, so the layers after it are built for {keras}; when the model runs, "
        "the function's {computed} reaches them and Keras fails there. Make output_shape match the function, or "
        "leave it out: Keras 3 works the shape out itself.",
        "{name}:它的函数给出 {computed},但 output_shape={given} 说的是 {keras}。Keras 按 output_shape 构建模型而不检查它,"
        "所以后面的层是按 {keras} 建的;模型运行时,函数给出的 {computed} 传到这些层,Keras 就在那里出错。"
        "让 output_shape 与函数一致,或者去掉它:Keras 3 会自己推算形状。",
    ),
    "read.lambda_output_shape": (
        "output_shape={code}: Keras 3 takes a tuple of the sizes after the batch axis, such as `(51,)`, or a "
        "function of the input shape; a list or a number fails when Keras builds the model "
        "(it adds the batch axis with `(batch,) + output_shape`).",
        "output_shape={code}:Keras 3 需要批次轴之后各维大小组成的元组,例如 `(51,)`,或者一个以输入形状为参数的函数;"
        "列表或单个数字在 Keras 构建模型时会出错(它用 `(batch,) + output_shape` 加上批次轴)。",
    ),
    "read.expression": ("This kind of expression ({what}) is not read here.", "这里不读取这种表达式（{what}）。"),
    "read.nested_model_twice": (
        "{model} is used as a layer a second time: its layers would be shared, which the explorer does not read yet.",
        "{model} 第二次被当作层使用：它的层会被共享，探索器暂不读取这种用法。",
    ),
    "read.nested_model_cut": (
        "{model} could not be read whole, so it is not used as a layer here.",
        "{model} 没能完整读取，所以这里不把它当作层使用。",
    ),
    "read.nested_model_inputs": (
        "{model} takes {count} input(s); it is called here with a different number of tensors.",
        "{model} 接收 {count} 个输入；这里调用它时给的张量数目不同。",
    ),
    "keras2.int_shape": (
        "keras.backend.int_shape is gone in Keras 3 (this line raises AttributeError there); the shape is read "
        "here as Keras 2 gave it. In Keras 3 write x.shape or keras.ops.shape(x).",
        "Keras 3 已没有 keras.backend.int_shape（这一行在 Keras 3 中会抛出 AttributeError）；这里按 Keras 2 "
        "的结果读取形状。在 Keras 3 中请写 x.shape 或 keras.ops.shape(x)。",
    ),
    "read.shape_unknown": (
        "This shape cannot be worked out: {layer} fails on what flows into it ({error}).",
        "无法算出这个形状：{layer} 对流入它的张量出错（{error}）。",
    ),
    "read.get_layer": (
        "get_layer(...) is read with the name of a layer of {model}.",
        "只读取用 {model} 中某一层的名称调用的 get_layer(...)。",
    ),
    "read.attr_write_ignored": (
        "{code} = ...: setting an attribute of a layer, a model or a module does not change any shape; ignored.",
        "{code} = ...：设置层、模型或模块的属性不会改变任何形状；已忽略。",
    ),
    "read.attr_write": (
        "Changing this attribute or item is not read: only items of a dict or list held by a name are.",
        "不读取对这个属性或元素的修改：只读取名称所指的 dict 或列表的元素。",
    ),
    "read.unpack": (
        "This unpacking is not read: unpack a layer's outputs into plain names "
        "(out, h, c = layers.LSTM(..., return_state=True)(x)).",
        "不读取这种解包：请把层的多个输出解包到普通名称中"
        "（out, h, c = layers.LSTM(..., return_state=True)(x)）。",
    ),
    "read.import_ignored": (
        "Import of {module} ignored: only Keras is read.",
        "已忽略 {module} 的导入：只读取 Keras。",
    ),
    "read.ignored_statement": (
        "A bare name on its own line does nothing to the model; ignored.",
        "单独一行的名称对模型没有影响；已忽略。",
    ),
    "read.ignored_call": (
        "{call}(...) does not change the model's shapes; ignored (not run).",
        "{call}(...) 不改变模型的形状；已忽略（没有运行）。",
    ),
    "read.call_outside_model": (
        "{call}(...) is outside the model (data, numpy...): not read and not run.",
        "{call}(...) 在模型之外(数据、numpy 等):不读取,也不运行。",
    ),
    "read.call_unknown": (
        "{call}(...) is not a Keras layer or model call the explorer reads; refused (not run).",
        "{call}(...) 不是探索器读取的 Keras 层或模型调用；已拒绝（没有运行）。",
    ),
    "read.method": (
        "{code}(...) is not read: only model.add, summary, compile, fit and similar are.",
        "不读取 {code}(...)：只读取 model.add、summary、compile、fit 等。",
    ),
    "read.model_method": ("model.{method}(...) is not read here.", "这里不读取 model.{method}(...)。"),
    "read.star_args": (
        "*args and **kwargs are not read: write each argument out.",
        "不读取 *args 和 **kwargs：请把每个参数逐个写出来。",
    ),
    "read.too_many_positional": (
        "{call} takes at most {count} arguments by position here; name the others "
        "(as in units=64).",
        "{call} 在这里最多按位置接受 {count} 个参数；其余参数请写名称（例如 units=64）。",
    ),
    "read.arg_twice": ("The argument {arg} is given twice.", "参数 {arg} 给了两次。"),
    # defs
    "read.def_form": (
        "The def {name} is not read: decorators, async, *args and **kwargs are not supported.",
        "不读取 def {name}：不支持装饰器、async、*args 和 **kwargs。",
    ),
    "read.def_call_args": ("The call of {name} does not match its parameters.", "对 {name} 的调用与它的参数不匹配。"),
    "read.def_call_missing": (
        "{name}(...) is called without a value for its parameter {arg}.",
        "调用 {name}(...) 时没有给参数 {arg} 提供值。",
    ),
    "read.recursion": (
        "{name} calls defs too deeply (or itself); not read.",
        "{name} 调用 def 的层数太深（或调用了自己）；不予读取。",
    ),
    "read.def_not_called": (
        "The def {name} builds a model but is never called, and its parameters have no "
        "defaults: add a call such as model = {name}(...).",
        "def {name} 构建了模型但从未被调用，而且它的参数没有默认值：请加上调用，例如 "
        "model = {name}(...)。",
    ),
    "read.def_called": (
        "The def {name} is never called; the explorer reads it as if it were called with its "
        "default arguments.",
        "def {name} 从未被调用；探索器按使用默认参数调用它来读取。",
    ),
    # layers
    "read.unknown_layer": (
        "{cls} is not a layer the explorer knows; refused. Supported layers: {supported}.",
        "{cls} 不是探索器认识的层；已拒绝。支持的层：{supported}。",
    ),
    "read.too_many_layers": (
        "More than {limit} layers; the rest are not read.",
        "层数超过 {limit}；其余的层不予读取。",
    ),
    "read.wrapper_inner": (
        "{cls} needs a layer inside it, as in {cls}(layers.LSTM(64)).",
        "{cls} 里面需要一个层，例如 {cls}(layers.LSTM(64))。",
    ),
    "read.layer_reused": (
        "The layer {name} is used a second time. Calling one layer object twice shares its "
        "weights, which the explorer does not show; make a new layer for each use.",
        "层 {name} 被第二次使用。同一个层对象调用两次会共享权重，探索器不展示这种情况；"
        "请为每次使用新建一个层。",
    ),
    "read.activation_call": (
        "activation= takes a name such as \"relu\" (or keras.activations.relu); a layer "
        "such as LeakyReLU() goes in the model as a layer of its own.",
        "activation= 接受 \"relu\" 这样的名称（或 keras.activations.relu）；LeakyReLU() "
        "这样的层要作为单独的一层放进模型。",
    ),
    "read.initializer_args": (
        "The initializer {name} is read without its arguments (they do not change shapes).",
        "初始化器 {name} 按名称读取，不含它的参数（参数不改变形状）。",
    ),
    "read.function_value": ("{code} is not a name the explorer knows here.", "{code} 在这里不是探索器认识的名称。"),
    "read.name_bad": (
        "A name must be 1 to {limit} letters, digits or _; Keras's automatic name is used instead.",
        "名称必须是 1 到 {limit} 个字母、数字或 _；改用 Keras 自动生成的名称。",
    ),
    "read.name_duplicate": (
        "The name {name} is already taken. Keras refuses a model whose layers share a name "
        "(\"All layer names should be unique\").",
        "名称 {name} 已被占用。Keras 拒绝层名重复的模型"
        "（\"All layer names should be unique\"）。",
    ),
    "read.not_a_tensor": (
        "{code} is not the output of a keras.Input or of a layer, so a layer cannot be called on it.",
        "{code} 不是 keras.Input 或某一层的输出，所以不能在它上面调用层。",
    ),
    "read.call_arg": (
        "Calling a layer with {arg}= is not read (only the input tensors are).",
        "不读取带 {arg}= 的层调用（只读取输入张量）。",
    ),
    "read.call_arg_ignored": ("{arg}= does not change shapes; ignored.", "{arg}= 不改变形状；已忽略。"),
    "read.base_arg_ignored": (
        "{cls}({arg}=...) does not change shapes or parameter counts; ignored (not run).",
        "{cls}({arg}=...) 不改变形状或参数数量；已忽略（没有运行）。",
    ),
    "read.nested_model": (
        "A model used inside another model is not read: write its layers out in one model.",
        "不读取在另一个模型里使用的模型：请把它的层写在同一个模型里。",
    ),
    # inputs
    "read.input_arg": (
        "keras.Input({arg}=...) is not read; use shape, batch_size, dtype and name.",
        "不读取 keras.Input({arg}=...)；请使用 shape、batch_size、dtype 和 name。",
    ),
    "read.input_shape_missing": (
        "keras.Input needs shape=(...) (without the batch axis), or batch_shape.",
        "keras.Input 需要 shape=(...)（不含批次轴），或者 batch_shape。",
    ),
    "read.shape_not_tuple": (
        "A shape is a tuple: write shape=({code},) rather than shape={code}.",
        "形状是元组：请写 shape=({code},)，而不是 shape={code}。",
    ),
    "read.shape_bad": (
        "{code} is not a shape: each entry must be a whole number from 1 or None, at most 8 entries.",
        "{code} 不是形状：每一项必须是从 1 开始的整数或 None，最多 8 项。",
    ),
    "read.batch_bad": (
        "A batch size must be a whole number from 1 to {limit}.",
        "批次大小必须是 1 到 {limit} 之间的整数。",
    ),
    "read.dtype_bad": (
        "This dtype is not supported; use one of {choices}.",
        "不支持这个 dtype；请使用以下之一：{choices}。",
    ),
    # models
    "read.model_arg": ("This model argument ({arg}=) is not read.", "不读取这个模型参数（{arg}=）。"),
    "read.model_io": (
        "keras.Model needs inputs and outputs, as in keras.Model(inputs, outputs).",
        "keras.Model 需要 inputs 和 outputs，例如 keras.Model(inputs, outputs)。",
    ),
    "read.model_inputs": (
        "{name} is not a keras.Input, so it cannot be a model input.",
        "{name} 不是 keras.Input，所以不能作为模型的输入。",
    ),
    "read.output_dropped": (
        "The output {code} could not be read and is left out of the model.",
        "无法读取输出 {code}，已把它排除在模型之外。",
    ),
    "read.model_cut": (
        "This layer could not be read, so the layers of {model} from here on are not shown.",
        "无法读取这一层，所以 {model} 从这里开始的层都不显示。",
    ),
    "read.model_cut_statement": (
        "This statement adds to {model} and could not be read, so the layers of {model} from here on are not "
        "shown.",
        "这条语句会向 {model} 添加内容，但无法读取，所以 {model} 从这里开始的层都不显示。",
    ),
    "read.seq_input_position": (
        "A keras.Input belongs first in a Sequential model, once.",
        "keras.Input 应放在 Sequential 模型的第一项，且只放一次。",
    ),
    "read.not_a_layer": (
        "{code} is not a layer, so it cannot be added to a Sequential model.",
        "{code} 不是层，不能加入 Sequential 模型。",
    ),
    "read.several_models": (
        "The code builds {count} models; the last one, {model}, is shown.",
        "代码构建了 {count} 个模型；显示最后一个：{model}。",
    ),
    "read.no_model": (
        "No Keras model was found. Paste code that builds one, for example "
        "keras.Sequential([keras.Input(shape=(50,)), layers.Dense(10)]).",
        "没有找到 Keras 模型。请粘贴构建模型的代码，例如 "
        "keras.Sequential([keras.Input(shape=(50,)), layers.Dense(10)])。",
    ),
    "read.no_model_call": (
        "No keras.Model(inputs, outputs) call was found; the model is shown with {layer} as "
        "its output.",
        "没有找到 keras.Model(inputs, outputs) 调用；显示的模型以 {layer} 作为输出。",
    ),
    "read.model_fallback": (
        "The model call could not be read (see the notes above); the explorer shows the model "
        "up to {layer}, the last layer it could read.",
        "无法读取模型调用（见上面的说明）；探索器显示到 {layer} 为止的模型，这是它能读取的最后一层。",
    ),
    "read.empty_model": ("The model {model} has no layers.", "模型 {model} 没有层。"),
    "read.no_input": (
        "Keras 3 cannot know the shapes of {model}: it has no input, so Keras waits until the model "
        "is called on data, and summary() shows '?' for every layer. Type the shape of one sample "
        "(without the batch axis) in the sidebar's box “Input shape (the code does not say it)”, or add "
        "keras.Input(shape=...) as the first entry, for example keras.Sequential([keras.Input(shape=(50,)), ...]).",
        "Keras 3 无法知道 {model} 的形状：它没有输入，所以 Keras 要等到模型第一次处理数据时才构建，"
        "summary() 对每一层都显示 '?'。请在侧边栏的“输入形状（代码中没有写）”框里填写一个样本的形状"
        "（不含批次轴），或者把 keras.Input(shape=...) 作为第一项，例如 "
        "keras.Sequential([keras.Input(shape=(50,)), ...])。",
    ),
    "read.embedding_no_length": (
        "The model has no input and starts with {layer}: the explorer takes token ids "
        "of any length, keras.Input(shape=(None,), dtype=\"int32\"). Type your sequence length in the "
        "sidebar's box “Input shape (the code does not say it)”, or add keras.Input with it, to see it in the shapes.",
        "模型没有输入，并以 {layer} 开头：探索器按任意长度的词元编号读取，即 "
        "keras.Input(shape=(None,), dtype=\"int32\")。在侧边栏的“输入形状（代码中没有写）”框里填写序列长度，"
        "或加上带序列长度的 keras.Input，就能在形状中看到它。",
    ),
    "read.unpack_count": (
        "{code} = …: the call gives {outputs} tensors here and the line names {count}, so Python stops at this line "
        "(\"{words}\"). Name one variable for each tensor it gives.",
        "{code} = …：这里的调用给出 {outputs} 个张量，而这一行写了 {count} 个名字，所以 Python 在这一行停下"
        "（\"{words}\"）。请为它给出的每个张量各写一个变量名。",
    ),
    "read.unpack_tensor": (
        "{code} = …: what is unpacked here is {outputs} tensor(s), not {count}, and Keras cannot split a tensor "
        "into names this way. If these are a model's inputs, the model needs {count} inputs: call it on a list of "
        "{count} keras.Input, or type {count} shapes in the sidebar, separated by semicolons (5; 6).",
        "{code} = …：这里被拆开的是 {outputs} 个张量，而不是 {count} 个，Keras 不能这样把一个张量拆成几个名字。"
        "如果这些是模型的输入，模型需要 {count} 个输入：在 {count} 个 keras.Input 组成的列表上调用它，"
        "或在侧栏填写 {count} 个形状，用分号隔开（5; 6）。",
    ),
    "read.assumed_inputs_sequential": (
        "{model} is a Sequential, which has one input, and the sidebar gives {count} input shapes: type one shape "
        "there (without semicolons).",
        "{model} 是 Sequential，只有一个输入，而侧栏给出了 {count} 个输入形状：请在那里只填写一个形状（不要用分号）。",
    ),
    "read.assumed_input": (
        "The code does not give {model} an input: its shapes here come from the shape you typed in the sidebar, "
        "{shape} for one sample ({dtype}), as if the model were built with model.build({build}). This shape is "
        "yours, not the code's: Keras learns it only when data first reaches the model.",
        "代码没有给 {model} 输入：这里的形状来自你在侧边栏填写的形状，即一个样本 {shape}（{dtype}），"
        "相当于用 model.build({build}) 构建模型。这个形状是你给的，不是代码写的：Keras 要等数据第一次进入模型时才知道它。",
    ),
    "read.input_hint_tokens": (
        "{layer} reads token ids: type the sequence length, (sequence length,), for example {example}; the input "
        "is int32.",
        "{layer} 读取词元编号：填写序列长度，即 (序列长度,)，例如 {example}；输入为 int32。",
    ),
    "read.input_hint_features": (
        "{layer} reads vectors: type (features,), for example {example}.",
        "{layer} 读取向量：填写 (特征数,)，例如 {example}。",
    ),
    "read.input_hint_steps": (
        "{layer} reads sequences of vectors: type (steps, channels), for example {example}.",
        "{layer} 读取向量序列：填写 (步数, 通道数)，例如 {example}。",
    ),
    "read.input_hint_time": (
        "{layer} reads sequences: type (time steps, features), for example {example}.",
        "{layer} 读取序列：填写 (时间步数, 特征数)，例如 {example}。",
    ),
    "read.input_hint_image": (
        "{layer} reads images: type (height, width, channels), for example {example} (a grayscale 28×28 image).",
        "{layer} 读取图像：填写 (高, 宽, 通道数)，例如 {example}（28×28 的灰度图）。",
    ),
    "read.input_hint_volume": (
        "{layer} reads volumes: type (depth, height, width, channels), for example {example}.",
        "{layer} 读取三维体数据：填写 (深度, 高, 宽, 通道数)，例如 {example}。",
    ),
    "read.input_hint_frames": (
        "{layer} reads sequences of images: type (time steps, height, width, channels), for example {example}.",
        "{layer} 读取图像序列：填写 (时间步数, 高, 宽, 通道数)，例如 {example}。",
    ),
    "read.input_hint_grid": (
        "{layer} flattens whatever it gets: type the shape of one sample, for example {example} (a 28×28 image).",
        "{layer} 会把输入展平：填写一个样本的形状，例如 {example}（28×28 的图像）。",
    ),
    "read.unbuilt_summary": (
        "{model}.summary() here would print '?' as every output shape and '0 (unbuilt)' as "
        "every parameter count: in Keras 3 a model without an Input is built only when "
        "it first sees data. The explorer shows the shapes it would have.",
        "这里的 {model}.summary() 会把每个输出形状显示为 '?'，把每个参数数显示为 "
        "'0 (unbuilt)'：在 Keras 3 中，没有 Input 的模型要等第一次见到数据才构建。"
        "探索器显示它构建后会有的形状。",
    ),
    "read.graph_disconnected": (
        "The model's outputs need the input {name}, which is not among its inputs "
        "(Keras: \"Graph disconnected\").",
        "模型的输出需要输入 {name}，但它不在模型的输入之中（Keras：\"Graph disconnected\"）。",
    ),
    # Keras 2 habits
    "keras2.tf_keras": (
        "tensorflow.keras (tf.keras) imports still work with TensorFlow 2.16+, where they are "
        "Keras 3; `import keras` is the Keras 3 way to write them.",
        "tensorflow.keras（tf.keras）的导入在 TensorFlow 2.16 及以后仍然可用，那里它就是 Keras 3；"
        "Keras 3 的写法是 `import keras`。",
    ),
    "keras2.input_shape": (
        "{arg}= on the first layer is a Keras 2 habit. Keras 3 still accepts it with a "
        "warning (\"Do not pass an `input_shape`/`input_dim` argument to a layer\"); the "
        "explorer uses it as the model's keras.Input(shape=...), which is the Keras 3 way.",
        "在第一层写 {arg}= 是 Keras 2 的习惯。Keras 3 仍然接受，但会警告"
        "（\"Do not pass an `input_shape`/`input_dim` argument to a layer\"）；探索器把它当作模型的 "
        "keras.Input(shape=...)，这是 Keras 3 的写法。",
    ),
    "keras2.input_dim": (
        "{arg}= on the first layer is a Keras 2 habit. Keras 3 still accepts it with a "
        "warning; the explorer uses it as keras.Input(shape=(input_dim,)), the Keras 3 way.",
        "在第一层写 {arg}= 是 Keras 2 的习惯。Keras 3 仍然接受，但会警告；探索器把它当作 "
        "keras.Input(shape=(input_dim,))，这是 Keras 3 的写法。",
    ),
    "keras2.batch_input_shape": (
        "{arg}= is Keras 2 only: Keras 3 refuses it (\"Unrecognized keyword arguments "
        "passed to ...\"). The explorer reads it as keras.Input(batch_shape=...): the "
        "batch size first, then the shape.",
        "{arg}= 只属于 Keras 2：Keras 3 会拒绝它（\"Unrecognized keyword arguments passed "
        "to ...\"）。探索器把它读作 keras.Input(batch_shape=...)：先是批次大小，然后是形状。",
    ),
    "keras2.batch_size": (
        "{arg}= on a layer is Keras 2 only: Keras 3 refuses it (\"Unrecognized keyword "
        "arguments\"). The explorer reads it as keras.Input(..., batch_size=...).",
        "在层上写 {arg}= 只属于 Keras 2：Keras 3 会拒绝它（\"Unrecognized keyword arguments\"）。"
        "探索器把它读作 keras.Input(..., batch_size=...)。",
    ),
    "keras2.input_shape_ignored": (
        "{arg}= here is ignored: Keras 3 (like Keras 2) uses it only on the first "
        "layer of a Sequential model without an Input.",
        "这里的 {arg}= 被忽略：Keras 3（和 Keras 2 一样）只在没有 Input 的 Sequential "
        "模型的第一层使用它。",
    ),
    "keras2.batch_arg_refused": (
        "{arg}= is Keras 2 only: Keras 3 refuses it (\"Unrecognized keyword arguments\"); "
        "the explorer leaves it out. Give the batch size with keras.Input(..., batch_size=...).",
        "{arg}= 只属于 Keras 2：Keras 3 会拒绝它（\"Unrecognized keyword arguments\"）；"
        "探索器不使用它。请用 keras.Input(..., batch_size=...) 给出批次大小。",
    ),
    "keras2.module_path": (
        "{path} is a Keras 2 module path that Keras 3 no longer has (ModuleNotFoundError); "
        "the explorer reads it as {new}, the Keras 3 name.",
        "{path} 是 Keras 2 的模块路径，Keras 3 已经没有它（ModuleNotFoundError）；"
        "探索器把它读作 Keras 3 的名称 {new}。",
    ),
    "keras2.input_layer_arg": (
        "InputLayer({arg}=...) is the Keras 2 spelling; Keras 3 calls it {new}=.",
        "InputLayer({arg}=...) 是 Keras 2 的写法；Keras 3 叫作 {new}=。",
    ),
    "keras2.input_length": (
        "{cls}(input_length=...) is a Keras 2 argument: Keras 3 ignores it with a warning "
        "(\"Argument `input_length` is deprecated. Just remove it.\"), so the model has no input "
        "shape until it sees data. Where the model has no Input, the explorer uses it as "
        "keras.Input(shape=(input_length,), dtype=\"int32\").",
        "{cls}(input_length=...) 是 Keras 2 的参数：Keras 3 会忽略它并警告"
        "（\"Argument `input_length` is deprecated. Just remove it.\"），所以模型在见到数据之前没有"
        "输入形状。在模型没有 Input 时，探索器把它当作 keras.Input(shape=(input_length,), "
        "dtype=\"int32\")。",
    ),
    # argument checks (validate.py)
    "read.arg_unknown": (
        "{cls} ({layer}) has no argument {arg} that the explorer reads; the layer is refused.",
        "{cls}（{layer}）没有探索器读取的参数 {arg}；这一层被拒绝。",
    ),
    "read.arg_bad_value": (
        "{cls} ({layer}): {arg}={value} is not accepted; expected {expected}.",
        "{cls}（{layer}）：不接受 {arg}={value}；应为 {expected}。",
    ),
    "read.arg_missing": ("{cls} ({layer}) needs the argument {arg}.", "{cls}（{layer}）需要参数 {arg}。"),
    "read.arg_ignored": (
        "{cls} ({layer}): {arg} does not change shapes or parameter counts; ignored (not run).",
        "{cls}（{layer}）：{arg} 不改变形状或参数数量；已忽略（没有运行）。",
    ),
    # the training code (explorer/reader/code_data.py): the data fit sees, compile's loss
    "train.data_unknown": (
        "{code}(...) reads data the explorer cannot see (a file, a table): the shapes it gives are not known here. "
        "The rest is read.",
        "{code}(...) 读取探索器看不到的数据（文件、表格）：这里不知道它给出的形状。其余部分照常读取。",
    ),
    "train.shape_unknown": (
        "{code} is not known: the data comes from line {line}, which the explorer cannot see into.",
        "{code} 未知：这份数据来自第 {line} 行，探索器看不到其中的内容。",
    ),
    "train.numpy_error": (
        "{code} fails when it runs: {error}",
        "{code} 运行时会失败：{error}",
    ),
    "train.not_arrays": (
        "{code}: only arrays whose shapes the explorer knows are read here.",
        "{code}：这里只读取探索器知道形状的数组。",
    ),
    "train.rank_too_big": (
        "An array with more than {limit} axes is not read.",
        "不读取超过 {limit} 个轴的数组。",
    ),
    "train.dtype_unknown": (
        "{code} is not a dtype the explorer knows (float32, int64, uint8, bool...).",
        "{code} 不是探索器认识的 dtype（float32、int64、uint8、bool 等）。",
    ),
    "train.dataset_arg": (
        "{dataset}.load_data() has no argument {arg}.",
        "{dataset}.load_data() 没有参数 {arg}。",
    ),
    "train.dataset_dict": (
        "A dataset of named arrays (a dict) is not read: its shapes are not known here.",
        "不读取由命名数组（dict）组成的数据集：这里不知道它的形状。",
    ),
    "train.dataset_map": (
        ".map(...) runs a function on every element, which the explorer never runs: the dataset's shapes after it "
        "are not known.",
        ".map(...) 会对每个元素运行一个函数，而探索器从不运行代码：之后数据集的形状未知。",
    ),
    "train.dataset_method": (
        ".{method}(...) on a dataset is not read: the dataset's shapes after it are not known.",
        "不读取数据集上的 .{method}(...)：之后数据集的形状未知。",
    ),
    "train.dataset_twice_batched": (
        "This dataset is batched twice: each element is then a batch of batches, which the explorer does not "
        "follow.",
        "这个数据集被分批了两次：每个元素都是“批次的批次”，探索器不跟踪这种情况。",
    ),
    "train.dataset_unbatched": (
        "The dataset given to fit has no .batch(n): Keras takes each element as a whole batch, so a sample's first "
        "axis becomes the batch axis. Add .batch(32) (or another size).",
        "传给 fit 的数据集没有 .batch(n)：Keras 会把每个元素当成一整个批次，于是样本的第一个轴变成了批次轴。"
        "请加上 .batch(32)（或其他大小）。",
    ),
    "train.batch_size_with_dataset": (
        "batch_size= does nothing with a dataset: the dataset's own .batch(n) sets the batch.",
        "使用数据集时 batch_size= 不起作用：批次大小由数据集自己的 .batch(n) 决定。",
    ),
    "train.y_with_dataset": (
        "fit gets a dataset and y=: Keras refuses this (\"`y` argument is not supported when using "
        "tf.data.Dataset\"): the dataset gives the labels itself.",
        "fit 同时得到了数据集和 y=：Keras 不接受（\"`y` argument is not supported when using "
        "tf.data.Dataset\"）：标签由数据集自己给出。",
    ),
    "train.loss_unknown": (
        "The loss {code} is not one of Keras's losses the explorer knows; the fit check cannot compute it.",
        "损失 {code} 不是探索器认识的 Keras 损失；fit 检查无法计算它。",
    ),
    "train.metric_unknown": (
        "The metric {code} is not one the explorer knows; it is left out of the fit check.",
        "探索器不认识指标 {code}；fit 检查中不包括它。",
    ),
    "train.loss_keys": (
        "The loss dict names {keys}, but the model's outputs are {outputs}: Keras matches them by name.",
        "损失字典中的名称是 {keys}，而模型的输出是 {outputs}：Keras 按名称对应它们。",
    ),
}
