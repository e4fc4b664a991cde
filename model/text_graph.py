"""The ONNX graph of `moderation-text`: raw text + structured features in, P(violation) out.

The featurisation *is* this graph. Training runs the featurising part of the same graph with
onnxruntime to get the feature matrix, fits the classifier on it, and then appends the
classifier (MatMul + Add + Sigmoid) to the graph; training and serving share one code path.

Inputs (the Java contract)
--------------------------
``text``      string [N]      title + "\\n" + description, raw (no trimming, no lowercasing)
``features``  float32 [N, 12] seller_is_verified, images_qty, log1p(len(description)),
                              log1p(price), one-hot category 1..8 (exactly as the baseline)

Featurisation (all in the graph)
--------------------------------
1. ``StringNormalizer`` LOWER and UPPER with ``locale="C.UTF-8"`` (the default en_US.UTF-8
   locale is missing on our machines and session creation would fail). In onnxruntime 1.23.2
   LOWER/UPPER under C.UTF-8 do change Cyrillic case (checked on every training text against
   Python's ``str.lower``).
2. Character n-grams: ``com.microsoft.Tokenizer`` with ``separators=[""]`` splits the lower-cased
   text into characters (padding ``<pad>``, which never equals a character); ``TfIdfVectorizer``
   counts the character 1..4-grams of a fixed vocabulary chosen on the training split (most
   document-frequent n-grams). Value = log(1 + count) * idf, then each row is L2-normalised
   (sublinear TF-IDF, like scikit-learn's TfidfVectorizer(sublinear_tf=True)).
3. Case and punctuation statistics from the character tokens of the raw, lower- and upper-cased
   text: share of upper-case letters among letters (a character is a letter when its upper and
   lower forms differ, upper-case when the raw one differs from the lower one), number of "!".
4. Repetition: word tokens (``Tokenizer`` with ``tokenexp=[\\p{L}\\p{N}]+``, >= 4 characters, the
   first 192 words) are compared pairwise with ``Equal``; features: log of the largest count of one
   word, share of repeated words (1 - distinct / total).
5. ``RegexFullMatch`` flags on the lower-cased text (RE2 syntax, see REGEXES): phone number as 10+
   digits with at most two separators between digits, 4+ digit words in a row, @handle,
   messenger names, URL / domain, e-mail.
6. Structured: the 12 input features (images / 10, log lengths scaled), no images,
   unverified AND no images, that AND description shorter than 80 chars, price == 0.
7. Expected price: a ridge regression (fitted on the clean training ads) from the character n-gram
   vector and the category to log1p(price), evaluated in the graph; d = log1p(price) - expected.
   Features relu(-d - m) for m in PRICE_MARGINS and [d < -1.6], all zero for free (price 0) ads.

Classifier: logistic regression over [n-gram vector, dense features]; outputs ``probabilities``
float [N, 2] (column 1 = P(violation)) and ``label`` int64 [N] (P >= threshold).
"""

from __future__ import annotations

import math

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 20          # ai.onnx; RegexFullMatch needs 20, string Equal 19
MS_OPSET = 1        # com.microsoft (Tokenizer)
IR_VERSION = 10
PAD = "<pad>"
NGRAM_MIN, NGRAM_MAX = 1, 4
MAX_WORDS = 192
MIN_WORD_CHARS = 4
LOCALE = "C.UTF-8"
# log1p(79) = 4.3820, log1p(80) = 4.3944: description shorter than 80 chars <=> log1p(len) < 4.388
SHORT_DESCRIPTION_LOG1P = 4.388
FREE_PRICE_LOG1P = 0.5   # log1p(price) < 0.5 <=> price < 0.65 rubles: "free"
PRICE_MARGINS = (0.7, 1.2, 1.6)   # the price_too_low rule is at ln(1/0.2) = 1.61

