"""The model's code is the page's state: presets fill it, the learner edits it, the sidebar's named
numbers rewrite it, and a link carries it (a preset and its numbers, or the packed code).

Every value a widget, a callback or the URL sends is re-checked in the core (`explorer.controls`,
`explorer.share.unpack_code`) before it touches the code; what had to change comes back as a
Notice for the page to show.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from explorer.notices import Notice
from explorer.controls import ASKS_FOR_INPUT, DATA_KEYS, Control, check_control, control_for, needs_input_shape
from explorer.i18n import t
from explorer.presets import DEFAULT_PRESET, PRESETS, TITLE_KEYS, preset_code
from explorer.reader.code import MAX_CHARS as MAX_SOURCE_CHARS, set_constant
from explorer.share import CODE_PARAM, INPUT_SHAPE_PARAM, PRESET_PARAM, unpack_code
from explorer.spec import ReadResult
from explorer.ui import read_cache  # the readers only: no TensorFlow before the top of the page is drawn
from explorer.ui import data_input, sidebar

CODE_KEY = "code"
PRESET_KEY = "preset"
JSON_KEY = "keras_json"
UPLOAD_KEY = "upload"
CUSTOM = "custom"  # the preset selector's entry for code that is no preset
SOURCE_KEY = "_model_source"  # "code" or "json": which box the page shows
_STARTED = "_model_started"
_PENDING = "_model_url_notices"
_SENT = "_model_sent"  # widget key -> _Sent (quick changes, below)
_DRAWN = "_model_drawn"  # widget key -> the value the last run drew
_LANG_DRAWN = "_model_lang_drawn"  # the language the preset selector's labels were last drawn in
SENT_GRACE_S = 2.0  # how long after a written value is drawn a browser may still send an older one
_clock = time.monotonic
_NOT_SETTINGS = ("lang", "embed", "embed_options", CODE_PARAM, PRESET_PARAM, INPUT_SHAPE_PARAM, *DATA_KEYS)


@dataclass(frozen=True)
class ModelInput:
    code: str
    result: ReadResult
    source: str  # "code" or "json"
    preset: str | None  # the preset the code is (with its own numbers), None for other code
    controls: tuple[Control, ...]
    notices: tuple[Notice, ...]
    input_shape: tuple | None = None  # the shapes the learner typed (one per input), where the code's model needs them
    typed_data: dict | None = None  # "Your data" as typed where the code gives none (explorer/ui/data_input.py)


# Quick changes. The browser sends every widget's value with each rerun. When the learner makes a
# second change before the browser has received a value this module wrote for the first one (the
# code rewritten for a sidebar number, a preset's code, the preset selector or a number following
# an edit), the second rerun carries that widget's OLDER value, and Streamlit takes it as the
# learner's own edit: the first change is silently undone (tests/test_quick_changes.py).
# `_set` remembers what the browser may still show; `_from_browser` keeps the written value when
# such an older value comes back within SENT_GRACE_S of the written one being drawn, and for the
# preset selector and the numbers (which a learner can choose back that fast on purpose) only when
# the same rerun brings another change (the one that sent it). Any other value is the learner's.
@dataclass
class _Sent:
    value: object  # what this module wrote into the widget
    older: tuple  # what the browser may show instead: its value before, and values written since
    drawn_at: float | None  # when a run drew `value` (None: not yet)


def _set(key: str, value: object) -> None:
    """Write a widget's value (code box, preset selector, a named number) from here, not the browser."""
    current = _from_browser(key)
    if current == value:
        return
    if current is not None:  # the browser shows `current` until it receives `value`
        sent = st.session_state.setdefault(_SENT, {})
        older = sent[key].older if key in sent else ()
        sent[key] = _Sent(value, (older + (current,))[-8:], None)
    st.session_state[key] = value


def _from_browser(key: str) -> object:
    """The widget's value as the learner meant it: an older value that a browser which has not yet
    received the written one sends along with another change is replaced by the written value
    (which this run draws again)."""
    value = st.session_state.get(key)
    sent = st.session_state.get(_SENT, {})
    written = sent.get(key)
    if written is None or value == written.value:
        return value
    if value in written.older and (written.drawn_at is None or _clock() - written.drawn_at < SENT_GRACE_S) \
            and (key == CODE_KEY or _another_change(key)):
        st.session_state[key] = written.value
        written.drawn_at = None
        return written.value
    del sent[key]  # the learner's own value: the browser holds it
    return value


