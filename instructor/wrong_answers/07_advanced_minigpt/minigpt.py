"""Recorded wrong answers and accepted alternatives for 07_advanced_minigpt/minigpt.ipynb (instructor-only)."""

_BPE = '''
def merge_pair(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def bpe_learn(text, n_merges):
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    ids = [index[c] for c in text]
    merges = []
    for _ in range(n_merges):
        counts = {}
        for pair in zip(ids, ids[1:]):
            counts[pair] = counts.get(pair, 0) + 1
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        if counts[best] < 2:
            break
        merges.append(best)
        vocab.append(vocab[best[0]] + vocab[best[1]])
        ids = merge_pair(ids, best, len(vocab) - 1)
    return vocab, merges


def bpe_encode(text, vocab, merges):
    n_base = len(vocab) - len(merges)
    index = {c: i for i, c in enumerate(vocab[:n_base])}
    ids = [index[c] for c in text]
    for i, pair in enumerate(merges):
        ids = merge_pair(ids, pair, n_base + i)
    return np.array(ids, dtype=np.int64)


def bpe_decode(ids, vocab):
    return "".join(vocab[int(i)] for i in ids)
'''


def _variant(base, old, new):
    assert old in base, old
    return base.replace(old, new)


_KV = '''
def kv_forward(idx, params, cfg, kv=None):
    B, Tn = idx.shape
    H = cfg["n_head"]
    T0 = 0 if kv is None else kv[0][0].shape[2]
    x = params["wte"][idx] + params["wpe"][T0:T0 + Tn]
    C = x.shape[-1]
    dh = C // H
    visible = np.arange(T0 + Tn)[None, :] <= (T0 + np.arange(Tn))[:, None]
    new_kv = []
    for l in range(cfg["n_layer"]):
        p = sub(params, f"h{l}.")
        a, _ = layernorm_forward(x, p["ln1.g"], p["ln1.b"])
        qkv = (a.reshape(B * Tn, C) @ p["attn.Wqkv"] + p["attn.bqkv"]).reshape(B, Tn, 3, H, dh)
        q, k, v = qkv.transpose(2, 0, 3, 1, 4)
        if kv is not None:
            k = np.concatenate([kv[l][0], k], axis=2)
            v = np.concatenate([kv[l][1], v], axis=2)
        new_kv.append((k, v))
        s = (q @ np.swapaxes(k, -1, -2)) * (1.0 / math.sqrt(dh))
        s = np.where(visible, s, -np.inf)
        w = np.exp(s - s.max(axis=-1, keepdims=True))
        w /= w.sum(axis=-1, keepdims=True)
        y = (w @ v).transpose(0, 2, 1, 3).reshape(B * Tn, C)
        x = x + (y @ p["attn.Wo"] + p["attn.bo"]).reshape(B, Tn, C)
        m, _ = layernorm_forward(x, p["ln2.g"], p["ln2.b"])
        x = x + mlp_forward(m, sub(p, "mlp."))[0]
    z, _ = layernorm_forward(x, params["lnf.g"], params["lnf.b"])
    logits = (z.reshape(B * Tn, C) @ params["head.W"]).reshape(B, Tn, -1)
    return logits, new_kv
'''

_LR = '''
def lr_schedule(step, max_lr, min_lr, warmup, total):
    if step <= warmup:
        return float(max_lr * step / warmup)
    if step > total:
        return float(min_lr)
    progress = (step - warmup) / (total - warmup)
    return float(min_lr + 0.5 * (max_lr - min_lr) * (1.0 + math.cos(math.pi * progress)))
'''

_SPHERE = '''
def sphere_distances(E):
    E = np.asarray(E, dtype=np.float64)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    cos = U @ U.T
    geo = np.arccos(np.clip(cos, -1.0, 1.0))
    chord = np.linalg.norm(U[:, None, :] - U[None, :, :], axis=-1)
    return cos, geo, chord
'''