NUMBER_WORDS = "ноль|один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять"
REGEXES: list[tuple[str, str]] = [
    ("re_phone_digits", r"(?s).*(?:\d[\s\-.()+]{0,2}){9,}\d.*"),
    ("re_phone_words", r"(?s)(?:.*[^\p{L}])?(?:(?:" + NUMBER_WORDS + r")[\s,\-]+){3,}(?:" + NUMBER_WORDS + r")(?:[^\p{L}].*)?"),
    ("re_handle", r"(?s)(?:.*[^\p{L}\p{N}_])?@[a-z0-9_][a-z0-9_.]{2,}.*"),
    ("re_messenger", r"(?s)(?:.*[^\p{L}])?(?:telegram|телеграм\p{L}*|телег[аеуи]|tg|тг|whatsapp|ватсап\p{L}*|вацап\p{L}*"
                     r"|вотсап\p{L}*|viber|вайбер\p{L}*|инста|инсте|instagram)(?:[^\p{L}].*)?"),
    ("re_url", r"(?s).*(?:https?://|www\.|t\.me/|wa\.me/|vk\.com/|[a-z0-9][a-z0-9\-]*\.(?:ru|com|net|org|info|me|su|рф|shop"
               r"|site|online|io)(?:[^\p{L}]|$)).*"),
    ("re_email", r"(?s).*[a-z0-9._\-]+@[a-z0-9\-]+\.[a-z]{2,}.*"),
]
DENSE_FEATURES = [
    "seller_is_verified", "images_qty_div10", "log1p_description_length_div8", "log1p_price_div15",
    "no_images", "unverified_and_no_images", "unverified_no_images_short_description", "price_is_zero",
    "price_below_expected_margin_0.7", "price_below_expected_margin_1.2", "price_below_expected_margin_1.6",
    "price_far_below_expected",
    "caps_ratio", "caps_ratio_above_0.35", "log1p_exclamation_marks", "log_max_word_repeat", "repeated_word_share",
] + [name for name, _ in REGEXES] + [f"category_{c}" for c in range(1, 9)]


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self._n = 0

    def const(self, name: str, value) -> str:
        arr = np.asarray(value)
        if arr.dtype == np.float64:
            arr = arr.astype(np.float32)
        self.inits.append(numpy_helper.from_array(arr, name))
        return name

    def op(self, op_type: str, inputs: list[str], out: str | None = None, domain: str = "", **attrs) -> str:
        self._n += 1
        out = out or f"{op_type.lower()}_{self._n}"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=f"n{self._n}_{op_type}", domain=domain, **attrs))
        return out

    def col(self, x: str, start: int, end: int) -> str:
        return self.op("Slice", [x, self.const(f"s{self._n}_st", np.array([start], np.int64)),
                                 self.const(f"s{self._n}_en", np.array([end], np.int64)),
                                 self.const(f"s{self._n}_ax", np.array([1], np.int64))])

    def as_float(self, x: str) -> str:
        return self.op("Cast", [x], to=TensorProto.FLOAT)

    def row_sum(self, x: str) -> str:  # [N, T] -> [N, 1]
        return self.op("ReduceSum", [x, self.const(f"ax{self._n}", np.array([1], np.int64))], keepdims=1)


def ngram_pool(vocab: list[str]) -> tuple[list[str], list[int], list[int]]:
    """TfIdfVectorizer attributes for char n-grams `vocab` (output index = position in vocab)."""
    by_len: dict[int, list[tuple[str, int]]] = {n: [] for n in range(NGRAM_MIN, NGRAM_MAX + 1)}
    for i, g in enumerate(vocab):
        by_len[len(g)].append((g, i))
    pool: list[str] = []
    counts: list[int] = []
    indexes: list[int] = []
    for n in range(NGRAM_MIN, NGRAM_MAX + 1):
        if not by_len[n]:
            raise ValueError(f"no {n}-grams in the vocabulary")
        counts.append(len(pool))
        for g, i in by_len[n]:
            pool.extend(list(g))
            indexes.append(i)
    return pool, counts, indexes


