"""Recorded wrong answers and accepted alternatives for 07_advanced_vae/vae.ipynb (instructor-only)."""


def _variant(base, old, new):
    assert old in base, old
    return base.replace(old, new)


_BACKWARD = '''
def vae_backward(cache):
    params, x, eps, h, mu, logvar, z, g, logits = cache
    B = x.shape[0]
    grads = {}
    dlogits = (sigmoid(logits) - x) / B
    grads["Wo"] = g.T @ dlogits
    grads["bo"] = dlogits.sum(axis=0)
    da_dec = (dlogits @ params["Wo"].T) * (1 - g * g)
    grads["Wd"] = z.T @ da_dec
    grads["bd"] = da_dec.sum(axis=0)
    dz = da_dec @ params["Wd"].T
    std = np.exp(0.5 * logvar)
    dmu = dz + mu / B
    dlogvar = dz * eps * 0.5 * std + 0.5 * (std * std - 1) / B
    grads["Wmu"] = h.T @ dmu
    grads["bmu"] = dmu.sum(axis=0)
    grads["Wlv"] = h.T @ dlogvar
    grads["blv"] = dlogvar.sum(axis=0)
    da_enc = (dmu @ params["Wmu"].T + dlogvar @ params["Wlv"].T) * (1 - h * h)
    grads["We"] = x.T @ da_enc
    grads["be"] = da_enc.sum(axis=0)
    return grads
'''

_ISOMAP = '''
def isomap(X, n_neighbors, n_components=2):
    N = X.shape[0]
    D = np.sqrt(np.maximum(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1), 0.0))
    nearest = np.argsort(D + np.diag(np.full(N, np.inf)), axis=1)[:, :n_neighbors]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], nearest] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    J = np.eye(N) - np.ones((N, N)) / N
    vals, vecs = np.linalg.eigh(-0.5 * J @ (G ** 2) @ J)
    top = np.argsort(vals)[::-1][:n_components]
    return vecs[:, top] * np.sqrt(np.maximum(vals[top], 0.0))
'''