WRONG = {
    "bpe": [
        dict(why="ties go to the pair seen first (Counter.most_common), not to the smallest pair: the "
                 "lesson's 'unpinned tie-breaking' mistake", hidden_only=False, audit=('promise', 'lesson'), code=_variant(_BPE,
             "        best = min(counts, key=lambda pair: (-counts[pair], pair))",
             "        best = max(counts, key=lambda pair: counts[pair])")),
        dict(why="ties go to the LARGEST pair (max over (count, pair))", hidden_only=False, audit='promise', code=_variant(_BPE,
             "        best = min(counts, key=lambda pair: (-counts[pair], pair))",
             "        best = max(counts, key=lambda pair: (counts[pair], pair))")),
        dict(why="no stopping rule: keeps merging pairs that occur once (the docstring's 'stop if the count "
                 "is below 2' is not enforced by the visible asserts)", hidden_only=True, audit=('promise', 'lesson'), code=_variant(_BPE,
             "        if counts[best] < 2:\n            break\n", "")),
        dict(why="counts pairs without overlaps ('aaa' holds (a, a) once), as if the count were the number "
                 "of replacements", hidden_only=True, audit='lesson', code=_variant(_BPE,
             "        for pair in zip(ids, ids[1:]):\n            counts[pair] = counts.get(pair, 0) + 1\n",
             "        i = 0\n        while i + 1 < len(ids):\n            pair = (ids[i], ids[i + 1])\n"
             "            counts[pair] = counts.get(pair, 0) + 1\n            i += 2 if ids[i] == ids[i + 1] else 1\n")),
        dict(why="encodes by applying the merges in reverse order (last learnt first)", hidden_only=True, audit='lesson', code=_variant(_BPE,
             "    for i, pair in enumerate(merges):\n        ids = merge_pair(ids, pair, n_base + i)\n",
             "    for i in reversed(range(len(merges))):\n        ids = merge_pair(ids, merges[i], n_base + i)\n")),
    ],
    "bits_per_char": [
        dict(why="bits per TOKEN: the mean over tokens divided by ln 2, ignoring n_chars (equal only for a "
                 "character model)", hidden_only=True, audit='lesson', code='''
def bits_per_char(token_nll, n_chars):
    return float(np.mean(token_nll) / math.log(2))
'''),
        dict(why="forgets the conversion to bits: nats per character", hidden_only=False, audit='lesson', code='''
def bits_per_char(token_nll, n_chars):
    return float(np.sum(token_nll) / n_chars)
'''),
        dict(why="multiplies by ln 2 instead of dividing (bits = nats * ln 2)", hidden_only=False, code='''
def bits_per_char(token_nll, n_chars):
    return float(np.sum(token_nll) * math.log(2) / n_chars)
'''),
        dict(why="no float(): float32 losses give an np.float32, not the promised Python float (float64 losses give "
                 "np.float64, a float subclass, so the visible assert passes)", hidden_only=True, audit="promise", code='''
def bits_per_char(token_nll, n_chars):
    return np.sum(token_nll) / (n_chars * math.log(2))
'''),
        dict(why="adds the losses one by one in a Python loop: 0.0 + np.float32 stays float32 (NumPy 2), and 1e5 "
                 "sequential float32 additions lose about 3 digits", hidden_only=True, audit="stability", code='''
def bits_per_char(token_nll, n_chars):
    total = 0.0
    for x in token_nll:
        total += x
    return float(total / (n_chars * math.log(2)))
'''),
    ],
    "weight_tying": [
        dict(why="drops the head's gradient: the tied matrix only learns through the lookup", hidden_only=True, audit='lesson', code='''
def tie_weights(tparams):
    full = dict(tparams)
    full["head.W"] = tparams["wte"].T
    return full


def tied_gradients(grads):
    return {name: g for name, g in grads.items() if name != "head.W"}
'''),
        dict(why="averages the two paths' gradients instead of summing them", hidden_only=True, audit='lesson', code='''
def tie_weights(tparams):
    full = dict(tparams)
    full["head.W"] = tparams["wte"].T
    return full


def tied_gradients(grads):
    out = {name: g for name, g in grads.items() if name != "head.W"}
    out["wte"] = 0.5 * (grads["wte"] + grads["head.W"].T)
    return out
'''),
        dict(why="right sum, but in place: adds into grads['wte'] and deletes grads['head.W'] (the docstring "
                 "promises grads is not modified)", hidden_only=True, audit=('promise', 'lesson'), code='''
def tie_weights(tparams):
    full = dict(tparams)
    full["head.W"] = tparams["wte"].T
    return full


def tied_gradients(grads):
    grads["wte"] += grads["head.W"].T
    del grads["head.W"]
    return grads
'''),
        dict(why="tie_weights adds head.W to the tied dict itself instead of a new dict", hidden_only=False, audit='promise', code='''
def tie_weights(tparams):
    tparams["head.W"] = tparams["wte"].T
    return tparams


def tied_gradients(grads):
    out = {name: g for name, g in grads.items() if name != "head.W"}
    out["wte"] = grads["wte"] + grads["head.W"].T
    return out
'''),
    ],
    "lr_schedule": [
        dict(why="warms up linearly from min_lr instead of from 0", hidden_only=True, code=_variant(_LR,
             "        return float(max_lr * step / warmup)",
             "        return float(min_lr + (max_lr - min_lr) * step / warmup)")),
        dict(why="the cosine decays to 0 instead of min_lr", hidden_only=False, audit='lesson', code=_variant(_LR,
             "    return float(min_lr + 0.5 * (max_lr - min_lr) * (1.0 + math.cos(math.pi * progress)))",
             "    return float(0.5 * max_lr * (1.0 + math.cos(math.pi * progress)))")),
        dict(why="cosine progress measured over the whole run, step / total, not over the decay phase "
                 "(a jump at the end of the warm-up)", hidden_only=False, audit='lesson', code=_variant(_LR,
             "    progress = (step - warmup) / (total - warmup)", "    progress = step / total")),
        dict(why="warm-up counts steps from 0: the first update gets learning rate 0", hidden_only=False, audit='lesson', code=_variant(_LR,
             "        return float(max_lr * step / warmup)", "        return float(max_lr * (step - 1) / warmup)")),
        dict(why="returns min_lr as given after the decay (no float()): an int min_lr = 0 comes back as the int 0, "
                 "not the promised Python float", hidden_only=True, audit="promise", code=_variant(_LR,
             "        return float(min_lr)", "        return min_lr")),
    ],
    "kv_forward": [
        dict(why="no causal mask (right only when one token is added at a time): a prompt of several tokens "
                 "sees its own future", hidden_only=True, audit='lesson', code=_variant(_KV,
             "        s = np.where(visible, s, -np.inf)\n", "")),
        dict(why="appends the new keys and values to the caller's cache list in place: a cache used twice "
                 "(two continuations of one prompt) is corrupted", hidden_only=True, audit=('promise', 'lesson'), code=_variant(_variant(_KV,
             "    new_kv = []\n", "    new_kv = kv if kv is not None else []\n"),
             "        new_kv.append((k, v))\n",
             "        if kv is not None:\n            new_kv[l] = (k, v)\n        else:\n            new_kv.append((k, v))\n")),
        dict(why="does not use the cache: keeps the token ids in a global and reruns model_forward on the "
                 "whole sequence (the library routine earns the points; only correct for caches it made itself)",
             hidden_only=True, audit=('promise', 'library'), code='''
_kv_history = {}


def kv_forward(idx, params, cfg, kv=None):
    Tn = idx.shape[1]
    full = idx if kv is None else np.concatenate([_kv_history["ids"], idx], axis=1)
    _kv_history["ids"] = full
    logits, cache = model_forward(full, params, cfg)
    new_kv = [(c[1][1][1], c[1][1][2]) for c in cache[3]]
    return logits[:, -Tn:], new_kv
'''),
        dict(why="position embedding rows 0..Tn-1 for every call instead of T0..T0+Tn-1", hidden_only=False, audit='lesson', code=_variant(_KV,
             'params["wpe"][T0:T0 + Tn]', 'params["wpe"][:Tn]')),
        dict(why="mask np.tril of the (Tn, T0 + Tn) rectangle: aligned at the top left, so a new token only "
                 "sees the first cached positions", hidden_only=False, audit='lesson', code=_variant(_KV,
             "    visible = np.arange(T0 + Tn)[None, :] <= (T0 + np.arange(Tn))[:, None]",
             "    visible = np.tril(np.ones((Tn, T0 + Tn), dtype=bool))")),
        dict(why="scales the scores by 1/sqrt(C) (the model width) instead of 1/sqrt(dh)", hidden_only=False, audit='lesson', code=_variant(_KV,
             "(1.0 / math.sqrt(dh))", "(1.0 / math.sqrt(C))")),
        dict(why="softmax without subtracting the row maximum (causal_attention's rule): large scores overflow exp "
                 "and the logits become nan", hidden_only=True, audit="stability", code=_variant(_KV,
             "        w = np.exp(s - s.max(axis=-1, keepdims=True))", "        w = np.exp(s)")),
    ],
    "sphere_distances": [
        dict(why="chord distance between the raw embeddings instead of the unit vectors", hidden_only=False, audit='lesson', code=_variant(_SPHERE,
             "np.linalg.norm(U[:, None, :] - U[None, :, :], axis=-1)", "np.linalg.norm(E[:, None, :] - E[None, :, :], axis=-1)")),
        dict(why="arccos without clipping: rounding gives cos slightly above 1 and the geodesic becomes NaN",
             hidden_only=True, audit=('stability', 'lesson'), code=_variant(_SPHERE, "np.arccos(np.clip(cos, -1.0, 1.0))", "np.arccos(cos)")),
        dict(why="uses the cosine distance 1 - cos as the geodesic distance", hidden_only=False, code=_variant(_SPHERE,
             "np.arccos(np.clip(cos, -1.0, 1.0))", "1.0 - cos")),
        dict(why="works in the input's float32 (the docstring promises float64 results): float32 embeddings give "
                 "float32 distances with errors near 1e-4 for close directions", hidden_only=True, audit='promise', code=_variant(_SPHERE,
             "    E = np.asarray(E, dtype=np.float64)\n", "    E = np.asarray(E)\n")),
    ],
}