def _another_change(key: str) -> bool:
    """Whether a widget of this module other than `key` differs from what the last run drew."""
    return any(k != key and st.session_state.get(k) != v for k, v in st.session_state.get(_DRAWN, {}).items())


def _drawn(values: dict[str, object]) -> None:
    """This run draws these widget values: their grace starts now; values past it are forgotten."""
    now = _clock()
    st.session_state[_DRAWN] = values
    sent = st.session_state.get(_SENT, {})
    for key, written in list(sent.items()):
        if written.drawn_at is None:
            written.drawn_at = now
        elif now - written.drawn_at >= SENT_GRACE_S:
            del sent[key]


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _controls(code: str) -> dict[str, tuple[Control, object]]:
    """name -> (control, constant) for every named number of this code that can be a control."""
    out = {}
    for constant in read_cache.read_code_for(code, sidebar.current_input_shape()).constants:
        control = control_for(constant)
        if control is not None:
            out[constant.name] = (control, constant)
    return out


def _apply(code: str, name: str, raw: object) -> tuple[str, Notice | None]:
    """The code with constant `name` set to raw, if raw is acceptable; else the code and a Notice."""
    control, constant = _controls(code)[name]
    value, why = check_control(control, raw)
    if value is None:
        kind = {"out_of_range": "clamped"}.get(why, why)
        return code, Notice(name, kind, _short(raw), str(control.value))
    if value == control.value:
        return code, None
    changed = set_constant(code, constant, value)
    if _errors(changed) > _errors(code) or name not in _controls(changed):
        # in range for its own use, but not where it is used in arithmetic (count_classes + 1 past the limit)
        return code, Notice(name, "breaks_code", _short(raw), str(control.value))
    return changed, None


def _errors(code: str) -> int:
    """How many lines of this code the reader refuses."""
    return sum(1 for note in read_cache.read_code_for(code, sidebar.current_input_shape()).notes
               if note.severity == "error")


def _first_run() -> list[Notice]:
    """The code from the link (or the default preset), with the link's numbers applied. Once per session.
    Every value the link holds is used or named in a notice: nothing is dropped without a word."""
    if st.session_state.get(_STARTED):
        return st.session_state.pop(_PENDING, [])
    st.session_state[_STARTED] = True
    params = st.query_params
    notices: list[Notice] = []
    preset = params.get(PRESET_PARAM, DEFAULT_PRESET)
    if preset not in PRESETS:
        notices.append(Notice(PRESET_PARAM, "preset_unknown", _short(preset), DEFAULT_PRESET))
        preset = DEFAULT_PRESET
    code = preset_code(preset)
    if CODE_PARAM in params:
        unpacked = unpack_code(params.get(CODE_PARAM), MAX_SOURCE_CHARS)
        if unpacked is None:
            notices.append(Notice(CODE_PARAM, "code_bad", "", ""))
        else:
            code = unpacked
    controls = _controls(code)
    for key in params:
        if key in _NOT_SETTINGS:
            continue
        values = params.get_all(key)
        if not values:
            continue
        if len(values) > 1:
            notices.append(Notice(_short(key), "repeated", str(len(values)), _short(values[-1])))
        if key not in controls:
            notices.append(Notice(_short(key), "unknown_key", _short(values[-1]), ""))
            continue
        code, notice = _apply(code, key, values[-1])
        if notice is not None:
            notices.append(notice)
    st.session_state[CODE_KEY] = code
    st.session_state[PRESET_KEY] = which_preset(code) or CUSTOM
    st.session_state[SOURCE_KEY] = "code"
    return notices


def _preset_choice(value: object) -> str | None:
    """The preset selector's value as a choice: a preset's name or CUSTOM. Anything else (None) is not
    the learner's choice: a browser that still shows the selector's label from before a language switch
    sends that label back (Streamlit keeps a selectbox's value as its label), or a forged value."""
    return value if value in PRESETS or value == CUSTOM else None


def _code_preset() -> str:
    """What the preset selector should say for the code the page holds."""
    code = st.session_state.get(CODE_KEY)
    return (which_preset(code) if isinstance(code, str) else None) or CUSTOM


def _load_preset() -> None:
    """The preset selector's callback: only a preset the learner chose replaces the code."""
    name = _preset_choice(_from_browser(PRESET_KEY))
    if name is None:  # not a choice: the code stays, the selector is put back (read_model)
        return
    if name == CUSTOM:  # "your own code" keeps the code as it is
        return
    _set(CODE_KEY, preset_code(name))
    st.session_state[SOURCE_KEY] = "code"


