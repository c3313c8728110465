"""The words of the preprocessing layers (Rescaling, the random augmentations, RandomCrop, Resizing, CenterCrop,
Normalization): axis meanings and fixes (kinds.py), X-rays (xray.py),
each key with its English and its Chinese side by side. Placeholders use str.format names; numbers are
formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # -- axes ------------------------------------------------------------------------------------
    "axis.resized_height": ("height after the resizing {layer}", "缩放 {layer} 之后的高"),
    "axis.resized_width": ("width after the resizing {layer}", "缩放 {layer} 之后的宽"),
    "axis.cropped_height": ("height after the centre crop {layer}", "中心裁剪 {layer} 之后的高"),
    "axis.cropped_width": ("width after the centre crop {layer}", "中心裁剪 {layer} 之后的宽"),
    # -- fixes -----------------------------------------------------------------------------------
    "fix.image_add_channel": (
        "{cls} wants a batch of images (batch, height, width, channels), and {shape} has no channel axis, so "
        "Keras would take the whole batch for one image. Add a channel axis before {layer} with `{code}` (a grey "
        "image has 1 channel), or give keras.Input a shape that ends in 1.",
        "{cls} 需要一批图像 (批, 高, 宽, 通道),而 {shape} 没有通道轴,Keras 会把整批数据当成一张图像。"
        "在 {layer} 之前用 `{code}` 加上通道轴(灰度图只有 1 个通道),或让 keras.Input 的形状以 1 结尾。",
    ),
    "fix.image_rank": (
        "{cls} works on images (batch, height, width, channels): 4 axes, and {shape} has {rank}. Put {layer} "
        "right after the image input, before any Flatten or Dense.",
        "{cls} 处理的是图像 (批, 高, 宽, 通道):4 个轴,而 {shape} 有 {rank} 个。"
        "把 {layer} 放在图像输入之后、任何 Flatten 或 Dense 之前。",
    ),
    "fix.random_factor": (
        "Keras refuses {args} of {layer}: each must be a number in {range}, or two such numbers (lower, upper). "
        "A factor is a fraction (0.1 is 10%), not degrees or pixels: `{code}`.",
        "Keras 不接受 {layer} 的 {args}:每个都必须是 {range} 中的一个数,或两个这样的数 (下限, 上限)。"
        "因子是比例(0.1 即 10%),不是角度或像素:`{code}`。",
    ),
    "fix.posterization_bits": (
        "Keras refuses {args} of {layer}: it is how many bits of each number (out of 8) are kept, a whole number in "
        "{range}, or two such numbers (lower, upper): `{code}`.",
        "Keras 不接受 {layer} 的 {args}:它表示每个数(共 8 位)保留多少位,是 {range} 中的整数,"
        "或两个这样的数 (下限, 上限):`{code}`。",
    ),
    "fix.image_rgb": (
        "{cls} changes the colours of colour images, which needs 3 channels (red, green, blue), and {shape} has "
        "{channels}. Keras fails in fit() (or already when it builds the model). Use it on colour images only, or "
        "remove {layer} (RandomBrightness and RandomContrast work on any number of channels).",
        "{cls} 改变彩色图像的颜色,这需要 3 个通道(红、绿、蓝),而 {shape} 有 {channels} 个。"
        "Keras 会在 fit() 中出错(或在构建模型时就出错)。只在彩色图像上使用它,或去掉 {layer}"
        "(RandomBrightness 和 RandomContrast 适用于任意通道数)。",
    ),
    "fix.random_crop_inference": (
        "Keras 3.15.1's RandomCrop crops only in training: fit() gives the next layer {height}×{width} images, "
        "and the model's shapes say so, but predict(), evaluate() and model(x) pass the whole {H}×{W} image "
        "through (a Keras bug, keras-team/keras#21868), so a later layer that needs the size fails at inference. "
        "`{code}` cuts the centred {height}×{width} window in both; for random crops in training, crop in your "
        "input pipeline (tf.image.random_crop) and keep `{code}` in the model.",
        "Keras 3.15.1 的 RandomCrop 只在训练时裁剪:fit() 给下一层的是 {height}×{width} 的图像,模型的形状也这么写,"
        "但 predict()、evaluate() 和 model(x) 让整张 {H}×{W} 的图像通过(Keras 的 bug,keras-team/keras#21868),"
        "所以后面需要这个大小的层在推理时出错。`{code}` 在两种情况下都切出居中的 {height}×{width} 窗口;"
        "要在训练时随机裁剪,请在输入管道里裁剪(tf.image.random_crop),模型里保留 `{code}`。",
    ),
    "fix.contrast_value_range": (
        "value_range of {layer} is the range the images' values lie in, two numbers: `{code}` for 0..255 "
        "pixels, value_range=(0, 1) after a Rescaling(1/255).",
        "{layer} 的 value_range 是图像取值所在的范围,两个数:0..255 的像素用 `{code}`,"
        "经过 Rescaling(1/255) 之后用 value_range=(0, 1)。",
    ),
    "fix.resizing_crop_and_pad": (
        "{layer} can either crop to the new aspect ratio or pad to it, not both: `{code}`.",
        "{layer} 只能裁剪到新的宽高比或填充到新的宽高比,不能两者都做:`{code}`。",
    ),
    "fix.rescaling_channels": (
        "{arg} of {layer} has {count} numbers, and the last axis has {size} entries: give one number, or one per "
        "entry of the last axis.",
        "{layer} 的 {arg} 有 {count} 个数,而最后一个轴有 {size} 个元素:给一个数,或为最后一个轴的每个元素各给一个数。",
    ),
    "fix.normalization_both": (
        "{layer} is given only {given}: Keras needs mean= and variance= together, `{code}`.",
        "{layer} 只给了 {given}:Keras 需要同时给出 mean= 和 variance=,`{code}`。",
    ),
    "fix.normalization_axis": (
        "{layer} keeps axis {axis}, but its input {shape} has only {rank} axes (batch included): `{code}` keeps "
        "the last axis, the channels.",
        "{layer} 保留第 {axis} 轴,但它的输入 {shape} 只有 {rank} 个轴(含批轴):`{code}` 保留最后一个轴,即通道。",
    ),
    "fix.normalization_one_axis": (
        "{layer} keeps the axes {axes}; the explorer follows a Normalization that keeps one axis: `{code}` keeps "
        "the last axis, one mean and one variance per channel.",
        "{layer} 保留多个轴 {axes};本工具只跟踪保留一个轴的 Normalization:`{code}` 保留最后一个轴,每个通道一个均值和一个方差。",
    ),
    "fix.normalization_unknown_axis": (
        "axis {axis} of the input {shape} of {layer} has no fixed size, and a mean and a variance per entry need "
        "one: give that axis a number in the input's shape.",
        "{layer} 的输入 {shape} 的第 {axis} 轴没有固定大小,而每个元素各一个均值和方差需要这个大小:"
        "在输入的形状里给这个轴写一个数字。",
    ),
    "fix.normalization_length": (
        "{arg} of {layer} has {count} numbers, and axis {axis} of {shape} has {size} entries: give one number, "
        "or one per entry.",
        "{layer} 的 {arg} 有 {count} 个数,而 {shape} 的第 {axis} 轴有 {size} 个元素:给一个数,或每个元素一个数。",
    ),
    # -- the family ------------------------------------------------------------------------------
    "xray.preprocessing.inside": (
        "Why at the start of the model: preprocessing inside the model is saved with it, so model.save() keeps "
        "it, and predict() on raw images prepares them exactly as training did. Nothing needs doing outside.",
        "为什么放在模型开头:模型里的预处理会随模型一起保存,model.save() 会保留它,"
        "对原始图像调用 predict() 时的处理与训练时完全相同,模型之外无需再做任何处理。",
    ),
    # -- Rescaling -------------------------------------------------------------------------------
    "xray.rescaling.summary": (
        "Rescaling multiplies every number by scale={scale} and adds offset={offset}: out = x · scale + offset. "
        "No weights; the shape stays {shape} {axes}.",
        "Rescaling 把每个数乘以 scale={scale} 再加上 offset={offset}:out = x · scale + offset。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.rescaling.check": (
        "x · scale + offset vs the layer's output (first {n} samples)",
        "x · scale + offset 与该层输出对比(前 {n} 个样本)",
    ),
    "xray.rescaling.check_pick": ("out{out} recomputed by hand", "手算 out{out}"),
    "xray.rescaling.where": (
        "out{out} = {x} · {scale} + {offset} = {value}",
        "out{out} = {x} · {scale} + {offset} = {value}",
    ),
    "xray.rescaling.per_channel": (
        "scale or offset holds one number per entry of the last axis ({letter}, {size} entries): each channel "
        "is scaled by its own.",
        "scale 或 offset 为最后一个轴({letter},{size} 个元素)的每个元素各给一个数:每个通道用自己的数缩放。",
    ),
    "xray.rescaling.code": ("number by number: {shape}", "逐个数计算:{shape}"),
    "xray.rescaling.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to keep the X-ray small.",
        "为控制 X 光的内存,只对 {batch} 个样本中的前 {n} 个重新计算。",
    ),
    "xray.rescaling.grid_in": ("Input {where}: x{at} marked", "输入 {where}:标出 x{at}"),
    "xray.rescaling.grid_out": ("Output {where}: out{at} marked", "输出 {where}:标出 out{at}"),
    # -- random augmentation ------------------------------------------------------------------------
    "xray.random_flip.horizontal": (
        "RandomFlip: at inference (training=False) this layer passes its input through unchanged; in training "
        "it flips each image left to right with probability 1/2. No weights; the shape stays {shape} {axes}.",
        "RandomFlip:推理时(training=False)这一层让输入原样通过;训练时它以 1/2 的概率把每张图像左右翻转。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_flip.vertical": (
        "RandomFlip: at inference (training=False) this layer passes its input through unchanged; in training "
        "it flips each image upside down with probability 1/2. No weights; the shape stays {shape} {axes}.",
        "RandomFlip:推理时(training=False)这一层让输入原样通过;训练时它以 1/2 的概率把每张图像上下翻转。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_flip.horizontal_and_vertical": (
        "RandomFlip: at inference (training=False) this layer passes its input through unchanged; in training "
        "it flips each image left to right with probability 1/2 and, on its own, upside down with probability "
        "1/2. No weights; the shape stays {shape} {axes}.",
        "RandomFlip:推理时(training=False)这一层让输入原样通过;训练时它以 1/2 的概率把每张图像左右翻转,"
        "并独立地以 1/2 的概率上下翻转。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_rotation.training": (
        "RandomRotation: at inference (training=False) this layer passes its input through unchanged; in "
        "training it turns each image by a random angle from {low}° to {high}° (factor × 360°), filling the "
        "uncovered corners by fill_mode=\"{fill}\". No weights; the shape stays {shape} {axes}.",
        "RandomRotation:推理时(training=False)这一层让输入原样通过;训练时它把每张图像旋转 {low}° 到 {high}° 之间"
        "的随机角度(factor × 360°),空出的角按 fill_mode=\"{fill}\" 填充。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_zoom.training": (
        "RandomZoom: at inference (training=False) this layer passes its input through unchanged; in training "
        "it zooms each image out (positive) or in (negative) by a random {low} to {high} of its height and "
        "{wlow} to {whigh} of its width, filling by fill_mode=\"{fill}\". No weights; the shape stays {shape} "
        "{axes}.",
        "RandomZoom:推理时(training=False)这一层让输入原样通过;训练时它把每张图像随机缩小(正数)或放大(负数):"
        "高度变化 {low} 到 {high},宽度变化 {wlow} 到 {whigh},空出部分按 fill_mode=\"{fill}\" 填充。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_zoom.training_same": (
        "RandomZoom: at inference (training=False) this layer passes its input through unchanged; in training "
        "it zooms each image out (positive) or in (negative) by a random {low} to {high}, the same for height "
        "and width (the aspect ratio is kept), filling by fill_mode=\"{fill}\". No weights; the shape stays "
        "{shape} {axes}.",
        "RandomZoom:推理时(training=False)这一层让输入原样通过;训练时它把每张图像随机缩小(正数)或放大(负数)"
        "{low} 到 {high},高和宽变化相同(保持宽高比),空出部分按 fill_mode=\"{fill}\" 填充。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_translation.training": (
        "RandomTranslation: at inference (training=False) this layer passes its input through unchanged; in "
        "training it shifts each image by a random {low} to {high} of its height and {wlow} to {whigh} of its "
        "width, filling the uncovered part by fill_mode=\"{fill}\". No weights; the shape stays {shape} {axes}.",
        "RandomTranslation:推理时(training=False)这一层让输入原样通过;训练时它把每张图像随机平移:"
        "纵向为高度的 {low} 到 {high},横向为宽度的 {wlow} 到 {whigh},空出部分按 fill_mode=\"{fill}\" 填充。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_contrast.training": (
        "RandomContrast: at inference (training=False) this layer passes its input through unchanged; in "
        "training it moves each image's numbers away from (or towards) the mean of their channel by a random "
        "factor from {low} to {high}, one factor per image, then clips them to value_range {range}. No weights; "
        "the shape stays {shape} {axes}.",
        "RandomContrast:推理时(training=False)这一层让输入原样通过;训练时它把每张图像的数按一个 {low} 到 {high} "
        "之间的随机因子拉离(或拉近)其通道的均值,每张图像一个因子,然后截断到 value_range {range}。"
        "没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_brightness.training": (
        "RandomBrightness: at inference (training=False) this layer passes its input through unchanged; in "
        "training it adds one random amount to every number of each image, from {low} to {high} times the width of "
        "value_range {range}, then clips them to value_range. No weights; the shape stays {shape} {axes}.",
        "RandomBrightness:推理时(training=False)这一层让输入原样通过;训练时它给每张图像的所有数加上同一个随机量,"
        "取值为 value_range {range} 宽度的 {low} 到 {high} 倍,然后截断到 value_range。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_grayscale.training": (
        "RandomGrayscale: at inference (training=False) this layer passes its input through unchanged; in "
        "training it turns each image grey with probability {p}: every channel gets the image's brightness, so the "
        "number of channels stays. No weights; the shape stays {shape} {axes}.",
        "RandomGrayscale:推理时(training=False)这一层让输入原样通过;训练时它以 {p} 的概率把每张图像变成灰度:"
        "每个通道都取图像的亮度,通道数不变。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_hue.training": (
        "RandomHue: at inference (training=False) this layer passes its input through unchanged; in training it "
        "turns the colours of each image around the colour wheel by a random amount set by its factor range "
        "({low}, {high}). It needs 3 channels (red, green, blue). No weights; the shape stays {shape} {axes}.",
        "RandomHue:推理时(training=False)这一层让输入原样通过;训练时它把每张图像的颜色沿色环转动一个随机量,"
        "大小由它的 factor 范围 ({low}, {high}) 决定。它需要 3 个通道(红、绿、蓝)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_saturation.training": (
        "RandomSaturation: at inference (training=False) this layer passes its input through unchanged; in "
        "training it makes the colours of each image greyer or more vivid by a random amount set by its factor "
        "range ({low}, {high}). It needs 3 channels (red, green, blue). No weights; the shape stays {shape} {axes}.",
        "RandomSaturation:推理时(training=False)这一层让输入原样通过;训练时它让每张图像的颜色变灰或更鲜艳,"
        "随机的程度由它的 factor 范围 ({low}, {high}) 决定。它需要 3 个通道(红、绿、蓝)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_shear.training": (
        "RandomShear: at inference (training=False) this layer passes its input through unchanged; in training "
        "it slants each image by a random shear from {xlow} to {xhigh} along its width and from {ylow} to {yhigh} "
        "along its height, filling the uncovered part by fill_mode=\"{fill}\". No weights; the shape stays "
        "{shape} {axes}.",
        "RandomShear:推理时(training=False)这一层让输入原样通过;训练时它把每张图像随机错切:沿宽度 {xlow} 到 {xhigh},"
        "沿高度 {ylow} 到 {yhigh},空出部分按 fill_mode=\"{fill}\" 填充。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_erasing.training": (
        "RandomErasing: at inference (training=False) this layer passes its input through unchanged; in training "
        "it erases a random rectangle of each image, with a probability set by its factor range ({low}, {high}) "
        "and a size set by scale ({slow}, {shigh}), filled with fill_value={fill} (None: random normal numbers). "
        "No weights; the shape stays {shape} {axes}.",
        "RandomErasing:推理时(training=False)这一层让输入原样通过;训练时它擦除每张图像中的一个随机矩形,"
        "概率由它的 factor 范围 ({low}, {high}) 决定,大小由 scale ({slow}, {shigh}) 决定,"
        "并以 fill_value={fill} 填充(None:随机的正态分布数)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_sharpness.training": (
        "RandomSharpness: at inference (training=False) this layer passes its input through unchanged; in training it "
        "sharpens or blurs each image by a random amount set by its factor range ({low}, {high}). No weights; the shape stays {shape} {axes}.",
        "RandomSharpness:推理时(training=False)这一层让输入原样通过;训练时它按由它的 factor 范围 ({low}, {high}) 决定的随机程度把每张图像变锐或变模糊。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_gaussian_blur.training": (
        "RandomGaussianBlur: at inference (training=False) this layer passes its input through unchanged; in training it "
        "blurs each image with a Gaussian window of {kernel} pixels and a random spread sigma from {slow} to {shigh}, with a probability set by its factor range ({low}, {high}). No weights; the shape stays {shape} {axes}.",
        "RandomGaussianBlur:推理时(training=False)这一层让输入原样通过;训练时它以由它的 factor 范围 ({low}, {high}) 决定的概率,用 {kernel} 像素的高斯窗口模糊每张图像,sigma 随机取 {slow} 到 {shigh}。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_perspective.training": (
        "RandomPerspective: at inference (training=False) this layer passes its input through unchanged; in training it "
        "moves the corners of each image by a random shift set by scale={scale}, as if seen from another angle, with a probability set by its factor range ({low}, {high}), filling the uncovered part with {fill}. No weights; the shape stays {shape} {axes}.",
        "RandomPerspective:推理时(training=False)这一层让输入原样通过;训练时它以由它的 factor 范围 ({low}, {high}) 决定的概率,把每张图像的角随机移动(幅度由 scale={scale} 决定),就像从另一个角度看它,空出部分填 {fill}。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_posterization.training": (
        "RandomPosterization: at inference (training=False) this layer passes its input through unchanged; in training it "
        "keeps a random {low} to {high} bits of each number (out of 8), so each image has fewer distinct levels. No weights; the shape stays {shape} {axes}.",
        "RandomPosterization:推理时(training=False)这一层让输入原样通过;训练时它随机只保留每个数的 {low} 到 {high} 位(共 8 位),所以每张图像的不同亮度级变少。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_invert.training": (
        "RandomInvert: at inference (training=False) this layer passes its input through unchanged; in training it "
        "turns each image into its negative (the top of value_range {range} minus x) with a probability set by its factor range ({low}, {high}). No weights; the shape stays {shape} {axes}.",
        "RandomInvert:推理时(training=False)这一层让输入原样通过;训练时它以由它的 factor 范围 ({low}, {high}) 决定的概率把每张图像变成负片(value_range {range} 的上限减去 x)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_color_degeneration.training": (
        "RandomColorDegeneration: at inference (training=False) this layer passes its input through unchanged; in training it "
        "blends each image with its grey version by a random amount set by its factor range ({low}, {high}). It needs 3 channels (red, green, blue). No weights; the shape stays {shape} {axes}.",
        "RandomColorDegeneration:推理时(training=False)这一层让输入原样通过;训练时它按由它的 factor 范围 ({low}, {high}) 决定的随机程度,把每张图像与它的灰度版本混合。它需要 3 个通道(红、绿、蓝)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_color_jitter.training": (
        "RandomColorJitter: at inference (training=False) this layer passes its input through unchanged; in training it "
        "changes, one after another, what its factors name (brightness={brightness}, contrast={contrast}, saturation={saturation}, hue={hue}; None: left as it is) by random amounts. No weights; the shape stays {shape} {axes}.",
        "RandomColorJitter:推理时(training=False)这一层让输入原样通过;训练时它依次随机改变它的因子所指的性质(brightness={brightness}、contrast={contrast}、saturation={saturation}、hue={hue};None:不改变)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.solarization.training": (
        "Solarization: at inference (training=False) this layer passes its input through unchanged; in training it "
        "adds a random {alow} to {ahigh} of value_range {range} to every number, then inverts the numbers above a random threshold of {tlow} to {thigh} of value_range. Keras 3.15.1 solarizes in training only. No weights; the shape stays {shape} {axes}.",
        "Solarization:推理时(training=False)这一层让输入原样通过;训练时它给每个数加上 value_range {range} 的随机 {alow} 到 {ahigh},再把高于随机阈值({tlow} 到 {thigh} 的 value_range)的数反转。Keras 3.15.1 只在训练时做这一步。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.random_crop.whole": (
        "RandomCrop({height}, {width}) on images that are already {height}×{width}: it keeps each image whole, in "
        "training and at inference (training=False): out = x. On larger images Keras 3.15.1 would crop them in "
        "training only and pass them whole at inference (keras-team/keras#21868). No weights; the shape stays "
        "{shape} {axes}.",
        "RandomCrop({height}, {width}) 作用在本来就是 {height}×{width} 的图像上:训练时和推理时(training=False)"
        "都保留整张图像:out = x。对更大的图像,Keras 3.15.1 只在训练时裁剪,推理时让整张图像通过"
        "(keras-team/keras#21868)。没有权重;形状保持 {shape} {axes}。",
    ),
    "xray.augment.when": (
        "fit() calls the model with training=True, so each epoch sees new random versions of the images; "
        "predict(), evaluate() and model(x) call it with training=False. Here it is called with training=False.",
        "fit() 以 training=True 调用模型,所以每个 epoch 看到的都是图像新的随机版本;"
        "predict()、evaluate() 和 model(x) 以 training=False 调用它。这里以 training=False 调用。",
    ),
    "xray.augment.check": (
        "out vs x (first {n} samples): at inference they are the same numbers",
        "out 与 x 对比(前 {n} 个样本):推理时它们是同样的数",
    ),
    "xray.augment.code": ("training=False: {shape}, unchanged", "training=False:{shape},不变"),
    "xray.augment.bounded": (
        "Compared on the first {n} of the {batch} samples, to keep the X-ray small.",
        "为控制 X 光的内存,只比较 {batch} 个样本中的前 {n} 个。",
    ),
    "xray.augment.grid_out": ("Output {where}: out{at} marked (equal to x{at})", "输出 {where}:标出 out{at}(等于 x{at})"),
    # -- Resizing, CenterCrop ----------------------------------------------------------------------
    "xray.resizing.summary": (
        "Resizing({height}, {width}, interpolation=\"{interpolation}\") resizes every image from {H}×{W} to "
        "{height}×{width}, each channel on its own: {shape} {axes}. No weights.",
        "Resizing({height}, {width}, interpolation=\"{interpolation}\") 把每张图像从 {H}×{W} 缩放到 "
        "{height}×{width},每个通道各自处理:{shape} {axes}。没有权重。",
    ),
    "xray.resizing.unchecked": (
        "Resizing with interpolation=\"{interpolation}\" (or padding, or antialiasing) resizes every image to "
        "{shape} {axes}; the X-ray recomputes only nearest and bilinear resizing, so nothing is checked here. "
        "No weights.",
        "interpolation=\"{interpolation}\"(或填充、抗锯齿)的 Resizing 把每张图像缩放为 {shape} {axes};"
        "X 光只重新计算 nearest 和 bilinear 缩放,所以这里没有核对。没有权重。",
    ),
    "xray.resizing.nearest": (
        "nearest: out{out} copies x{src} = {value}. Output row {i} sits at (i + 0.5) · H/height in the input and "
        "reads row {row}; output column {j} reads column {col} the same way.",
        "nearest:out{out} 复制 x{src} = {value}。输出第 {i} 行位于输入的 (i + 0.5) · H/height 处,读取第 {row} 行;"
        "输出第 {j} 列同样读取第 {col} 列。",
    ),
    "xray.resizing.bilinear": (
        "bilinear: out{out} falls at row {row}, column {col} of the input, between 4 neighbours {cells}. It "
        "mixes them, each weighted by how near it is (the weights add up to 1): {terms} = {value}.",
        "bilinear:out{out} 落在输入的第 {row} 行、第 {col} 列,位于 4 个相邻的数 {cells} 之间。"
        "按距离远近加权混合它们(权重之和为 1):{terms} = {value}。",
    ),
    "xray.resizing.crop": (
        "First the centred window of the new aspect ratio ({height}:{width}) is cut out: rows {top} to {bottom}, "
        "columns {left} to {right} ({rows}×{cols}); the rest of the image is dropped.",
        "先切出新宽高比({height}:{width})的居中窗口:第 {top} 到 {bottom} 行、第 {left} 到 {right} 列"
        "({rows}×{cols});图像的其余部分被丢弃。",
    ),
    "xray.resizing.check": (
        "numpy resizing vs the layer's output (first {n} samples)",
        "numpy 缩放与该层输出对比(前 {n} 个样本)",
    ),
    "xray.resizing.check_pick": ("out{out} recomputed by hand", "手算 out{out}"),
    "xray.resizing.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to keep the X-ray small.",
        "为控制 X 光的内存,只对 {batch} 个样本中的前 {n} 个重新计算。",
    ),
    "xray.resizing.code.rows": ("the input row each output row copies", "每个输出行复制的输入行"),
    "xray.resizing.code.source": ("where each output row falls in the input", "每个输出行落在输入中的位置"),
    "xray.resizing.code.mix": ("the two nearest rows, weighted by distance", "最近的两行,按距离加权"),
    "xray.resizing.code.columns": ("then the same along the columns", "然后沿列做同样的计算"),
    "xray.resizing.code.edges": (
        "low and low + 1 are clipped into the image at its edges",
        "在图像边缘,low 和 low + 1 被限制在图像之内",
    ),
    "xray.resizing.code.crop": ("the centred window of the new aspect ratio", "新宽高比的居中窗口"),
    "xray.resizing.heat_in": ("The input {where}: the numbers out{out} is read from, outlined",
                              "输入 {where}：框出 out{out} 读取的数"),
    "xray.resizing.grid_in": ("Input {where}: the cells read marked", "输入 {where}:标出被读取的数"),
    "xray.resizing.grid_out": ("Output {where}: out{at} marked", "输出 {where}:标出 out{at}"),
    "xray.centercrop.summary": (
        "CenterCrop({height}, {width}) keeps the centred {height}×{width} window of every {H}×{W} image: rows "
        "{top} to {bottom}, columns {left} to {right}. Nothing is computed, numbers are only dropped: {shape} "
        "{axes}. No weights.",
        "CenterCrop({height}, {width}) 保留每张 {H}×{W} 图像居中的 {height}×{width} 窗口:第 {top} 到 {bottom} 行、"
        "第 {left} 到 {right} 列。不做任何计算,只丢弃数:{shape} {axes}。没有权重。",
    ),
    "xray.centercrop.summary_small": (
        "CenterCrop({height}, {width}): the {H}×{W} images are smaller than the window, so Keras resizes them "
        "instead (smart_resize: the centred window of the aspect ratio, then bilinear): {shape} {axes}. No "
        "weights.",
        "CenterCrop({height}, {width}):{H}×{W} 的图像比窗口小,所以 Keras 改为缩放它们"
        "(smart_resize:先取该宽高比的居中窗口,再 bilinear 缩放):{shape} {axes}。没有权重。",
    ),
    "xray.centercrop.where": (
        "out{out} = x{src} = {value}: the window starts at row {top}, column {left}.",
        "out{out} = x{src} = {value}:窗口从第 {top} 行、第 {left} 列开始。",
    ),
    "xray.centercrop.check": (
        "the window of x vs the layer's output (first {n} samples)",
        "x 的窗口与该层输出对比(前 {n} 个样本)",
    ),
    "xray.centercrop.code": ("the window's first row and column", "窗口的第一行和第一列"),
    # -- Normalization ---------------------------------------------------------------------------
    "xray.normalization.summary": (
        "Normalization subtracts the mean and divides by the standard deviation you gave: out = (x − mean) / "
        "√variance, so data with that mean and variance comes out with mean 0 and variance 1. No weights "
        "(mean and variance are constants): {shape} {axes}.",
        "Normalization 减去你给的均值,再除以标准差:out = (x − mean) / √variance,"
        "于是具有该均值和方差的数据输出的均值为 0、方差为 1。没有权重(mean 和 variance 是常数):{shape} {axes}。",
    ),
    "xray.normalization.summary_invert": (
        "Normalization(invert=True) undoes a normalization: out = mean + x · √variance. No weights (mean and "
        "variance are constants): {shape} {axes}.",
        "Normalization(invert=True) 撤销一次归一化:out = mean + x · √variance。没有权重(mean 和 variance 是常数):"
        "{shape} {axes}。",
    ),
    "xray.normalization.summary_adapt": (
        "Normalization without mean= and variance=: out = (x − mean) / √variance, where mean and variance are the "
        "layer's weights, one per channel, filled by adapt(x_train) from your data. The explorer never runs "
        "adapt(), so the numbers here are Keras's values before adapt(), mean 0 and variance 1: out = x. The "
        "shapes and the parameter count are your model's: {shape} {axes}.",
        "没有 mean= 和 variance= 的 Normalization:out = (x − mean) / √variance,其中 mean 和 variance 是该层的权重,"
        "每个通道一个,由 adapt(x_train) 根据你的数据填入。本工具从不运行 adapt(),所以这里的数是 Keras 在 adapt() "
        "之前的值:均值 0、方差 1,out = x。形状和参数个数则是你的模型的:{shape} {axes}。",
    ),
    "xray.normalization.adapt": (
        "{layer} holds mean, variance and count (the samples adapt() has seen: {count_now} here) as weights: "
        "{count} parameters, none trainable, so fit() never changes them. Call {layer}.adapt(x_train) once "
        "before fit(); then out = (x − mean) / √variance with your data's mean and variance.",
        "{layer} 把 mean、variance 和 count(adapt() 见过的样本数,这里是 {count_now})存为权重:{count} 个参数,"
        "都不可训练,所以 fit() 从不改变它们。在 fit() 之前调用一次 {layer}.adapt(x_train);"
        "之后 out = (x − mean) / √variance,用的是你的数据的均值和方差。",
    ),
    "xray.normalization.where": (
        "out{out} = ({x} − {mean}) / √{variance} = ({x} − {mean}) / {spread} = {value}",
        "out{out} = ({x} − {mean}) / √{variance} = ({x} − {mean}) / {spread} = {value}",
    ),
    "xray.normalization.where_invert": (
        "out{out} = {mean} + {x} · √{variance} = {mean} + {x} · {spread} = {value}",
        "out{out} = {mean} + {x} · √{variance} = {mean} + {x} · {spread} = {value}",
    ),
    "xray.normalization.per_entry": (
        "One mean and one variance per entry of axis {letter} ({size} entries), the same for every other axis.",
        "{letter} 轴的每个元素({size} 个)各有一个均值和一个方差,其他轴共用。",
    ),
    "xray.normalization.check": (
        "numpy normalization vs the layer's output (first {n} samples)",
        "numpy 归一化与该层输出对比(前 {n} 个样本)",
    ),
    "xray.normalization.check_pick": ("out{out} recomputed by hand", "手算 out{out}"),
    "xray.normalization.check_back": (
        "the layer's output scaled back, out · √variance + mean, vs x (first {n} samples)",
        "该层输出还原回去(out · √variance + mean)与 x 对比(前 {n} 个样本)",
    ),
    "xray.normalization.check_back_pick": ("out{out} scaled back by hand vs x", "手算把 out{out} 还原后与 x 对比"),
    "xray.normalization.tiny": (
        "A variance as small as {variance} makes the outputs large, and float32 keeps only about 7 digits of "
        "them: the checks scale the layer's output back and compare it with x. A feature with (almost) no "
        "variance carries no information; is it constant in your data?",
        "小到 {variance} 的方差会让输出变得很大,而 float32 只保留约 7 位有效数字:所以核对时把该层输出还原回去再与 x 比较。"
        "(几乎)没有方差的特征不携带任何信息;它在你的数据里是常数吗?",
    ),
    "xray.normalization.code": (
        "{shape}; mean and variance broadcast as {stats}; never divides by less than 1e-7",
        "{shape};mean 和 variance 以 {stats} 广播;除数不小于 1e-7",
    ),
    "xray.normalization.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to keep the X-ray small.",
        "为控制 X 光的内存,只对 {batch} 个样本中的前 {n} 个重新计算。",
    ),
    "xray.normalization.grid_in": ("Input {where}: x{at} marked", "输入 {where}:标出 x{at}"),
    "xray.normalization.grid_stats": (
        "mean (row 0) and variance (row 1) along {letter}: entry {entry} marked",
        "沿 {letter} 的均值(第 0 行)和方差(第 1 行):标出第 {entry} 个",
    ),
    "xray.normalization.grid_out": ("Output {where}: out{at} marked", "输出 {where}:标出 out{at}"),
    # -- mistakes --------------------------------------------------------------------------------
    "mistake.rotation_degrees.title": (
        "RandomRotation({degrees}): degrees where Keras wants a fraction of a turn",
        "RandomRotation({degrees}):用了角度,而 Keras 要的是一整圈的比例",
    ),
    "mistake.rotation_degrees.why": (
        "factor counts full turns: 0.1 turns up to ±36°. {degrees} would be {degrees} turns, and Keras refuses "
        "any factor outside [-1, 1]. For ±{degrees}° write factor={fraction} ({degrees}/360).",
        "factor 以整圈计:0.1 表示最多转 ±36°。{degrees} 就是 {degrees} 圈,Keras 拒绝 [-1, 1] 之外的 factor。"
        "要转 ±{degrees}°,请写 factor={fraction}({degrees}/360)。",
    ),
    "mistake.translation_pixels.title": (
        "RandomTranslation({rows}, {cols}): pixels where Keras wants fractions",
        "RandomTranslation({rows}, {cols}):用了像素,而 Keras 要的是比例",
    ),
    "mistake.translation_pixels.why": (
        "height_factor and width_factor are parts of the image's height ({height}) and width ({width}), from -1 to "
        "1: a shift of up to {rows} rows and {cols} columns is {fraction_rows} and {fraction_cols}. Keras refuses "
        "{rows} and {cols}.",
        "height_factor 和 width_factor 是图像高度({height})和宽度({width})的比例,取值 -1 到 1:"
        "最多平移 {rows} 行、{cols} 列就是 {fraction_rows} 和 {fraction_cols}。Keras 拒绝 {rows} 和 {cols}。",
    ),
    "mistake.normalization_adapt.title": (
        "Normalization() and no adapt(): every number passes through unchanged",
        "Normalization() 却没有 adapt():每个数都原样通过",
    ),
    "mistake.normalization_adapt.why": (
        "Without mean= and variance=, {layer} starts at mean 0 and variance 1, and only {layer}.adapt(x_train), "
        "called before fit(), sets them from your data. Forget it and {layer} computes (x − 0) / 1 = x: nothing "
        "warns, and 0..255 pixels reach the next layer as they are. Run here on a small made-up batch of 0..255 "
        "numbers with {size} channels: the layer not adapted against the same layer adapted to that batch.",
        "没有 mean= 和 variance= 时,{layer} 从均值 0、方差 1 开始,只有在 fit() 之前调用 {layer}.adapt(x_train) "
        "才会用你的数据设定它们。忘了它,{layer} 就计算 (x − 0) / 1 = x:没有任何警告,0..255 的像素原样进入下一层。"
        "这里在一小批编造的 0..255 数据({size} 个通道)上运行:未 adapt 的层与对这批数据 adapt 过的同一层对比。",
    ),
    "mistake.normalization_adapt.code.made": (
        "mean 0 and variance 1 until adapt()",
        "在 adapt() 之前均值为 0、方差为 1",
    ),
    "mistake.normalization_adapt.code.fit": (
        "no {layer}.adapt(x_train) before: out = x",
        "之前没有 {layer}.adapt(x_train):out = x",
    ),
}