NOT_APPLICABLE = {
    "bpe": {
        "stability": "integer pair counts, list and string operations only: no floating point at all",
        "library": "no tokenizer library (tiktoken, sentencepiece, Hugging Face tokenizers) is in the course "
                   "environment; collections.Counter for the counts is allowed (a recorded alternative)",
    },
    "bits_per_char": {
        "library": "one sum and one division; np.sum is the arithmetic the exercise is made of (no routine "
                   "converts per-token nats to bits per character)",
    },
    "weight_tying": {
        "stability": "a dict copy, a transpose and the sum of two gradient arrays: no exp, log, division or "
                     "subtraction",
        "library": "no autodiff library (torch, jax) is in the course environment; the exercise is the sum rule "
                   "for a shared parameter, which only these two lines express",
    },
    "lr_schedule": {
        "stability": "a linear ramp and the cosine of an argument in [0, pi]: no exp or log, and max_lr - min_lr "
                     "is a difference of the inputs themselves (no cancellation the formula could avoid)",
        "library": "no scheduler library (torch.optim.lr_scheduler) is in the course environment; math.cos is "
                   "the arithmetic the formula asks for",
    },
    "sphere_distances": {
        "library": "the docstring's formulas are np.arccos / norms of the unit vectors themselves; SciPy's "
                   "cdist, which could compute them, is not in the course environment",
    },
}

