"""Recorded wrong answers and accepted alternatives for 07_advanced_vae/vae.ipynb (instructor-only)."""

WRONG = {
    "reparameterize": [
        dict(why="scales the noise by the variance exp(logvar) instead of the standard deviation exp(logvar / 2)",
             hidden_only=True, code='''
def reparameterize(mu, logvar, eps):
    return mu + np.exp(logvar) * eps
'''),
        dict(why="treats logvar as the standard deviation itself: mu + logvar * eps", hidden_only=False, code='''
def reparameterize(mu, logvar, eps):
    return mu + logvar * eps
'''),
    ],
    "gaussian_kl": [
        dict(why="sign error: returns -KL (the expression inside the ELBO, 0.5 * sum(1 + logvar - mu^2 - exp(logvar)))",
             hidden_only=False, code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(1.0 + logvar - mu ** 2 - np.exp(logvar), axis=1)
'''),
        dict(why="averages over the latent dimensions instead of summing", hidden_only=True, code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.mean(mu ** 2 + np.exp(logvar) - 1.0 - logvar, axis=1)
'''),
        dict(why="reads logvar as log(sigma): uses exp(2 * logvar) for the variance and logvar for log(sigma^2)",
             hidden_only=False, code='''
def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(mu ** 2 + np.exp(2 * logvar) - 1.0 - logvar, axis=1)
'''),
    ],
    "bernoulli_log_likelihood": [
        dict(why="naive formula: log of a sigmoid that has rounded to 0 or 1 gives -inf for large logits",
             hidden_only=True, code='''
def bernoulli_log_likelihood(x, logits):
    p = 1.0 / (1.0 + np.exp(-logits))
    return np.sum(x * np.log(p) + (1 - x) * np.log(1 - p), axis=1)
'''),
        dict(why="clips the probability to [1e-12, 1 - 1e-12] before the log: finite, but wrong by up to "
                 "hundreds of nats for large logits", hidden_only=True, code='''
def bernoulli_log_likelihood(x, logits):
    p = np.clip(0.5 * (1.0 + np.tanh(0.5 * logits)), 1e-12, 1 - 1e-12)
    return np.sum(x * np.log(p) + (1 - x) * np.log(1 - p), axis=1)
'''),
        dict(why="averages over the pixels instead of summing", hidden_only=False, code='''
def bernoulli_log_likelihood(x, logits):
    return np.mean(x * logits - np.logaddexp(0, logits), axis=1)
'''),
        dict(why="returns the binary cross-entropy (the NEGATIVE log-likelihood)", hidden_only=False, code='''
def bernoulli_log_likelihood(x, logits):
    return np.sum(np.logaddexp(0, logits) - x * logits, axis=1)
'''),
    ],
    "pixel_baseline_nll": [
        dict(why="no smoothing: p_j = count_j / N (ignores alpha), so p can be 0 or 1", hidden_only=False, code='''
def pixel_baseline_nll(X_train, X_test, alpha=1.0):
    p = X_train.mean(axis=0)
    with np.errstate(divide="ignore"):
        ll = X_test @ np.log(p) + (1 - X_test) @ np.log(1 - p)
    return float(-np.mean(ll))
'''),
        dict(why="sums over the test images instead of averaging (total, not per image)", hidden_only=True, code='''
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
    ],
    "vae_forward": [
        dict(why="KL sign flipped: subtracts the KL (uses the ELBO's -KL term inside the negative ELBO)", hidden_only=True, code='''
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
        dict(why="samples z with the variance instead of the standard deviation", hidden_only=True, code='''
def vae_forward(params, x, eps):
    mu, logvar, h = encode(params, x)
    z = mu + np.exp(logvar) * eps
    logits, g = decode(params, z)
    neg_elbo = -bernoulli_log_likelihood(x, logits) + gaussian_kl(mu, logvar)
    return neg_elbo, (params, x, eps, h, mu, logvar, z, g, logits)
'''),
    ],
    "vae_backward": [
        dict(why="forgets the KL's direct gradient: dmu and dlogvar only through z (the encoder's variance then "
                 "grows unchecked and the held-out -ELBO is far above the baseline)", hidden_only=False, code='''
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
    dmu = dz
    dlogvar = dz * eps * 0.5 * np.exp(0.5 * logvar)
    grads["Wmu"] = h.T @ dmu
    grads["bmu"] = dmu.sum(axis=0)
    grads["Wlv"] = h.T @ dlogvar
    grads["blv"] = dlogvar.sum(axis=0)
    da_enc = (dmu @ params["Wmu"].T + dlogvar @ params["Wlv"].T) * (1 - h * h)
    grads["We"] = x.T @ da_enc
    grads["be"] = da_enc.sum(axis=0)
    return grads
'''),
        dict(why="d sigma / d logvar taken as sigma (forgets the factor 1/2 of exp(logvar / 2))", hidden_only=True, code='''
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
    dlogvar = dz * eps * std + 0.5 * (std * std - 1) / B
    grads["Wmu"] = h.T @ dmu
    grads["bmu"] = dmu.sum(axis=0)
    grads["Wlv"] = h.T @ dlogvar
    grads["blv"] = dlogvar.sum(axis=0)
    da_enc = (dmu @ params["Wmu"].T + dlogvar @ params["Wlv"].T) * (1 - h * h)
    grads["We"] = x.T @ da_enc
    grads["be"] = da_enc.sum(axis=0)
    return grads
'''),
        dict(why="gradient of the batch SUM, not the mean (forgets to divide by B)", hidden_only=True, code='''
def vae_backward(cache):
    params, x, eps, h, mu, logvar, z, g, logits = cache
    grads = {}
    dlogits = sigmoid(logits) - x
    grads["Wo"] = g.T @ dlogits
    grads["bo"] = dlogits.sum(axis=0)
    da_dec = (dlogits @ params["Wo"].T) * (1 - g * g)
    grads["Wd"] = z.T @ da_dec
    grads["bd"] = da_dec.sum(axis=0)
    dz = da_dec @ params["Wd"].T
    std = np.exp(0.5 * logvar)
    dmu = dz + mu
    dlogvar = dz * eps * 0.5 * std + 0.5 * (std * std - 1)
    grads["Wmu"] = h.T @ dmu
    grads["bmu"] = dmu.sum(axis=0)
    grads["Wlv"] = h.T @ dlogvar
    grads["blv"] = dlogvar.sum(axis=0)
    da_enc = (dmu @ params["Wmu"].T + dlogvar @ params["Wlv"].T) * (1 - h * h)
    grads["We"] = x.T @ da_enc
    grads["be"] = da_enc.sum(axis=0)
    return grads
'''),
    ],
    "path_energy": [
        dict(why="forgets to hold the endpoints fixed: rows 0 and n of dZ are not zeroed (the docstring's promise; "
                 "descent would move the two digits themselves)", hidden_only=True, code='''
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
                 "before it too)", hidden_only=True, code='''
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
        dict(why="measures the path on the decoder's logits instead of the pixel probabilities", hidden_only=False, code='''
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
    ],
    "isomap": [
        dict(why="mutual k-NN graph (an edge only if each point is among the other's k nearest; the docstring says OR)",
             hidden_only=True, code='''
def isomap(X, n_neighbors, n_components=2):
    N = X.shape[0]
    D = np.sqrt(np.maximum(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1), 0.0))
    nearest = np.argsort(D + np.diag(np.full(N, np.inf)), axis=1)[:, :n_neighbors]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], nearest] = True
    E = E & E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    J = np.eye(N) - np.ones((N, N)) / N
    B = -0.5 * J @ (G ** 2) @ J
    vals, vecs = np.linalg.eigh(B)
    top = np.argsort(vals)[::-1][:n_components]
    return vecs[:, top] * np.sqrt(np.maximum(vals[top], 0.0))
'''),
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
        dict(why="takes the eigenvectors of the SMALLEST eigenvalues (eigh sorts ascending)", hidden_only=False, code='''
def isomap(X, n_neighbors, n_components=2):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(D, axis=1)[:, 1:n_neighbors + 1]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], nearest] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    J = np.eye(N) - np.ones((N, N)) / N
    vals, vecs = np.linalg.eigh(-0.5 * J @ (G ** 2) @ J)
    return vecs[:, :n_components] * np.sqrt(np.abs(vals[:n_components]))
'''),
        dict(why="double-centres the distances instead of the SQUARED distances", hidden_only=False, code='''
def isomap(X, n_neighbors, n_components=2):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(D, axis=1)[:, 1:n_neighbors + 1]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], nearest] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    J = np.eye(N) - np.ones((N, N)) / N
    vals, vecs = np.linalg.eigh(-0.5 * J @ G @ J)
    top = np.argsort(vals)[::-1][:n_components]
    return vecs[:, top] * np.sqrt(np.maximum(vals[top], 0.0))
'''),
        dict(why="scales the eigenvectors by lambda instead of sqrt(lambda)", hidden_only=False, code='''
def isomap(X, n_neighbors, n_components=2):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(D, axis=1)[:, 1:n_neighbors + 1]
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
    return vecs[:, top] * vals[top]
'''),
    ],
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
