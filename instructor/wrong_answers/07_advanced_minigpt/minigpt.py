"""Recorded wrong answers and accepted alternatives for 07_advanced_minigpt/minigpt.ipynb (instructor-only)."""

WRONG = {
    "split_merge_heads": [
        dict(why="reshapes (B, T, C) straight to (B, H, T, dh) without the transpose (mixes time steps into heads); "
                 "the matching merge makes the round trip look fine", hidden_only=True, code='''
def split_heads(x, n_head):
    B, T, C = x.shape
    return x.reshape(B, n_head, T, C // n_head)


def merge_heads(x):
    B, H, T, dh = x.shape
    return x.reshape(B, T, H * dh)
'''),
        dict(why="strided heads: head h gets channels h, h+H, h+2H, ... instead of a contiguous block", hidden_only=True, code='''
def split_heads(x, n_head):
    B, T, C = x.shape
    return x.reshape(B, T, C // n_head, n_head).transpose(0, 3, 1, 2)


def merge_heads(x):
    B, H, T, dh = x.shape
    return x.transpose(0, 2, 3, 1).reshape(B, T, H * dh)
'''),
        dict(why="merge_heads transposes to (B, T, dh, H): heads merged in the wrong order (channels interleaved)",
             hidden_only=False, code='''
def split_heads(x, n_head):
    B, T, C = x.shape
    return x.reshape(B, T, n_head, C // n_head).transpose(0, 2, 1, 3)


def merge_heads(x):
    B, H, T, dh = x.shape
    return x.transpose(0, 2, 3, 1).reshape(B, T, H * dh)
'''),
    ],
    "mha_forward": [
        dict(why="scales the scores by 1/sqrt(C) (the model width) instead of 1/sqrt(d_head)", hidden_only=True, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    q = split_heads(x @ p["Wq"], n_head)
    k = split_heads(x @ p["Wk"], n_head)
    v = split_heads(x @ p["Wv"], n_head)
    scores = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / math.sqrt(C))
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    att = np.exp(scores - scores.max(axis=-1, keepdims=True))
    att = att / att.sum(axis=-1, keepdims=True)
    merged = merge_heads(att @ v)
    out = merged @ p["Wo"] + p["bo"]
    return out, {"x": x, "p": p, "n_head": n_head, "merged": merged, "q": q, "k": k, "v": v, "att": att}
'''),
        dict(why="causal mask applied after the softmax (future weights zeroed, rows no longer sum to 1)",
             hidden_only=False, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    q = split_heads(x @ p["Wq"], n_head)
    k = split_heads(x @ p["Wk"], n_head)
    v = split_heads(x @ p["Wv"], n_head)
    scores = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / math.sqrt(dh))
    att = np.exp(scores - scores.max(axis=-1, keepdims=True))
    att = att / att.sum(axis=-1, keepdims=True)
    att = att * np.tril(np.ones((T, T), dtype=x.dtype))
    merged = merge_heads(att @ v)
    out = merged @ p["Wo"] + p["bo"]
    return out, {"x": x, "p": p, "n_head": n_head, "merged": merged, "q": q, "k": k, "v": v, "att": att}
'''),
        dict(why="heads merged in the wrong order: transpose to (B, T, dh, H) before the reshape", hidden_only=True, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    q = split_heads(x @ p["Wq"], n_head)
    k = split_heads(x @ p["Wk"], n_head)
    v = split_heads(x @ p["Wv"], n_head)
    y, att = causal_attention(q, k, v)
    merged = y.transpose(0, 2, 3, 1).reshape(B, T, C)
    out = merged @ p["Wo"] + p["bo"]
    return out, {"x": x, "p": p, "n_head": n_head, "merged": merged, "q": q, "k": k, "v": v, "att": att}
'''),
        dict(why="splits heads with a plain reshape to (B, H, T, dh): each head gets a chunk of positions and "
                 "half-rows of channels (still causal, so only the reference values catch it)",
             hidden_only=True, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    q = (x @ p["Wq"]).reshape(B, n_head, T, dh)
    k = (x @ p["Wk"]).reshape(B, n_head, T, dh)
    v = (x @ p["Wv"]).reshape(B, n_head, T, dh)
    y, att = causal_attention(q, k, v)
    merged = y.reshape(B, T, C)
    out = merged @ p["Wo"] + p["bo"]
    return out, {"x": x, "p": p, "n_head": n_head, "merged": merged, "q": q, "k": k, "v": v, "att": att}
'''),
        dict(why="forgets the causal mask: every position attends to the whole sequence", hidden_only=False, code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    q = split_heads(x @ p["Wq"], n_head)
    k = split_heads(x @ p["Wk"], n_head)
    v = split_heads(x @ p["Wv"], n_head)
    scores = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / math.sqrt(dh))
    att = np.exp(scores - scores.max(axis=-1, keepdims=True))
    att = att / att.sum(axis=-1, keepdims=True)
    merged = merge_heads(att @ v)
    out = merged @ p["Wo"] + p["bo"]
    return out, {"x": x, "p": p, "n_head": n_head, "merged": merged, "q": q, "k": k, "v": v, "att": att}
'''),
        dict(why="forgets the output bias bo", hidden_only=True, code='''
def mha_forward(x, p, n_head):
    q = split_heads(x @ p["Wq"], n_head)
    k = split_heads(x @ p["Wk"], n_head)
    v = split_heads(x @ p["Wv"], n_head)
    y, att = causal_attention(q, k, v)
    merged = merge_heads(y)
    return merged @ p["Wo"], {"x": x, "p": p, "n_head": n_head, "merged": merged, "q": q, "k": k, "v": v, "att": att}
'''),
    ],
    "mha_backward": [
        dict(why="dx only collects the query and key paths: forgets that x also feeds the values", hidden_only=True, code='''
def mha_backward(dout, cache):
    x, p, n_head, merged = cache["x"], cache["p"], cache["n_head"], cache["merged"]
    B, T, C = x.shape
    d2 = dout.reshape(-1, C)
    grads = {"Wo": merged.reshape(-1, C).T @ d2, "bo": d2.sum(axis=0)}
    dmerged = (d2 @ p["Wo"].T).reshape(B, T, C)
    dq, dk, dv = causal_attention_backward(split_heads(dmerged, n_head), cache["q"], cache["k"], cache["v"], cache["att"])
    x2 = x.reshape(-1, C)
    dQ, dK, dV = (merge_heads(d).reshape(-1, C) for d in (dq, dk, dv))
    grads["Wq"], grads["Wk"], grads["Wv"] = x2.T @ dQ, x2.T @ dK, x2.T @ dV
    dx = dQ @ p["Wq"].T + dK @ p["Wk"].T
    return dx.reshape(B, T, C), grads
'''),
        dict(why="dbo averaged over the rows instead of summed", hidden_only=False, code='''
def mha_backward(dout, cache):
    x, p, n_head, merged = cache["x"], cache["p"], cache["n_head"], cache["merged"]
    B, T, C = x.shape
    d2 = dout.reshape(-1, C)
    grads = {"Wo": merged.reshape(-1, C).T @ d2, "bo": d2.mean(axis=0)}
    dmerged = (d2 @ p["Wo"].T).reshape(B, T, C)
    dq, dk, dv = causal_attention_backward(split_heads(dmerged, n_head), cache["q"], cache["k"], cache["v"], cache["att"])
    x2 = x.reshape(-1, C)
    dx = np.zeros_like(x2)
    for name, d in (("Wq", dq), ("Wk", dk), ("Wv", dv)):
        d = merge_heads(d).reshape(-1, C)
        grads[name] = x2.T @ d
        dx += d @ p[name].T
    return dx.reshape(B, T, C), grads
'''),
        dict(why="merges the head gradients in the wrong order (transpose to (B, T, dh, H))", hidden_only=True, code='''
def mha_backward(dout, cache):
    x, p, n_head, merged = cache["x"], cache["p"], cache["n_head"], cache["merged"]
    B, T, C = x.shape
    d2 = dout.reshape(-1, C)
    grads = {"Wo": merged.reshape(-1, C).T @ d2, "bo": d2.sum(axis=0)}
    dmerged = (d2 @ p["Wo"].T).reshape(B, T, C)
    dq, dk, dv = causal_attention_backward(split_heads(dmerged, n_head), cache["q"], cache["k"], cache["v"], cache["att"])
    x2 = x.reshape(-1, C)
    dx = np.zeros_like(x2)
    for name, d in (("Wq", dq), ("Wk", dk), ("Wv", dv)):
        d = d.transpose(0, 2, 3, 1).reshape(-1, C)
        grads[name] = x2.T @ d
        dx += d @ p[name].T
    return dx.reshape(B, T, C), grads
'''),
    ],
    "block": [
        dict(why="post-LN block (original Transformer): LayerNorm after each residual sum, y = LN2(h + MLP(h)), h = LN1(x + MHA(x))",
             hidden_only=False, code='''
def block_forward(x, bp, n_head):
    a, c_attn = mha_forward(x, sub(bp, "attn."), n_head)
    h, c_ln1 = layernorm_forward(x + a, bp["ln1.g"], bp["ln1.b"])
    m, c_mlp = mlp_forward(h, sub(bp, "mlp."))
    y, c_ln2 = layernorm_forward(h + m, bp["ln2.g"], bp["ln2.b"])
    return y, (c_ln1, c_attn, c_ln2, c_mlp)


def block_backward(dout, cache):
    c_ln1, c_attn, c_ln2, c_mlp = cache
    grads = {}
    ds, grads["ln2.g"], grads["ln2.b"] = layernorm_backward(dout, c_ln2)
    dm, g_mlp = mlp_backward(ds, c_mlp)
    dh = ds + dm
    dr, grads["ln1.g"], grads["ln1.b"] = layernorm_backward(dh, c_ln1)
    da, g_attn = mha_backward(dr, c_attn)
    grads.update(prefixed(g_mlp, "mlp."))
    grads.update(prefixed(g_attn, "attn."))
    return dr + da, grads
'''),
        dict(why="backward drops the identity path of the MLP residual: dh = (MLP branch) only", hidden_only=True, code='''
def block_forward(x, bp, n_head):
    a, c_ln1 = layernorm_forward(x, bp["ln1.g"], bp["ln1.b"])
    a, c_attn = mha_forward(a, sub(bp, "attn."), n_head)
    h = x + a
    m, c_ln2 = layernorm_forward(h, bp["ln2.g"], bp["ln2.b"])
    m, c_mlp = mlp_forward(m, sub(bp, "mlp."))
    return h + m, (c_ln1, c_attn, c_ln2, c_mlp)


def block_backward(dout, cache):
    c_ln1, c_attn, c_ln2, c_mlp = cache
    grads = {}
    dm, g_mlp = mlp_backward(dout, c_mlp)
    dm, grads["ln2.g"], grads["ln2.b"] = layernorm_backward(dm, c_ln2)
    dh = dm
    da, g_attn = mha_backward(dh, c_attn)
    da, grads["ln1.g"], grads["ln1.b"] = layernorm_backward(da, c_ln1)
    grads.update(prefixed(g_mlp, "mlp."))
    grads.update(prefixed(g_attn, "attn."))
    return dh + da, grads
'''),
        dict(why="attention reads the raw residual stream x instead of LN1(x) (ln1 left unused, zero gradient)",
             hidden_only=True, code='''
def block_forward(x, bp, n_head):
    a, c_attn = mha_forward(x, sub(bp, "attn."), n_head)
    h = x + a
    m, c_ln2 = layernorm_forward(h, bp["ln2.g"], bp["ln2.b"])
    m, c_mlp = mlp_forward(m, sub(bp, "mlp."))
    return h + m, (bp, c_attn, c_ln2, c_mlp)


def block_backward(dout, cache):
    bp, c_attn, c_ln2, c_mlp = cache
    grads = {"ln1.g": np.zeros_like(bp["ln1.g"]), "ln1.b": np.zeros_like(bp["ln1.b"])}
    dm, g_mlp = mlp_backward(dout, c_mlp)
    dm, grads["ln2.g"], grads["ln2.b"] = layernorm_backward(dm, c_ln2)
    dh = dout + dm
    da, g_attn = mha_backward(dh, c_attn)
    grads.update(prefixed(g_mlp, "mlp."))
    grads.update(prefixed(g_attn, "attn."))
    return dh + da, grads
'''),
    ],
    "gpt": [
        dict(why="forgets the final LayerNorm (logits straight from the residual stream; lnf gets zero gradient)",
             hidden_only=True, code='''
def gpt_forward(idx, params, cfg):
    B, T = idx.shape
    x = embed_forward(idx, params["wte"], params["wpe"])
    caches = []
    for l in range(cfg["n_layer"]):
        x, c = block_forward(x, sub(params, f"h{l}."), cfg["n_head"])
        caches.append(c)
    C = x.shape[-1]
    logits = (x.reshape(-1, C) @ params["head.W"]).reshape(B, T, -1)
    return logits, (idx, x, caches, params)


def gpt_backward(dlogits, cache):
    idx, x, caches, params = cache
    B, T, C = x.shape
    d2 = dlogits.reshape(B * T, -1)
    grads = {"head.W": x.reshape(-1, C).T @ d2,
             "lnf.g": np.zeros_like(params["lnf.g"]), "lnf.b": np.zeros_like(params["lnf.b"])}
    dx = (d2 @ params["head.W"].T).reshape(B, T, C)
    for l in reversed(range(len(caches))):
        dx, g = block_backward(dx, caches[l])
        grads.update(prefixed(g, f"h{l}."))
    grads["wte"], grads["wpe"] = embed_backward(idx, dx, params["wte"], params["wpe"])
    return grads
'''),
        dict(why="backward visits the blocks in forward order (layer 0 first) instead of reversed", hidden_only=True, code='''
def gpt_forward(idx, params, cfg):
    B, T = idx.shape
    x = embed_forward(idx, params["wte"], params["wpe"])
    caches = []
    for l in range(cfg["n_layer"]):
        x, c = block_forward(x, sub(params, f"h{l}."), cfg["n_head"])
        caches.append(c)
    z, c_lnf = layernorm_forward(x, params["lnf.g"], params["lnf.b"])
    C = z.shape[-1]
    logits = (z.reshape(-1, C) @ params["head.W"]).reshape(B, T, -1)
    return logits, (idx, z, c_lnf, caches, params)


def gpt_backward(dlogits, cache):
    idx, z, c_lnf, caches, params = cache
    B, T, C = z.shape
    d2 = dlogits.reshape(B * T, -1)
    grads = {"head.W": z.reshape(-1, C).T @ d2}
    dx = (d2 @ params["head.W"].T).reshape(B, T, C)
    dx, grads["lnf.g"], grads["lnf.b"] = layernorm_backward(dx, c_lnf)
    for l in range(len(caches)):
        dx, g = block_backward(dx, caches[l])
        grads.update(prefixed(g, f"h{l}."))
    grads["wte"], grads["wpe"] = embed_backward(idx, dx, params["wte"], params["wpe"])
    return grads
'''),
        dict(why="token-embedding gradient with dW[idx] += d: repeated tokens do not accumulate", hidden_only=True, code='''
def gpt_forward(idx, params, cfg):
    B, T = idx.shape
    x = params["wte"][idx] + params["wpe"][:T]
    caches = []
    for l in range(cfg["n_layer"]):
        x, c = block_forward(x, sub(params, f"h{l}."), cfg["n_head"])
        caches.append(c)
    z, c_lnf = layernorm_forward(x, params["lnf.g"], params["lnf.b"])
    C = z.shape[-1]
    logits = (z.reshape(-1, C) @ params["head.W"]).reshape(B, T, -1)
    return logits, (idx, z, c_lnf, caches, params)


def gpt_backward(dlogits, cache):
    idx, z, c_lnf, caches, params = cache
    B, T, C = z.shape
    d2 = dlogits.reshape(B * T, -1)
    grads = {"head.W": z.reshape(-1, C).T @ d2}
    dx = (d2 @ params["head.W"].T).reshape(B, T, C)
    dx, grads["lnf.g"], grads["lnf.b"] = layernorm_backward(dx, c_lnf)
    for l in reversed(range(len(caches))):
        dx, g = block_backward(dx, caches[l])
        grads.update(prefixed(g, f"h{l}."))
    dwte = np.zeros_like(params["wte"])
    dwte[idx.ravel()] += dx.reshape(-1, C)
    dwpe = np.zeros_like(params["wpe"])
    dwpe[:T] = dx.sum(axis=0)
    grads["wte"], grads["wpe"] = dwte, dwpe
    return grads
'''),
    ],
    "sample_next": [
        dict(why="temperature applied after the softmax (probabilities divided by T and renormalised: no effect)",
             hidden_only=False, code='''
def sample_next(logits, rng, temperature=1.0, top_k=None):
    z = np.asarray(logits, dtype=np.float64)
    if top_k is not None:
        kth = np.sort(z, axis=-1)[:, -top_k][:, None]
        z = np.where(z < kth, -np.inf, z)
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    p = p / max(temperature, 1e-12)
    p = p / p.sum(axis=-1, keepdims=True)
    cdf = np.cumsum(p, axis=-1)
    u = rng.random((z.shape[0], 1))
    return np.minimum((cdf <= u).sum(axis=-1), z.shape[1] - 1).astype(np.int64)
'''),
        dict(why="top-k off by one: the threshold is the (k+1)-th largest logit, so k+1 tokens stay", hidden_only=True, code='''
def sample_next(logits, rng, temperature=1.0, top_k=None):
    z = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return z.argmax(axis=-1).astype(np.int64)
    z = z / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[:, -top_k - 1][:, None]
        z = np.where(z < kth, -np.inf, z)
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    cdf = np.cumsum(p, axis=-1)
    cdf /= cdf[:, -1:]
    u = rng.random((z.shape[0], 1))
    return (cdf <= u).sum(axis=-1).astype(np.int64)
'''),
        dict(why="top-k keeps the k SMALLEST logits (argsort ascending, first k)", hidden_only=True, code='''
def sample_next(logits, rng, temperature=1.0, top_k=None):
    z = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return z.argmax(axis=-1).astype(np.int64)
    z = z / temperature
    if top_k is not None:
        keep = np.argsort(z, axis=-1)[:, :top_k]
        masked = np.full_like(z, -np.inf)
        np.put_along_axis(masked, keep, np.take_along_axis(z, keep, axis=-1), axis=-1)
        z = masked
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    cdf = np.cumsum(p, axis=-1)
    cdf /= cdf[:, -1:]
    u = rng.random((z.shape[0], 1))
    return (cdf <= u).sum(axis=-1).astype(np.int64)
'''),
        dict(why="multiplies the logits by the temperature instead of dividing", hidden_only=False, code='''
def sample_next(logits, rng, temperature=1.0, top_k=None):
    z = np.asarray(logits, dtype=np.float64)
    z = z * temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[:, -top_k][:, None]
        z = np.where(z < kth, -np.inf, z)
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    cdf = np.cumsum(p, axis=-1)
    cdf /= cdf[:, -1:]
    u = rng.random((z.shape[0], 1))
    return (cdf <= u).sum(axis=-1).astype(np.int64)
'''),
    ],
    "generate": [
        dict(why="never crops the context: the model receives more than block_size positions", hidden_only=False, code='''
def generate(logits_fn, idx, n_new, block_size, rng, temperature=1.0, top_k=None):
    out = np.asarray(idx, dtype=np.int64)
    for _ in range(n_new):
        logits = logits_fn(out)[:, -1, :]
        nxt = sample_next(logits, rng, temperature=temperature, top_k=top_k)
        out = np.concatenate([out, nxt[:, None]], axis=1)
    return out
'''),
        dict(why="crops to the last block_size - 1 tokens (off by one)", hidden_only=True, code='''
def generate(logits_fn, idx, n_new, block_size, rng, temperature=1.0, top_k=None):
    out = np.asarray(idx, dtype=np.int64)
    for _ in range(n_new):
        ctx = out[:, -(block_size - 1):]
        logits = logits_fn(ctx)[:, -1, :]
        nxt = sample_next(logits, rng, temperature=temperature, top_k=top_k)
        out = np.concatenate([out, nxt[:, None]], axis=1)
    return out
'''),
        dict(why="samples from the logits of the FIRST position of the context instead of the last", hidden_only=True, code='''
def generate(logits_fn, idx, n_new, block_size, rng, temperature=1.0, top_k=None):
    out = np.asarray(idx, dtype=np.int64)
    for _ in range(n_new):
        ctx = out[:, -block_size:]
        logits = logits_fn(ctx)[:, 0, :]
        nxt = sample_next(logits, rng, temperature=temperature, top_k=top_k)
        out = np.concatenate([out, nxt[:, None]], axis=1)
    return out
'''),
        dict(why="does not pass temperature and top_k on to sample_next", hidden_only=True, code='''
def generate(logits_fn, idx, n_new, block_size, rng, temperature=1.0, top_k=None):
    out = np.asarray(idx, dtype=np.int64)
    for _ in range(n_new):
        ctx = out[:, -block_size:]
        nxt = sample_next(logits_fn(ctx)[:, -1, :], rng)
        out = np.concatenate([out, nxt[:, None]], axis=1)
    return out
'''),
    ],
    "sphere_distances": [
        dict(why="chord distance between the raw embeddings instead of the unit vectors", hidden_only=False, code='''
def sphere_distances(E):
    E = np.asarray(E, dtype=np.float64)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    cos = U @ U.T
    geo = np.arccos(np.clip(cos, -1.0, 1.0))
    chord = np.linalg.norm(E[:, None, :] - E[None, :, :], axis=-1)
    return cos, geo, chord
'''),
        dict(why="arccos without clipping: rounding gives cos slightly above 1 and the geodesic becomes NaN",
             hidden_only=True, code='''
def sphere_distances(E):
    E = np.asarray(E, dtype=np.float64)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    cos = U @ U.T
    geo = np.arccos(cos)
    chord = np.linalg.norm(U[:, None, :] - U[None, :, :], axis=-1)
    return cos, geo, chord
'''),
        dict(why="uses the cosine distance 1 - cos as the geodesic distance", hidden_only=False, code='''
def sphere_distances(E):
    E = np.asarray(E, dtype=np.float64)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    cos = U @ U.T
    geo = 1.0 - cos
    chord = np.linalg.norm(U[:, None, :] - U[None, :, :], axis=-1)
    return cos, geo, chord
'''),
    ],
}

ALTERNATIVES = {
    "split_merge_heads": [
        dict(why="np.split / np.concatenate instead of reshape + transpose", code='''
def split_heads(x, n_head):
    return np.stack(np.split(x, n_head, axis=-1), axis=1)


def merge_heads(x):
    return np.concatenate([x[:, h] for h in range(x.shape[1])], axis=-1)
'''),
    ],
    "mha_forward": [
        dict(why="a loop over heads, calling the single-head attention on (B, T, dh) slices", code='''
def mha_forward(x, p, n_head):
    B, T, C = x.shape
    dh = C // n_head
    q, k, v = x @ p["Wq"], x @ p["Wk"], x @ p["Wv"]
    ys, atts = [], []
    for h in range(n_head):
        s = slice(h * dh, (h + 1) * dh)
        y, a = causal_attention(q[..., s], k[..., s], v[..., s])
        ys.append(y)
        atts.append(a)
    merged = np.concatenate(ys, axis=-1)
    att = np.stack(atts, axis=1)
    out = merged @ p["Wo"] + p["bo"]
    return out, {"x": x, "p": p, "n_head": n_head, "merged": merged,
                 "q": split_heads(q, n_head), "k": split_heads(k, n_head), "v": split_heads(v, n_head), "att": att}
'''),
    ],
    "mha_backward": [
        dict(why="a loop over heads with explicit column slices", code='''
def mha_backward(dout, cache):
    x, p, n_head, merged = cache["x"], cache["p"], cache["n_head"], cache["merged"]
    B, T, C = x.shape
    dh = C // n_head
    grads = {"Wo": np.einsum("btc,btd->cd", merged, dout), "bo": dout.sum(axis=(0, 1))}
    dmerged = dout @ p["Wo"].T
    dQ, dK, dV = np.zeros_like(x), np.zeros_like(x), np.zeros_like(x)
    for h in range(n_head):
        s = slice(h * dh, (h + 1) * dh)
        dq, dk, dv = causal_attention_backward(dmerged[..., s], cache["q"][:, h], cache["k"][:, h],
                                               cache["v"][:, h], cache["att"][:, h])
        dQ[..., s], dK[..., s], dV[..., s] = dq, dk, dv
    grads["Wq"] = np.einsum("btc,btd->cd", x, dQ)
    grads["Wk"] = np.einsum("btc,btd->cd", x, dK)
    grads["Wv"] = np.einsum("btc,btd->cd", x, dV)
    dx = dQ @ p["Wq"].T + dK @ p["Wk"].T + dV @ p["Wv"].T
    return dx, grads
'''),
    ],
    "sample_next": [
        dict(why="rng.choice row by row, top-k through argsort", code='''
def sample_next(logits, rng, temperature=1.0, top_k=None):
    logits = np.asarray(logits, dtype=np.float64)
    out = np.empty(len(logits), dtype=np.int64)
    for i, row in enumerate(logits):
        if temperature == 0:
            out[i] = int(np.argmax(row))
            continue
        z = row / temperature
        if top_k is not None:
            keep = np.argsort(z)[-top_k:]
            masked = np.full_like(z, -np.inf)
            masked[keep] = z[keep]
            z = masked
        w = np.exp(z - z.max())
        out[i] = rng.choice(len(w), p=w / w.sum())
    return out
'''),
    ],
    "generate": [
        dict(why="preallocated output array, context sliced by position", code='''
def generate(logits_fn, idx, n_new, block_size, rng, temperature=1.0, top_k=None):
    idx = np.asarray(idx)
    B, T0 = idx.shape
    out = np.zeros((B, T0 + n_new), dtype=np.int64)
    out[:, :T0] = idx
    for t in range(T0, T0 + n_new):
        ctx = out[:, max(0, t - block_size):t]
        out[:, t] = sample_next(logits_fn(ctx)[:, -1, :], rng, temperature=temperature, top_k=top_k)
    return out
'''),
    ],
    "sphere_distances": [
        dict(why="chord from the identity ||u - v||^2 = 2 - 2 cos (clipped at 0), geodesic via arctan2", code='''
def sphere_distances(E):
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    cos = U @ U.T
    chord = np.sqrt(np.maximum(2.0 - 2.0 * cos, 0.0))
    geo = 2.0 * np.arctan2(chord, np.sqrt(np.maximum(2.0 + 2.0 * cos, 0.0)))
    return cos, geo, chord
'''),
    ],
}