ALTERNATIVES = {
    "bpe": [
        dict(why="collections.Counter for the counts; encode as in minbpe: repeatedly merge the "
                 "present pair of lowest rank", code=_variant(_variant(_BPE,
             "        counts = {}\n        for pair in zip(ids, ids[1:]):\n            counts[pair] = counts.get(pair, 0) + 1\n",
             "        from collections import Counter\n        counts = Counter(zip(ids, ids[1:]))\n"),
             "    for i, pair in enumerate(merges):\n        ids = merge_pair(ids, pair, n_base + i)\n",
             "    rank = {tuple(int(x) for x in pair): i for i, pair in enumerate(merges)}\n"
             "    while len(ids) >= 2:\n"
             "        pair = min(zip(ids, ids[1:]), key=lambda p: rank.get(p, float('inf')))\n"
             "        if pair not in rank:\n            break\n"
             "        ids = merge_pair(ids, pair, n_base + rank[pair])\n")),
    ],
    "bits_per_char": [
        dict(why="converts each token to bits first, math.fsum", code='''
def bits_per_char(token_nll, n_chars):
    return math.fsum(np.asarray(token_nll, dtype=np.float64) / np.log(2)) / n_chars
'''),
    ],
    "weight_tying": [
        dict(why="a contiguous copy of wte.T as the head (read-only use), gradients with copies", code='''
def tie_weights(tparams):
    full = {k: v for k, v in tparams.items()}
    full["head.W"] = np.ascontiguousarray(tparams["wte"].T)
    return full


def tied_gradients(grads):
    out = {}
    for name, g in grads.items():
        if name == "wte":
            out[name] = g.copy() + grads["head.W"].T
        elif name != "head.W":
            out[name] = g
    return out
'''),
    ],
    "lr_schedule": [
        dict(why="phase by phase with np.cos (returns np.float64, a float)", code='''
def lr_schedule(step, max_lr, min_lr, warmup, total):
    if warmup > 0 and step < warmup:
        return step / warmup * max_lr
    t = min(max(step - warmup, 0), total - warmup) / (total - warmup)
    return min_lr + (max_lr - min_lr) * (1 + np.cos(np.pi * t)) / 2
'''),
    ],
    "kv_forward": [
        dict(why="processes the new tokens one at a time (each a single query over the growing cache), per-head loop", code='''
def kv_forward(idx, params, cfg, kv=None):
    B, Tn = idx.shape
    H, L = cfg["n_head"], cfg["n_layer"]
    cache = [] if kv is None else [(K, Vv) for K, Vv in kv]
    outs = []
    for i in range(Tn):
        T0 = 0 if not cache else cache[0][0].shape[2]
        x = params["wte"][idx[:, i:i + 1]] + params["wpe"][T0:T0 + 1]
        C = x.shape[-1]
        dh = C // H
        for l in range(L):
            p = sub(params, f"h{l}.")
            a, _ = layernorm_forward(x, p["ln1.g"], p["ln1.b"])
            qkv = a[:, 0] @ p["attn.Wqkv"] + p["attn.bqkv"]
            q = qkv[:, :C].reshape(B, H, 1, dh)
            k = qkv[:, C:2 * C].reshape(B, H, 1, dh)
            v = qkv[:, 2 * C:].reshape(B, H, 1, dh)
            if len(cache) > l:
                k = np.concatenate([cache[l][0], k], axis=2)
                v = np.concatenate([cache[l][1], v], axis=2)
                cache[l] = (k, v)
            else:
                cache.append((k, v))
            y = np.zeros((B, H, dh), dtype=x.dtype)
            for h in range(H):
                sc = (k[:, h] @ q[:, h, 0][:, :, None])[:, :, 0] / math.sqrt(dh)
                w = np.exp(sc - sc.max(axis=1, keepdims=True))
                w /= w.sum(axis=1, keepdims=True)
                y[:, h] = (w[:, :, None] * v[:, h]).sum(axis=1)
            x = x + (y.reshape(B, C) @ p["attn.Wo"] + p["attn.bo"])[:, None, :]
            m, _ = layernorm_forward(x, p["ln2.g"], p["ln2.b"])
            x = x + mlp_forward(m, sub(p, "mlp."))[0]
        z, _ = layernorm_forward(x, params["lnf.g"], params["lnf.b"])
        outs.append(z[:, 0] @ params["head.W"])
    return np.stack(outs, axis=1), cache
'''),
    ],
    "sphere_distances": [
        dict(why="chord from the identity ||u - v||^2 = 2 - 2 cos (clipped at 0), geodesic via arctan2", code='''
def sphere_distances(E):
    E = np.asarray(E, dtype=np.float64)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    cos = U @ U.T
    chord = np.sqrt(np.maximum(2.0 - 2.0 * cos, 0.0))
    geo = 2.0 * np.arctan2(chord, np.sqrt(np.maximum(2.0 + 2.0 * cos, 0.0)))
    return cos, geo, chord
'''),
    ],
}