def _constant_changed(name: str) -> None:
    code = _from_browser(CODE_KEY)
    code = code if isinstance(code, str) else ""
    if name in _controls(code):
        code, notice = _apply(code, name, _from_browser(name))
        _set(CODE_KEY, code)
        if notice is not None:
            st.session_state.setdefault(_PENDING, []).append(notice)
    st.session_state[SOURCE_KEY] = "code"


def code_edited() -> None:
    """The code box's callback: the page shows the code again (not a JSON model), and the preset
    selector says whether the code is still a preset (so choosing that preset again restores it)."""
    st.session_state[SOURCE_KEY] = "code"
    code = _from_browser(CODE_KEY)
    _set(PRESET_KEY, (which_preset(code) if isinstance(code, str) else None) or CUSTOM)


def set_code(code: str) -> None:
    """A button's callback (the one-click fix): the code box gets `code`, as after an edit."""
    _set(CODE_KEY, code)
    code_edited()


def json_chosen() -> None:
    st.session_state[SOURCE_KEY] = "json"


def which_preset(code: str) -> str | None:
    """The preset this code is, allowing its named numbers to differ; None for any other code."""
    controls = _controls(code)
    for name in PRESETS:
        base = preset_code(name)
        for constant in read_cache.read_code_for(base).constants:
            if constant.name in controls:
                base = set_constant(base, constant, controls[constant.name][0].value)
        if base == code:
            return name
    return None


def _help(control: Control, lang: str) -> str:
    uses = ", ".join(t(lang, "model.use_if") if kind == "if" else f"{kind}.{arg}" for kind, arg in control.uses) or "—"
    return t(lang, "model.constant_help", name=control.name, uses=uses)


def read_model(lang: str) -> ModelInput:
    """The sidebar's preset, the input shape the code does not give (where it needs one) and the named
    numbers, and the model the page shows."""
    shape, notices = sidebar.typed_input_shape()  # before the link's numbers: they may need it to be read
    notices += _first_run()
    if _preset_choice(st.session_state.get(PRESET_KEY)) is None or st.session_state.get(_LANG_DRAWN) != lang:
        # a stale label or a forged value; or the language changed, and the browser still shows the
        # old language's label: writing the value sends the browser the label in the new language
        st.session_state[PRESET_KEY] = _code_preset()
    st.session_state[_LANG_DRAWN] = lang
    st.sidebar.selectbox(t(lang, "model.preset"), PRESETS + (CUSTOM,), key=PRESET_KEY, on_change=_load_preset,
                         format_func=lambda name: t(lang, TITLE_KEYS.get(name, "model.preset_custom")))
    code = _from_browser(CODE_KEY)
    if not isinstance(code, str):
        code = preset_code(DEFAULT_PRESET)
        st.session_state[CODE_KEY] = code
    st.sidebar.header(t(lang, "sidebar.header"))
    source = st.session_state.get(SOURCE_KEY, "code")
    read = read_cache.read_code_for(code, shape)
    needed = source != "json" and needs_input_shape(read)
    example = next((n.param("example") for n in read.notes if n.key in ASKS_FOR_INPUT and n.param("example")), "")
    notices += sidebar.input_shape_box(needed, example, lang)
    controls = []
    for name, (control, _) in _controls(code).items():
        controls.append(control)
        _set(name, control.value)  # the code is the truth
        if control.is_bool:
            st.sidebar.toggle(name, key=name, help=_help(control, lang), on_change=_constant_changed, args=(name,))
        elif control.is_number:
            st.sidebar.number_input(name, min_value=control.low, max_value=control.high, step=1, key=name,
                                    help=_help(control, lang), on_change=_constant_changed, args=(name,))
        else:
            st.sidebar.selectbox(name, control.choices, key=name, help=_help(control, lang),
                                 on_change=_constant_changed, args=(name,))
    if not controls:
        st.sidebar.caption(t(lang, "model.sidebar_none"))
    _drawn({CODE_KEY: code, PRESET_KEY: st.session_state.get(PRESET_KEY),
            **{control.name: control.value for control in controls}})  # the code box: next, in model_panel
    if source == "json":
        upload = st.session_state.get(UPLOAD_KEY)
        result = read_cache.read_upload_for(upload.getvalue()) if upload is not None else \
            read_cache.read_json_for(st.session_state.get(JSON_KEY) or "")
        preset = None
    else:
        source = "code"
        result = read
        preset = which_preset(code)
    typed, data_notices = data_input.data_box(result.spec, result.training, lang)
    return ModelInput(code, result, source, preset, tuple(controls), tuple(notices + data_notices),
                      shape if needed else None, typed)