def build(vocab: list[str], idf: np.ndarray, price_model: tuple[np.ndarray, float] | None = None,
          classifier: tuple[np.ndarray, float, float] | None = None) -> onnx.ModelProto:
    """The graph. Without price_model: outputs `text_vector` only (the n-gram block, used to fit the
    price model). With price_model and no classifier: outputs `X`, the full feature matrix. With
    both: the served model, outputs `label` and `probabilities`."""
    b = _Builder()
    text, feats = "text", "features"

    # 1. normalisation, character tokens
    lower = b.op("StringNormalizer", [text], "text_lower", case_change_action="LOWER", is_case_sensitive=1, locale=LOCALE)
    chars = b.op("Tokenizer", [lower], "chars_lower", domain="com.microsoft", separators=[""], mincharnum=1, mark=0,
                 pad_value=PAD)

    # 2. char n-gram TF-IDF, L2-normalised
    pool, counts, indexes = ngram_pool(vocab)
    tf = b.op("TfIdfVectorizer", [chars], "ngram_counts", mode="TF", min_gram_length=NGRAM_MIN,
              max_gram_length=NGRAM_MAX, max_skip_count=0, ngram_counts=counts, ngram_indexes=indexes, pool_strings=pool)
    logtf = b.op("Log", [b.op("Add", [tf, b.const("one", np.array(1.0, np.float32))])])
    weighted = b.op("Mul", [logtf, b.const("idf", idf.astype(np.float32).reshape(1, -1))])
    norm = b.op("ReduceL2", [weighted, b.const("axis1", np.array([1], np.int64))], keepdims=1)
    norm = b.op("Max", [norm, b.const("eps", np.array(1e-12, np.float32))])
    text_vector = b.op("Div", [weighted, norm], "text_vector")

    outputs: list[onnx.ValueInfoProto]
    if price_model is None:
        outputs = [helper.make_tensor_value_info(text_vector, TensorProto.FLOAT, ["N", len(vocab)])]
        return _model(b, outputs, {})

    zero, one = b.const("zero", np.array(0.0, np.float32)), "one"
    # 3. case / punctuation statistics
    upper = b.op("StringNormalizer", [text], "text_upper", case_change_action="UPPER", is_case_sensitive=1, locale=LOCALE)
    chars_raw = b.op("Tokenizer", [text], "chars_raw", domain="com.microsoft", separators=[""], mincharnum=1, mark=0,
                     pad_value=PAD)
    chars_up = b.op("Tokenizer", [upper], "chars_upper", domain="com.microsoft", separators=[""], mincharnum=1, mark=0,
                    pad_value=PAD)
    is_letter = b.as_float(b.op("Not", [b.op("Equal", [chars_up, chars])]))
    is_upper = b.as_float(b.op("Not", [b.op("Equal", [chars_raw, chars])]))
    n_letters, n_upper = b.row_sum(is_letter), b.row_sum(is_upper)
    caps = b.op("Div", [n_upper, b.op("Max", [n_letters, one])], "caps_ratio")
    caps_high = b.op("Relu", [b.op("Sub", [caps, b.const("caps_cut", np.array(0.35, np.float32))])])
    n_excl = b.row_sum(b.as_float(b.op("Equal", [chars_raw, b.const("excl", np.array(["!"], dtype=object))])))
    log_excl = b.op("Log", [b.op("Add", [n_excl, one])])

    # zeros [N, 1] from the features input (keeps every reduction non-empty)
    verified = b.col(feats, 0, 1)
    zeros_n1 = b.op("Mul", [verified, zero])

    # 4. repetition: pairwise equality of the first MAX_WORDS words (>= MIN_WORD_CHARS chars)
    words = b.op("Tokenizer", [lower], "words", domain="com.microsoft", tokenexp=r"[\p{L}\p{N}]+",
                 mincharnum=MIN_WORD_CHARS, mark=0, pad_value=PAD)
    words = b.col(words, 0, MAX_WORDS)
    valid = b.op("Not", [b.op("Equal", [words, b.const("pad", np.array([PAD], dtype=object))])])
    ax2, ax1 = b.const("axis2", np.array([2], np.int64)), "axis1"
    same = b.op("Equal", [b.op("Unsqueeze", [words, ax2]), b.op("Unsqueeze", [words, ax1])])
    same = b.op("And", [same, b.op("Unsqueeze", [valid, ax1])])
    freq = b.op("ReduceSum", [b.as_float(same), ax2], keepdims=0)            # [N, W], 0 for padding
    freq = b.op("Concat", [freq, zeros_n1], axis=1)
    valid_f = b.op("Concat", [b.as_float(valid), zeros_n1], axis=1)
    max_freq = b.op("ReduceMax", [freq, ax1], keepdims=1)
    log_max_freq = b.op("Log", [b.op("Max", [max_freq, one])])
    n_words = b.row_sum(valid_f)
    distinct = b.row_sum(b.op("Div", [valid_f, b.op("Max", [freq, one])]))
    repeated_share = b.op("Sub", [one, b.op("Div", [distinct, b.op("Max", [n_words, one])])])

    # 5. regex flags
    flags = []
    for name, pattern in REGEXES:
        hit = b.op("RegexFullMatch", [lower], pattern=pattern)
        flags.append(b.op("Unsqueeze", [b.as_float(hit), ax1], name))

    # 6. structured
    images, loglen, logp = b.col(feats, 1, 2), b.col(feats, 2, 3), b.col(feats, 3, 4)
    category = b.col(feats, 4, 12)
    no_images = b.as_float(b.op("Less", [images, b.const("half", np.array(0.5, np.float32))]))
    unverified_no_images = b.op("Mul", [b.op("Sub", [one, verified]), no_images])
    short = b.as_float(b.op("Less", [loglen, b.const("short_cut", np.array(SHORT_DESCRIPTION_LOG1P, np.float32))]))
    un_short = b.op("Mul", [unverified_no_images, short])
    is_free = b.as_float(b.op("Less", [logp, b.const("free_cut", np.array(FREE_PRICE_LOG1P, np.float32))]))
    not_free = b.op("Sub", [one, is_free])

    # 7. expected price (ridge regression inside the graph)
    w_price, b_price = price_model
    price_in = b.op("Concat", [text_vector, category], axis=1)
    expected = b.op("Add", [b.op("MatMul", [price_in, b.const("price_w", w_price.astype(np.float32).reshape(-1, 1))]),
                            b.const("price_b", np.array([b_price], np.float32))], "expected_log1p_price")
    below = b.op("Sub", [expected, logp])                                     # = -d
    margins = []
    for i, m in enumerate(PRICE_MARGINS):
        r = b.op("Relu", [b.op("Sub", [below, b.const(f"margin{i}", np.array(m, np.float32))])])
        margins.append(b.op("Mul", [r, not_free]))
    far = b.op("Mul", [b.as_float(b.op("Greater", [below, b.const("far_cut", np.array(PRICE_MARGINS[-1], np.float32))])),
                       not_free])

    scaled = lambda x, s, n: b.op("Mul", [x, b.const(n, np.array(s, np.float32))])
    dense = [verified, scaled(images, 0.1, "s_img"), scaled(loglen, 0.125, "s_len"), scaled(logp, 1 / 15, "s_price"),
             no_images, unverified_no_images, un_short, is_free] + margins + [far,
             caps, caps_high, log_excl, log_max_freq, repeated_share] + flags + [category]
    x = b.op("Concat", [text_vector] + dense, "X", axis=1)
    n_features = len(vocab) + len(DENSE_FEATURES)

    if classifier is None:
        outputs = [helper.make_tensor_value_info(x, TensorProto.FLOAT, ["N", n_features])]
        return _model(b, outputs, {})

    coef, intercept, threshold = classifier
    logit = b.op("Add", [b.op("MatMul", [x, b.const("coef", coef.astype(np.float32).reshape(-1, 1))]),
                         b.const("intercept", np.array([intercept], np.float32))])
    p1 = b.op("Sigmoid", [logit], "p_violation")
    b.op("Concat", [b.op("Sub", [one, p1]), p1], "probabilities", axis=1)
    hit = b.op("GreaterOrEqual", [p1, b.const("threshold", np.array(threshold, np.float32))])
    b.op("Cast", [b.op("Squeeze", [hit, ax1])], "label", to=TensorProto.INT64)
    outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
               helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])]
    return _model(b, outputs, {})


