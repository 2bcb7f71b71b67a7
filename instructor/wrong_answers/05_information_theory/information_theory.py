"""Recorded wrong answers and accepted alternatives for 05_information_theory/information_theory.ipynb (instructor-only)."""

WRONG = {
    "entropy": [
        dict(why="uses the natural log whatever the base (always nats)", hidden_only=False, audit='lesson', code='''
def entropy(p, base=math.e):
    p = np.asarray(p, dtype=np.float64)
    nz = p > 0
    return float(-np.sum(p[nz] * np.log(p[nz])))
'''),
        dict(why="no 0 log 0 convention: a zero probability gives nan", hidden_only=True, audit=('promise', 'lesson'), code='''
def entropy(p, base=math.e):
    p = np.asarray(p, dtype=np.float64)
    return float(-np.sum(p * np.log(p)) / np.log(base))
'''),
        dict(why="always log2 (ignores the base argument)", hidden_only=False, code='''
def entropy(p, base=math.e):
    p = np.asarray(p, dtype=np.float64)
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))
'''),
        dict(why="clips p at 1e-12 before the log to avoid log 0: p = (1 - 2^-50, 2^-50) is scored 20% low", hidden_only=True, audit="stability", code='''
def entropy(p, base=math.e):
    p = np.asarray(p, dtype=np.float64)
    return float(-np.sum(p * np.log(np.clip(p, 1e-12, 1.0))) / math.log(base))
'''),
    ],
    "cross_entropy_kl": [
        dict(why="KL with the arguments swapped: sum q log(q / p)", hidden_only=True, audit='lesson', code='''
def cross_entropy(p, q, base=math.e):
    nz = p > 0
    return float(-np.sum(p[nz] * np.log(q[nz])) / math.log(base))


def kl_divergence(p, q, base=math.e):
    nz = q > 0
    return float(np.sum(q[nz] * np.log(q[nz] / p[nz])) / math.log(base))
'''),
        dict(why="cross-entropy with p and q swapped: -sum q log p", hidden_only=False, code='''
def cross_entropy(p, q, base=math.e):
    return float(-np.sum(q * np.log(p)) / math.log(base))


def kl_divergence(p, q, base=math.e):
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / q[nz])) / math.log(base))
'''),
        dict(why="KL ignores the base (always nats)", hidden_only=True, code='''
def cross_entropy(p, q, base=math.e):
    nz = p > 0
    return float(-np.sum(p[nz] * np.log(q[nz])) / math.log(base))


def kl_divergence(p, q, base=math.e):
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / q[nz])))
'''),
        dict(why="cross-entropy without masking p_i = 0: 0 * log 0 = nan where p_i = q_i = 0 (the docstring: p_i = 0 terms contribute 0 even where q_i = 0)", hidden_only=True, audit="promise", code='''
def cross_entropy(p, q, base=math.e):
    return float(-np.sum(p * np.log(q)) / math.log(base))


def kl_divergence(p, q, base=math.e):
    nz = p > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(p[nz] * (np.log(p[nz]) - np.log(q[nz]))) / math.log(base))
'''),
        dict(why="KL through the ratio log(p / q): p / q overflows to inf for a subnormal q_i = 1e-310 (true KL 356 nats)", hidden_only=True, audit="stability", code='''
def cross_entropy(p, q, base=math.e):
    nz = p > 0
    with np.errstate(divide="ignore"):
        return float(-np.sum(p[nz] * np.log(q[nz])) / math.log(base))


def kl_divergence(p, q, base=math.e):
    nz = p > 0
    with np.errstate(divide="ignore", over="ignore"):
        return float(np.sum(p[nz] * np.log(p[nz] / q[nz])) / math.log(base))
'''),
    ],
    "mutual_information": [
        dict(why="marginals swapped in the outer product: p(y) p(x)^T instead of p(x) p(y)^T", hidden_only=True, audit='lesson', code='''
def mutual_information(joint, base=math.e):
    px = joint.sum(axis=1)
    py = joint.sum(axis=0)
    indep = np.outer(py, px)
    nz = joint > 0
    return float(np.sum(joint[nz] * np.log(joint[nz] / indep[nz])) / math.log(base))
'''),
        dict(why="forgets to weight the log-ratios by p(x, y)", hidden_only=False, code='''
def mutual_information(joint, base=math.e):
    px = joint.sum(axis=1, keepdims=True)
    py = joint.sum(axis=0, keepdims=True)
    nz = joint > 0
    return float(np.sum(np.log(joint[nz] / (px * py)[nz])) / math.log(base))
'''),
        dict(why="divides by p(x) only: returns -H(Y|X), not I(X;Y)", hidden_only=False, code='''
def mutual_information(joint, base=math.e):
    px = joint.sum(axis=1, keepdims=True)
    nz = joint > 0
    return float(np.sum(joint[nz] * np.log(joint[nz] / np.broadcast_to(px, joint.shape)[nz])) / math.log(base))
'''),
    ],
    "softmax_temperature": [
        dict(why="multiplies the logits by the temperature instead of dividing", hidden_only=False, code='''
def softmax_temperature(z, temperature=1.0):
    s = np.asarray(z, dtype=np.float64) * temperature
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)
'''),
        dict(why="unstable: no max subtraction, overflows for large logits", hidden_only=True, audit=('stability', 'lesson'), code='''
def softmax_temperature(z, temperature=1.0):
    e = np.exp(np.asarray(z, dtype=np.float64) / temperature)
    return e / e.sum(axis=-1, keepdims=True)
'''),
        dict(why="normalizes along axis 0 instead of the last axis", hidden_only=True, audit='lesson', code='''
def softmax_temperature(z, temperature=1.0):
    s = np.asarray(z, dtype=np.float64) / temperature
    s = s - s.max(axis=0, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=0, keepdims=True)
'''),
        dict(why="shifts by the max of the whole array instead of each slice's max: [[1000, 0], [0, -1]] gives 0/0 in row 1 (issue 13)", hidden_only=True, audit='stability', code='''
def softmax_temperature(z, temperature=1.0):
    s = np.asarray(z, dtype=np.float64) / temperature
    s = s - s.max()
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)
'''),
        dict(why="shifts and scales z in place (z -= z.max(...)): the caller's logits are changed (the docstring: z is not modified)", hidden_only=True, audit="promise", code='''
def softmax_temperature(z, temperature=1.0):
    z = np.asarray(z, dtype=np.float64)
    z /= temperature
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
'''),
        dict(why="no float64 conversion: float32 logits give float32 probabilities (the docstring promises float64)", hidden_only=True, audit="promise", code='''
def softmax_temperature(z, temperature=1.0):
    s = z / temperature
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)
'''),
    ],
    "causal_attention": [
        dict(why="forgets the 1/sqrt(d_k) scaling", hidden_only=True, code='''
def causal_attention(q, k, v):
    T = q.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2)
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    att = np.exp(scores)
    att = att / att.sum(axis=-1, keepdims=True)
    return att @ v, att
'''),
        dict(why="scales by sqrt(d_v) (the value size) instead of sqrt(d_k)", hidden_only=True, audit='lesson', code='''
def causal_attention(q, k, v):
    T = q.shape[-2]
    scores = (q @ np.swapaxes(k, -1, -2)) / math.sqrt(v.shape[-1])
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    att = np.exp(scores)
    att = att / att.sum(axis=-1, keepdims=True)
    return att @ v, att
'''),
        dict(why="masks after the softmax (zeroes future weights) without renormalizing", hidden_only=False, audit='lesson', code='''
def causal_attention(q, k, v):
    T = q.shape[-2]
    scores = (q @ np.swapaxes(k, -1, -2)) / math.sqrt(q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    att = np.exp(scores)
    att = att / att.sum(axis=-1, keepdims=True)
    att = att * np.tril(np.ones((T, T), dtype=att.dtype))
    return att @ v, att
'''),
        dict(why="np.triu mask: attends to the future instead of the past", hidden_only=False, code='''
def causal_attention(q, k, v):
    T = q.shape[-2]
    scores = (q @ np.swapaxes(k, -1, -2)) / math.sqrt(q.shape[-1])
    scores = np.where(np.triu(np.ones((T, T), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    att = np.exp(scores)
    att = att / att.sum(axis=-1, keepdims=True)
    return att @ v, att
'''),
        dict(why="shifts the scores by the max over all rows (and heads) instead of each row's max: rows far below it underflow to 0/0", hidden_only=True, audit='stability', code='''
def causal_attention(q, k, v):
    T, d_k = q.shape[-2], q.shape[-1]
    scores = (q @ np.swapaxes(k, -1, -2)) * (1.0 / math.sqrt(d_k))
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max()
    att = np.exp(scores)
    att /= att.sum(axis=-1, keepdims=True)
    return att @ v, att
'''),
        dict(why="scales by np.sqrt(d_k), a NumPy float64 scalar: float32 inputs give float64 outputs (the docstring: float32 in, float32 out)", hidden_only=False, audit=("promise", "lesson"), code='''
def causal_attention(q, k, v):
    T, d_k = q.shape[-2], q.shape[-1]
    scores = (q @ np.swapaxes(k, -1, -2)) / np.sqrt(d_k)
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    att = np.exp(scores)
    att /= att.sum(axis=-1, keepdims=True)
    return att @ v, att
'''),
    ],
    "attention_backward": [
        dict(why="forgets the row-sum term of the softmax Jacobian (dS = A * dA)", hidden_only=False, audit='lesson', code='''
def causal_attention_backward(dout, q, k, v, att):
    scale = 1.0 / math.sqrt(q.shape[-1])
    dv = np.swapaxes(att, -1, -2) @ dout
    datt = dout @ np.swapaxes(v, -1, -2)
    ds = att * datt
    return (ds @ k) * scale, (np.swapaxes(ds, -1, -2) @ q) * scale, dv
'''),
        dict(why="forgets the 1/sqrt(d_k) factor in dq and dk", hidden_only=True, code='''
def causal_attention_backward(dout, q, k, v, att):
    dv = np.swapaxes(att, -1, -2) @ dout
    datt = dout @ np.swapaxes(v, -1, -2)
    ds = att * (datt - (datt * att).sum(axis=-1, keepdims=True))
    return ds @ k, np.swapaxes(ds, -1, -2) @ q, dv
'''),
        dict(why="dv = att @ dout (missing transpose of the attention matrix)", hidden_only=True, code='''
def causal_attention_backward(dout, q, k, v, att):
    scale = 1.0 / math.sqrt(q.shape[-1])
    dv = att @ dout
    datt = dout @ np.swapaxes(v, -1, -2)
    ds = att * (datt - (datt * att).sum(axis=-1, keepdims=True))
    return (ds @ k) * scale, (np.swapaxes(ds, -1, -2) @ q) * scale, dv
'''),
    ],
    "mha": [
        dict(why="splits heads with a plain reshape to (B, H, T, dh), no transpose: mixes positions and heads", hidden_only=True, audit='lesson', code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    qkv = x @ p["Wqkv"] + p["bqkv"]
    q = qkv[..., :C].reshape(B, n_head, T, dh)
    k = qkv[..., C:2 * C].reshape(B, n_head, T, dh)
    v = qkv[..., 2 * C:].reshape(B, n_head, T, dh)
    y, att = causal_attention(q, k, v)
    y2 = y.reshape(B, T, C)
    out = y2 @ p["Wo"] + p["bo"]
    return out, (x, q, k, v, att, y2, p, n_head)


def mha_backward(dout, cache):
    x, q, k, v, att, y2, p, n_head = cache
    B, T, C = x.shape
    grads = {"Wo": y2.reshape(-1, C).T @ dout.reshape(-1, C), "bo": dout.sum(axis=(0, 1))}
    dy = (dout @ p["Wo"].T).reshape(B, n_head, T, C // n_head)
    dq, dk, dv = causal_attention_backward(dy, q, k, v, att)
    dqkv = np.concatenate([dq.reshape(B, T, C), dk.reshape(B, T, C), dv.reshape(B, T, C)], axis=-1)
    grads["Wqkv"] = x.reshape(-1, C).T @ dqkv.reshape(-1, 3 * C)
    grads["bqkv"] = dqkv.sum(axis=(0, 1))
    return dqkv @ p["Wqkv"].T, grads
'''),
        dict(why="averages the bias gradients over positions instead of summing", hidden_only=True, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    qkv = (x.reshape(B * T, C) @ p["Wqkv"] + p["bqkv"]).reshape(B, T, 3, n_head, dh).transpose(2, 0, 3, 1, 4)
    y, att = causal_attention(qkv[0], qkv[1], qkv[2])
    y2 = y.transpose(0, 2, 1, 3).reshape(B * T, C)
    return (y2 @ p["Wo"] + p["bo"]).reshape(B, T, C), (x, qkv, att, y2, p, n_head)


def mha_backward(dout, cache):
    x, qkv, att, y2, p, n_head = cache
    B, T, C = x.shape
    dh = C // n_head
    d2 = dout.reshape(B * T, C)
    grads = {"Wo": y2.T @ d2, "bo": d2.mean(axis=0)}
    dy = (d2 @ p["Wo"].T).reshape(B, T, n_head, dh).transpose(0, 2, 1, 3)
    dq, dk, dv = causal_attention_backward(dy, qkv[0], qkv[1], qkv[2], att)
    dqkv = np.stack([dq, dk, dv]).transpose(1, 3, 0, 2, 4).reshape(B * T, 3 * C)
    grads["Wqkv"] = x.reshape(B * T, C).T @ dqkv
    grads["bqkv"] = dqkv.mean(axis=0)
    return (dqkv @ p["Wqkv"].T).reshape(B, T, C), grads
'''),
        dict(why="forgets the output bias bo in the forward pass", hidden_only=False, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    qkv = (x.reshape(B * T, C) @ p["Wqkv"] + p["bqkv"]).reshape(B, T, 3, n_head, dh).transpose(2, 0, 3, 1, 4)
    y, att = causal_attention(qkv[0], qkv[1], qkv[2])
    y2 = y.transpose(0, 2, 1, 3).reshape(B * T, C)
    return (y2 @ p["Wo"]).reshape(B, T, C), (x, qkv, att, y2, p, n_head)


def mha_backward(dout, cache):
    x, qkv, att, y2, p, n_head = cache
    B, T, C = x.shape
    dh = C // n_head
    d2 = dout.reshape(B * T, C)
    grads = {"Wo": y2.T @ d2, "bo": np.zeros_like(p["bo"])}
    dy = (d2 @ p["Wo"].T).reshape(B, T, n_head, dh).transpose(0, 2, 1, 3)
    dq, dk, dv = causal_attention_backward(dy, qkv[0], qkv[1], qkv[2], att)
    dqkv = np.stack([dq, dk, dv]).transpose(1, 3, 0, 2, 4).reshape(B * T, 3 * C)
    grads["Wqkv"] = x.reshape(B * T, C).T @ dqkv
    grads["bqkv"] = dqkv.sum(axis=0)
    return (dqkv @ p["Wqkv"].T).reshape(B, T, C), grads
'''),
        dict(why="per-head interleaved layout (B, T, H, 3, dh) of qkv (Megatron's) instead of the docstring's q, k, v = columns [0:C], [C:2C], [2C:3C]: equal for one head only", hidden_only=True, audit="promise", code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    qkv = x.reshape(B * T, C) @ p["Wqkv"] + p["bqkv"]
    qkv = qkv.reshape(B, T, n_head, 3, dh).transpose(3, 0, 2, 1, 4)
    y, att = causal_attention(qkv[0], qkv[1], qkv[2])
    y2 = y.transpose(0, 2, 1, 3).reshape(B * T, C)
    out = (y2 @ p["Wo"] + p["bo"]).reshape(B, T, C)
    return out, (x, qkv, att, y2, p, n_head)


def mha_backward(dout, cache):
    x, qkv, att, y2, p, n_head = cache
    B, T, C = x.shape
    dh = C // n_head
    d2 = dout.reshape(B * T, C)
    grads = {"Wo": y2.T @ d2, "bo": d2.sum(axis=0)}
    dy = (d2 @ p["Wo"].T).reshape(B, T, n_head, dh).transpose(0, 2, 1, 3)
    dq, dk, dv = causal_attention_backward(dy, qkv[0], qkv[1], qkv[2], att)
    dqkv = np.stack([dq, dk, dv]).transpose(1, 3, 2, 0, 4).reshape(B * T, 3 * C)
    grads["Wqkv"] = x.reshape(B * T, C).T @ dqkv
    grads["bqkv"] = dqkv.sum(axis=0)
    return (dqkv @ p["Wqkv"].T).reshape(B, T, C), grads
'''),
    ],
    "vocab": [
        dict(why="vocabulary in order of first appearance instead of sorted", hidden_only=True, audit='lesson', code='''
def build_vocab(text):
    chars = list(dict.fromkeys(text))
    return chars, {c: i for i, c in enumerate(chars)}


def encode(s, stoi):
    return np.array([stoi[c] for c in s], dtype=np.int64)


def decode(ids, chars):
    return "".join(chars[int(i)] for i in ids)
'''),
        dict(why="drops the newline character from the vocabulary", hidden_only=True, code='''
def build_vocab(text):
    chars = sorted(set(text.replace("\\n", "")))
    return chars, {c: i for i, c in enumerate(chars)}


def encode(s, stoi):
    return np.array([stoi[c] for c in s], dtype=np.int64)


def decode(ids, chars):
    return "".join(chars[int(i)] for i in ids)
'''),
        dict(why="decode joins the characters with spaces", hidden_only=False, code='''
def build_vocab(text):
    chars = sorted(set(text))
    return chars, {c: i for i, c in enumerate(chars)}


def encode(s, stoi):
    return np.array([stoi[c] for c in s], dtype=np.int64)


def decode(ids, chars):
    return " ".join(chars[int(i)] for i in ids)
'''),
        dict(why="encode without dtype=np.int64: encode('') is an empty float64 array (the docstring: int64 array of shape (len(s),))", hidden_only=True, audit="promise", code='''
def build_vocab(text):
    chars = sorted(set(text))
    return chars, {c: i for i, c in enumerate(chars)}


def encode(s, stoi):
    return np.array([stoi[c] for c in s])


def decode(ids, chars):
    return "".join(chars[int(i)] for i in ids)
'''),
    ],
    "bigram": [
        dict(why="normalizes the columns instead of the rows", hidden_only=False, code='''
def bigram_model(ids, V, alpha=1.0):
    counts = np.full((V, V), alpha)
    np.add.at(counts, (ids[:-1], ids[1:]), 1.0)
    return counts / counts.sum(axis=0, keepdims=True)


def mean_nll(P, ids):
    return float(-np.mean(np.log(P[ids[:-1], ids[1:]])))
'''),
        dict(why="smoothing forgets alpha * V in the denominator", hidden_only=False, audit='lesson', code='''
def bigram_model(ids, V, alpha=1.0):
    counts = np.zeros((V, V))
    np.add.at(counts, (ids[:-1], ids[1:]), 1.0)
    return (counts + alpha) / (counts.sum(axis=1, keepdims=True) + alpha)


def mean_nll(P, ids):
    return float(-np.mean(np.log(P[ids[:-1], ids[1:]])))
'''),
        dict(why="mean_nll reads P[next, current] (indices swapped)", hidden_only=True, code='''
def bigram_model(ids, V, alpha=1.0):
    counts = np.full((V, V), alpha)
    np.add.at(counts, (ids[:-1], ids[1:]), 1.0)
    return counts / counts.sum(axis=1, keepdims=True)


def mean_nll(P, ids):
    return float(-np.mean(np.log(P[ids[1:], ids[:-1]])))
'''),
        dict(why="mean_nll as -log of the product of the probabilities: the product of 30,000 probabilities underflows to 0 (loss inf on the validation text)", hidden_only=True, audit="stability", code='''
def bigram_model(ids, V, alpha=1.0):
    counts = np.full((V, V), alpha)
    np.add.at(counts, (ids[:-1], ids[1:]), 1.0)
    return counts / counts.sum(axis=1, keepdims=True)


def mean_nll(P, ids):
    with np.errstate(divide="ignore"):
        return float(-np.log(np.prod(P[ids[:-1], ids[1:]])) / (len(ids) - 1))
'''),
    ],
    "embedding": [
        dict(why="dwte[idx] += dx: buffered fancy-index add loses repeated tokens", hidden_only=True, audit='lesson', code='''
def embed_forward(idx, wte, wpe):
    return wte[idx] + wpe[: idx.shape[1]]


def embed_backward(idx, dx, wte, wpe):
    dwte = np.zeros_like(wte)
    dwte[idx] += dx
    dwpe = np.zeros_like(wpe)
    dwpe[: idx.shape[1]] = dx.sum(axis=0)
    return dwte, dwpe
'''),
        dict(why="position gradient averaged over the batch instead of summed", hidden_only=False, code='''
def embed_forward(idx, wte, wpe):
    return wte[idx] + wpe[: idx.shape[1]]


def embed_backward(idx, dx, wte, wpe):
    dwte = np.zeros_like(wte)
    np.add.at(dwte, idx.ravel(), dx.reshape(-1, dx.shape[-1]))
    dwpe = np.zeros_like(wpe)
    dwpe[: idx.shape[1]] = dx.mean(axis=0)
    return dwte, dwpe
'''),
        dict(why="position gradient taken from the first sequence only", hidden_only=False, code='''
def embed_forward(idx, wte, wpe):
    return wte[idx] + wpe[: idx.shape[1]]


def embed_backward(idx, dx, wte, wpe):
    dwte = np.zeros_like(wte)
    np.add.at(dwte, idx.ravel(), dx.reshape(-1, dx.shape[-1]))
    dwpe = np.zeros_like(wpe)
    dwpe[: idx.shape[1]] = dx[0]
    return dwte, dwpe
'''),
    ],
    "layernorm": [
        dict(why="unbiased variance (ddof=1) instead of the biased one", hidden_only=True, audit='lesson', code='''
def layernorm_forward(x, g, b, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, ddof=1, keepdims=True)
    xhat = (x - mu) / np.sqrt(var + eps)
    return g * xhat + b, (xhat, var, g, eps)


def layernorm_backward(dy, cache):
    xhat, var, g, eps = cache
    C = xhat.shape[-1]
    dg = (dy * xhat).reshape(-1, C).sum(axis=0)
    db = dy.reshape(-1, C).sum(axis=0)
    dxhat = dy * g
    dx = (dxhat - dxhat.mean(axis=-1, keepdims=True)
          - xhat * (dxhat * xhat).mean(axis=-1, keepdims=True)) / np.sqrt(var + eps)
    return dx, dg, db
'''),
        dict(why="backward forgets the term through the variance (dx = rstd * (dxhat - mean(dxhat)))", hidden_only=True, code='''
def layernorm_forward(x, g, b, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    rstd = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * rstd
    return g * xhat + b, (xhat, rstd, g)


def layernorm_backward(dy, cache):
    xhat, rstd, g = cache
    C = xhat.shape[-1]
    dg = (dy * xhat).reshape(-1, C).sum(axis=0)
    db = dy.reshape(-1, C).sum(axis=0)
    dxhat = dy * g
    dx = rstd * (dxhat - dxhat.mean(axis=-1, keepdims=True))
    return dx, dg, db
'''),
        dict(why="normalizes over the batch axis (axis 0) instead of the features", hidden_only=False, code='''
def layernorm_forward(x, g, b, eps=1e-5):
    mu = x.mean(axis=0, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=0, keepdims=True)
    rstd = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * rstd
    return g * xhat + b, (xhat, rstd, g)


def layernorm_backward(dy, cache):
    xhat, rstd, g = cache
    C = xhat.shape[-1]
    dg = (dy * xhat).reshape(-1, C).sum(axis=0)
    db = dy.reshape(-1, C).sum(axis=0)
    dxhat = dy * g
    dx = rstd * (dxhat - dxhat.mean(axis=0, keepdims=True) - xhat * (dxhat * xhat).mean(axis=0, keepdims=True))
    return dx, dg, db
'''),
        dict(why="one-pass variance E[x^2] - E[x]^2: catastrophic cancellation for rows with mean 1e5 and spread 1", hidden_only=True, audit="stability", code='''
def layernorm_forward(x, g, b, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = (x * x).mean(axis=-1, keepdims=True) - mu * mu
    rstd = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * rstd
    return xhat * g + b, (xhat, rstd, g)


def layernorm_backward(dy, cache):
    xhat, rstd, g = cache
    C = xhat.shape[-1]
    dg = (dy * xhat).reshape(-1, C).sum(axis=0)
    db = dy.reshape(-1, C).sum(axis=0)
    dxhat = dy * g
    dx = rstd * (dxhat - dxhat.mean(axis=-1, keepdims=True) - xhat * (dxhat * xhat).mean(axis=-1, keepdims=True))
    return dx, dg, db
'''),
        dict(why="eps hard-coded as 1e-5 inside the square root: the eps argument is ignored", hidden_only=True, audit="promise", code='''
def layernorm_forward(x, g, b, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(axis=-1, keepdims=True)
    rstd = 1.0 / np.sqrt(var + 1e-5)
    xhat = xc * rstd
    return xhat * g + b, (xhat, rstd, g)


def layernorm_backward(dy, cache):
    xhat, rstd, g = cache
    C = xhat.shape[-1]
    dg = (dy * xhat).reshape(-1, C).sum(axis=0)
    db = dy.reshape(-1, C).sum(axis=0)
    dxhat = dy * g
    dx = rstd * (dxhat - dxhat.mean(axis=-1, keepdims=True) - xhat * (dxhat * xhat).mean(axis=-1, keepdims=True))
    return dx, dg, db
'''),
    ],
    "mlp": [
        dict(why="GELU derivative drops the factor 3 of the cubic term", hidden_only=True, code='''
GELU_C = math.sqrt(2.0 / math.pi)


def gelu(a):
    return 0.5 * a * (1.0 + np.tanh(GELU_C * (a + 0.044715 * a * a * a)))


def mlp_forward(x, p):
    a = x @ p["W1"] + p["b1"]
    h = gelu(a)
    return h @ p["W2"] + p["b2"], (x, a, h, p)


def mlp_backward(dout, cache):
    x, a, h, p = cache
    C, H = p["W1"].shape
    grads = {"W2": h.reshape(-1, H).T @ dout.reshape(-1, C), "b2": dout.reshape(-1, C).sum(axis=0)}
    dh = dout @ p["W2"].T
    th = np.tanh(GELU_C * (a + 0.044715 * a * a * a))
    da = dh * (0.5 * (1 + th) + 0.5 * a * (1 - th * th) * GELU_C * (1 + 0.044715 * a * a))
    grads["W1"] = x.reshape(-1, C).T @ da.reshape(-1, H)
    grads["b1"] = da.reshape(-1, H).sum(axis=0)
    return da @ p["W1"].T, grads
'''),
        dict(why="ReLU instead of GELU", hidden_only=False, code='''
GELU_C = math.sqrt(2.0 / math.pi)


def gelu(a):
    return np.maximum(a, 0)


def mlp_forward(x, p):
    a = x @ p["W1"] + p["b1"]
    return gelu(a) @ p["W2"] + p["b2"], (x, a, p)


def mlp_backward(dout, cache):
    x, a, p = cache
    C, H = p["W1"].shape
    h = gelu(a)
    grads = {"W2": h.reshape(-1, H).T @ dout.reshape(-1, C), "b2": dout.reshape(-1, C).sum(axis=0)}
    da = (dout @ p["W2"].T) * (a > 0)
    grads["W1"] = x.reshape(-1, C).T @ da.reshape(-1, H)
    grads["b1"] = da.reshape(-1, H).sum(axis=0)
    return da @ p["W1"].T, grads
'''),
        dict(why="first-layer bias gradient averaged over positions instead of summed", hidden_only=True, code='''
GELU_C = math.sqrt(2.0 / math.pi)


def gelu(a):
    return 0.5 * a * (1.0 + np.tanh(GELU_C * (a + 0.044715 * a * a * a)))


def mlp_forward(x, p):
    a = x @ p["W1"] + p["b1"]
    h = gelu(a)
    return h @ p["W2"] + p["b2"], (x, a, h, p)


def mlp_backward(dout, cache):
    x, a, h, p = cache
    C, H = p["W1"].shape
    grads = {"W2": h.reshape(-1, H).T @ dout.reshape(-1, C), "b2": dout.reshape(-1, C).sum(axis=0)}
    dh = dout @ p["W2"].T
    th = np.tanh(GELU_C * (a + 0.044715 * a * a * a))
    da = dh * (0.5 * (1 + th) + 0.5 * a * (1 - th * th) * GELU_C * (1 + 3 * 0.044715 * a * a))
    grads["W1"] = x.reshape(-1, C).T @ da.reshape(-1, H)
    grads["b1"] = da.reshape(-1, H).mean(axis=0)
    return da @ p["W1"].T, grads
'''),
        dict(why="GELU constant as np.sqrt(2 / np.pi), a NumPy float64 scalar: float32 activations become float64", hidden_only=False, audit=("promise", "lesson"), code='''
GELU_C = math.sqrt(2.0 / math.pi)


def gelu(a):
    return 0.5 * a * (1.0 + np.tanh(np.sqrt(2 / np.pi) * (a + 0.044715 * (a * a * a))))


def mlp_forward(x, p):
    a = x @ p["W1"] + p["b1"]
    h = gelu(a)
    return h @ p["W2"] + p["b2"], (x, a, h, p)


def mlp_backward(dout, cache):
    x, a, h, p = cache
    C, H = p["W1"].shape
    grads = {"W2": h.reshape(-1, H).T @ dout.reshape(-1, C), "b2": dout.reshape(-1, C).sum(axis=0)}
    dh = dout @ p["W2"].T
    th = np.tanh(GELU_C * (a + 0.044715 * a * a * a))
    da = dh * (0.5 * (1 + th) + 0.5 * a * (1 - th * th) * GELU_C * (1 + 3 * 0.044715 * a * a))
    grads["W1"] = x.reshape(-1, C).T @ da.reshape(-1, H)
    grads["b1"] = da.reshape(-1, H).sum(axis=0)
    return da @ p["W1"].T, grads
'''),
        dict(why="tanh written from its definition (e^{2u} - 1) / (e^{2u} + 1): inf / inf = nan once e^{2u} overflows (a > 10 in float32)", hidden_only=True, audit="stability", code='''
GELU_C = math.sqrt(2.0 / math.pi)


def _tanh(u):
    e = np.exp(2 * u)
    return (e - 1) / (e + 1)


def gelu(a):
    return 0.5 * a * (1.0 + _tanh(GELU_C * (a + 0.044715 * (a * a * a))))


def mlp_forward(x, p):
    a = x @ p["W1"] + p["b1"]
    h = gelu(a)
    return h @ p["W2"] + p["b2"], (x, a, h, p)


def mlp_backward(dout, cache):
    x, a, h, p = cache
    C, H = p["W1"].shape
    grads = {"W2": h.reshape(-1, H).T @ dout.reshape(-1, C), "b2": dout.reshape(-1, C).sum(axis=0)}
    dh = dout @ p["W2"].T
    th = _tanh(GELU_C * (a + 0.044715 * a * a * a))
    da = dh * (0.5 * (1 + th) + 0.5 * a * (1 - th * th) * GELU_C * (1 + 3 * 0.044715 * a * a))
    grads["W1"] = x.reshape(-1, C).T @ da.reshape(-1, H)
    grads["b1"] = da.reshape(-1, H).sum(axis=0)
    return da @ p["W1"].T, grads
'''),
    ],
    "block": [
        dict(why="post-LayerNorm (original Transformer) instead of pre-LayerNorm", hidden_only=True, code='''
def block_forward(x, p, n_head):
    a, c_attn = mha_forward(x, sub(p, "attn."), n_head)
    h, c_ln1 = layernorm_forward(x + a, p["ln1.g"], p["ln1.b"])
    m, c_mlp = mlp_forward(h, sub(p, "mlp."))
    out, c_ln2 = layernorm_forward(h + m, p["ln2.g"], p["ln2.b"])
    return out, (c_attn, c_ln1, c_mlp, c_ln2)


def block_backward(dout, cache):
    c_attn, c_ln1, c_mlp, c_ln2 = cache
    ds, dg2, db2 = layernorm_backward(dout, c_ln2)
    dm, g_mlp = mlp_backward(ds, c_mlp)
    dh = ds + dm
    ds1, dg1, db1 = layernorm_backward(dh, c_ln1)
    da, g_attn = mha_backward(ds1, c_attn)
    grads = {"ln1.g": dg1, "ln1.b": db1, "ln2.g": dg2, "ln2.b": db2}
    grads.update(prefixed(g_attn, "attn."))
    grads.update(prefixed(g_mlp, "mlp."))
    return ds1 + da, grads
'''),
        dict(why="backward drops the residual path to x (returns only the attention branch)", hidden_only=True, audit='lesson', code='''
def block_forward(x, p, n_head):
    a, c_ln1 = layernorm_forward(x, p["ln1.g"], p["ln1.b"])
    a, c_attn = mha_forward(a, sub(p, "attn."), n_head)
    h = x + a
    m, c_ln2 = layernorm_forward(h, p["ln2.g"], p["ln2.b"])
    m, c_mlp = mlp_forward(m, sub(p, "mlp."))
    return h + m, (c_ln1, c_attn, c_ln2, c_mlp)


def block_backward(dout, cache):
    c_ln1, c_attn, c_ln2, c_mlp = cache
    dm, g_mlp = mlp_backward(dout, c_mlp)
    dm, dg2, db2 = layernorm_backward(dm, c_ln2)
    dh = dout + dm
    da, g_attn = mha_backward(dh, c_attn)
    dx, dg1, db1 = layernorm_backward(da, c_ln1)
    grads = {"ln1.g": dg1, "ln1.b": db1, "ln2.g": dg2, "ln2.b": db2}
    grads.update(prefixed(g_attn, "attn."))
    grads.update(prefixed(g_mlp, "mlp."))
    return dx, grads
'''),
        dict(why="backward forgets the residual in dh (dh = gradient through the MLP branch only)", hidden_only=True, audit='lesson', code='''
def block_forward(x, p, n_head):
    a, c_ln1 = layernorm_forward(x, p["ln1.g"], p["ln1.b"])
    a, c_attn = mha_forward(a, sub(p, "attn."), n_head)
    h = x + a
    m, c_ln2 = layernorm_forward(h, p["ln2.g"], p["ln2.b"])
    m, c_mlp = mlp_forward(m, sub(p, "mlp."))
    return h + m, (c_ln1, c_attn, c_ln2, c_mlp)


def block_backward(dout, cache):
    c_ln1, c_attn, c_ln2, c_mlp = cache
    dm, g_mlp = mlp_backward(dout, c_mlp)
    dh, dg2, db2 = layernorm_backward(dm, c_ln2)
    da, g_attn = mha_backward(dh, c_attn)
    da, dg1, db1 = layernorm_backward(da, c_ln1)
    grads = {"ln1.g": dg1, "ln1.b": db1, "ln2.g": dg2, "ln2.b": db2}
    grads.update(prefixed(g_attn, "attn."))
    grads.update(prefixed(g_mlp, "mlp."))
    return dh + da, grads
'''),
    ],
    "sample": [
        dict(why="samples from the logits of the first position instead of the last", hidden_only=True, audit='lesson', code='''
def sample(params, cfg, prompt_ids, n_new, temperature=1.0, seed=0):
    rng = np.random.default_rng(seed)
    ids = list(prompt_ids)
    for _ in range(n_new):
        context = np.array(ids[-cfg["block_size"]:])[None, :]
        logits = model_forward(context, params, cfg)[0][0, 0]
        probs = softmax_temperature(logits.astype(np.float64), temperature)
        ids.append(int(rng.choice(len(probs), p=probs)))
    return np.array(ids, dtype=np.int64)
'''),
        dict(why="multiplies the logits by the temperature", hidden_only=True, code='''
def sample(params, cfg, prompt_ids, n_new, temperature=1.0, seed=0):
    rng = np.random.default_rng(seed)
    ids = list(prompt_ids)
    for _ in range(n_new):
        context = np.array(ids[-cfg["block_size"]:])[None, :]
        logits = model_forward(context, params, cfg)[0][0, -1].astype(np.float64) * temperature
        probs = np.exp(logits - logits.max())
        ids.append(int(rng.choice(len(probs), p=probs / probs.sum())))
    return np.array(ids, dtype=np.int64)
'''),
        dict(why="greedy decoding (argmax), ignores the seed", hidden_only=False, code='''
def sample(params, cfg, prompt_ids, n_new, temperature=1.0, seed=0):
    ids = list(prompt_ids)
    for _ in range(n_new):
        context = np.array(ids[-cfg["block_size"]:])[None, :]
        logits = model_forward(context, params, cfg)[0][0, -1]
        ids.append(int(np.argmax(logits)))
    return np.array(ids, dtype=np.int64)
'''),
        dict(why="re-creates the generator from the seed at every step", hidden_only=True, audit='lesson', code='''
def sample(params, cfg, prompt_ids, n_new, temperature=1.0, seed=0):
    ids = list(prompt_ids)
    for _ in range(n_new):
        rng = np.random.default_rng(seed)
        context = np.array(ids[-cfg["block_size"]:])[None, :]
        logits = model_forward(context, params, cfg)[0][0, -1]
        probs = softmax_temperature(logits.astype(np.float64), temperature)
        ids.append(int(rng.choice(len(probs), p=probs)))
    return np.array(ids, dtype=np.int64)
'''),
        dict(why="context of block_size - 1 ids (ids[-(block_size - 1):]) instead of the docstring's last block_size ids", hidden_only=True, audit="promise", code='''
def sample(params, cfg, prompt_ids, n_new, temperature=1.0, seed=0):
    rng = np.random.default_rng(seed)
    ids = [int(i) for i in prompt_ids]
    for _ in range(n_new):
        context = np.array(ids[-(cfg["block_size"] - 1):], dtype=np.int64)[None, :]
        logits = model_forward(context, params, cfg)[0][0, -1]
        probs = softmax_temperature(logits.astype(np.float64), temperature)
        ids.append(int(rng.choice(len(probs), p=probs)))
    return np.array(ids, dtype=np.int64)
'''),
        dict(why="probabilities as exp(logits / T) / sum without subtracting the max: at temperature 1e-4 exp overflows, inf / inf = nan", hidden_only=True, audit="stability", code='''
def sample(params, cfg, prompt_ids, n_new, temperature=1.0, seed=0):
    rng = np.random.default_rng(seed)
    ids = [int(i) for i in prompt_ids]
    for _ in range(n_new):
        context = np.array(ids[-cfg["block_size"]:], dtype=np.int64)[None, :]
        logits = model_forward(context, params, cfg)[0][0, -1].astype(np.float64)
        e = np.exp(logits / temperature)
        ids.append(int(rng.choice(len(e), p=e / e.sum())))
    return np.array(ids, dtype=np.int64)
'''),
    ],
}

ALTERNATIVES = {
    "entropy": [
        dict(why="np.where masking and np.log(base) instead of boolean indexing", code='''
def entropy(p, base=math.e):
    p = np.asarray(p, dtype=np.float64)
    logs = np.log(np.where(p > 0, p, 1.0))
    return float(-(p * logs).sum() / np.log(base))
'''),
    ],
    "cross_entropy_kl": [
        dict(why="KL computed as H(p, q) - H(p) from the other functions", code='''
def cross_entropy(p, q, base=math.e):
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            total -= pi * (math.log(qi) if qi > 0 else -math.inf)
    return float(total / math.log(base))


def kl_divergence(p, q, base=math.e):
    return cross_entropy(p, q, base) - entropy(p, base)
'''),
    ],
    "mutual_information": [
        dict(why="H(X) + H(Y) - H(X, Y) with the entropy function", code='''
def mutual_information(joint, base=math.e):
    return entropy(joint.sum(axis=1), base) + entropy(joint.sum(axis=0), base) - entropy(joint.ravel(), base)
'''),
        dict(why="KL between the joint and the product of the marginals", code='''
def mutual_information(joint, base=math.e):
    product = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return kl_divergence(joint.ravel(), product.ravel(), base)
'''),
    ],
    "softmax_temperature": [
        dict(why="log-sum-exp form", code='''
def softmax_temperature(z, temperature=1.0):
    s = np.asarray(z, dtype=np.float64) / temperature
    m = s.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(s - m).sum(axis=-1, keepdims=True))
    return np.exp(s - lse)
'''),
    ],
    "causal_attention": [
        dict(why="masks with a large finite negative number instead of -inf", code='''
def causal_attention(q, k, v):
    T, d = q.shape[-2], q.shape[-1]
    scores = np.einsum("...td,...sd->...ts", q, k) / math.sqrt(d)
    future = np.triu(np.ones((T, T), dtype=bool), k=1)
    scores = np.where(future, -1e9, scores).astype(q.dtype)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    att = w / w.sum(axis=-1, keepdims=True)
    return np.einsum("...ts,...sd->...td", att, v), att
'''),
    ],
    "mha": [
        dict(why="a loop over heads with column slices", code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    qkv = x @ p["Wqkv"] + p["bqkv"]
    heads, atts = [], []
    for h in range(n_head):
        cols = slice(h * dh, (h + 1) * dh)
        y, att = causal_attention(qkv[..., :C][..., cols], qkv[..., C:2 * C][..., cols], qkv[..., 2 * C:][..., cols])
        heads.append(y)
        atts.append(att)
    y = np.concatenate(heads, axis=-1)
    return y @ p["Wo"] + p["bo"], (x, qkv, atts, y, p, n_head)


def mha_backward(dout, cache):
    x, qkv, atts, y, p, n_head = cache
    B, T, C = x.shape
    dh = C // n_head
    grads = {"Wo": np.einsum("btc,btd->cd", y, dout), "bo": dout.sum(axis=(0, 1))}
    dy = dout @ p["Wo"].T
    dqkv = np.zeros_like(qkv)
    for h in range(n_head):
        cols = slice(h * dh, (h + 1) * dh)
        q, k, v = qkv[..., :C][..., cols], qkv[..., C:2 * C][..., cols], qkv[..., 2 * C:][..., cols]
        dq, dk, dv = causal_attention_backward(dy[..., cols], q, k, v, atts[h])
        dqkv[..., h * dh:(h + 1) * dh] = dq
        dqkv[..., C + h * dh:C + (h + 1) * dh] = dk
        dqkv[..., 2 * C + h * dh:2 * C + (h + 1) * dh] = dv
    grads["Wqkv"] = np.einsum("btc,btd->cd", x, dqkv)
    grads["bqkv"] = dqkv.sum(axis=(0, 1))
    return dqkv @ p["Wqkv"].T, grads
'''),
    ],
    "bigram": [
        dict(why="counts with np.bincount on flattened pair indices", code='''
def bigram_model(ids, V, alpha=1.0):
    counts = np.bincount(ids[:-1] * V + ids[1:], minlength=V * V).reshape(V, V) + alpha
    return counts / counts.sum(axis=1, keepdims=True)


def mean_nll(P, ids):
    return -float(np.log(P[ids[:-1], ids[1:]]).sum()) / (len(ids) - 1)
'''),
    ],
}


# Issue 13's four classes, where a class cannot apply to an answer cell (the tagged wrong answers
# above cover the others). SciPy, scikit-learn and PyTorch are not installed in the grading
# environment (requirements.txt), and the notebook asks for NumPy only.
NOT_APPLICABLE = {
    "entropy": {
        "library": "NumPy has no entropy routine and scipy.stats.entropy is not installed where notebooks are graded (requirements.txt has no SciPy)",
    },
    "cross_entropy_kl": {
        "library": "NumPy has no cross-entropy or KL routine; scipy.stats.entropy / scipy.special.rel_entr are not installed; reusing the notebook's entropy() is a recorded alternative",
    },
    "mutual_information": {
        "promise": "the docstring promises a float (visible isinstance), >= 0 and <= min(H(X), H(Y)) (hidden bound), zero cells contributing 0 (visible copy table, hidden zero cell) and nx != ny (hidden 3x4 table and its transpose): each is tested",
        "stability": "entries are probabilities in [0, 1] with no exp; the one hazard, 0 log 0 in empty cells, is tested (visible copy table); H(X)+H(Y)-H(X,Y) and the direct sum both err by about u * H absolute, so neither is the unstable one",
        "library": "NumPy has no mutual-information routine (sklearn.metrics.mutual_info_score and SciPy are not installed); entropy()/kl_divergence() from the notebook are recorded alternatives",
    },
    "softmax_temperature": {
        "library": "NumPy has no softmax and scipy.special.softmax is not installed in the grading environment",
    },
    "causal_attention": {
        "library": "NumPy has no attention routine (torch.nn.functional.scaled_dot_product_attention is not installed); matmul, np.tril and np.exp are the expected tools",
    },
    "attention_backward": {
        "promise": "the docstring promises only the shapes of dq, dk, dv (visible assert) and their values (hidden central-difference check on 4-D inputs with 2 batches and 2 heads)",
        "stability": "no exp, log or subtraction of near-equal values of its own: it multiplies the given att (entries in [0, 1]) and dout; the row-sum term is checked in float64 against central differences",
        "library": "no autodiff library (PyTorch, JAX) is installed and NumPy has none; the chain rule by hand is the exercise",
    },
    "mha": {
        "stability": "the only exp is inside causal_attention, its own exercise (tested with rows of very different scale); mha adds matrix products, reshapes and sums",
        "library": "NumPy has no multi-head attention (torch.nn.MultiheadAttention is not installed); reshape/transpose and causal_attention are the expected tools",
    },
    "vocab": {
        "stability": "strings and integer ids only: no floating-point arithmetic",
        "library": "no library routine builds a character vocabulary; sorted(set(text)) and a dict comprehension are the intended tools, not a shortcut",
    },
    "bigram": {
        "promise": "the docstring promises P's shape (visible), the add-alpha formula with rows summing to 1 (hidden: alpha 1 and 0.5 against a Counter reference) and mean_nll's float and 1/(n - 1) mean (visible isinstance, hidden reference): each is tested",
        "library": "counting is the exercise's tool, not its point: the docstring allows any way of counting (loop, np.add.at, np.bincount; np.bincount is a recorded alternative)",
    },
    "embedding": {
        "promise": "the docstring promises x[b, t] = wte[idx[b, t]] + wpe[t] and gradients with the tables' shapes, zero in unused rows (visible shapes and unused position 3; hidden loop reference with repeated tokens): each is tested",
        "stability": "a gather and a scatter-add of the upstream gradient: no exp, log, division or subtraction",
        "library": "np.add.at is the tool the text names (a loop or np.bincount per column are as good); NumPy has no embedding-gradient routine",
    },
    "layernorm": {
        "library": "NumPy has no layer norm (torch.nn.LayerNorm is not installed); the docstring allows np.mean and np.var, since the exercise is the normalization and its backward pass",
    },
    "mlp": {
        "library": "NumPy has no GELU or MLP layer; np.tanh is the elementary function the formula names",
    },
    "block": {
        "promise": "the docstring promises the pre-LN wiring (hidden reference), out's shape and dtype (visible shape, hidden float32) and grads with p's keys and shapes (visible) and values (hidden gradient check): each is tested",
        "stability": "no exp, log or division of its own: additions of the residual stream around layernorm, mha and mlp, whose stability is tested in their own exercises",
        "library": "no library transformer block is installed (PyTorch is not); composing the notebook's own layers is the exercise",
    },
    "sample": {
        "library": "the docstring pins the protocol, rng.choice included: the generator's own routine is part of the convention, not a shortcut",
    },
}