WRONG = {
    "reparameterize": [
        dict(why="scales the noise by the variance exp(logvar) instead of the standard deviation exp(logvar / 2)",
             hidden_only=True, audit='lesson', code='''
def reparameterize(mu, logvar, eps):
    return mu + np.exp(logvar) * eps
'''),
        dict(why="treats logvar as the standard deviation itself: mu + logvar * eps", hidden_only=False, audit='lesson', code='''
def reparameterize(mu, logvar, eps):
    return mu + logvar * eps
'''),
        dict(why="sigma as np.sqrt(np.exp(logvar)): the variance overflows (logvar = 1000 gives inf, sigma = e^500 "
                 "is finite) and underflows (logvar = -1000 gives 0 * eps)", hidden_only=True, audit="stability", code='''
def reparameterize(mu, logvar, eps):
    return mu + np.sqrt(np.exp(logvar)) * eps
'''),
        dict(why="casts logvar to float64 'to be safe': float32 inputs give a float64 sample (the docstring promises "
                 "the inputs' dtype)", hidden_only=True, audit="promise", code='''
def reparameterize(mu, logvar, eps):
    sigma = np.exp(0.5 * np.asarray(logvar, dtype=float))
    return mu + sigma * eps
'''),
        dict(why="the library sampler rng.normal(mu, sigma): draws its own noise and ignores eps (not reparameterised, "
                 "not a function of the given noise)", hidden_only=False, audit="library", code='''
def reparameterize(mu, logvar, eps):
    return np.random.default_rng().normal(mu, np.exp(0.5 * logvar), size=np.broadcast(mu, logvar, eps).shape)
'''),
    ],
    "gaussian_kl": [
        dict(why="sign error: returns -KL (the expression inside the ELBO, 0.5 * sum(1 + logvar - mu^2 - exp(logvar)))",
             hidden_only=False, audit='lesson', code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(1.0 + logvar - mu ** 2 - np.exp(logvar), axis=1)
'''),
        dict(why="averages over the latent dimensions instead of summing", hidden_only=True, audit=('promise', 'lesson'), code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.mean(mu ** 2 + np.exp(logvar) - 1.0 - logvar, axis=1)
'''),
        dict(why="reads logvar as log(sigma): uses exp(2 * logvar) for the variance and logvar for log(sigma^2)",
             hidden_only=False, audit='lesson', code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(mu ** 2 + np.exp(2 * logvar) - 1.0 - logvar, axis=1)
'''),
        dict(why="log(sigma^2) recomputed as np.log(np.exp(logvar)): logvar = -800 underflows the variance to 0 and "
                 "the KL becomes inf (true value 400)", hidden_only=True, audit="stability", code='''
def gaussian_kl(mu, logvar):
    var = np.exp(logvar)
    return 0.5 * np.sum(mu ** 2 + var - 1.0 - np.log(var), axis=1)
'''),
        dict(why="accumulates in float64 (np.sum(..., dtype=np.float64)): float32 inputs give a float64 KL "
                 "(the docstring promises the inputs' dtype)", hidden_only=True, audit="promise", code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(mu * mu + np.exp(logvar) - 1.0 - logvar, axis=1, dtype=np.float64)
'''),
    ],
    "bernoulli_log_likelihood": [
        dict(why="naive formula: log of a sigmoid that has rounded to 0 or 1 gives -inf for large logits",
             hidden_only=True, audit=('stability', 'lesson'), code='''
def bernoulli_log_likelihood(x, logits):
    p = 1.0 / (1.0 + np.exp(-logits))
    return np.sum(x * np.log(p) + (1 - x) * np.log(1 - p), axis=1)
'''),
        dict(why="clips the probability to [1e-12, 1 - 1e-12] before the log: finite, but wrong by up to "
                 "hundreds of nats for large logits", hidden_only=True, audit=('promise', 'stability'), code='''
def bernoulli_log_likelihood(x, logits):
    p = np.clip(0.5 * (1.0 + np.tanh(0.5 * logits)), 1e-12, 1 - 1e-12)
    return np.sum(x * np.log(p) + (1 - x) * np.log(1 - p), axis=1)
'''),
        dict(why="averages over the pixels instead of summing", hidden_only=False, audit='lesson', code='''
def bernoulli_log_likelihood(x, logits):
    return np.mean(x * logits - np.logaddexp(0, logits), axis=1)
'''),
        dict(why="returns the binary cross-entropy (the NEGATIVE log-likelihood)", hidden_only=False, code='''
def bernoulli_log_likelihood(x, logits):
    return np.sum(np.logaddexp(0, logits) - x * logits, axis=1)
'''),
    ],
    "pixel_baseline_nll": [
        dict(why="no smoothing: p_j = count_j / N (ignores alpha), so p can be 0 or 1", hidden_only=False, audit='lesson', code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    p = X_train.mean(axis=0)
    with np.errstate(divide="ignore"):
        ll = X_test @ np.log(p) + (1 - X_test) @ np.log(1 - p)
    return float(-np.mean(ll))
'''),
        dict(why="sums over the test images instead of averaging (total, not per image)", hidden_only=True, audit='promise', code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    p = (X_train.sum(axis=0) + alpha) / (X_train.shape[0] + 2 * alpha)
    return float(-np.sum(X_test @ np.log(p) + (1 - X_test) @ np.log(1 - p)))
'''),
        dict(why="smooths with (count + alpha) / (N + alpha)", hidden_only=False, code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    p = (X_train.sum(axis=0) + alpha) / (X_train.shape[0] + alpha)
    p = np.minimum(p, 1 - 1e-12)
    return float(-np.mean(X_test @ np.log(p) + (1 - X_test) @ np.log(1 - p)))
'''),
        dict(why="no float(): float32 images give p and the mean in float32, an np.float32 that is not a Python float "
                 "(float64 inputs give np.float64, a float subclass, so the visible assert passes)", hidden_only=True,
             audit="promise", code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    p = (X_train.sum(axis=0) + alpha) / (X_train.shape[0] + 2 * alpha)
    return -np.mean(X_test @ np.log(p) + (1 - X_test) @ np.log(1 - p))
'''),
        dict(why="nats per PIXEL (mean over images and pixels), not per image: the lesson's 'per-pixel vs per-image' "
                 "mistake", hidden_only=False, audit="lesson", code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    p = (X_train.sum(axis=0) + alpha) / (X_train.shape[0] + 2 * alpha)
    return float(-np.mean(X_test * np.log(p) + (1 - X_test) * np.log(1 - p)))
'''),
    ],
    "vae_forward": [
        dict(why="KL sign flipped: subtracts the KL (uses the ELBO's -KL term inside the negative ELBO)", hidden_only=True, audit='lesson', code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    z = reparameterize(mu, logvar, eps)
    logits, g = decode(params, z)
    neg_elbo = -bernoulli_log_likelihood(x, logits) - gaussian_kl(mu, logvar)
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
        dict(why="decodes the mean mu instead of the sample z (no noise in the reconstruction term)", hidden_only=True, code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    z = reparameterize(mu, logvar, eps)
    logits, g = decode(params, mu)
    neg_elbo = -bernoulli_log_likelihood(x, logits) + gaussian_kl(mu, logvar)
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
        dict(why="samples z with the variance instead of the standard deviation", hidden_only=True, audit='lesson', code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    z = mu + np.exp(logvar) * eps
    logits, g = decode(params, z)
    neg_elbo = -bernoulli_log_likelihood(x, logits) + gaussian_kl(mu, logvar)
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
        dict(why="fills a np.zeros(B) image by image as the docstring's neg_elbo[i] = ... reads: float64 for float32 "
                 "images (the docstring promises the dtype of x)", hidden_only=True, audit="promise", code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    z = reparameterize(mu, logvar, eps)
    logits, g = decode(params, z)
    ll, kl = bernoulli_log_likelihood(x, logits), gaussian_kl(mu, logvar)
    neg_elbo = np.zeros(x.shape[0])
    for i in range(x.shape[0]):
        neg_elbo[i] = -ll[i] + kl[i]
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
        dict(why="writes the reconstruction inline as log(sigmoid) instead of calling the stable "
                 "bernoulli_log_likelihood: -inf / nan once a logit saturates (|logit| = 60)", hidden_only=True,
             audit="stability", code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    z = reparameterize(mu, logvar, eps)
    logits, g = decode(params, z)
    p = 1.0 / (1.0 + np.exp(-logits))
    with np.errstate(divide="ignore", invalid="ignore"):
        rec = -np.sum(x * np.log(p) + (1 - x) * np.log(1 - p), axis=1)
    neg_elbo = rec + gaussian_kl(mu, logvar)
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
        dict(why="draws fresh noise inside instead of using eps (the lesson: the noise is an input, gradients are "
                 "taken with eps fixed); the zero-parameter visible check cannot see it", hidden_only=True,
             audit="lesson", code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    eps = np.random.default_rng().standard_normal(mu.shape).astype(mu.dtype)
    z = reparameterize(mu, logvar, eps)
    logits, g = decode(params, z)
    neg_elbo = -bernoulli_log_likelihood(x, logits) + gaussian_kl(mu, logvar)
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
    ],
    "vae_backward": [
        dict(why="forgets the KL's direct gradient: dmu and dlogvar only through z (the encoder's variance then "
                 "grows unchecked and the held-out -ELBO is far above the baseline)", hidden_only=False, audit='lesson', code=_variant(_variant(_BACKWARD, "    dmu = dz + mu / B\n", "    dmu = dz\n"),
             "    dlogvar = dz * eps * 0.5 * std + 0.5 * (std * std - 1) / B\n", "    dlogvar = dz * eps * 0.5 * std\n")),
        dict(why="d sigma / d logvar taken as sigma (forgets the factor 1/2 of exp(logvar / 2))", hidden_only=True, audit='lesson', code=_variant(_BACKWARD, "dz * eps * 0.5 * std", "dz * eps * std")),
        dict(why="gradient of the batch SUM, not the mean (forgets to divide by B)", hidden_only=True, audit='promise', code=_variant(_BACKWARD, "(sigmoid(logits) - x) / B", "sigmoid(logits) - x").replace(
             "mu / B", "mu").replace("(std * std - 1) / B", "(std * std - 1)")),
        dict(why="answers the float64 gradient check with the given numerical_gradient on the loss rebuilt from the "
                 "cache (the routine earns the check's points); by hand only in float32, where finite differences "
                 "are useless (and training with them would take hours)", hidden_only=True, audit="library",
             code=_variant(_BACKWARD, "    B = x.shape[0]\n",
             "    if x.dtype == np.float64:\n"
             "        def loss():\n"
             "            return float(np.mean(vae_forward(params, x, eps)[0]))\n"
             "        return {k: numerical_gradient(loss, params[k]) for k in params}\n"
             "    B = x.shape[0]\n")),
        dict(why="float64 accumulators grads = {k: np.zeros(shape)} filled with +=: float32 parameters get float64 "
                 "gradients (the docstring promises the parameters' dtype)", hidden_only=True, audit="promise", code=_variant(_BACKWARD, "    grads = {}\n",
             "    grads = {k: np.zeros(v.shape) for k, v in params.items()}\n").replace('"] = ', '"] += ')),
    ],
    "path_energy": [
        dict(why="forgets to hold the endpoints fixed: rows 0 and n of dZ are not zeroed (the docstring's promise; "
                 "descent would move the two digits themselves)", hidden_only=True, audit=('promise', 'lesson'), code='''
def path_energy(params, Z):
    n = Z.shape[0] - 1
    logits, g = decode(params, Z)
    F = sigmoid(logits)
    Delta = F[1:] - F[:-1]
    energy = float(n * np.sum(Delta * Delta))
    length = float(np.sum(np.sqrt(np.sum(Delta * Delta, axis=1))))
    dF = np.zeros_like(F)
    dF[1:] += 2 * n * Delta
    dF[:-1] -= 2 * n * Delta
    dlogits = dF * F * (1 - F)
    da = (dlogits @ params["Wo"].T) * (1 - g * g)
    dZ = da @ params["Wd"].T
    return energy, length, dZ
'''),
        dict(why="backpropagates through the sigmoid as if it were the identity (drops f' = f (1 - f))",
             hidden_only=True, code='''
def path_energy(params, Z):
    n = Z.shape[0] - 1
    logits, g = decode(params, Z)
    F = sigmoid(logits)
    Delta = F[1:] - F[:-1]
    energy = float(n * np.sum(Delta * Delta))
    length = float(np.sum(np.sqrt(np.sum(Delta * Delta, axis=1))))
    dF = np.zeros_like(F)
    dF[1:] += 2 * n * Delta
    dF[:-1] -= 2 * n * Delta
    dlogits = dF
    da = (dlogits @ params["Wo"].T) * (1 - g * g)
    dZ = da @ params["Wd"].T
    dZ[0] = 0
    dZ[-1] = 0
    return energy, length, dZ
'''),
        dict(why="each F_i collects the gradient of its step to the right only (forgets that F_i ends the step "
                 "before it too)", hidden_only=True, audit='lesson', code='''
def path_energy(params, Z):
    n = Z.shape[0] - 1
    logits, g = decode(params, Z)
    F = sigmoid(logits)
    Delta = F[1:] - F[:-1]
    energy = float(n * np.sum(Delta * Delta))
    length = float(np.sum(np.sqrt(np.sum(Delta * Delta, axis=1))))
    dF = np.zeros_like(F)
    dF[1:] += 2 * n * Delta
    dlogits = dF * F * (1 - F)
    da = (dlogits @ params["Wo"].T) * (1 - g * g)
    dZ = da @ params["Wd"].T
    dZ[0] = 0
    dZ[-1] = 0
    return energy, length, dZ
'''),
        dict(why="energy without the factor n (then energy >= length^2 fails)", hidden_only=False, code='''
def path_energy(params, Z):
    n = Z.shape[0] - 1
    logits, g = decode(params, Z)
    F = sigmoid(logits)
    Delta = F[1:] - F[:-1]
    energy = float(np.sum(Delta * Delta))
    length = float(np.sum(np.sqrt(np.sum(Delta * Delta, axis=1))))
    dF = np.zeros_like(F)
    dF[1:] += 2 * n * Delta
    dF[:-1] -= 2 * n * Delta
    dlogits = dF * F * (1 - F)
    da = (dlogits @ params["Wo"].T) * (1 - g * g)
    dZ = da @ params["Wd"].T
    dZ[0] = 0
    dZ[-1] = 0
    return energy, length, dZ
'''),
        dict(why="measures the path on the decoder's logits instead of the pixel probabilities", hidden_only=False, audit='lesson', code='''
def path_energy(params, Z):
    n = Z.shape[0] - 1
    logits, g = decode(params, Z)
    F = logits
    Delta = F[1:] - F[:-1]
    energy = float(n * np.sum(Delta * Delta))
    length = float(np.sum(np.sqrt(np.sum(Delta * Delta, axis=1))))
    dF = np.zeros_like(F)
    dF[1:] += 2 * n * Delta
    dF[:-1] -= 2 * n * Delta
    dlogits = dF
    da = (dlogits @ params["Wo"].T) * (1 - g * g)
    dZ = da @ params["Wd"].T
    dZ[0] = 0
    dZ[-1] = 0
    return energy, length, dZ
'''),
        dict(why="dZ by the given numerical_gradient of the energy (the routine does the exercise's backward pass)",
             hidden_only=True, audit="library", code='''
def path_energy(params, Z):
    n = Z.shape[0] - 1
    def parts(Z):
        F = sigmoid(decode(params, Z)[0])
        Delta = F[1:] - F[:-1]
        return float(n * np.sum(Delta * Delta)), float(np.sum(np.sqrt(np.sum(Delta * Delta, axis=1))))
    energy, length = parts(Z)
    W = Z.astype(np.float64)
    dZ = numerical_gradient(lambda: parts(W)[0], W).astype(Z.dtype)
    dZ[0] = 0
    dZ[-1] = 0
    return energy, length, dZ
'''),
    ],
    "isomap": [
        dict(why="mutual k-NN graph (an edge only if each point is among the other's k nearest; the docstring says OR)",
             hidden_only=True, audit='promise', code=_variant(_ISOMAP, "    E = E | E.T\n", "    E = E & E.T\n")),
        dict(why="classical MDS on the Euclidean distances (no neighbour graph): this is PCA and does not unroll",
             hidden_only=True, code='''
def isomap(X, n_neighbors, n_components=2):
    N = X.shape[0]
    G = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    J = np.eye(N) - np.ones((N, N)) / N
    B = -0.5 * J @ (G ** 2) @ J
    vals, vecs = np.linalg.eigh(B)
    top = np.argsort(vals)[::-1][:n_components]
    return vecs[:, top] * np.sqrt(np.maximum(vals[top], 0.0))
'''),
        dict(why="takes the eigenvectors of the SMALLEST eigenvalues (eigh sorts ascending)", hidden_only=False, audit='lesson', code=_variant(_ISOMAP,
             "    top = np.argsort(vals)[::-1][:n_components]\n    return vecs[:, top] * np.sqrt(np.maximum(vals[top], 0.0))",
             "    return vecs[:, :n_components] * np.sqrt(np.abs(vals[:n_components]))")),
        dict(why="double-centres the distances instead of the SQUARED distances", hidden_only=False, audit='lesson', code=_variant(_ISOMAP, "J @ (G ** 2) @ J", "J @ G @ J")),
        dict(why="scales the eigenvectors by lambda instead of sqrt(lambda)", hidden_only=False, code=_variant(_ISOMAP, "np.sqrt(np.maximum(vals[top], 0.0))", "vals[top]")),
        dict(why="distances by the Gram expansion |x|^2 + |y|^2 - 2 x.y (CS231n's no-loop trick): catastrophic "
                 "cancellation for points far from the origin (a shift by 1e6 ruins the neighbour distances)",
             hidden_only=True, audit="stability", code=_variant(_ISOMAP,
             "    D = np.sqrt(np.maximum(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1), 0.0))\n",
             "    sq = np.sum(X * X, axis=1)\n    D = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * X @ X.T, 0.0))\n")),
        dict(why="each point counted as its own nearest neighbour (argsort(D)[:, :k] keeps the zero distance): "
                 "k - 1 real neighbours", hidden_only=True, audit="lesson", code=_variant(_ISOMAP,
             "np.argsort(D + np.diag(np.full(N, np.inf)), axis=1)[:, :n_neighbors]", "np.argsort(D, axis=1)[:, :n_neighbors]")),
        dict(why="directed k-NN graph (no symmetrisation): the shortest-path 'distances' are not symmetric and "
                 "eigh reads one triangle of B", hidden_only=True, audit="lesson", code=_variant(_ISOMAP, "    E = E | E.T\n", "")),
    ],
}

NOT_APPLICABLE = {
    "gaussian_kl": {
        "library": "no NumPy routine gives the Gaussian KL (SciPy and torch, which could, are not in the course "
                   "environment); the exercise is the closed form itself",
    },
    "bernoulli_log_likelihood": {
        "library": "the docstring allows np.logaddexp / np.log1p (the exercise is the softplus form and the sum); "
                   "SciPy's bernoulli.logpmf / log_expit are not in the course environment",
    },
    "pixel_baseline_nll": {
        "stability": "no exp; alpha > 0 keeps every p_j in [alpha/(N+2alpha), 1 - alpha/(N+2alpha)] and 1 - p is exact "
                     "for p >= 1/2 (Sterbenz), so log(1 - p) and log1p(-p) agree; the log(0) of an unsmoothed "
                     "estimate is the recorded 'no smoothing' answer",
        "library": "no library routine fits and scores the model (SciPy's bernoulli is not in the course "
                   "environment); sum, mean and log are the arithmetic the exercise is made of",
    },
    "vae_forward": {
        "library": "composes the given encode/decode with the student's own functions of sections 1-3; no routine "
                   "computes a VAE's ELBO in NumPy (no torch in the course environment)",
    },
    "vae_backward": {
        "stability": "products of tanh derivatives, exp(logvar / 2) and the given tanh-form sigmoid; even a naive "
                     "1 / (1 + exp(-l)) inlined here returns the right limit 0 on overflow, so no input separates "
                     "a stable from an unstable form",
    },
    "path_energy": {
        "stability": "decoded probabilities lie in [0, 1]: squares and square roots of differences bounded by 1, "
                     "no exp beyond the given sigmoid, and Delta is the quantity itself (no cancellation to avoid)",
    },
    "isomap": {
        "library": "the docstring allows np.linalg.eigh (the exercise is the graph, the geodesics and the double "
                   "centring); SciPy's csgraph.shortest_path and scikit-learn's Isomap are not in the course environment",
    },
}

ALTERNATIVES = {
    "gaussian_kl": [
        dict(why="written with sigma: sum of -log(sigma) + (sigma^2 + mu^2) / 2 - 1/2", code='''
def gaussian_kl(mu, logvar):
    sigma = np.exp(0.5 * logvar)
    return np.sum(-np.log(sigma) + 0.5 * (sigma ** 2 + mu ** 2) - 0.5, axis=1)
'''),
    ],
    "bernoulli_log_likelihood": [
        dict(why="np.logaddexp for the two cases: -log(1 + e^-l) for x = 1 and -log(1 + e^l) for x = 0", code='''
def bernoulli_log_likelihood(x, logits):
    return -np.sum(x * np.logaddexp(0, -logits) + (1 - x) * np.logaddexp(0, logits), axis=1)
'''),
    ],
    "pixel_baseline_nll": [
        dict(why="per-pixel np.where over the test images", code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    N = len(X_train)
    p = (np.sum(X_train, axis=0) + alpha) / (N + 2.0 * alpha)
    ll = np.where(X_test == 1, np.log(p), np.log(1 - p)).sum(axis=1)
    return -float(ll.mean())
'''),
    ],
    "isomap": [
        dict(why="Dijkstra with heapq for the geodesics and explicit row/column centring", code='''
def isomap(X, n_neighbors, n_components=2):
    import heapq
    N = X.shape[0]
    D = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=-1)
    adj = [dict() for _ in range(N)]
    for i in range(N):
        for j in np.argsort(D[i])[1:n_neighbors + 1]:
            adj[i][int(j)] = adj[int(j)][i] = D[i, j]
    G = np.full((N, N), np.inf)
    for s in range(N):
        G[s, s] = 0.0
        heap = [(0.0, s)]
        while heap:
            g, u = heapq.heappop(heap)
            if g > G[s, u]:
                continue
            for v, w in adj[u].items():
                if g + w < G[s, v]:
                    G[s, v] = g + w
                    heapq.heappush(heap, (g + w, v))
    S = G ** 2
    B = -0.5 * (S - S.mean(axis=0, keepdims=True) - S.mean(axis=1, keepdims=True) + S.mean())
    vals, vecs = np.linalg.eigh(B)
    vals, vecs = vals[::-1][:n_components], vecs[:, ::-1][:, :n_components]
    return vecs * np.sqrt(vals)
'''),
    ],
    "path_energy": [
        dict(why="loops over the steps and accumulates the gradient of each step into both of its points", code='''
def path_energy(params, Z):
    n = len(Z) - 1
    logits, g = decode(params, Z)
    F = sigmoid(logits)
    energy, length = 0.0, 0.0
    dF = np.zeros_like(F)
    for i in range(n):
        step = F[i + 1] - F[i]
        energy += n * float(step @ step)
        length += float(np.sqrt(step @ step))
        dF[i + 1] += 2 * n * step
        dF[i] -= 2 * n * step
    dZ = ((dF * F * (1 - F)) @ params["Wo"].T * (1 - g ** 2)) @ params["Wd"].T
    dZ[[0, n]] = 0.0
    return energy, length, dZ
'''),
    ],
}