def _model(b: _Builder, outputs, _props) -> onnx.ModelProto:
    inputs = [helper.make_tensor_value_info("text", TensorProto.STRING, ["N"]),
              helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", 12])]
    # an output-less node (e.g. unused stats in the text_vector-only graph) is pruned here
    needed = {o.name for o in outputs}
    kept = []
    for node in reversed(b.nodes):
        if any(o in needed for o in node.output):
            kept.append(node)
            needed.update(node.input)
    kept.reverse()
    inits = [t for t in b.inits if t.name in needed]
    graph = helper.make_graph(kept, "moderation_text", inputs, outputs, initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                    helper.make_opsetid("com.microsoft", MS_OPSET)])
    model.ir_version = IR_VERSION
    return model


def log1p_f32(values) -> np.ndarray:
    """(float) Math.log1p(double), as the Java worker computes it."""
    return np.array([math.log1p(float(v)) for v in values], dtype=np.float64).astype(np.float32)


def structured_features(ads) -> np.ndarray:
    """The `features` input: float32 [N, 12], exactly the baseline contract."""
    x = np.zeros((len(ads), 12), dtype=np.float32)
    for i, ad in enumerate(ads):
        x[i, 0] = 1.0 if ad.seller_is_verified else 0.0
        x[i, 1] = float(ad.images_qty)
        x[i, 2] = np.float32(math.log1p(len(ad.description)))
        x[i, 3] = np.float32(math.log1p(ad.price))
        x[i, 3 + ad.category] = 1.0
    return x
